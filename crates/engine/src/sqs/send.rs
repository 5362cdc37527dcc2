//! SendMessage and the enqueue path every producer shares (SendMessageBatch, SNS delivery,
//! move tasks) (spec/sqs.md §4.7, §5.4, §5.8, §6.1;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html>).
//!
//! Validation order: body present, DelaySeconds, attributes, system attributes, body
//! characters, size, MessageGroupId, MessageDeduplicationId. Then: FIFO deduplication
//! (a duplicate answers the original ids), delay (message timer on standard queues, queue
//! delay otherwise), MD5s, metrics and events.
//!
//! # Fidelity
//! * Standard queues: an explicit per-message `DelaySeconds=0` means no delay (spec §14 Q12,
//!   LocalStack's reading); FIFO: `0` is accepted and the queue delay applies.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::{String, ToString};

use super::attributes::MAX_DELAY_SECONDS;
use super::body::MessageBody;
use super::fifo::is_valid_token;
use super::message::{Message, MessageState, SequenceNumber, API_SENDER_ID};
use super::message_attributes::{check_attributes, check_system_attributes, AWS_TRACE_HEADER};
use super::metrics::Counter;
use super::queue::Queue;
use super::stored_attributes::StoredAttributes;
use super::SqsEvent;
use crate::digest::{sha256_hex, Md5Hex};
use crate::message_attributes::{md5_of_attributes, MessageAttributeValue, MessageAttributes};
use crate::time::SECOND;
use crate::{ApiError, Cloud, Ctx};

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SendMessageInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub message_body: Option<String> = "MessageBody",
        pub delay_seconds: Option<i64> = "DelaySeconds",
        pub message_attributes: Option<MessageAttributes> = "MessageAttributes",
        pub message_system_attributes: Option<MessageAttributes> = "MessageSystemAttributes",
        pub message_deduplication_id: Option<String> = "MessageDeduplicationId",
        pub message_group_id: Option<String> = "MessageGroupId",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct SendMessageOutput {
        /// Shared with the stored message and its events.
        pub message_id: Rc<str> = "MessageId",
        pub md5_of_message_body: Md5Hex = "MD5OfMessageBody",
        pub md5_of_message_attributes: Option<String> = "MD5OfMessageAttributes" skip_none,
        pub md5_of_message_system_attributes: Option<String> = "MD5OfMessageSystemAttributes" skip_none,
        pub sequence_number: Option<SequenceNumber> = "SequenceNumber" skip_none,
    }
}

/// Who is sending: the rules differ slightly (spec §4.8 batch wording, spec/sns.md §6 size).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sender {
    Api,
    BatchEntry,
    Sns,
}

/// The members of a send, shared by SendMessage, batch entries and SNS deliveries.
#[derive(Clone, Debug, Default)]
pub(crate) struct SendParts {
    pub body: Option<MessageBody>,
    pub delay_seconds: Option<i64>,
    pub attributes: Option<MessageAttributes>,
    pub system_attributes: Option<MessageAttributes>,
    pub dedup_id: Option<String>,
    pub group_id: Option<String>,
}

/// A validated send, ready to enqueue.
pub(crate) struct Prepared {
    pub body: MessageBody,
    pub attributes: StoredAttributes,
    pub trace_header: Option<String>,
    pub group_id: Option<Rc<str>>,
    /// Where the queue keeps the group, if it exists ([`NO_SLOT`] otherwise).
    pub group_slot: u32,
    pub dedup_id: Option<Rc<str>>,
    pub delay_seconds: u64,
    pub size: usize,
    /// `MD5OfBody` once [`Prepared::digests`] computed it (kept with the message).
    pub md5_of_body: Option<[u8; 16]>,
}

/// A group slot that no group has (a message whose group the store has not placed yet).
pub(crate) const NO_SLOT: u32 = u32::MAX;

/// The digests SendMessage answers.
pub(crate) struct Digests {
    body: [u8; 16],
    attributes: Option<String>,
    system_attributes: Option<String>,
}

impl Prepared {
    /// The digests of this send (only API senders need them: SNS and other producers never
    /// see them, and a receive computes its own).
    pub(crate) fn digests(&mut self) -> Digests {
        let body = match self.md5_of_body {
            Some(m) => m,
            None => self.body.md5(),
        };
        self.md5_of_body = Some(body);
        Digests {
            body,
            attributes: md5_of_attributes(&self.attributes),
            system_attributes: self.trace_header.as_deref().map(md5_of_trace_header),
        }
    }
}

/// Checks the FIFO presence rules (group id, dedup id or content-based deduplication).
pub(crate) fn check_fifo_presence(q: &Queue, p: &SendParts, sender: Sender) -> Result<(), ApiError> {
    if !q.is_fifo() {
        return Ok(());
    }
    if p.group_id.is_none() {
        return Err(match sender {
            Sender::BatchEntry => {
                ApiError::sqs_invalid_parameter("The request must contain the parameter MessageGroupId.")
            }
            _ => ApiError::sqs_missing_parameter("MessageGroupId"),
        });
    }
    if p.dedup_id.is_none() && !q.attributes.content_based_deduplication {
        return Err(ApiError::sqs_invalid_parameter(
            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
        ));
    }
    Ok(())
}

/// Bytes a send counts against the size limits: body plus attributes (spec §5.8).
pub(crate) fn send_size(p: &SendParts) -> usize {
    p.body.as_ref().map_or(0, MessageBody::len)
        + p.attributes.as_ref().map_or(0, |a| a.iter().map(|(k, v)| v.size(k)).sum())
}

/// Validates one send against queue `q`.
pub(crate) fn prepare(
    q: &Queue,
    mut p: SendParts,
    sender: Sender,
    replace_chars: bool,
) -> Result<Prepared, ApiError> {
    let body = p
        .body
        .take()
        .filter(|b| !b.is_empty())
        .ok_or_else(|| ApiError::sqs_missing_parameter("MessageBody"))?;
    if let Some(d) = p.delay_seconds {
        if d < 0 || d > MAX_DELAY_SECONDS as i64 {
            return Err(ApiError::sqs_invalid_value(
                &d.to_string(),
                "DelaySeconds",
                "DelaySeconds must be >= 0 and <= 900.",
            ));
        }
        if q.is_fifo() && d != 0 {
            return Err(ApiError::sqs_invalid_value(
                &d.to_string(),
                "DelaySeconds",
                "The request include parameter that is not valid for this queue type.",
            ));
        }
    }
    let attributes = p.attributes.take().unwrap_or_default();
    let attr_size = check_attributes(&attributes)?;
    let trace_header = match &p.system_attributes {
        Some(s) => check_system_attributes(s)?,
        None => None,
    };
    let body = match body.check(replace_chars)? {
        None => body,
        Some(replaced) => MessageBody::from(replaced),
    };
    let size = body.len() + attr_size;
    let max = q.attributes.maximum_message_size as usize;
    if size > max && sender != Sender::Sns {
        let what = if sender == Sender::BatchEntry { "cannot be validated" } else { "are invalid" };
        return Err(ApiError::sqs_invalid_parameter(alloc::format!(
            "One or more parameters {what}. Reason: Message must be shorter than {max} bytes."
        )));
    }
    check_fifo_presence(q, &p, sender)?;
    if let Some(g) = &p.group_id {
        if !is_valid_token(g) {
            return Err(ApiError::sqs_invalid_value(
                g,
                "MessageGroupId",
                "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
            ));
        }
    }
    let mut dedup_id = p.dedup_id.take();
    if let Some(d) = &dedup_id {
        if !q.is_fifo() {
            return Err(ApiError::sqs_invalid_value(
                d,
                "MessageDeduplicationId",
                "The request includes a parameter that is not valid for this queue type.",
            ));
        }
        if !is_valid_token(d) {
            return Err(ApiError::sqs_invalid_value(
                d,
                "MessageDeduplicationId",
                "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
            ));
        }
    } else if q.is_fifo() {
        dedup_id = Some(match body.as_text() {
            Some(t) => sha256_hex(t.as_bytes()),
            None => sha256_hex(body.to_text().as_bytes()),
        });
    }
    let delay_seconds = match (q.is_fifo(), p.delay_seconds) {
        (false, Some(d)) => d as u64,
        _ => q.attributes.delay_seconds,
    };
    // A group that exists lends its id string (no copy per message) and tells where it is.
    let (group_slot, group_id) = match p.group_id.map(|g| q.store.group(&g).ok_or(g)) {
        Some(Ok((slot, shared))) => (slot, Some(shared)),
        Some(Err(g)) => (NO_SLOT, Some(Rc::from(g))),
        None => (NO_SLOT, None),
    };
    let dedup_id = dedup_id.map(Rc::from);
    Ok(Prepared {
        body,
        attributes: attributes.into(),
        trace_header,
        group_id,
        group_slot,
        dedup_id,
        delay_seconds,
        size,
        md5_of_body: None,
    })
}

/// What an enqueue answers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Enqueued {
    pub message_id: Rc<str>,
    pub sequence_number: Option<u128>,
}

impl Enqueued {
    /// SendMessage's answer, with the send's [`Digests`].
    pub(crate) fn into_output(self, d: Digests) -> SendMessageOutput {
        SendMessageOutput {
            message_id: self.message_id,
            md5_of_message_body: Md5Hex::new(&d.body),
            md5_of_message_attributes: d.attributes,
            md5_of_message_system_attributes: d.system_attributes,
            sequence_number: self.sequence_number.map(SequenceNumber),
        }
    }
}

/// `MD5OfMessageSystemAttributes` of a trace header.
pub(crate) fn md5_of_trace_header(trace: &str) -> String {
    let mut sys = MessageAttributes::new();
    sys.insert(AWS_TRACE_HEADER.to_string(), MessageAttributeValue::string(trace));
    md5_of_attributes(&sys).unwrap_or_default()
}

impl Queue {
    /// Enqueues a validated send: deduplication, delay, metrics, events.
    pub(crate) fn enqueue(
        &mut self,
        ctx: &mut Ctx,
        p: Prepared,
        sender_id: &'static str,
        source_arn: Option<Rc<str>>,
    ) -> Enqueued {
        let now = ctx.now;
        // The window's key hash, computed once for the lookup and the remembering.
        let key = match (&self.dedup, &p.dedup_id) {
            (Some(dedup), Some(did)) => Some(dedup.key_hash(p.group_id.as_ref(), did)),
            _ => None,
        };
        if let (Some(dedup), Some(did), Some(h)) = (&mut self.dedup, &p.dedup_id, key) {
            if let Some(orig) = dedup.lookup(now, h, p.group_id.as_ref(), did) {
                let (message_id, sequence_number) = (orig.message_id(), orig.sequence_number());
                ctx.emit(SqsEvent::MessageDeduplicated {
                    queue: self.name.clone(),
                    message_id: message_id.clone(),
                    deduplication_id: did.clone(),
                    group_id: p.group_id.clone().unwrap_or_else(|| Rc::from("")),
                });
                return Enqueued { message_id, sequence_number: Some(sequence_number) };
            }
        }
        let uuid = ctx.rng.uuid_v4();
        let message_id = uuid.shared();
        let sequence_number = self.sequencer.as_mut().map(|s| s.next(&mut ctx.rng));
        if let (Some(dedup), Some(did), Some(sn), Some(h)) =
            (&mut self.dedup, &p.dedup_id, sequence_number, key)
        {
            dedup.remember(now, h, p.group_id.as_ref(), did, uuid, sn);
        }
        let delayed = p.delay_seconds > 0;
        let visible_at = now.plus(p.delay_seconds * SECOND);
        let seq = self.store.allocate_seq();
        let m = Box::new(Message {
            seq,
            message_id: message_id.clone(),
            body: p.body,
            md5_of_body: p.md5_of_body,
            attributes: p.attributes,
            aws_trace_header: p.trace_header,
            message_group_id: p.group_id,
            group_slot: p.group_slot,
            message_deduplication_id: p.dedup_id,
            sequence_number,
            sent_at: now,
            enqueued_at: now,
            first_received_at: None,
            receive_count: 0,
            state: if delayed { MessageState::Delayed } else { MessageState::Visible },
            visible_at: if delayed { visible_at } else { crate::time::Instant(0) },
            dead_letter_source_arn: None,
            size: p.size,
            visibility_changed: false,
            sender_id,
        });
        ctx.emit(SqsEvent::MessageSent {
            queue: self.name.clone(),
            message_id: message_id.clone(),
            group_id: m.message_group_id.clone(),
            sequence_number: sequence_number.map(SequenceNumber),
            delayed_until: delayed.then_some(visible_at),
            size: p.size as u64,
            source_arn,
        });
        self.store.insert(m);
        self.metrics.count(&mut ctx.metrics, now, Counter::Sent, 1.0);
        self.metrics.count(&mut ctx.metrics, now, Counter::SentMessageSize, p.size as f64);
        self.settle(ctx);
        Enqueued { message_id, sequence_number }
    }
}

impl From<SendMessageInput> for SendParts {
    fn from(i: SendMessageInput) -> Self {
        Self {
            body: i.message_body.map(MessageBody::from),
            delay_seconds: i.delay_seconds,
            attributes: i.message_attributes,
            system_attributes: i.message_system_attributes,
            dedup_id: i.message_deduplication_id,
            group_id: i.message_group_id,
        }
    }
}

impl Cloud {
    /// SendMessage (spec §4.7).
    pub fn send_message(&mut self, mut input: SendMessageInput) -> Result<SendMessageOutput, ApiError> {
        let replace = self.sqs.replace_invalid_characters;
        let url = input.queue_url.take();
        let q = self.sqs.queue_mut(url.as_deref(), self.ctx.account())?;
        let mut prepared = prepare(q, input.into(), Sender::Api, replace)?;
        let digests = prepared.digests();
        Ok(q.enqueue(&mut self.ctx, prepared, API_SENDER_ID, None).into_output(digests))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn system_attribute_digest_matches_aws() {
        let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        assert_eq!(super::md5_of_trace_header(trace), "5ae4d5d7636402d80f4eb6d213245a88");
    }
}
