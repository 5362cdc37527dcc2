//! Subscriptions: Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions and
//! ListSubscriptionsByTopic (spec/sns.md §1.4, §3;
//! <https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html>).
//!
//! * Protocols: `http`, `https`, `email`, `email-json`, `sms`, `sqs`, `application`, `lambda`,
//!   `firehose`. FIFO topics accept only `sqs` (FIFO **and** standard queues); a FIFO queue
//!   cannot subscribe to a standard topic.
//! * `http`, `https`, `email` and `email-json` subscriptions, and endpoints in another
//!   account, stay pending until ConfirmSubscription with the token the endpoint received;
//!   pending subscriptions receive nothing. Same-account `sqs`, `lambda`, `firehose`,
//!   `application` and `sms` subscriptions are confirmed at once.
//! * Subscribe is idempotent for the same topic, protocol and endpoint when the given
//!   attributes (normalised) equal the existing ones.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::endpoint::SinkMessage;
use super::envelope::{self, Confirmation};
use super::subscription_attributes::{self as attrs, Origin};
use super::{arn, pagination, SnsEvent};
use crate::sqs::SlotHint;
use crate::{ApiError, Cloud};

/// Subscriptions per FIFO topic (aws-doc, features page).
pub const MAX_FIFO_SUBSCRIPTIONS: usize = 100;
/// Subscriptions per standard topic (aws-doc, features page).
pub const MAX_STANDARD_SUBSCRIPTIONS: usize = 12_500_000;
/// Filter policies per topic (aws-doc).
pub const MAX_FILTER_POLICIES_PER_TOPIC: usize = 200;
/// Hex digits in a confirmation token.
const TOKEN_LEN: usize = 128;

/// A subscription protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protocol {
    Http,
    Https,
    Email,
    EmailJson,
    Sms,
    Sqs,
    Application,
    Lambda,
    Firehose,
}

impl Protocol {
    pub const ALL: [Protocol; 9] = [
        Protocol::Http,
        Protocol::Https,
        Protocol::Email,
        Protocol::EmailJson,
        Protocol::Sms,
        Protocol::Sqs,
        Protocol::Application,
        Protocol::Lambda,
        Protocol::Firehose,
    ];

    /// The protocol string (`email-json`).
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Http => "http",
            Protocol::Https => "https",
            Protocol::Email => "email",
            Protocol::EmailJson => "email-json",
            Protocol::Sms => "sms",
            Protocol::Sqs => "sqs",
            Protocol::Application => "application",
            Protocol::Lambda => "lambda",
            Protocol::Firehose => "firehose",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Endpoints the customer manages must confirm (§1.4).
    pub fn needs_confirmation(self) -> bool {
        matches!(self, Protocol::Http | Protocol::Https | Protocol::Email | Protocol::EmailJson)
    }

    /// HTTP or HTTPS.
    pub fn is_http(self) -> bool {
        matches!(self, Protocol::Http | Protocol::Https)
    }
}

/// One subscription.
#[derive(Clone, Debug)]
pub struct Subscription {
    pub arn: String,
    pub topic_arn: String,
    pub protocol: Protocol,
    /// Shared with the delivery events that name it.
    pub endpoint: Rc<str>,
    pub owner: String,
    pub pending: bool,
    pub confirmation_was_authenticated: bool,
    pub token: String,
    /// Creation order (list order).
    pub seq: u64,
    pub attributes: attrs::SubscriptionAttributes,
    /// `arn` is printable ASCII without `"` or `\\`: it needs no JSON escaping in an
    /// envelope's `UnsubscribeURL`, and SQS accepts it as it is (decided once, not per
    /// delivery).
    pub(crate) arn_is_plain: bool,
    /// Where the endpoint queue (SQS subscriptions) was found last: see [`SlotHint`].
    pub(crate) queue_slot: SlotHint,
}

impl Subscription {
    /// The `SubscriptionArn` lists show (`PendingConfirmation` while pending).
    pub fn listed_arn(&self) -> &str {
        if self.pending {
            "PendingConfirmation"
        } else {
            &self.arn
        }
    }
}

/// E.164: `+` optional, then 2–15 digits not starting with 0.
pub fn is_e164(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    (2..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

fn arn_of_service(endpoint: &str, service: &str) -> bool {
    arn::split(endpoint).is_some_and(|p| p.service == service && !p.resource.is_empty())
}

/// Checks an endpoint for its protocol (§1.4).
fn check_endpoint(protocol: Protocol, endpoint: &str) -> Result<(), ApiError> {
    let ok = match protocol {
        Protocol::Sqs => arn_of_service(endpoint, "sqs"),
        Protocol::Lambda => arn_of_service(endpoint, "lambda"),
        Protocol::Firehose => arn_of_service(endpoint, "firehose"),
        Protocol::Application => arn_of_service(endpoint, "sns"),
        Protocol::Http => endpoint.starts_with("http://"),
        Protocol::Https => endpoint.starts_with("https://"),
        Protocol::Email | Protocol::EmailJson => endpoint
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@')),
        Protocol::Sms => return if is_e164(endpoint) { Ok(()) } else { Err(invalid_sms(endpoint)) },
    };
    if ok {
        return Ok(());
    }
    Err(ApiError::sns_invalid(match protocol {
        Protocol::Sqs => "SQS endpoint ARN",
        Protocol::Lambda => "Lambda endpoint ARN",
        Protocol::Firehose => "Firehose endpoint ARN",
        Protocol::Application => "Application endpoint ARN",
        Protocol::Http | Protocol::Https => "Endpoint must match the specified protocol",
        _ => "Email address",
    }))
}

fn invalid_sms(endpoint: &str) -> ApiError {
    ApiError::sns_invalid_parameter(format!("Invalid SMS endpoint: {endpoint}"))
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct SubscribeInput {
        pub topic_arn: Option<String> = "TopicArn",
        pub protocol: Option<String> = "Protocol",
        pub endpoint: Option<String> = "Endpoint",
        pub attributes: Option<BTreeMap<String, String>> = "Attributes",
        pub return_subscription_arn: Option<bool> = "ReturnSubscriptionArn" with super::json::lenient_bool,
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SubscriptionArnOutput {
        pub subscription_arn: String = "SubscriptionArn",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct ConfirmSubscriptionInput {
        pub topic_arn: Option<String> = "TopicArn",
        pub token: Option<String> = "Token",
        pub authenticate_on_unsubscribe: Option<String> = "AuthenticateOnUnsubscribe",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct SubscriptionArnInput {
        pub subscription_arn: Option<String> = "SubscriptionArn",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct ListSubscriptionsInput {
        pub topic_arn: Option<String> = "TopicArn",
        pub next_token: Option<String> = "NextToken",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct SubscriptionEntry {
        pub subscription_arn: String = "SubscriptionArn",
        pub owner: String = "Owner",
        pub protocol: String = "Protocol",
        pub endpoint: String = "Endpoint",
        pub topic_arn: String = "TopicArn",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ListSubscriptionsOutput {
        pub subscriptions: Vec<SubscriptionEntry> = "Subscriptions",
        pub next_token: Option<String> = "NextToken" skip_none,
    }
}

impl Cloud {
    /// Subscribe.
    pub fn subscribe(&mut self, input: SubscribeInput) -> Result<SubscriptionArnOutput, ApiError> {
        let topic_arn = input.topic_arn.unwrap_or_default();
        arn::check_topic_arn(&self.ctx, "TopicArn", &topic_arn)?;
        let protocol_text = input.protocol.unwrap_or_default();
        let protocol = Protocol::parse(&protocol_text).ok_or_else(|| {
            ApiError::sns_invalid(&format!(
                "Amazon SNS does not support this protocol string: {protocol_text}"
            ))
        })?;
        let endpoint = input.endpoint.unwrap_or_default();
        check_endpoint(protocol, &endpoint)?;
        let topic = self.sns.topics.get(&topic_arn).ok_or_else(ApiError::sns_topic_not_found)?;
        if topic.fifo && protocol != Protocol::Sqs {
            return Err(ApiError::sns_invalid(&format!("Invalid protocol type: {protocol_text}")));
        }
        if !topic.fifo && protocol == Protocol::Sqs && arn::is_fifo_name(&endpoint) {
            return Err(ApiError::sns_invalid(
                "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
            ));
        }
        let given = input.attributes.unwrap_or_default();
        let parsed = attrs::SubscriptionAttributes::from_subscribe(&given, protocol, topic.fifo, &endpoint)?;
        let existing = topic
            .subscriptions
            .iter()
            .filter_map(|a| self.sns.subscriptions.get(a))
            .find(|s| s.protocol == protocol && *s.endpoint == *endpoint);
        let return_arn = input.return_subscription_arn == Some(true);
        if let Some(s) = existing {
            if !s.attributes.same_as_given(&given) {
                return Err(ApiError::sns_invalid(
                    "Attributes Reason: Subscription already exists with different attributes",
                ));
            }
            let shown = if s.pending && !return_arn { "pending confirmation".into() } else { s.arn.clone() };
            return Ok(SubscriptionArnOutput { subscription_arn: shown });
        }
        let limit = if topic.fifo { MAX_FIFO_SUBSCRIPTIONS } else { MAX_STANDARD_SUBSCRIPTIONS };
        if topic.subscriptions.len() >= limit {
            return Err(ApiError::sns_subscription_limit_exceeded());
        }
        if parsed.filter.is_some() && self.sns_filter_policies_on(&topic_arn) >= MAX_FILTER_POLICIES_PER_TOPIC
        {
            return Err(ApiError::sns_filter_policy_limit_exceeded());
        }
        let cross_account = arn::split(&endpoint).is_some_and(|p| p.account != self.ctx.account());
        let pending = protocol.needs_confirmation() || cross_account;
        let subscription_arn = format!("{topic_arn}:{}", self.ctx.rng.uuid());
        let token = self.ctx.rng.hex(TOKEN_LEN);
        let seq = self.sns.next_subscription_seq;
        self.sns.next_subscription_seq += 1;
        let sub = Subscription {
            arn: subscription_arn.clone(),
            topic_arn: topic_arn.clone(),
            protocol,
            endpoint: Rc::from(endpoint.as_str()),
            owner: self.ctx.account().to_string(),
            pending,
            confirmation_was_authenticated: !pending,
            token: token.clone(),
            seq,
            attributes: parsed,
            arn_is_plain: subscription_arn
                .bytes()
                .all(|b| (0x20..0x80).contains(&b) && b != b'"' && b != b'\\'),
            queue_slot: SlotHint::default(),
        };
        self.sns.tokens.insert(token.clone(), subscription_arn.clone());
        self.sns.subscriptions.insert(subscription_arn.clone(), sub);
        self.sns.subscriptions_generation += 1;
        if let Some(t) = self.sns.topics.get_mut(&topic_arn) {
            t.subscriptions.push(subscription_arn.clone());
        }
        self.ctx.emit(SnsEvent::Subscribed {
            topic_arn: topic_arn.clone(),
            subscription_arn: subscription_arn.clone(),
            protocol: protocol.as_str().into(),
            endpoint: endpoint.clone(),
            pending_confirmation: pending,
        });
        if pending {
            self.sns_send_subscription_confirmation(&subscription_arn);
        } else {
            self.sns_start_replay(&subscription_arn);
        }
        let shown = if pending && !return_arn { "pending confirmation".into() } else { subscription_arn };
        Ok(SubscriptionArnOutput { subscription_arn: shown })
    }

    pub(crate) fn sns_filter_policies_on(&self, topic_arn: &str) -> usize {
        self.sns.topics.get(topic_arn).map_or(0, |t| {
            t.subscriptions
                .iter()
                .filter_map(|a| self.sns.subscriptions.get(a))
                .filter(|s| s.attributes.filter.is_some())
                .count()
        })
    }

    /// Sends the SubscriptionConfirmation document to a pending subscription's endpoint.
    fn sns_send_subscription_confirmation(&mut self, subscription_arn: &str) {
        let Some(sub) = self.sns.subscriptions.get(subscription_arn) else { return };
        let (topic_arn, token, protocol, endpoint) =
            (sub.topic_arn.clone(), sub.token.clone(), sub.protocol, sub.endpoint.clone());
        let region = self.ctx.region().to_string();
        let message_id = self.ctx.rng.uuid();
        let signature = envelope::signature(&mut self.ctx.rng);
        let message = format!(
            "You have chosen to subscribe to the topic {topic_arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message."
        );
        let subscribe_url =
            format!("https://sns.{region}.amazonaws.com/?Action=ConfirmSubscription&TopicArn={topic_arn}&Token={token}");
        let body = envelope::confirmation(&Confirmation {
            kind: "SubscriptionConfirmation",
            message_id: &message_id,
            token: &token,
            topic_arn: &topic_arn,
            message: &message,
            subscribe_url: &subscribe_url,
            timestamp: &self.ctx.now.iso8601_millis(),
            signature: &signature,
            region: &region,
        });
        match protocol {
            Protocol::Sqs => {
                let _ = self.sqs_deliver(crate::sqs::delivery::SqsDelivery {
                    queue_arn: endpoint,
                    body: body.into(),
                    source_arn: Some(Rc::from(topic_arn.as_str())),
                    principal_service: Some(super::delivery::SNS_PRINCIPAL),
                    ..Default::default()
                });
            }
            _ => {
                let mut headers = Vec::new();
                if protocol.is_http() {
                    headers = super::endpoint::http_headers(
                        "SubscriptionConfirmation",
                        &message_id,
                        &topic_arn,
                        None,
                        false,
                        "text/plain; charset=UTF-8",
                    );
                } else if matches!(protocol, Protocol::Email | Protocol::EmailJson) {
                    headers.push(("Subject".into(), "AWS Notification - Subscription Confirmation".into()));
                }
                let status = protocol.is_http().then(|| super::endpoint::http_status(&endpoint, 1));
                self.sns.sinks.push(SinkMessage {
                    endpoint: endpoint.to_string(),
                    protocol: protocol.as_str().into(),
                    body,
                    headers,
                    status,
                    token: Some(token),
                    received_at: self.ctx.now,
                });
            }
        }
    }

    /// ConfirmSubscription: the token identifies the subscription; idempotent.
    pub fn confirm_subscription(
        &mut self,
        input: ConfirmSubscriptionInput,
    ) -> Result<SubscriptionArnOutput, ApiError> {
        let topic_arn = input.topic_arn.unwrap_or_default();
        let parts = arn::split(&topic_arn).ok_or_else(|| ApiError::sns_invalid("Topic"))?;
        let token = input.token.unwrap_or_default();
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ApiError::sns_invalid_parameter("Invalid token"));
        }
        if parts.region != self.ctx.region() {
            return Err(ApiError::sns_invalid("Topic"));
        }
        if !self.sns.topics.contains_key(&topic_arn) {
            return Err(ApiError::sns_invalid("Token"));
        }
        let sub_arn = self.sns.tokens.get(&token).cloned().ok_or_else(|| ApiError::sns_invalid("Token"))?;
        let sub = self.sns.subscriptions.get_mut(&sub_arn).ok_or_else(|| ApiError::sns_invalid("Token"))?;
        if sub.pending {
            sub.pending = false;
            self.sns.subscriptions_generation += 1;
            sub.confirmation_was_authenticated = true;
            let topic_arn = sub.topic_arn.clone();
            self.ctx.emit(SnsEvent::SubscriptionConfirmed { topic_arn, subscription_arn: sub_arn.clone() });
            self.sns_start_replay(&sub_arn);
        }
        Ok(SubscriptionArnOutput { subscription_arn: sub_arn })
    }

    /// Unsubscribe: idempotent for well-formed ARNs.
    pub fn unsubscribe(&mut self, input: SubscriptionArnInput) -> Result<(), ApiError> {
        let Some(value) = input.subscription_arn else {
            return Err(ApiError::sns_invalid("SubscriptionArn Reason: no value for required parameter"));
        };
        let parts = arn::parse("SubscriptionArn", &value)?;
        let Some(sub) = self.sns.subscriptions.remove(&value) else {
            if parts.parts == 6 {
                return Err(ApiError::sns_invalid("SubscriptionId"));
            }
            return Ok(());
        };
        self.sns.subscriptions_generation += 1;
        self.sns.tokens.remove(&sub.token);
        if let Some(t) = self.sns.topics.get_mut(&sub.topic_arn) {
            t.subscriptions.retain(|a| *a != value);
            t.subscriptions_deleted += 1;
        }
        self.ctx.emit(SnsEvent::Unsubscribed { topic_arn: sub.topic_arn, subscription_arn: value });
        Ok(())
    }

    fn sns_list<'a>(
        &'a self,
        subs: impl Iterator<Item = &'a Subscription>,
        token: Option<&str>,
    ) -> Result<ListSubscriptionsOutput, ApiError> {
        let mut all: Vec<&Subscription> = subs.collect();
        all.sort_by_key(|s| s.seq);
        let items = all.into_iter().map(|s| {
            (
                format!("{:020}", s.seq),
                SubscriptionEntry {
                    subscription_arn: s.listed_arn().into(),
                    owner: s.owner.clone(),
                    protocol: s.protocol.as_str().into(),
                    endpoint: s.endpoint.to_string(),
                    topic_arn: s.topic_arn.clone(),
                },
            )
        });
        let (subscriptions, next_token) = pagination::page(items, token)?;
        Ok(ListSubscriptionsOutput { subscriptions, next_token })
    }

    /// ListSubscriptions: every subscription of the account, 100 per page.
    pub fn list_subscriptions(
        &mut self,
        input: ListSubscriptionsInput,
    ) -> Result<ListSubscriptionsOutput, ApiError> {
        self.sns_list(self.sns.subscriptions.values(), input.next_token.as_deref())
    }

    /// ListSubscriptionsByTopic.
    pub fn list_subscriptions_by_topic(
        &mut self,
        input: ListSubscriptionsInput,
    ) -> Result<ListSubscriptionsOutput, ApiError> {
        let topic = self.sns_topic("TopicArn", input.topic_arn.as_deref())?;
        let subs = topic.subscriptions.iter().filter_map(|a| self.sns.subscriptions.get(a));
        self.sns_list(subs, input.next_token.as_deref())
    }

    /// The subscription a `SubscriptionArn` parameter names.
    pub(crate) fn sns_subscription(&self, value: Option<&str>) -> Result<&Subscription, ApiError> {
        let value = value.unwrap_or_default();
        arn::parse("SubscriptionArn", value)?;
        self.sns.subscriptions.get(value).ok_or_else(ApiError::sns_subscription_not_found)
    }

    /// GetSubscriptionAttributes.
    pub fn get_subscription_attributes(
        &mut self,
        input: SubscriptionArnInput,
    ) -> Result<super::topic::AttributesOutput, ApiError> {
        let sub = self.sns_subscription(input.subscription_arn.as_deref())?;
        let topic_policy =
            self.sns.topics.get(&sub.topic_arn).map(|t| t.delivery_policy.clone()).unwrap_or_default();
        let attributes = attrs::render(sub, &topic_policy, self.ctx.account());
        Ok(super::topic::AttributesOutput { attributes })
    }

    /// SetSubscriptionAttributes.
    pub fn set_subscription_attributes(
        &mut self,
        input: attrs::SetSubscriptionAttributesInput,
    ) -> Result<(), ApiError> {
        let sub = self.sns_subscription(input.subscription_arn.as_deref())?;
        let name = input.attribute_name.unwrap_or_default();
        let value = input.attribute_value.unwrap_or_default();
        let fifo_topic = self.sns.topics.get(&sub.topic_arn).is_some_and(|t| t.fifo);
        let mut next = sub.attributes.clone();
        let adds_policy = name == "FilterPolicy" && !value.is_empty() && next.filter.is_none();
        next.set(&name, &value, sub.protocol, fifo_topic, &sub.endpoint, Origin::SetSubscriptionAttributes)?;
        if adds_policy && self.sns_filter_policies_on(&sub.topic_arn) >= MAX_FILTER_POLICIES_PER_TOPIC {
            return Err(ApiError::sns_filter_policy_limit_exceeded());
        }
        let arn = sub.arn.clone();
        let replay = name == "ReplayPolicy" && !sub.pending;
        if let Some(s) = self.sns.subscriptions.get_mut(&arn) {
            s.attributes = next;
            self.sns.subscriptions_generation += 1;
        }
        if replay {
            self.sns_start_replay(&arn);
        }
        Ok(())
    }
}
