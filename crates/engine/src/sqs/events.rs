//! What happened in SQS, as past-tense facts for the playground's animation and the event
//! log. Every message event names its queue and message id (and group, for FIFO).

use alloc::string::String;
use alloc::vec::Vec;

use crate::time::Instant;

/// One SQS event (serialised with `"type": "<Variant>"`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "type"))]
pub enum SqsEvent {
    QueueCreated {
        queue: String,
        queue_url: String,
        fifo: bool,
    },
    QueueDeleted {
        queue: String,
        queue_url: String,
        messages_dropped: u64,
    },
    QueueAttributesChanged {
        queue: String,
        attributes: Vec<String>,
    },
    MessageSent {
        queue: String,
        message_id: String,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        group_id: Option<String>,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        sequence_number: Option<String>,
        /// Set when a queue delay or message timer hides the message until then.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        delayed_until: Option<Instant>,
        size: u64,
        /// The SNS topic (or other source) that delivered it, if not an API caller.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        source_arn: Option<String>,
    },
    /// A FIFO send matched the deduplication window: accepted, not enqueued.
    MessageDeduplicated {
        queue: String,
        message_id: String,
        deduplication_id: String,
        group_id: String,
    },
    /// A delay ended.
    MessageBecameVisible {
        queue: String,
        message_id: String,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        group_id: Option<String>,
    },
    MessageReceived {
        queue: String,
        message_id: String,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        group_id: Option<String>,
        receive_count: u32,
        receipt_handle: String,
        visible_at: Instant,
        /// True when a ReceiveRequestAttemptId retry returned the earlier answer.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "core::ops::Not::not"))]
        replayed: bool,
    },
    VisibilityTimeoutExpired {
        queue: String,
        message_id: String,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        group_id: Option<String>,
        receive_count: u32,
    },
    VisibilityChanged {
        queue: String,
        message_id: String,
        visible_at: Instant,
    },
    MessageDeleted {
        queue: String,
        message_id: String,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        group_id: Option<String>,
    },
    MovedToDeadLetterQueue {
        queue: String,
        dead_letter_queue: String,
        message_id: String,
        receive_count: u32,
    },
    MessageRetentionExpired {
        queue: String,
        message_id: String,
        in_flight: bool,
    },
    QueuePurged {
        queue: String,
        messages_deleted: u64,
    },
    MoveTaskStarted {
        task_handle: String,
        source_arn: String,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        destination_arn: Option<String>,
        messages_to_move: u64,
    },
    MoveTaskProgressed {
        task_handle: String,
        message_id: String,
        destination_queue: String,
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
        queue: String,
        waited_ms: u64,
        found: bool,
    },
    EmptyReceive {
        queue: String,
    },
}
