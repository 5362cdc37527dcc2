//! Delivery (spec/sns.md §5;
//! <https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html>,
//! <https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html>).
//!
//! A published message is offered to every confirmed subscription it was published to
//! ([`super::fan_out`]). For each match, delivery builds the payload (the envelope, or with
//! `RawMessageDelivery` the bare message and, for SQS, the attributes as SQS message
//! attributes, §5.3) and delivers it. SQS receives `MessageGroupId` and
//! `MessageDeduplicationId` per §5.4.
//!
//! * **Client-side errors** (a missing queue, a queue policy that does not allow the topic,
//!   more than 10 attributes to a raw SQS subscription, an HTTP 4xx) are never retried.
//! * **Server-side errors** (HTTP 5xx and 429) are retried per the subscription's effective
//!   delivery policy on the virtual clock.
//! * A delivery that finally fails goes to the subscription's dead-letter queue
//!   (`RedrivePolicy`) with the exact payload, else it is dropped. The subscription stays.
//!
//! Metrics (AWS/SNS, dimension `TopicName`, §5.10): `NumberOfMessagesPublished`,
//! `PublishSize`, `NumberOfNotificationsDelivered`, `NumberOfNotificationsFailed`,
//! `NumberOfNotificationsFilteredOut` and its `-MessageAttributes`, `-MessageBody`,
//! `-InvalidAttributes`, `-NoMessageAttributes`, `-InvalidMessageBody` causes,
//! `NumberOfNotificationsRedrivenToDlq`, `NumberOfNotificationsFailedToRedriveToDlq`.
//!
//! # Fidelity
//! * The deliveries and filter drops of one fan-out are recorded as one sample each (value =
//!   count), so `Sum` is exact but `SampleCount` counts fan-outs, not notifications.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::OnceCell;

use super::delivery_policy::SubscriptionDeliveryPolicy;
use super::endpoint::{self, SinkMessage};
use super::envelope;
use super::lazy_explanation::LazyExplanation;
use super::metrics::{TopicMetric, TopicMetrics};
use super::subscription::{Protocol, Subscription};
use super::{arn, SnsEvent, SnsTimer};
use crate::message_attributes::MessageAttributes;
use crate::sqs::body::{MessageBody, SharedText};
use crate::sqs::delivery::SqsDelivery;
use crate::sqs::message_attributes::check_attributes;
use crate::sqs::stored_attributes::StoredAttributes;
use crate::time::{Instant, SECOND};
use crate::{ApiError, Cloud};

/// SQS accepts at most 10 message attributes (§5.3).
pub const MAX_SQS_ATTRIBUTES: usize = 10;
/// The principal SNS sends to SQS as (queue policies name it).
pub const SNS_PRINCIPAL: &str = "sns.amazonaws.com";

/// A message SNS accepted, shared by every delivery of it.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedMessage {
    pub message_id: Rc<str>,
    pub topic_arn: Rc<str>,
    pub fifo: bool,
    pub subject: Option<String>,
    /// The `Message` parameter as published.
    pub message: String,
    /// With `MessageStructure=json`: the string-valued keys.
    pub structure: Option<BTreeMap<String, String>>,
    /// Shared with the raw SQS deliveries of the message.
    pub attributes: Rc<MessageAttributes>,
    pub group_id: Option<String>,
    /// FIFO: the explicit or content-based deduplication id.
    pub dedup_id: Option<String>,
    pub sequence_number: Option<String>,
    pub published_at: Instant,
    /// `published_at` as envelopes show it (ISO 8601 with milliseconds), written when an
    /// envelope first needs it: raw and filtered-out deliveries never do.
    pub timestamp_text: OnceCell<String>,
    pub trace_header: Option<String>,
    /// The topic's envelope text, with its `SignatureVersion` (`"1"` or `"2"`).
    pub frame: Rc<envelope::EnvelopeFrame>,
    pub signature: envelope::Signature,
    /// The topic's metric keys.
    pub metrics: TopicMetrics,
    /// The envelope for the `sqs` text, built by the first delivery that needs it and shared
    /// by the others (see [`envelope::EnvelopeParts`]).
    pub envelope: OnceCell<envelope::EnvelopeParts>,
    /// SQS's verdict on `attributes` as message attributes (their size, or the error), for
    /// raw deliveries: checked once for all the queues that receive them.
    pub sqs_attributes: OnceCell<Result<usize, ApiError>>,
    /// The `sqs` text as the body of raw SQS deliveries, shared by them (built on first use).
    pub raw_sqs_body: OnceCell<MessageBody>,
}

impl PublishedMessage {
    /// `Timestamp` of envelopes: [`PublishedMessage::published_at`] in ISO 8601.
    pub fn timestamp_text(&self) -> &str {
        self.timestamp_text.get_or_init(|| self.published_at.iso8601_millis())
    }

    /// The message for a protocol (§4.2): its key in a JSON structure, else `default`.
    pub fn message_for(&self, protocol: Protocol) -> &str {
        match &self.structure {
            None => &self.message,
            Some(s) => {
                s.get(protocol.as_str()).or_else(|| s.get("default")).map_or(&self.message, String::as_str)
            }
        }
    }

    /// The SQS size of `attributes` when SQS accepts them as message attributes.
    fn sqs_attributes_size(&self) -> Option<usize> {
        self.sqs_attributes.get_or_init(|| check_attributes(&self.attributes)).as_ref().ok().copied()
    }

    /// The envelope parts of the `sqs` text, built on first use.
    pub fn envelope(&self, region: &str) -> &envelope::EnvelopeParts {
        self.envelope
            .get_or_init(|| envelope::EnvelopeParts::new(self, self.message_for(Protocol::Sqs), region))
    }
}

/// One delivery attempt of a message to a subscription (1 = first try).
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    pub message: Rc<PublishedMessage>,
    pub subscription_arn: Rc<str>,
    pub number: u64,
    pub explanation: Option<LazyExplanation>,
}

/// The payload built for one subscription.
struct Payload {
    /// The text; for SQS envelopes the message's shared pieces.
    body: MessageBody,
    /// SQS message attributes (raw delivery only).
    attributes: StoredAttributes,
    headers: Vec<(String, String)>,
}

/// How an attempt ended.
enum Outcome {
    Delivered,
    /// Not retried: straight to the DLQ.
    ClientError(String),
    /// Retryable.
    ServerError(String),
}

impl Cloud {
    pub(crate) fn sns_count(&mut self, msg: &PublishedMessage, metric: TopicMetric, value: f64) {
        msg.metrics.record(&mut self.ctx.metrics, metric, self.ctx.now, value);
    }

    fn sns_payload(&self, msg: &PublishedMessage, sub: &Subscription, sub_arn: &Rc<str>) -> Payload {
        let region = self.ctx.region();
        let text = msg.message_for(sub.protocol);
        let raw = sub.attributes.raw;
        if sub.protocol == Protocol::Sqs {
            let (body, attributes) = sqs_body(msg, raw, region, sub_arn, sub.arn_is_plain);
            return Payload { body, attributes, headers: Vec::new() };
        }
        let attributes = StoredAttributes::default();
        let mut headers = Vec::new();
        let body = match sub.protocol {
            Protocol::Http | Protocol::Https | Protocol::Firehose if raw => MessageBody::from(text),
            Protocol::Email | Protocol::Sms | Protocol::Application => MessageBody::from(text),
            Protocol::Lambda => envelope::lambda_event(msg, text, region, &sub.arn).into(),
            _ if text == msg.message_for(Protocol::Sqs) => {
                msg.envelope(region).for_subscription(&sub.arn).into()
            }
            _ => envelope::notification(msg, text, region, &sub.arn).into(),
        };
        if sub.protocol.is_http() {
            let content_type = self
                .sns
                .topics
                .get(&sub.topic_arn)
                .and_then(|t| {
                    SubscriptionDeliveryPolicy::effective(
                        &t.delivery_policy,
                        sub.attributes.delivery_policy.as_deref(),
                    )
                    .ok()
                })
                .map(|p| p.header_content_type)
                .unwrap_or_else(|| super::delivery_policy::DEFAULT_CONTENT_TYPE.into());
            headers = endpoint::http_headers(
                "Notification",
                &msg.message_id,
                &msg.topic_arn,
                Some(&sub.arn),
                raw,
                &content_type,
            );
        } else if sub.protocol == Protocol::Email {
            headers.push((
                "Subject".into(),
                msg.subject.clone().unwrap_or_else(|| "AWS Notification Message".into()),
            ));
        }
        Payload { body, attributes, headers }
    }

    /// The SQS message for a payload (moved in: the payload is built per attempt).
    fn sns_sqs_delivery(&self, msg: &PublishedMessage, queue_arn: &Rc<str>, p: Payload) -> SqsDelivery {
        sqs_delivery(msg, queue_arn, p.body, p.attributes)
    }
}

/// The body and attributes SQS receives for a subscription (§5.3): the envelope, or with raw
/// delivery the message and its attributes (shared with the other raw deliveries).
fn sqs_body(
    msg: &PublishedMessage,
    raw: bool,
    region: &str,
    sub_arn: &Rc<str>,
    arn_is_plain: bool,
) -> (MessageBody, StoredAttributes) {
    if raw {
        let body = msg.raw_sqs_body.get_or_init(|| {
            MessageBody::shared(Rc::new(SharedText::new(msg.message_for(Protocol::Sqs).into())))
        });
        (body.clone(), StoredAttributes::Shared(Rc::clone(&msg.attributes)))
    } else {
        (msg.envelope(region).for_sqs(sub_arn, arn_is_plain), StoredAttributes::default())
    }
}

/// The SQS message carrying `body` and `attributes` of `msg` to the queue `queue_arn` (§5.4).
fn sqs_delivery(
    msg: &PublishedMessage,
    queue_arn: &Rc<str>,
    body: MessageBody,
    attributes: StoredAttributes,
) -> SqsDelivery {
    let fifo_queue = arn::is_fifo_name(queue_arn);
    let (group, dedup) = match (msg.fifo, fifo_queue) {
        (true, true) => (msg.group_id.clone(), msg.dedup_id.clone()),
        (true, false) => (None, None),
        (false, _) => (msg.group_id.clone(), None),
    };
    // Raw deliveries carry the message's attributes: SQS's check of them is shared.
    let attributes_size = if attributes.is_empty() { None } else { msg.sqs_attributes_size() };
    SqsDelivery {
        queue_arn: Rc::clone(queue_arn),
        body,
        message_attributes: attributes,
        attributes_size,
        message_group_id: group,
        message_deduplication_id: dedup,
        aws_trace_header: msg.trace_header.clone(),
        source_arn: Some(Rc::clone(&msg.topic_arn)),
        principal_service: Some(SNS_PRINCIPAL),
    }
}

impl Cloud {
    /// A retry (`SnsTimer::Retry`).
    pub(crate) fn sns_retry(&mut self, attempt: Attempt) {
        let msg = Rc::clone(&attempt.message);
        if self.sns_attempt(attempt) {
            self.sns_count(&msg, TopicMetric::NumberOfNotificationsDelivered, 1.0);
        }
    }

    /// One delivery attempt (first try from the fan-out, retries from `SnsTimer::Retry`); true
    /// when it was delivered (the caller counts `NumberOfNotificationsDelivered`).
    pub(crate) fn sns_attempt(&mut self, attempt: Attempt) -> bool {
        let Some(sub) = self.sns.subscriptions.get(&*attempt.subscription_arn) else { return false };
        let sub = sub.clone();
        self.sns_deliver_to(attempt, &sub)
    }

    /// One delivery attempt to `sub`, the subscription `attempt` names as it is now.
    pub(crate) fn sns_deliver_to(&mut self, attempt: Attempt, sub: &Subscription) -> bool {
        let msg = Rc::clone(&attempt.message);
        let msg = &*msg;
        let (protocol, endpoint_text) = (sub.protocol, sub.endpoint.clone());
        let dlq = sub.attributes.dead_letter_target_arn.clone();
        let outcome = self.sns_send(msg, sub, &attempt);
        self.sns_attempt_outcome(attempt, outcome, (protocol, endpoint_text, dlq))
    }

    /// One attempt to an SQS subscription.
    fn sns_to_sqs(&mut self, msg: &PublishedMessage, sub: &Subscription, sub_arn: &Rc<str>) -> Outcome {
        let raw = sub.attributes.raw;
        if raw && msg.attributes.len() > MAX_SQS_ATTRIBUTES {
            return Outcome::ClientError(format!(
                "Raw message delivery to SQS supports at most {MAX_SQS_ATTRIBUTES} message attributes; the message has {}.",
                msg.attributes.len()
            ));
        }
        let (body, attributes) = sqs_body(msg, raw, self.ctx.region(), sub_arn, sub.arn_is_plain);
        match self.sqs_deliver_hinted(sqs_delivery(msg, &sub.endpoint, body, attributes), &sub.queue_slot) {
            Ok(_) => Outcome::Delivered,
            Err(e) => Outcome::ClientError(format!("{}: {}", e.code, e.message)),
        }
    }

    /// One attempt's send to the subscription's endpoint.
    fn sns_send(&mut self, msg: &PublishedMessage, sub: &Subscription, attempt: &Attempt) -> Outcome {
        if sub.protocol == Protocol::Sqs {
            return self.sns_to_sqs(msg, sub, &attempt.subscription_arn);
        }
        let payload = self.sns_payload(msg, sub, &attempt.subscription_arn);
        let (protocol, endpoint_text) = (sub.protocol, &sub.endpoint);
        match protocol {
            Protocol::Lambda => {
                match self.lambda_invoke_async(
                    endpoint_text,
                    payload.body.into_string(),
                    &attempt.subscription_arn,
                ) {
                    Ok(()) => Outcome::Delivered,
                    Err(e) => Outcome::ClientError(format!("{}: {}", e.code, e.message)),
                }
            }
            Protocol::Firehose => {
                let stream = endpoint_text.rsplit_once("deliverystream/").map_or("", |(_, n)| n).to_string();
                match self.firehose_put_record(&stream, payload.body.into_string().into_bytes()) {
                    Ok(_) => Outcome::Delivered,
                    Err(e) => Outcome::ClientError(format!("{}: {}", e.code, e.message)),
                }
            }
            _ => {
                let status = protocol.is_http().then(|| endpoint::http_status(endpoint_text, attempt.number));
                self.sns.sinks.push(SinkMessage {
                    endpoint: endpoint_text.to_string(),
                    protocol: protocol.as_str().into(),
                    body: payload.body.into_string(),
                    headers: payload.headers,
                    status,
                    token: None,
                    received_at: self.ctx.now,
                });
                match status {
                    None | Some(200..=299) => Outcome::Delivered,
                    Some(s) if endpoint::is_retryable(s) => Outcome::ServerError(format!("HTTP {s}")),
                    Some(s) => Outcome::ClientError(format!("HTTP {s}")),
                }
            }
        }
    }

    /// How an attempt ended: events, retry, metrics and the dead-letter queue.
    fn sns_attempt_outcome(
        &mut self,
        mut attempt: Attempt,
        outcome: Outcome,
        (protocol, endpoint_text, dlq): (Protocol, Rc<str>, Option<String>),
    ) -> bool {
        let msg = Rc::clone(&attempt.message);
        let msg = &*msg;
        let (reason, server_error) = match outcome {
            Outcome::Delivered => {
                self.ctx.emit(SnsEvent::NotificationDelivered {
                    topic_arn: msg.topic_arn.clone(),
                    message_id: msg.message_id.clone(),
                    subscription: attempt.subscription_arn.clone(),
                    endpoint: endpoint_text,
                    protocol: protocol.as_str(),
                    explanation: attempt.explanation.take(),
                    attempt: attempt.number,
                });
                return true;
            }
            Outcome::ClientError(r) => (r, false),
            Outcome::ServerError(r) => (r, true),
        };
        let retry_in = if server_error { self.sns_retry_delay(&attempt) } else { None };
        self.ctx.emit(SnsEvent::DeliveryFailed {
            topic_arn: msg.topic_arn.clone(),
            message_id: msg.message_id.clone(),
            subscription: attempt.subscription_arn.clone(),
            endpoint: endpoint_text,
            protocol: protocol.as_str(),
            reason,
            will_retry: retry_in.is_some(),
            attempt: attempt.number,
        });
        if let Some(secs) = retry_in {
            let at = self.ctx.now.plus(secs * SECOND);
            self.ctx.emit(SnsEvent::DeliveryRetried {
                topic_arn: msg.topic_arn.clone(),
                message_id: msg.message_id.clone(),
                subscription: attempt.subscription_arn.clone(),
                attempt: attempt.number + 1,
            });
            self.ctx.schedule(at, SnsTimer::Retry(Attempt { number: attempt.number + 1, ..attempt }));
            return false;
        }
        self.sns_count(msg, TopicMetric::NumberOfNotificationsFailed, 1.0);
        if let Some(dlq) = dlq {
            // The exact payload again (a pure function of message and subscription).
            let delivered = match self.sns.subscriptions.get(&*attempt.subscription_arn) {
                Some(sub) => {
                    let payload = self.sns_payload(msg, sub, &attempt.subscription_arn);
                    self.sqs_deliver(self.sns_sqs_delivery(msg, &Rc::from(dlq.as_str()), payload)).is_ok()
                }
                None => false,
            };
            let metric = if delivered {
                TopicMetric::NumberOfNotificationsRedrivenToDlq
            } else {
                TopicMetric::NumberOfNotificationsFailedToRedriveToDlq
            };
            self.sns_count(msg, metric, 1.0);
            self.ctx.emit(SnsEvent::MovedToSubscriptionDlq {
                topic_arn: msg.topic_arn.clone(),
                message_id: msg.message_id.clone(),
                subscription: attempt.subscription_arn.clone(),
                dead_letter_target_arn: dlq,
                delivered,
            });
        }
        false
    }

    /// Seconds until the next retry of a failed HTTP/S attempt, `None` when the policy is
    /// used up.
    fn sns_retry_delay(&self, attempt: &Attempt) -> Option<u64> {
        let sub = self.sns.subscriptions.get(&*attempt.subscription_arn)?;
        let topic = self.sns.topics.get(&sub.topic_arn)?;
        let policy = SubscriptionDeliveryPolicy::effective(
            &topic.delivery_policy,
            sub.attributes.delivery_policy.as_deref(),
        )
        .ok()?;
        policy.healthy.delay_before_retry(attempt.number)
    }

    /// Replays archived messages of a FIFO topic to a subscription with a `ReplayPolicy`.
    pub(crate) fn sns_start_replay(&mut self, subscription_arn: &str) {
        let Some(sub) = self.sns.subscriptions.get(subscription_arn) else { return };
        let Some(window) = sub.attributes.replay else { return };
        let Some(topic) = self.sns.topics.get(&sub.topic_arn) else { return };
        let messages: Vec<Rc<PublishedMessage>> = topic
            .archive
            .iter()
            .filter(|m| m.published_at >= window.start && window.end.is_none_or(|e| m.published_at <= e))
            .cloned()
            .collect();
        let targets: Rc<[Rc<str>]> = Rc::from([Rc::from(subscription_arn)]);
        let at = self.ctx.now.plus(super::DELIVERY_LATENCY_MS);
        for m in messages {
            self.ctx.schedule(
                at,
                SnsTimer::FanOut { message: m, subscriptions: targets.clone(), snapshot: None },
            );
        }
        if let Some(s) = self.sns.subscriptions.get_mut(subscription_arn) {
            s.attributes.replay_status = Some("Completed".into());
            self.sns.subscriptions_generation += 1;
        }
    }
}
