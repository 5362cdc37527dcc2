//! The entry point other services deliver into SQS through (SNS subscriptions;
//! spec/sns.md §6 "What SNS requires from the simulated SQS").
//!
//! [`Cloud::sqs_deliver`] checks that the queue exists and that its Policy lets the sender in
//! ([`Cloud::queue_allows_send_from`]), then runs the normal SendMessage processing — MD5s,
//! `SentTimestamp`, `SenderId`, FIFO deduplication, delays, metrics, events — except that no
//! size limit applies (spec/sns.md §6, "Size").

use alloc::string::String;

use super::message::SNS_SENDER_ID;
use super::message_attributes::AWS_TRACE_HEADER;
use super::send::{prepare, SendParts, Sender};
use crate::message_attributes::{MessageAttributeValue, MessageAttributes};
use crate::{ApiError, Cloud};

/// One message another service hands to a queue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqsDelivery {
    pub queue_arn: String,
    pub body: String,
    pub message_attributes: MessageAttributes,
    pub message_group_id: Option<String>,
    pub message_deduplication_id: Option<String>,
    pub aws_trace_header: Option<String>,
    /// The sender's ARN (e.g. the topic), for the Policy's `aws:SourceArn` condition.
    pub source_arn: Option<String>,
    /// The sending service principal (`"sns.amazonaws.com"`); `None` for a same-account caller.
    pub principal_service: Option<&'static str>,
    /// The MD5 of `body` when the sender already computed it.
    pub md5_of_body: Option<[u8; 16]>,
}

/// What the queue answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqsDelivered {
    pub message_id: String,
    pub sequence_number: Option<String>,
    pub queue_url: String,
}

impl Cloud {
    /// Delivers a message into the queue `delivery.queue_arn` as SendMessage would.
    /// Errors: `QueueDoesNotExist`; `AccessDenied` when the Policy does not allow the sender;
    /// the usual SendMessage validation errors (e.g. more than 10 attributes).
    pub fn sqs_deliver(&mut self, delivery: SqsDelivery) -> Result<SqsDelivered, ApiError> {
        let principal = delivery.principal_service.unwrap_or("");
        let source = delivery.source_arn.as_deref().unwrap_or("");
        if !self.queue_allows_send_from(&delivery.queue_arn, principal, source) {
            if self.sqs.queue_by_arn(&delivery.queue_arn).is_none() {
                return Err(ApiError::queue_does_not_exist());
            }
            return Err(ApiError::sqs_access_denied(
                &delivery.queue_arn,
                if source.is_empty() { principal } else { source },
            ));
        }
        let replace = self.sqs.replace_invalid_characters;
        let q = self.sqs.queue_by_arn_mut(&delivery.queue_arn).ok_or_else(ApiError::queue_does_not_exist)?;
        let system_attributes = delivery.aws_trace_header.map(|t| {
            let mut m = MessageAttributes::new();
            m.insert(String::from(AWS_TRACE_HEADER), MessageAttributeValue::string(t));
            m
        });
        let parts = SendParts {
            body: Some(delivery.body),
            delay_seconds: None,
            attributes: (!delivery.message_attributes.is_empty()).then_some(delivery.message_attributes),
            system_attributes,
            dedup_id: delivery.message_deduplication_id,
            group_id: delivery.message_group_id,
            md5_of_body: delivery.md5_of_body,
        };
        let prepared = prepare(q, parts, Sender::Sns, replace)?;
        let sender = if principal.is_empty() { super::message::API_SENDER_ID } else { SNS_SENDER_ID };
        let out = q.enqueue(&mut self.ctx, prepared, sender, delivery.source_arn).into_output();
        Ok(SqsDelivered {
            message_id: String::from(&*out.message_id),
            sequence_number: out.sequence_number,
            queue_url: q.url.clone(),
        })
    }
}
