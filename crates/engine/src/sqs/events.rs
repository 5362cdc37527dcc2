//! What happened in SQS, as past-tense facts for the playground's animation and the event
//! log. Every message event names its queue and message id (and group, for FIFO).
//!
//! Names, ids and receipt handles are shared `Rc<str>`s (serialised as plain strings): an
//! event costs no copy of what the queue already holds.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use crate::time::Instant;

crate::event::event_enum! {
    /// One SQS event (serialised with `"type": "<Variant>"`).
    #[derive(Clone, Debug, PartialEq)]
    pub enum SqsEvent {
        QueueCreated {
            queue: Rc<str>,
            queue_url: String,
            fifo: bool,
        },
        QueueDeleted {
            queue: Rc<str>,
            queue_url: String,
            messages_dropped: u64,
        },
        QueueAttributesChanged {
            queue: Rc<str>,
            attributes: Vec<String>,
        },
        MessageSent {
            queue: Rc<str>,
            message_id: Rc<str>,
            group_id: Option<Rc<str>> => skip_none,
            sequence_number: Option<super::message::SequenceNumber> => skip_none,
            /// Set when a queue delay or message timer hides the message until then.
            delayed_until: Option<Instant> => skip_none,
            size: u64,
            /// The SNS topic (or other source) that delivered it, if not an API caller.
            source_arn: Option<Rc<str>> => skip_none,
        },
        /// A FIFO send matched the deduplication window: accepted, not enqueued.
        MessageDeduplicated {
            queue: Rc<str>,
            message_id: Rc<str>,
            deduplication_id: Rc<str>,
            group_id: Rc<str>,
        },
        /// A delay ended.
        MessageBecameVisible {
            queue: Rc<str>,
            message_id: Rc<str>,
            group_id: Option<Rc<str>> => skip_none,
        },
        MessageReceived {
            queue: Rc<str>,
            message_id: Rc<str>,
            group_id: Option<Rc<str>> => skip_none,
            receive_count: u32,
            receipt_handle: Rc<str>,
            visible_at: Instant,
            /// True when a ReceiveRequestAttemptId retry returned the earlier answer.
            replayed: bool => skip_false,
        },
        VisibilityTimeoutExpired {
            queue: Rc<str>,
            message_id: Rc<str>,
            group_id: Option<Rc<str>> => skip_none,
            receive_count: u32,
        },
        VisibilityChanged {
            queue: Rc<str>,
            message_id: Rc<str>,
            visible_at: Instant,
        },
        MessageDeleted {
            queue: Rc<str>,
            message_id: Rc<str>,
            group_id: Option<Rc<str>> => skip_none,
        },
        MovedToDeadLetterQueue {
            queue: Rc<str>,
            dead_letter_queue: Rc<str>,
            message_id: Rc<str>,
            receive_count: u32,
        },
        MessageRetentionExpired {
            queue: Rc<str>,
            message_id: Rc<str>,
            in_flight: bool,
        },
        QueuePurged {
            queue: Rc<str>,
            messages_deleted: u64,
        },
        MoveTaskStarted {
            task_handle: String,
            source_arn: String,
            destination_arn: Option<String> => skip_none,
            messages_to_move: u64,
        },
        MoveTaskProgressed {
            task_handle: String,
            message_id: Rc<str>,
            destination_queue: Rc<str>,
            moved: u64,
        },
        MoveTaskCompleted {
            task_handle: String,
            moved: u64,
        },
        MoveTaskFailed {
            task_handle: String,
            moved: u64,
            reason: String,
        },
        MoveTaskCancelled {
            task_handle: String,
            moved: u64,
        },
        /// A long poll waited on the virtual clock.
        ReceiveWaited {
            queue: Rc<str>,
            waited_ms: u64,
            found: bool,
        },
        EmptyReceive {
            queue: Rc<str>,
        },
    }
}
