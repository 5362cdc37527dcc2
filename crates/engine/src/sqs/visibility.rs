//! ChangeMessageVisibility (spec/sqs.md §4.12, §5.2;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html>).
//!
//! * `visible_at = now + VisibilityTimeout`, counted from the call; `0` makes the message
//!   visible at once. The value applies to this receipt only.
//! * 12-hour cap: rejected when `now + t − receive_time(handle) > 43,200 s`, where the receive
//!   time is that of the ReceiveMessage that issued the handle (spec §14 Q3).
//! * Standard queues: a handle whose timeout already ended still works (200) and hides the
//!   message again; a handle from an earlier receive acts on the message too (spec §14 Q5).
//! * FIFO queues: only the live handle inside its timeout; otherwise
//!   `The receipt handle has expired.`
//! * A message that no longer exists: `Message does not exist or is not available for
//!   visibility timeout change.`

use alloc::string::{String, ToString};

use super::attributes::MAX_VISIBILITY_TIMEOUT;
use super::message::MessageState;
use super::queue::Queue;
use super::SqsEvent;
use crate::time::SECOND;
use crate::{ApiError, Cloud, Ctx};

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ChangeMessageVisibilityInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub receipt_handle: Option<String> = "ReceiptHandle",
        pub visibility_timeout: Option<i64> = "VisibilityTimeout",
    }
}

impl Queue {
    /// Changes the visibility of the message behind `handle` (no settle: callers do it).
    pub(crate) fn change_visibility(
        &mut self,
        ctx: &mut Ctx,
        handle: &str,
        timeout: Option<i64>,
    ) -> Result<(), ApiError> {
        let r = self.receipt(handle)?;
        let t = timeout.ok_or_else(|| ApiError::sqs_missing_parameter("VisibilityTimeout"))?;
        if !(0..=MAX_VISIBILITY_TIMEOUT as i64).contains(&t) {
            return Err(ApiError::sqs_invalid_value(
                &t.to_string(),
                "VisibilityTimeout",
                "Must be >= 0 and <= 43200, if provided.",
            ));
        }
        let now = ctx.now;
        let Some(m) = self.store.get(r.seq) else {
            return Err(ApiError::sqs_invalid_value(
                handle,
                "ReceiptHandle",
                "Message does not exist or is not available for visibility timeout change.",
            ));
        };
        let live = matches!(m.state, MessageState::InFlight { receipt, .. } if receipt == r.receipt)
            && m.visible_at > now;
        if self.is_fifo() && !live {
            return Err(ApiError::receipt_handle_expired(handle));
        }
        if m.state == MessageState::Delayed {
            return Err(ApiError::sqs_invalid_value(
                handle,
                "ReceiptHandle",
                "Message does not exist or is not available for visibility timeout change.",
            ));
        }
        let t_ms = t as u64 * SECOND;
        if now.plus(t_ms).since(r.received_at) > MAX_VISIBILITY_TIMEOUT * SECOND {
            return Err(ApiError::sqs_invalid_value(
                &t.to_string(),
                "VisibilityTimeout",
                "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]",
            ));
        }
        let (receipt, received_at) = match m.state {
            MessageState::InFlight { receipt, received_at } => (receipt, received_at),
            _ => (r.receipt, r.received_at),
        };
        let message_id = m.message_id.clone();
        if t == 0 {
            if m.in_flight() {
                self.store.set_visible(r.seq);
            }
        } else {
            self.store.set_in_flight(r.seq, now.plus(t_ms), receipt, received_at);
        }
        if let Some(m) = self.store.get_mut(r.seq) {
            m.visibility_changed = true;
        }
        ctx.emit(SqsEvent::VisibilityChanged {
            queue: self.name.clone(),
            message_id,
            visible_at: now.plus(t_ms),
        });
        Ok(())
    }
}

impl Cloud {
    /// ChangeMessageVisibility.
    pub fn change_message_visibility(&mut self, input: ChangeMessageVisibilityInput) -> Result<(), ApiError> {
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let handle = input.receipt_handle.ok_or_else(|| ApiError::sqs_missing_parameter("ReceiptHandle"))?;
        let result = q.change_visibility(&mut self.ctx, &handle, input.visibility_timeout);
        q.settle(&mut self.ctx);
        result
    }
}
