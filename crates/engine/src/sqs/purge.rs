//! PurgeQueue (spec/sqs.md §4.6;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html>):
//! deletes every message — visible, in flight and delayed — and clears the FIFO
//! deduplication window; one purge per queue per 60 s (`PurgeQueueInProgress`, 403).
//!
//! # Fidelity
//! The purge is atomic at the call (AWS: up to 60 s, and later sends may be caught); later
//! sends survive, as AWS-validated tests expect.

use super::queue::QueueUrlInput;
use super::SqsEvent;
use crate::time::SECOND;
use crate::{ApiError, Cloud};

/// One purge per 60 seconds.
pub const PURGE_INTERVAL_MS: u64 = 60 * SECOND;

impl Cloud {
    /// PurgeQueue.
    pub fn purge_queue(&mut self, input: QueueUrlInput) -> Result<(), ApiError> {
        let now = self.ctx.now;
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        if q.last_purge.is_some_and(|t| now.since(t) < PURGE_INTERVAL_MS) {
            return Err(ApiError::purge_queue_in_progress(&q.name));
        }
        q.last_purge = Some(now);
        let n = q.store.clear();
        if let Some(d) = &mut q.dedup {
            d.clear();
        }
        q.attempts.clear();
        self.ctx.emit(SqsEvent::QueuePurged { queue: q.name.clone(), messages_deleted: n as u64 });
        q.settle(&mut self.ctx);
        Ok(())
    }
}
