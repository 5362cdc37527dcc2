//! DeleteMessage (spec/sqs.md §4.10;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html>).
//!
//! * A handle the queue never issued: `ReceiptHandleIsInvalid`.
//! * A message already gone (deleted, expired, purged, moved): success, no-op.
//! * Standard queues: any handle the message ever had deletes it, also after its visibility
//!   timeout ended or it was received again (spec §14 Q5, the emulators' reading).
//! * FIFO queues: only the live handle, inside its visibility timeout; otherwise
//!   `The receipt handle has expired.`
//! * `NumberOfMessagesDeleted` counts every successful call, duplicates included (spec §10).

use alloc::string::String;

use super::message::MessageState;
use super::metrics::Counter;
use super::queue::Queue;
use super::receipt::Receipt;
use super::SqsEvent;
use crate::{ApiError, Cloud, Ctx};

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct DeleteMessageInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub receipt_handle: Option<String> = "ReceiptHandle",
    }
}

impl Queue {
    /// Reads a handle this queue issued.
    pub(crate) fn receipt(&self, handle: &str) -> Result<Receipt, ApiError> {
        self.issued
            .read(handle)
            .filter(|r| r.queue_id == self.id)
            .ok_or_else(|| ApiError::receipt_handle_is_invalid(handle))
    }

    /// Deletes by receipt handle (no settle: callers do it once).
    pub(crate) fn delete_by_handle(&mut self, ctx: &mut Ctx, handle: &str) -> Result<(), ApiError> {
        let r = self.receipt(handle)?;
        if let Some(m) = self.store.get(r.seq) {
            if self.is_fifo() {
                let live = matches!(m.state, MessageState::InFlight { receipt, .. } if receipt == r.receipt)
                    && m.visible_at > ctx.now;
                if !live {
                    return Err(ApiError::receipt_handle_expired(handle));
                }
            }
            if let Some(m) = self.store.remove(r.seq) {
                ctx.emit(SqsEvent::MessageDeleted {
                    queue: self.name.clone(),
                    message_id: m.message_id,
                    group_id: m.message_group_id,
                });
            }
        }
        self.metrics.count(&mut ctx.metrics, ctx.now, Counter::Deleted, 1.0);
        Ok(())
    }
}

impl Cloud {
    /// DeleteMessage.
    pub fn delete_message(&mut self, input: DeleteMessageInput) -> Result<(), ApiError> {
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let handle = input.receipt_handle.ok_or_else(|| ApiError::sqs_missing_parameter("ReceiptHandle"))?;
        let result = q.delete_by_handle(&mut self.ctx, &handle);
        q.settle(&mut self.ctx);
        result
    }
}
