//! # Amazon SQS
//!
//! Standard and FIFO queues as spec/sqs.md describes AWS: queue lifecycle and attributes,
//! send / receive / delete with visibility timeouts, delay queues and message timers,
//! retention, long polling on the virtual clock, FIFO ordering, group blocking and
//! deduplication, dead-letter queues and redrive move tasks, tags, permissions and
//! CloudWatch metrics. <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html>
//!
//! Each AWS concept has its module: [`queue`] (create, delete, list, URLs), [`attributes`],
//! [`message`], [`store`] (a queue's messages and indexes), [`send`], [`receive`],
//! [`visibility`], [`delete`], [`fifo`], [`redrive`] and [`dead_letter`], [`move_task`],
//! [`purge`], [`tags`], [`permissions`] and [`access_policy`], [`metrics`], [`timers`],
//! [`delivery`] (the entry point SNS delivers through), [`chaos`], [`errors`] and the JSON edge `json`.
//!
//! # Fidelity
//! * Receives are exact by default: `min(MaxNumberOfMessages, eligible)` messages, oldest
//!   first on standard queues; counters are exact and changes apply at once
//!   (api-contract.md rule 2). `--chaos` enables sampled short polls, duplicates and
//!   reordering on standard queues ([`chaos`]).
//! * Module-specific deviations are listed in each module.
//! * spec/sqs.md §14 open questions, each settled as the spec recommends:
//!   Q1 invalid characters are rejected (`InvalidMessageContents`), replacement with U+FFFD
//!   on request ([`Sqs`]); Q2 `MessageNotInflight` is never returned ([`errors`]); Q3 the
//!   12-hour visibility cap counts from the receive that issued the handle ([`visibility`]);
//!   Q4 the FIFO in-flight limit is 120,000 ([`receive`]); Q5 a stale handle after a
//!   re-receive still deletes on standard queues, on FIFO queues only the live handle does
//!   ([`delete`]); Q6 redrive-policy errors use LocalStack's
//!   wording where AWS's is unrecorded ([`redrive`]); Q7 a duplicate FIFO send answers the
//!   original MessageId and SequenceNumber ([`fifo`]); Q8 DeduplicationScope keeps its
//!   creation-time behaviour ([`queue_attributes`]); Q9 across FIFO groups, receives take
//!   groups in the order they became ready, a group re-entering at the back ([`groups`]);
//!   Q10 other attributes' `InvalidAttributeValue` texts follow the recorded
//!   VisibilityTimeout form ([`attributes`]); Q11 throughput quotas (FIFO TPS,
//!   `ThrottlingException`) are not enforced, as §6.4 allows (README, "not modelled");
//!   Q12 an explicit `DelaySeconds=0` on a standard delay queue means no delay ([`send`]).

pub mod access_policy;
pub mod attributes;
pub mod batch_actions;
pub mod body;
pub mod chaos;
pub mod dead_letter;
pub mod delete;
pub mod delivery;
pub mod errors;
pub mod events;
pub mod fifo;
pub mod groups;
pub mod message;
pub mod message_attributes;
pub mod metrics;
pub mod move_task;
pub(crate) mod ordered;
pub mod permissions;
pub mod purge;
pub mod queue;
pub mod queue_attributes;
mod queues;
pub mod receipt;
pub mod receive;
pub mod redrive;
pub mod send;
pub mod store;
pub mod stored_attributes;
pub mod tags;
pub mod timers;
pub mod visibility;

#[cfg(feature = "serde")]
pub(crate) mod json;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod timeline_tests;

use alloc::rc::Rc;
use alloc::string::String;

use crate::collections::VecMap;
use crate::time::Instant;

pub use delivery::{SqsDelivered, SqsDelivery};
pub use events::SqsEvent;
pub use queue::Queue;
pub use queues::SlotHint;
pub use timers::SqsTimer;

/// The state of SQS in one world.
#[derive(Clone, Debug, Default)]
pub struct Sqs {
    /// Queues by name (names are unique per account and region).
    pub(crate) queues: queues::Queues,
    /// Queue incarnation id → name (timers and receipt handles carry the id). Ids only grow,
    /// so a new queue is appended to this sorted `Vec`.
    pub(crate) names_by_id: VecMap<u64, Rc<str>>,
    /// Names deleted in the last 60 s, with when (CreateQueue waits 60 s). A sorted `Vec`:
    /// it holds only the last minute's deletions, and one B-tree type less is ~6 KB less wasm.
    pub(crate) deleted_at: VecMap<String, Instant>,
    pub(crate) next_queue_id: u64,
    pub(crate) move_tasks: move_task::MoveTasks,
    /// Replace invalid body characters with U+FFFD instead of rejecting (spec §14 Q1).
    pub replace_invalid_characters: bool,
}

impl Sqs {
    /// A queue by name.
    pub fn queue(&self, name: &str) -> Option<&Queue> {
        self.queues.get(name)
    }

    /// Every queue, by name.
    pub fn queues(&self) -> impl Iterator<Item = &Queue> {
        self.queues.values()
    }

    pub(crate) fn queue_by_id(&self, id: u64) -> Option<&Queue> {
        self.names_by_id.get(&id).and_then(|n| self.queues.get(n))
    }

    /// The queue an ARN names, if it exists in this world.
    pub fn queue_by_arn(&self, arn: &str) -> Option<&Queue> {
        // The queue named by the ARN's last field, if its ARN is exactly this one (queue
        // names have no `:`, and every queue's ARN is a well-formed `sqs` ARN).
        let name = crate::arn::last_field(arn);
        self.queues.get(name).filter(|q| q.arn == arn)
    }

    /// [`Sqs::queue_by_arn`], mutable.
    pub fn queue_by_arn_mut(&mut self, arn: &str) -> Option<&mut Queue> {
        let name = crate::arn::last_field(arn);
        self.queues.get_mut(name).filter(|q| q.arn == arn)
    }

    /// [`Sqs::queue_by_arn_mut`], looking first in the slot `hint` remembers (and remembering
    /// the slot found): the same queue, one string comparison instead of a search by name.
    pub(crate) fn queue_by_arn_hinted_mut(&mut self, arn: &str, hint: &SlotHint) -> Option<&mut Queue> {
        if let Some(slot) = hint.get() {
            if self.queues.at(slot).is_some_and(|q| q.arn == arn) {
                return self.queues.at_mut(slot);
            }
        }
        let slot = self.queues.slot_of(crate::arn::last_field(arn))?;
        hint.set(slot);
        self.queues.at_mut(slot).filter(|q| q.arn == arn)
    }
}
