//! The entry point other services deliver into SQS through (SNS subscriptions;
//! spec/sns.md §6 "What SNS requires from the simulated SQS").
//!
//! [`Cloud::sqs_deliver`] checks that the queue exists and that its Policy lets the sender in
//! ([`Cloud::queue_allows_send_from`]), then runs the normal SendMessage processing — MD5s,
//! `SentTimestamp`, `SenderId`, FIFO deduplication, delays, metrics, events — except that no
//! size limit applies (spec/sns.md §6, "Size").

use alloc::rc::Rc;
use alloc::string::String;

use super::body::MessageBody;
use super::message::SNS_SENDER_ID;
use super::message_attributes::AWS_TRACE_HEADER;
use super::queue::Queue;
use super::queues::SlotHint;
use super::send::{prepare, Prepared, SendParts, Sender, NO_SLOT};
use super::stored_attributes::StoredAttributes;
use crate::message_attributes::{MessageAttributeValue, MessageAttributes};
use crate::{ApiError, Cloud};

/// One message another service hands to a queue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqsDelivery {
    pub queue_arn: Rc<str>,
    pub body: MessageBody,
    /// The attributes (raw SNS deliveries of one message share them).
    pub message_attributes: StoredAttributes,
    /// `check_attributes(&message_attributes)` when the sender already ran it and it passed
    /// (SNS checks a message's attributes once for all its raw deliveries); `None`: check here.
    pub attributes_size: Option<usize>,
    pub message_group_id: Option<String>,
    pub message_deduplication_id: Option<String>,
    pub aws_trace_header: Option<String>,
    /// The sender's ARN (e.g. the topic), for the Policy's `aws:SourceArn` condition.
    pub source_arn: Option<Rc<str>>,
    /// The sending service principal (`"sns.amazonaws.com"`); `None` for a same-account caller.
    pub principal_service: Option<&'static str>,
}

/// What the queue answered (shared names: SNS fans out to many queues per publish and
/// rarely reads this).
#[derive(Clone, Debug, PartialEq)]
pub struct SqsDelivered {
    pub message_id: Rc<str>,
    /// FIFO queues: the message's `SequenceNumber`.
    pub sequence_number: Option<u128>,
    pub queue: Rc<str>,
}

impl Cloud {
    /// Delivers a message into the queue `delivery.queue_arn` as SendMessage would.
    /// Errors: `QueueDoesNotExist`; `AccessDenied` when the Policy does not allow the sender;
    /// the usual SendMessage validation errors (e.g. more than 10 attributes).
    pub fn sqs_deliver(&mut self, delivery: SqsDelivery) -> Result<SqsDelivered, ApiError> {
        self.sqs_deliver_hinted(delivery, &SlotHint::default())
    }

    /// [`Cloud::sqs_deliver`] by a sender that remembers where its queue is (`hint`).
    pub(crate) fn sqs_deliver_hinted(
        &mut self,
        delivery: SqsDelivery,
        hint: &SlotHint,
    ) -> Result<SqsDelivered, ApiError> {
        let principal = delivery.principal_service.unwrap_or("");
        let source = delivery.source_arn.as_deref().unwrap_or("");
        let replace = self.sqs.replace_invalid_characters;
        let q = self
            .sqs
            .queue_by_arn_hinted_mut(&delivery.queue_arn, hint)
            .ok_or_else(ApiError::queue_does_not_exist)?;
        if !q.allows_send_from(principal, source, &self.ctx.config.account_id) {
            return Err(ApiError::sqs_access_denied(
                &delivery.queue_arn,
                if source.is_empty() { principal } else { source },
            ));
        }
        let prepared = match plain_attributes_size(q, &delivery) {
            Some(attributes_size) => {
                // All that `prepare` checks of a plain delivery: the body's characters.
                let body = match delivery.body.check(replace)? {
                    None => delivery.body,
                    Some(replaced) => MessageBody::from(replaced),
                };
                Prepared {
                    size: body.len() + attributes_size,
                    body,
                    attributes: delivery.message_attributes,
                    trace_header: None,
                    group_id: None,
                    group_slot: NO_SLOT,
                    dedup_id: None,
                    delay_seconds: q.attributes.delay_seconds,
                    md5_of_body: None,
                }
            }
            None => prepare_delivery(
                q,
                delivery.body,
                delivery.message_attributes,
                delivery.attributes_size,
                DeliveryIds {
                    group: delivery.message_group_id,
                    dedup: delivery.message_deduplication_id,
                    trace: delivery.aws_trace_header,
                },
                replace,
            )?,
        };
        let sender = if principal.is_empty() { super::message::API_SENDER_ID } else { SNS_SENDER_ID };
        let out = q.enqueue(&mut self.ctx, prepared, sender, delivery.source_arn);
        Ok(SqsDelivered {
            message_id: out.message_id,
            sequence_number: out.sequence_number,
            queue: Rc::clone(&q.name),
        })
    }
}

/// The size of a delivery's attributes when the delivery is plain — a standard queue, a
/// body, no group or deduplication id, no trace header, and attributes none or already
/// checked — so that `prepare` would check only the body's characters; `None` otherwise.
fn plain_attributes_size(q: &Queue, d: &SqsDelivery) -> Option<usize> {
    let plain = !q.is_fifo()
        && !d.body.is_empty()
        && d.message_group_id.is_none()
        && d.message_deduplication_id.is_none()
        && d.aws_trace_header.is_none();
    match d.attributes_size {
        _ if !plain => None,
        Some(size) => Some(size),
        None => d.message_attributes.is_empty().then_some(0),
    }
}

/// A delivery's ids (group, deduplication) and trace header.
struct DeliveryIds {
    group: Option<String>,
    dedup: Option<String>,
    trace: Option<String>,
}

/// SendMessage's checks of a delivery (no size limit, spec/sns.md §6); attributes already
/// checked (`attributes_size`) are added after them: their check is `prepare`'s only use of
/// them, and an empty body still fails first.
fn prepare_delivery(
    q: &Queue,
    body: MessageBody,
    attributes: StoredAttributes,
    attributes_size: Option<usize>,
    ids: DeliveryIds,
    replace: bool,
) -> Result<Prepared, ApiError> {
    let system_attributes = ids.trace.map(|t| {
        let mut m = MessageAttributes::new();
        m.insert(String::from(AWS_TRACE_HEADER), MessageAttributeValue::string(t));
        m
    });
    let (unchecked, checked) = match attributes_size {
        Some(size) if !body.is_empty() => (None, Some((attributes, size))),
        _ => ((!attributes.is_empty()).then(|| attributes.into_owned()), None),
    };
    let parts = SendParts {
        body: Some(body),
        delay_seconds: None,
        attributes: unchecked,
        system_attributes,
        dedup_id: ids.dedup,
        group_id: ids.group,
    };
    let mut prepared = prepare(q, parts, Sender::Sns, replace)?;
    if let Some((attributes, size)) = checked {
        prepared.attributes = attributes;
        prepared.size += size;
    }
    Ok(prepared)
}
