//! Publish and PublishBatch (spec/sns.md §4;
//! <https://docs.aws.amazon.com/sns/latest/api/API_Publish.html>,
//! <https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html>).
//!
//! Publish validates in this order (§4.1): Subject, empty Message, PhoneNumber, message
//! attributes, size (body + attribute names, types and values ≤ 262,144 bytes), FIFO group
//! and deduplication ids, `MessageDeduplicationId` on a standard topic, `MessageStructure=json`,
//! then the topic. Nothing is published unless everything passes. PublishBatch checks the
//! entry count, distinct ids, id format and the topic first, then every entry in order, then
//! the total size (§4.5); any failure fails the whole request.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::OnceCell;
use serde_json::Value;

use super::delivery::PublishedMessage;
use super::endpoint::SinkMessage;
use super::fan_out::{share_filter_policies, SubscriptionSnapshot};
use super::fifo::Remembered;
use super::message_attributes::{self as attrs, Location};
use super::metrics::TopicMetric;
use super::subscription::is_e164;
use super::{arn, envelope, SnsEvent, SnsTimer, DELIVERY_LATENCY_MS};
use crate::batch;
use crate::digest::sha256_hex;
use crate::message_attributes::MessageAttributes;
use crate::{ApiError, Cloud};

/// Largest message: body plus attribute names, types and values, in bytes (aws-doc).
pub const MAX_MESSAGE_BYTES: usize = 262_144;
/// PublishBatch entries (aws-doc).
pub const MAX_BATCH_ENTRIES: usize = batch::MAX_ENTRIES;
/// Longest batch entry `Id` (aws-doc).
pub const MAX_BATCH_ID_LEN: usize = batch::MAX_ID_LEN;
/// Subjects must be shorter than 100 characters (aws-doc).
pub const MAX_SUBJECT_CHARS: usize = 99;
/// Longest `MessageGroupId` / `MessageDeduplicationId` (aws-doc).
pub const MAX_FIFO_ID_LEN: usize = 128;

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct PublishInput {
        pub topic_arn: Option<String> = "TopicArn",
        pub target_arn: Option<String> = "TargetArn",
        pub phone_number: Option<String> = "PhoneNumber",
        pub message: Option<String> = "Message",
        pub subject: Option<String> = "Subject",
        pub message_structure: Option<String> = "MessageStructure",
        pub message_attributes: Option<MessageAttributes> = "MessageAttributes",
        pub message_deduplication_id: Option<String> = "MessageDeduplicationId",
        pub message_group_id: Option<String> = "MessageGroupId",
        /// The request's `X-Amzn-Trace-Id` header, passed on to SQS as `AWSTraceHeader`.
        pub trace_header: Option<String> = _,
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct PublishOutput {
        pub message_id: String = "MessageId",
        pub sequence_number: Option<String> = "SequenceNumber" skip_none,
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct PublishBatchRequestEntry {
        pub id: Option<String> = "Id",
        pub message: Option<String> = "Message",
        pub subject: Option<String> = "Subject",
        pub message_structure: Option<String> = "MessageStructure",
        pub message_attributes: Option<MessageAttributes> = "MessageAttributes",
        pub message_deduplication_id: Option<String> = "MessageDeduplicationId",
        pub message_group_id: Option<String> = "MessageGroupId",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct PublishBatchInput {
        pub topic_arn: Option<String> = "TopicArn",
        pub publish_batch_request_entries: Option<Vec<PublishBatchRequestEntry>>
            = "PublishBatchRequestEntries",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct PublishBatchResultEntry {
        pub id: String = "Id",
        pub message_id: String = "MessageId",
        pub sequence_number: Option<String> = "SequenceNumber" skip_none,
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct BatchResultErrorEntry {
        pub id: String = "Id",
        pub code: String = "Code",
        pub message: Option<String> = "Message" skip_none,
        pub sender_fault: bool = "SenderFault",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct PublishBatchOutput {
        pub successful: Vec<PublishBatchResultEntry> = "Successful",
        pub failed: Vec<BatchResultErrorEntry> = "Failed",
    }
}

/// A message that passed validation, ready to publish (`message` and `attributes` are moved
/// in from the request after the checks, see [`Checked::with`]).
struct Checked {
    subject: Option<String>,
    message: String,
    structure: Option<BTreeMap<String, String>>,
    attributes: MessageAttributes,
    group_id: Option<String>,
    dedup_id: Option<String>,
    size: usize,
}

impl Checked {
    fn with(mut self, message: Option<String>, attributes: Option<MessageAttributes>) -> Self {
        self.message = message.unwrap_or_default();
        self.attributes = attributes.unwrap_or_default();
        self
    }
}

/// The parts of one message to check (a Publish request or a PublishBatch entry).
struct Parts<'a> {
    subject: Option<&'a str>,
    message: Option<&'a str>,
    structure: Option<&'a str>,
    attributes: Option<&'a MessageAttributes>,
    group_id: Option<&'a str>,
    dedup_id: Option<&'a str>,
}

impl<'a> From<&'a PublishBatchRequestEntry> for Parts<'a> {
    fn from(e: &'a PublishBatchRequestEntry) -> Self {
        Parts {
            subject: e.subject.as_deref(),
            message: e.message.as_deref(),
            structure: e.message_structure.as_deref(),
            attributes: e.message_attributes.as_ref(),
            group_id: e.message_group_id.as_deref(),
            dedup_id: e.message_deduplication_id.as_deref(),
        }
    }
}

fn check_subject(subject: Option<&str>) -> Result<(), ApiError> {
    let Some(s) = subject else { return Ok(()) };
    if s.is_empty() || s.chars().count() > MAX_SUBJECT_CHARS || s.chars().any(char::is_control) {
        return Err(ApiError::sns_invalid("Subject"));
    }
    Ok(())
}

fn check_fifo_id(param: &str, value: &str) -> Result<(), ApiError> {
    let ok = !value.is_empty()
        && value.len() <= MAX_FIFO_ID_LEN
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b.is_ascii_punctuation());
    if ok {
        Ok(())
    } else {
        Err(ApiError::sns_invalid(&format!(
            "{param} Reason: {param} can only include alphanumeric and punctuation characters. 1 to 128 in length."
        )))
    }
}

/// `MessageStructure=json`: the string-valued keys; `default` required (§4.1 step 8).
fn parse_structure(message: &str) -> Result<BTreeMap<String, String>, ApiError> {
    let Ok(Value::Object(obj)) = crate::json_text::from_str::<Value>(message) else {
        return Err(ApiError::sns_invalid("Message Structure - JSON message body failed to parse"));
    };
    let map: BTreeMap<String, String> =
        crate::collections::btree_map(obj.into_iter().filter_map(|(k, v)| match v {
            Value::String(s) => Some((k, s)),
            _ => None,
        }));
    if !map.contains_key("default") {
        return Err(ApiError::sns_invalid("Message Structure - No default entry in JSON message body"));
    }
    Ok(map)
}

/// The first two checks of every message (§4.1 steps 1–2): Subject, then an empty Message.
fn check_subject_and_message(p: &Parts<'_>) -> Result<(), ApiError> {
    check_subject(p.subject)?;
    if p.message.unwrap_or_default().is_empty() {
        return Err(ApiError::sns_invalid("Empty message"));
    }
    Ok(())
}

/// Checks one message against a topic whose FIFO-ness is `fifo` (and whose content-based
/// deduplication is `cbd`, asked only for FIFO topics), after
/// [`check_subject_and_message`].
fn check_message(
    p: &Parts<'_>,
    at: Location,
    fifo: bool,
    cbd: impl FnOnce() -> Result<bool, ApiError>,
    check_size: bool,
) -> Result<Checked, ApiError> {
    let message = p.message.unwrap_or_default();
    let empty = MessageAttributes::new();
    let attributes = p.attributes.unwrap_or(&empty);
    attrs::validate(attributes, at)?;
    let size = message.len() + attrs::size(attributes);
    if check_size && size > MAX_MESSAGE_BYTES {
        return Err(ApiError::sns_invalid("Message too long"));
    }
    let structure_first = matches!(at, Location::BatchEntry(_));
    let structure = |s: Option<&str>| -> Result<Option<BTreeMap<String, String>>, ApiError> {
        match s {
            None => Ok(None),
            Some("json") => parse_structure(message).map(Some),
            Some(_) => Err(ApiError::sns_invalid("MessageStructure")),
        }
    };
    let parsed = if structure_first { Some(structure(p.structure)?) } else { None };
    if fifo {
        let Some(group) = p.group_id else {
            return Err(ApiError::sns_invalid("The MessageGroupId parameter is required for FIFO topics"));
        };
        check_fifo_id("MessageGroupId", group)?;
        match p.dedup_id {
            Some(d) => check_fifo_id("MessageDeduplicationId", d)?,
            None if !cbd()? => {
                return Err(ApiError::sns_invalid(
                    "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
                ))
            }
            None => {}
        }
    } else {
        if p.dedup_id.is_some() {
            return Err(ApiError::sns_invalid(
                "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
            ));
        }
        if let Some(g) = p.group_id {
            check_fifo_id("MessageGroupId", g)?;
        }
    }
    let structure = match parsed {
        Some(s) => s,
        None => structure(p.structure)?,
    };
    Ok(Checked {
        subject: p.subject.map(str::to_string),
        message: String::new(),
        structure,
        attributes: MessageAttributes::new(),
        group_id: p.group_id.map(str::to_string),
        dedup_id: p.dedup_id.map(str::to_string),
        size,
    })
}

impl Cloud {
    /// Publish: to a topic (`TopicArn`/`TargetArn`) or straight to a phone (`PhoneNumber`).
    pub fn publish(&mut self, input: PublishInput) -> Result<PublishOutput, ApiError> {
        // Taken apart so that the message and its attributes move into the published message
        // while the target is still borrowed (no copy of the ARN per publish).
        let PublishInput {
            topic_arn,
            target_arn,
            phone_number,
            message,
            subject,
            message_structure,
            message_attributes,
            message_deduplication_id,
            message_group_id,
            trace_header,
        } = input;
        let (param, target) = match (&topic_arn, &target_arn) {
            (Some(t), _) => ("TopicArn", Some(t.as_str())),
            (None, Some(t)) => ("TargetArn", Some(t.as_str())),
            (None, None) => ("TopicArn", None),
        };
        let phone = phone_number.as_deref();
        let fifo = target.is_some_and(arn::is_fifo_name);
        let parts = Parts {
            subject: subject.as_deref(),
            message: message.as_deref(),
            structure: message_structure.as_deref(),
            attributes: message_attributes.as_ref(),
            group_id: message_group_id.as_deref(),
            dedup_id: message_deduplication_id.as_deref(),
        };
        check_subject_and_message(&parts)?;
        if let Some(p) = phone {
            if !is_e164(p) {
                return Err(ApiError::sns_invalid(&format!(
                    "PhoneNumber Reason: {p} is not valid to publish to"
                )));
            }
        }
        let checked = check_message(
            &parts,
            Location::Publish,
            fifo && phone.is_none(),
            || Ok(self.sns_topic(param, target)?.content_based_deduplication()),
            true,
        )?;
        let checked = checked.with(message, message_attributes);
        if let (Some(p), None) = (phone, target) {
            return Ok(self.sns_publish_sms(p, &checked));
        }
        let Some(target) = target else {
            return Err(ApiError::sns_invalid(
                "TopicArn or TargetArn Reason: no value for required parameter",
            ));
        };
        if param == "TargetArn" && target.contains(":endpoint/") {
            return Err(ApiError::sns_invalid(
                "TargetArn Reason: No endpoint found for the target arn specified",
            ));
        }
        self.sns_topic(param, Some(target))?;
        Ok(self.sns_publish_checked(target, checked, trace_header))
    }

    fn sns_publish_sms(&mut self, phone: &str, m: &Checked) -> PublishOutput {
        let message_id = self.ctx.rng.uuid();
        let body = m.structure.as_ref().and_then(|s| s.get("sms").or(s.get("default"))).unwrap_or(&m.message);
        self.sns.sinks.push(SinkMessage {
            endpoint: phone.to_string(),
            protocol: "sms".into(),
            body: body.clone(),
            headers: Vec::new(),
            status: None,
            token: None,
            received_at: self.ctx.now,
        });
        PublishOutput { message_id, sequence_number: None }
    }

    /// PublishBatch.
    pub fn publish_batch(&mut self, input: PublishBatchInput) -> Result<PublishBatchOutput, ApiError> {
        let entries = input.publish_batch_request_entries.unwrap_or_default();
        // SNS's order (§4.5): too many, empty, distinct ids, then each id's syntax.
        if entries.len() > MAX_BATCH_ENTRIES {
            return Err(ApiError::sns_too_many_entries());
        }
        if entries.is_empty() {
            return Err(ApiError::sns_empty_batch());
        }
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_deref().unwrap_or_default()).collect();
        if batch::check_distinct(ids.iter().copied()).is_err() {
            return Err(ApiError::sns_batch_ids_not_distinct());
        }
        if let Some(id) = ids.iter().find(|id| !batch::is_valid_id(id)) {
            let why = if id.len() > MAX_BATCH_ID_LEN {
                "is too long"
            } else {
                "contains an impermissible character"
            };
            return Err(ApiError::sns_invalid_batch_entry_id(format!(
                "The Id of a batch entry in the batch request {why}: {id}"
            )));
        }
        let topic_arn = input.topic_arn.unwrap_or_default();
        let topic = self.sns_topic("TopicArn", Some(&topic_arn))?;
        let (fifo, cbd) = (topic.fifo, topic.content_based_deduplication());
        let mut checked = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let parts = Parts::from(e);
            check_subject_and_message(&parts)?;
            checked.push(check_message(&parts, Location::BatchEntry(i), fifo, || Ok(cbd), false)?);
        }
        if checked.iter().map(|c| c.size).sum::<usize>() > MAX_MESSAGE_BYTES {
            return Err(ApiError::sns_batch_too_long());
        }
        let mut successful = Vec::with_capacity(checked.len());
        for (c, e) in checked.into_iter().zip(entries) {
            let c = c.with(e.message, e.message_attributes);
            let out = self.sns_publish_checked(&topic_arn, c, None);
            successful.push(PublishBatchResultEntry {
                id: e.id.unwrap_or_default(),
                message_id: out.message_id,
                sequence_number: out.sequence_number,
            });
        }
        Ok(PublishBatchOutput { successful, failed: Vec::new() })
    }

    /// Accepts a checked message on an existing topic: FIFO deduplication and sequencing,
    /// archive, metrics, and the fan-out timer.
    fn sns_publish_checked(
        &mut self,
        topic_arn: &str,
        m: Checked,
        trace_header: Option<String>,
    ) -> PublishOutput {
        let now = self.ctx.now;
        let Some(topic) = self.sns.topics.get_mut(topic_arn) else {
            return PublishOutput { message_id: self.ctx.rng.uuid(), sequence_number: None };
        };
        let fifo = topic.fifo;
        let (mut dedup_id, mut sequence_number) = (None, None);
        let message_id = self.ctx.rng.uuid_shared();
        let topic_arn: Rc<str> = Rc::clone(&topic.arn);
        if fifo {
            let d = m.dedup_id.clone().unwrap_or_else(|| sha256_hex(m.message.as_bytes()));
            let scope =
                if topic.dedup_per_group() { m.group_id.clone().unwrap_or_default() } else { String::new() };
            if let Some(orig) = topic.fifo_state.duplicate_of(now, &scope, &d) {
                self.ctx.emit(SnsEvent::MessagePublished {
                    topic_arn,
                    message_id: Rc::from(orig.message_id.as_str()),
                    sequence_number: Some(orig.sequence_number.clone()),
                    message_group_id: m.group_id,
                    subscriptions: 0,
                    duplicate: true,
                });
                return PublishOutput {
                    message_id: orig.message_id,
                    sequence_number: Some(orig.sequence_number),
                };
            }
            let seq = topic.fifo_state.next_sequence(&mut self.ctx.rng);
            topic.fifo_state.remember(
                now,
                &scope,
                &d,
                Remembered { message_id: message_id.to_string(), sequence_number: seq.clone() },
            );
            dedup_id = Some(d);
            sequence_number = Some(seq);
        }
        let targets = {
            let generation = self.sns.subscriptions_generation;
            if topic.targets_generation != Some(generation) {
                let subs = &self.sns.subscriptions;
                let confirmed =
                    topic.subscriptions.iter().filter(|a| subs.get(*a).is_some_and(|s| !s.pending));
                if !topic.targets.iter().map(|t| &**t).eq(confirmed.clone().map(String::as_str)) {
                    topic.targets = confirmed.clone().map(|a| Rc::from(a.as_str())).collect();
                }
                let mut states: Vec<_> = confirmed.filter_map(|a| subs.get(a).cloned()).collect();
                share_filter_policies(&mut states);
                topic.snapshot = Some(SubscriptionSnapshot { generation, subscriptions: states.into() });
                topic.targets_generation = Some(generation);
            }
            Rc::clone(&topic.targets)
        };
        let topic_snapshot = topic.snapshot.clone();
        let signature =
            if fifo { envelope::Signature::none() } else { envelope::Signature::draw(&mut self.ctx.rng) };
        let message = PublishedMessage {
            message_id: message_id.clone(),
            topic_arn: Rc::clone(&topic_arn),
            fifo,
            subject: m.subject,
            message: m.message,
            structure: m.structure,
            attributes: Rc::new(m.attributes),
            group_id: m.group_id.clone(),
            dedup_id,
            sequence_number: sequence_number.clone(),
            published_at: now,
            timestamp_text: OnceCell::new(),
            trace_header,
            frame: topic.envelope_frame(&self.ctx.config.region),
            signature,
            metrics: topic.metrics,
            envelope: OnceCell::new(),
            sqs_attributes: OnceCell::new(),
            raw_sqs_body: OnceCell::new(),
        };
        let message = Rc::new(message);
        if topic.archive_started.is_some() {
            let days =
                topic.attribute("ArchivePolicy").and_then(|p| super::topic_attributes::archive_days(p).ok());
            let keep_from = now.millis().saturating_sub(days.unwrap_or(0) * crate::time::DAY);
            topic.archive.retain(|a| a.published_at.millis() >= keep_from);
            topic.archive.push(message.clone());
        }
        let count = targets.len();
        message.metrics.record(&mut self.ctx.metrics, TopicMetric::NumberOfMessagesPublished, now, 1.0);
        message.metrics.record(&mut self.ctx.metrics, TopicMetric::PublishSize, now, m.size as f64);
        self.ctx.emit(SnsEvent::MessagePublished {
            topic_arn,
            message_id: message_id.clone(),
            sequence_number: sequence_number.clone(),
            message_group_id: m.group_id,
            subscriptions: count,
            duplicate: false,
        });
        if count > 0 {
            self.ctx.schedule(
                now.plus(DELIVERY_LATENCY_MS),
                SnsTimer::FanOut { message, subscriptions: targets, snapshot: topic_snapshot },
            );
        }
        PublishOutput { message_id: String::from(&*message_id), sequence_number }
    }
}
