//! SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch (spec/sqs.md §4.8,
//! §4.11, §4.12). Request-level rules come from [`crate::batch`] and fail the whole call;
//! entry-level problems land in `Failed` with HTTP 200.
//!
//! SendMessageBatch checks, in order: empty, too many, entry ids, FIFO group/dedup
//! presence, distinct ids, total size (1,048,576 bytes, whatever the queue's
//! MaximumMessageSize), then each entry. FIFO entries are enqueued in request order.

use alloc::string::String;
use alloc::vec::Vec;

use super::attributes::MAX_MESSAGE_SIZE;
use super::body::MessageBody;
use super::message::API_SENDER_ID;
use super::send::{check_fifo_presence, prepare, send_size, SendMessageOutput, SendParts, Sender};
use crate::batch::{check_count_and_ids, check_distinct};
use crate::message_attributes::MessageAttributes;
use crate::{ApiError, Cloud};

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SendMessageBatchRequestEntry {
        pub id: Option<String> = "Id",
        pub message_body: Option<String> = "MessageBody",
        pub delay_seconds: Option<i64> = "DelaySeconds",
        pub message_attributes: Option<MessageAttributes> = "MessageAttributes",
        pub message_system_attributes: Option<MessageAttributes> = "MessageSystemAttributes",
        pub message_deduplication_id: Option<String> = "MessageDeduplicationId",
        pub message_group_id: Option<String> = "MessageGroupId",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SendMessageBatchInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub entries: Option<Vec<SendMessageBatchRequestEntry>> = "Entries",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SendMessageBatchResultEntry {
        pub id: String = "Id",
        /// The same members a single `SendMessage` answers.
        pub result: SendMessageOutput = flatten,
    }
}

crate::shape::output_shape! {
    /// `BatchResultErrorEntry`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct BatchResultErrorEntry {
        pub id: String = "Id",
        pub sender_fault: bool = "SenderFault",
        pub code: String = "Code",
        pub message: String = "Message",
    }
}

impl BatchResultErrorEntry {
    fn from_error(id: &str, e: ApiError) -> Self {
        Self { id: id.into(), sender_fault: e.sender_fault, code: e.code.into(), message: e.message }
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SendMessageBatchOutput {
        pub successful: Vec<SendMessageBatchResultEntry> = "Successful",
        pub failed: Vec<BatchResultErrorEntry> = "Failed",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct DeleteMessageBatchRequestEntry {
        pub id: Option<String> = "Id",
        pub receipt_handle: Option<String> = "ReceiptHandle",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct DeleteMessageBatchInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub entries: Option<Vec<DeleteMessageBatchRequestEntry>> = "Entries",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ChangeMessageVisibilityBatchRequestEntry {
        pub id: Option<String> = "Id",
        pub receipt_handle: Option<String> = "ReceiptHandle",
        pub visibility_timeout: Option<i64> = "VisibilityTimeout",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ChangeMessageVisibilityBatchInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub entries: Option<Vec<ChangeMessageVisibilityBatchRequestEntry>> = "Entries",
    }
}

crate::shape::output_shape! {
    /// `{Id}` of a successful delete or visibility change.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct BatchResultEntry {
        pub id: String = "Id",
    }
}

crate::shape::output_shape! {
    /// Output of DeleteMessageBatch and ChangeMessageVisibilityBatch.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct BatchOutput {
        pub successful: Vec<BatchResultEntry> = "Successful",
        pub failed: Vec<BatchResultErrorEntry> = "Failed",
    }
}

/// An entry is validated and enqueued exactly as a SendMessage with the same members
/// ([`super::send::prepare`], with the batch wording of [`Sender::BatchEntry`]).
impl From<SendMessageBatchRequestEntry> for SendParts {
    fn from(e: SendMessageBatchRequestEntry) -> Self {
        Self {
            body: e.message_body.map(MessageBody::from),
            delay_seconds: e.delay_seconds,
            attributes: e.message_attributes,
            system_attributes: e.message_system_attributes,
            dedup_id: e.message_deduplication_id,
            group_id: e.message_group_id,
        }
    }
}

fn id_of(id: &Option<String>) -> &str {
    id.as_deref().unwrap_or("")
}

impl Cloud {
    /// SendMessageBatch (spec §4.8).
    pub fn send_message_batch(
        &mut self,
        input: SendMessageBatchInput,
    ) -> Result<SendMessageBatchOutput, ApiError> {
        const ENTRY: &str = "SendMessageBatchRequestEntry";
        let replace = self.sqs.replace_invalid_characters;
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let entries = input.entries.unwrap_or_default();
        check_count_and_ids(entries.iter().map(|e| id_of(&e.id)))
            .map_err(|p| ApiError::sqs_batch(p, ENTRY))?;
        let parts: Vec<(String, SendParts)> =
            entries.into_iter().map(|mut e| (e.id.take().unwrap_or_default(), e.into())).collect();
        for (_, p) in &parts {
            check_fifo_presence(q, p, Sender::BatchEntry)?;
        }
        check_distinct(parts.iter().map(|(id, _)| id.as_str())).map_err(|p| ApiError::sqs_batch(p, ENTRY))?;
        let total: usize = parts.iter().map(|(_, p)| send_size(p)).sum();
        if total > MAX_MESSAGE_SIZE as usize {
            return Err(ApiError::batch_request_too_long(total));
        }
        let mut out = SendMessageBatchOutput::default();
        for (id, p) in parts {
            match prepare(q, p, Sender::BatchEntry, replace) {
                Ok(mut prepared) => {
                    let digests = prepared.digests();
                    let result = q.enqueue(&mut self.ctx, prepared, API_SENDER_ID, None).into_output(digests);
                    out.successful.push(SendMessageBatchResultEntry { id, result });
                }
                Err(e) => out.failed.push(BatchResultErrorEntry::from_error(&id, e)),
            }
        }
        Ok(out)
    }

    /// DeleteMessageBatch (spec §4.11).
    pub fn delete_message_batch(&mut self, input: DeleteMessageBatchInput) -> Result<BatchOutput, ApiError> {
        const ENTRY: &str = "DeleteMessageBatchRequestEntry";
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let entries = input.entries.unwrap_or_default();
        check_count_and_ids(entries.iter().map(|e| id_of(&e.id)))
            .map_err(|p| ApiError::sqs_batch(p, ENTRY))?;
        check_distinct(entries.iter().map(|e| id_of(&e.id))).map_err(|p| ApiError::sqs_batch(p, ENTRY))?;
        let mut out = BatchOutput::default();
        for e in entries {
            let id = e.id.unwrap_or_default();
            let result = match &e.receipt_handle {
                Some(h) => q.delete_by_handle(&mut self.ctx, h),
                None => Err(ApiError::sqs_missing_parameter("ReceiptHandle")),
            };
            match result {
                Ok(()) => out.successful.push(BatchResultEntry { id }),
                Err(err) => out.failed.push(BatchResultErrorEntry::from_error(&id, err)),
            }
        }
        q.settle(&mut self.ctx);
        Ok(out)
    }

    /// ChangeMessageVisibilityBatch (spec §4.12).
    pub fn change_message_visibility_batch(
        &mut self,
        input: ChangeMessageVisibilityBatchInput,
    ) -> Result<BatchOutput, ApiError> {
        const ENTRY: &str = "ChangeMessageVisibilityBatchRequestEntry";
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let entries = input.entries.unwrap_or_default();
        check_count_and_ids(entries.iter().map(|e| id_of(&e.id)))
            .map_err(|p| ApiError::sqs_batch(p, ENTRY))?;
        check_distinct(entries.iter().map(|e| id_of(&e.id))).map_err(|p| ApiError::sqs_batch(p, ENTRY))?;
        let mut out = BatchOutput::default();
        for e in entries {
            let id = e.id.unwrap_or_default();
            let result = match &e.receipt_handle {
                Some(h) => q.change_visibility(&mut self.ctx, h, e.visibility_timeout),
                None => Err(ApiError::sqs_missing_parameter("ReceiptHandle")),
            };
            match result {
                Ok(()) => out.successful.push(BatchResultEntry { id }),
                Err(err) => out.failed.push(BatchResultErrorEntry::from_error(&id, err)),
            }
        }
        q.settle(&mut self.ctx);
        Ok(out)
    }
}
