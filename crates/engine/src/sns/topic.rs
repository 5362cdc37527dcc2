//! Topics: CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes and the data
//! protection policy (spec/sns.md §1.1, §1.2, §3;
//! <https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html>).
//!
//! * A name is 1–256 characters of `[A-Za-z0-9_-]`; a FIFO name ends in `.fifo` (counted in
//!   the 256) and needs `FifoTopic=true`, and `FifoTopic=true` needs the suffix. Every
//!   violation is `Invalid parameter: Topic Name`.
//! * CreateTopic is idempotent: an existing name returns its ARN when each *passed* attribute
//!   equals the stored one (`FifoTopic=false` equals a standard topic) and the passed tags
//!   are already on it.
//! * DeleteTopic is idempotent and deletes the topic's subscriptions.

use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::delivery::PublishedMessage;
use super::delivery_policy::TopicDeliveryPolicy;
use super::envelope::EnvelopeFrame;
use super::fifo::FifoState;
use super::metrics::TopicMetrics;
use super::tags::{self, Tag};
use super::topic_attributes::{self, Counts};
use super::{arn, pagination, SnsEvent};
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Longest topic name, `.fifo` included (aws-doc; §9 Q15).
pub const MAX_NAME_LEN: usize = 256;
/// Standard topics per account (aws-doc).
pub const MAX_STANDARD_TOPICS: usize = 100_000;
/// FIFO topics per account (aws-doc).
pub const MAX_FIFO_TOPICS: usize = 1_000;

/// One topic.
#[derive(Clone, Debug)]
pub struct Topic {
    /// Shared with the messages and events that name it.
    pub arn: Rc<str>,
    pub name: String,
    pub fifo: bool,
    /// Attributes set by CreateTopic or SetTopicAttributes, as given.
    pub attributes: BTreeMap<String, String>,
    /// The effective HTTP/S delivery policy.
    pub delivery_policy: TopicDeliveryPolicy,
    pub tags: BTreeMap<String, String>,
    pub data_protection_policy: Option<String>,
    /// Subscription ARNs in subscription order (the fan-out order).
    pub subscriptions: Vec<String>,
    pub subscriptions_deleted: u64,
    pub fifo_state: FifoState,
    /// Archived messages (FIFO topics with an `ArchivePolicy`), oldest first.
    pub archive: Vec<Rc<PublishedMessage>>,
    pub archive_started: Option<Instant>,
    /// The metric keys of the topic.
    pub(crate) metrics: TopicMetrics,
    /// The confirmed subscriptions at the last publish, shared by its fan-out timer and
    /// reused while they stay the same.
    pub(crate) targets: Rc<[Rc<str>]>,
    /// [`Sns::subscriptions_generation`](super::Sns) when `targets` was computed (`None`:
    /// never).
    pub(crate) targets_generation: Option<u64>,
    /// The states of `targets` at that generation.
    pub(crate) snapshot: Option<super::fan_out::SubscriptionSnapshot>,
    /// Whether `arn` passes [`arn::check_topic_arn`] (a function of the ARN and the world's
    /// fixed region, so decided once): a `TopicArn` that names this topic needs no parse.
    pub(crate) arn_checks: bool,
    /// The text every envelope of the topic shares (made at the first publish).
    pub(crate) envelope_frame: Option<Rc<EnvelopeFrame>>,
}

impl Topic {
    /// A stored attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }
    /// `ContentBasedDeduplication=true`.
    pub fn content_based_deduplication(&self) -> bool {
        self.attribute("ContentBasedDeduplication") == Some("true")
    }
    /// Deduplication per message group (`FifoThroughputScope=MessageGroup`).
    pub fn dedup_per_group(&self) -> bool {
        self.attribute("FifoThroughputScope") == Some("MessageGroup")
    }
    /// `SignatureVersion`, `"1"` when absent.
    pub fn signature_version(&self) -> &str {
        self.attribute("SignatureVersion").unwrap_or("1")
    }

    /// The envelope frame for the topic's current `SignatureVersion` in `region`.
    pub(crate) fn envelope_frame(&mut self, region: &str) -> Rc<EnvelopeFrame> {
        let version = self.attributes.get("SignatureVersion").map_or("1", String::as_str);
        if let Some(frame) = self.envelope_frame.as_ref().filter(|f| f.is_for(version, region)) {
            return Rc::clone(frame);
        }
        let frame = Rc::new(EnvelopeFrame::new(&self.arn, version, region));
        self.envelope_frame = Some(Rc::clone(&frame));
        frame
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct CreateTopicInput {
        pub name: Option<String> = "Name",
        pub attributes: Option<BTreeMap<String, String>> = "Attributes",
        pub tags: Option<Vec<Tag>> = "Tags",
        pub data_protection_policy: Option<String> = "DataProtectionPolicy",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CreateTopicOutput {
        pub topic_arn: String = "TopicArn",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct TopicArnInput {
        pub topic_arn: Option<String> = "TopicArn",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct ListTopicsInput {
        pub next_token: Option<String> = "NextToken",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct TopicEntry {
        pub topic_arn: String = "TopicArn",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ListTopicsOutput {
        pub topics: Vec<TopicEntry> = "Topics",
        pub next_token: Option<String> = "NextToken" skip_none,
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct AttributesOutput {
        pub attributes: BTreeMap<String, String> = "Attributes",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct SetTopicAttributesInput {
        pub topic_arn: Option<String> = "TopicArn",
        pub attribute_name: Option<String> = "AttributeName",
        pub attribute_value: Option<String> = "AttributeValue",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default)]
    pub struct DataProtectionPolicyInput {
        pub resource_arn: Option<String> = "ResourceArn",
        pub data_protection_policy: Option<String> = "DataProtectionPolicy",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct GetDataProtectionPolicyOutput {
        pub data_protection_policy: Option<String> = "DataProtectionPolicy" skip_none,
    }
}

fn is_true(v: &str) -> bool {
    v.eq_ignore_ascii_case("true")
}

impl Cloud {
    /// The topic a `TopicArn` parameter names: well-formed, this region, existing.
    pub(crate) fn sns_topic(&self, param: &str, topic_arn: Option<&str>) -> Result<&Topic, ApiError> {
        let value = topic_arn.unwrap_or_default();
        if let Some(t) = self.sns.topics.get(value).filter(|t| t.arn_checks) {
            return Ok(t);
        }
        arn::check_topic_arn(&self.ctx, param, value)?;
        self.sns.topics.get(value).ok_or_else(ApiError::sns_topic_not_found)
    }

    fn sns_topic_mut(&mut self, topic_arn: Option<&str>) -> Result<&mut Topic, ApiError> {
        self.sns_topic("TopicArn", topic_arn)?;
        self.sns.topics.get_mut(topic_arn.unwrap_or_default()).ok_or_else(ApiError::sns_topic_not_found)
    }

    pub(crate) fn sns_counts(&self, topic: &Topic) -> Counts {
        let (mut confirmed, mut pending) = (0, 0);
        for s in topic.subscriptions.iter().filter_map(|a| self.sns.subscriptions.get(a)) {
            if s.pending {
                pending += 1;
            } else {
                confirmed += 1;
            }
        }
        Counts { confirmed, pending, deleted: topic.subscriptions_deleted }
    }

    /// CreateTopic.
    pub fn create_topic(&mut self, input: CreateTopicInput) -> Result<CreateTopicOutput, ApiError> {
        let name = input.name.unwrap_or_default();
        let attributes = input.attributes.unwrap_or_default();
        let fifo = attributes.get("FifoTopic").is_some_and(|v| is_true(v));
        if !crate::resource_name::is_valid(&name, fifo, MAX_NAME_LEN) || (!fifo && name.ends_with(".fifo")) {
            return Err(ApiError::sns_invalid("Topic Name"));
        }
        let topic_arn = arn::topic_arn(&self.ctx, &name);
        if let Some(topic) = self.sns.topics.get(&topic_arn) {
            let shown = topic_attributes::render(topic, self.ctx.account(), &self.sns_counts(topic));
            for (k, v) in &attributes {
                let equal = match k.as_str() {
                    "FifoTopic" => is_true(v) == topic.fifo,
                    _ => shown.get(k) == Some(v),
                };
                if !equal {
                    return Err(ApiError::sns_invalid(
                        "Attributes Reason: Topic already exists with different attributes",
                    ));
                }
            }
            let tags = input.tags.unwrap_or_default();
            if tags.iter().any(|t| topic.tags.get(&t.key) != Some(&t.value)) {
                return Err(ApiError::sns_invalid("Tags Reason: Topic already exists with different tags"));
            }
            return Ok(CreateTopicOutput { topic_arn });
        }
        let mut stored = BTreeMap::new();
        for (k, v) in &attributes {
            if k == "FifoTopic" {
                continue;
            }
            if let Some(v) = topic_attributes::validate(k, v, fifo)? {
                stored.insert(k.clone(), v);
            }
        }
        let delivery_policy = match stored.get("DeliveryPolicy") {
            Some(p) => TopicDeliveryPolicy::parse(p)?,
            None => TopicDeliveryPolicy::default(),
        };
        let mut tag_map = BTreeMap::new();
        tags::apply(&mut tag_map, &input.tags.unwrap_or_default())?;
        let same_kind = self.sns.topics.values().filter(|t| t.fifo == fifo).count();
        if same_kind >= if fifo { MAX_FIFO_TOPICS } else { MAX_STANDARD_TOPICS } {
            return Err(ApiError::sns_topic_limit_exceeded());
        }
        let archive_started = stored.contains_key("ArchivePolicy").then_some(self.ctx.now);
        let metrics = TopicMetrics::new(&mut self.ctx.metrics, &name);
        let arn_checks = arn::check_topic_arn(&self.ctx, "TopicArn", &topic_arn).is_ok();
        self.sns.topics.insert(
            topic_arn.clone(),
            Topic {
                arn: Rc::from(topic_arn.as_str()),
                name,
                fifo,
                attributes: stored,
                delivery_policy,
                tags: tag_map,
                data_protection_policy: input.data_protection_policy,
                subscriptions: Vec::new(),
                subscriptions_deleted: 0,
                fifo_state: FifoState::default(),
                archive: Vec::new(),
                archive_started,
                metrics,
                targets: Rc::from([]),
                targets_generation: None,
                snapshot: None,
                arn_checks,
                envelope_frame: None,
            },
        );
        self.ctx.emit(SnsEvent::TopicCreated { topic_arn: topic_arn.clone(), fifo });
        Ok(CreateTopicOutput { topic_arn })
    }

    /// DeleteTopic: idempotent; removes the topic's subscriptions too.
    pub fn delete_topic(&mut self, input: TopicArnInput) -> Result<(), ApiError> {
        let value = input.topic_arn.unwrap_or_default();
        arn::check_topic_arn(&self.ctx, "TopicArn", &value)?;
        let Some(topic) = self.sns.topics.remove(&value) else { return Ok(()) };
        for sub in &topic.subscriptions {
            self.sns.subscriptions.remove(sub);
        }
        self.sns.subscriptions_generation += 1;
        self.sns.tokens.retain(|_, s| !topic.subscriptions.contains(s));
        self.ctx.emit(SnsEvent::TopicDeleted { topic_arn: value });
        Ok(())
    }

    /// ListTopics: 100 per page, in ARN order.
    pub fn list_topics(&mut self, input: ListTopicsInput) -> Result<ListTopicsOutput, ApiError> {
        let items = self.sns.topics.keys().map(|k| (k.clone(), TopicEntry { topic_arn: k.clone() }));
        let (topics, next_token) = pagination::page(items, input.next_token.as_deref())?;
        Ok(ListTopicsOutput { topics, next_token })
    }

    /// GetTopicAttributes.
    pub fn get_topic_attributes(&mut self, input: TopicArnInput) -> Result<AttributesOutput, ApiError> {
        let topic = self.sns_topic("TopicArn", input.topic_arn.as_deref())?;
        let attributes = topic_attributes::render(topic, self.ctx.account(), &self.sns_counts(topic));
        Ok(AttributesOutput { attributes })
    }

    /// SetTopicAttributes.
    pub fn set_topic_attributes(&mut self, input: SetTopicAttributesInput) -> Result<(), ApiError> {
        let now = self.ctx.now;
        let topic = self.sns_topic_mut(input.topic_arn.as_deref())?;
        let name = input.attribute_name.unwrap_or_default();
        let value = input.attribute_value.unwrap_or_default();
        match topic_attributes::validate(&name, &value, topic.fifo)? {
            Some(v) => {
                if name == "DeliveryPolicy" {
                    topic.delivery_policy = TopicDeliveryPolicy::parse(&v)?;
                }
                if name == "ArchivePolicy" && topic.archive_started.is_none() {
                    topic.archive_started = Some(now);
                }
                topic.attributes.insert(name, v);
            }
            None => {
                if name == "DeliveryPolicy" {
                    topic.delivery_policy = TopicDeliveryPolicy::default();
                }
                if name == "ArchivePolicy" {
                    topic.archive_started = None;
                    topic.archive.clear();
                }
                topic.attributes.remove(&name);
            }
        }
        Ok(())
    }

    /// GetDataProtectionPolicy.
    pub fn get_data_protection_policy(
        &mut self,
        input: DataProtectionPolicyInput,
    ) -> Result<GetDataProtectionPolicyOutput, ApiError> {
        let topic = self.sns_topic("ResourceArn", input.resource_arn.as_deref())?;
        Ok(GetDataProtectionPolicyOutput { data_protection_policy: topic.data_protection_policy.clone() })
    }

    /// PutDataProtectionPolicy: stores the policy JSON on the topic.
    pub fn put_data_protection_policy(&mut self, input: DataProtectionPolicyInput) -> Result<(), ApiError> {
        self.sns_topic("ResourceArn", input.resource_arn.as_deref())?;
        let policy = input.data_protection_policy.unwrap_or_default();
        if !crate::json_text::from_str::<serde_json::Value>(&policy).is_ok_and(|v| v.is_object()) {
            return Err(ApiError::sns_invalid("DataProtectionPolicy"));
        }
        if let Some(t) = self.sns.topics.get_mut(input.resource_arn.as_deref().unwrap_or_default()) {
            t.data_protection_policy = Some(policy.to_string());
        }
        Ok(())
    }
}
