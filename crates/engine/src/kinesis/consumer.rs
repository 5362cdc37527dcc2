//! Stream consumers for enhanced fan-out: RegisterStreamConsumer, DescribeStreamConsumer,
//! ListStreamConsumers, DeregisterStreamConsumer.
//!
//! AWS: a registered consumer gets its own 2 MiB/s per shard through SubscribeToShard; up to
//! 20 consumers per stream, at most 5 `CREATING` at once; a consumer moves `CREATING →
//! ACTIVE` and `DELETING → gone`; its ARN is the stream ARN + `/consumer/<name>:<creation
//! epoch seconds>` (<https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html>,
//! <https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html>,
//! spec/kinesis.md §1.2, §1.7, §1.10).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::iterator::instant_of_secs;
use super::next_token::{NextToken, TokenKind};
use super::shapes::{input, output, Empty};
use super::{KinesisEvent, KinesisTimer, LIFECYCLE_DELAY_MS};
use crate::coral::{is_name, Violations};
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Consumers per stream.
pub const MAX_CONSUMERS_PER_STREAM: usize = 20;
/// Consumers `CREATING` at once per stream.
pub const MAX_CREATING_CONSUMERS: usize = 5;
/// Consumers ListStreamConsumers returns at most per call.
pub const LIST_CONSUMERS_MAX: usize = 100;

/// `ConsumerStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsumerStatus {
    Creating,
    Active,
    Deleting,
}

impl ConsumerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Creating => "CREATING",
            Self::Active => "ACTIVE",
            Self::Deleting => "DELETING",
        }
    }
}

/// One registered consumer.
#[derive(Clone, Debug, PartialEq)]
pub struct Consumer {
    pub name: String,
    pub arn: String,
    pub status: ConsumerStatus,
    pub created_at: Instant,
    pub tags: BTreeMap<String, String>,
}

input! {
    /// RegisterStreamConsumer.
    pub struct RegisterStreamConsumerInput {
        pub stream_arn: Option<String> = "StreamARN",
        pub consumer_name: Option<String> = "ConsumerName",
        pub tags: Option<BTreeMap<String, String>> = "Tags",
    }
}

input! {
    /// DescribeStreamConsumer / DeregisterStreamConsumer: `ConsumerARN`, or `StreamARN` and
    /// `ConsumerName`.
    pub struct ConsumerRefInput {
        pub stream_arn: Option<String> = "StreamARN",
        pub consumer_name: Option<String> = "ConsumerName",
        pub consumer_arn: Option<String> = "ConsumerARN",
    }
}

input! {
    /// ListStreamConsumers.
    pub struct ListStreamConsumersInput {
        pub stream_arn: Option<String> = "StreamARN",
        pub next_token: Option<String> = "NextToken",
        pub max_results: Option<i64> = "MaxResults",
        pub stream_creation_timestamp: Option<f64> = "StreamCreationTimestamp",
    }
}

output! {
    /// `Consumer`.
    pub struct ConsumerOutput {
        pub consumer_name: String = "ConsumerName",
        pub consumer_arn: String = "ConsumerARN",
        pub consumer_status: &'static str = "ConsumerStatus",
        pub consumer_creation_timestamp: f64 = "ConsumerCreationTimestamp",
    }
}

output! {
    /// RegisterStreamConsumer's answer.
    pub struct RegisterStreamConsumerOutput {
        pub consumer: ConsumerOutput = "Consumer",
    }
}

output! {
    /// `ConsumerDescription`.
    pub struct ConsumerDescription {
        pub consumer_name: String = "ConsumerName",
        pub consumer_arn: String = "ConsumerARN",
        pub consumer_status: &'static str = "ConsumerStatus",
        pub consumer_creation_timestamp: f64 = "ConsumerCreationTimestamp",
        pub stream_arn: String = "StreamARN",
    }
}

output! {
    /// DescribeStreamConsumer's answer.
    pub struct DescribeStreamConsumerOutput {
        pub consumer_description: ConsumerDescription = "ConsumerDescription",
    }
}

output! {
    /// ListStreamConsumers' answer.
    pub struct ListStreamConsumersOutput {
        pub consumers: Vec<ConsumerOutput> = "Consumers",
        pub next_token: Option<String> = "NextToken" skip_none,
    }
}

impl From<&Consumer> for ConsumerOutput {
    fn from(c: &Consumer) -> Self {
        Self {
            consumer_name: c.name.clone(),
            consumer_arn: c.arn.clone(),
            consumer_status: c.status.as_str(),
            consumer_creation_timestamp: c.created_at.secs_f64(),
        }
    }
}

/// `(stream ARN, consumer name)` of a consumer ARN.
pub fn parse_consumer_arn(arn: &str) -> Option<(&str, &str)> {
    let (stream_arn, rest) = arn.split_once("/consumer/")?;
    let (name, secs) = rest.rsplit_once(':')?;
    let ok = super::stream::parse_stream_arn(stream_arn).is_some()
        && is_name(name)
        && !secs.is_empty()
        && secs.bytes().all(|b| b.is_ascii_digit());
    ok.then_some((stream_arn, name))
}

fn check_consumer_ref(v: &mut Violations, input: &ConsumerRefInput) {
    v.length("consumerName", input.consumer_name.as_deref(), 1, 128);
    v.pattern("consumerName", input.consumer_name.as_deref(), "[a-zA-Z0-9_.-]+", is_name);
    v.length("consumerARN", input.consumer_arn.as_deref(), 1, 2048);
    v.length("streamARN", input.stream_arn.as_deref(), 1, 2048);
}

impl Cloud {
    /// `(stream name, consumer name)` of a consumer named by ARN, or by stream ARN and name.
    pub(crate) fn kinesis_consumer_key(
        &self,
        input: &ConsumerRefInput,
    ) -> Result<(String, String), ApiError> {
        let mut v = Violations::new();
        check_consumer_ref(&mut v, input);
        v.finish()?;
        let (stream_arn, name) = match (&input.consumer_arn, &input.stream_arn, &input.consumer_name) {
            (Some(arn), _, _) => {
                let (s, n) = parse_consumer_arn(arn).ok_or_else(|| {
                    ApiError::kinesis_invalid_argument(format!("Invalid ConsumerARN {arn}."))
                })?;
                (String::from(s), String::from(n))
            }
            (None, Some(s), Some(n)) => (s.clone(), n.clone()),
            _ => {
                return Err(ApiError::kinesis_invalid_argument(
                    "Either ConsumerARN or both StreamARN and ConsumerName must be provided.",
                ))
            }
        };
        let stream = self.kinesis_stream(None, Some(&stream_arn))?;
        let found =
            stream.consumers.get(&name).filter(|c| input.consumer_arn.as_ref().is_none_or(|a| *a == c.arn));
        if found.is_none() {
            return Err(ApiError::kinesis_not_found(format!(
                "Consumer {name} under stream {} under account {} not found.",
                stream.name,
                self.ctx.account()
            )));
        }
        Ok((stream.name.clone(), name))
    }

    /// RegisterStreamConsumer: a consumer in `CREATING`, `ACTIVE` 500 ms later.
    pub fn register_stream_consumer(
        &mut self,
        input: RegisterStreamConsumerInput,
    ) -> Result<RegisterStreamConsumerOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("streamARN", &input.stream_arn);
        v.not_null("consumerName", &input.consumer_name);
        v.length("consumerName", input.consumer_name.as_deref(), 1, 128);
        v.pattern("consumerName", input.consumer_name.as_deref(), "[a-zA-Z0-9_.-]+", is_name);
        super::stream::check_stream_ref(&mut v, None, input.stream_arn.as_deref());
        v.finish()?;
        let now = self.ctx.now;
        let account = self.ctx.config.account_id.clone();
        let name = input.consumer_name.unwrap_or_default();
        let stream = self.kinesis_stream_mut(None, input.stream_arn.as_deref())?;
        if !stream.is_readable() {
            return Err(ApiError::stream_not_active(&stream.name, &account, stream.status.as_str()));
        }
        if stream.consumers.contains_key(&name) {
            return Err(ApiError::kinesis_resource_in_use(format!(
                "Consumer {name} under stream {} already exists for account {account}.",
                stream.name
            )));
        }
        if stream.consumers.len() >= MAX_CONSUMERS_PER_STREAM {
            return Err(ApiError::kinesis_limit_exceeded(format!(
                "Stream {} under account {account} already has {MAX_CONSUMERS_PER_STREAM} registered consumers.",
                stream.name
            )));
        }
        if stream.consumers.values().filter(|c| c.status == ConsumerStatus::Creating).count()
            >= MAX_CREATING_CONSUMERS
        {
            return Err(ApiError::kinesis_limit_exceeded(format!(
                "Stream {} under account {account} already has {MAX_CREATING_CONSUMERS} consumers in the CREATING state.",
                stream.name
            )));
        }
        let consumer = Consumer {
            arn: format!("{}/consumer/{}:{}", stream.arn, name, now.secs()),
            name: name.clone(),
            status: ConsumerStatus::Creating,
            created_at: now,
            tags: input.tags.unwrap_or_default(),
        };
        let out = ConsumerOutput::from(&consumer);
        stream.consumers.insert(name.clone(), consumer);
        let (stream_name, id) = (stream.name.clone(), stream.id);
        self.ctx.emit(KinesisEvent::ConsumerRegistered {
            stream: stream_name.clone(),
            consumer: name.clone(),
            arn: out.consumer_arn.clone(),
        });
        let at = now.plus(LIFECYCLE_DELAY_MS);
        self.ctx.schedule(at, KinesisTimer::ConsumerActive { stream: stream_name, id, consumer: name });
        Ok(RegisterStreamConsumerOutput { consumer: out })
    }

    /// DescribeStreamConsumer.
    pub fn describe_stream_consumer(
        &mut self,
        input: ConsumerRefInput,
    ) -> Result<DescribeStreamConsumerOutput, ApiError> {
        let (stream, name) = self.kinesis_consumer_key(&input)?;
        let s = self
            .kinesis
            .streams
            .get(&stream)
            .ok_or_else(|| ApiError::stream_not_found(&stream, self.ctx.account()))?;
        let c = s
            .consumers
            .get(&name)
            .ok_or_else(|| ApiError::kinesis_not_found(format!("Consumer {name} not found.")))?;
        Ok(DescribeStreamConsumerOutput {
            consumer_description: ConsumerDescription {
                consumer_name: c.name.clone(),
                consumer_arn: c.arn.clone(),
                consumer_status: c.status.as_str(),
                consumer_creation_timestamp: c.created_at.secs_f64(),
                stream_arn: s.arn.clone(),
            },
        })
    }

    /// ListStreamConsumers (by name, at most 100 per call).
    pub fn list_stream_consumers(
        &mut self,
        input: ListStreamConsumersInput,
    ) -> Result<ListStreamConsumersOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("streamARN", &input.stream_arn);
        v.range("maxResults", input.max_results, Some(1), Some(10_000));
        v.length("nextToken", input.next_token.as_deref(), 1, 1_048_576);
        super::stream::check_stream_ref(&mut v, None, input.stream_arn.as_deref());
        v.finish()?;
        let now = self.ctx.now;
        let s = self.kinesis_stream(None, input.stream_arn.as_deref())?;
        if let Some(ts) = input.stream_creation_timestamp {
            if input.next_token.is_some() {
                return Err(ApiError::kinesis_invalid_argument(
                    "NextToken and StreamCreationTimestamp cannot be provided together.",
                ));
            }
            if instant_of_secs(ts).secs() != s.created_at.secs() {
                return Err(ApiError::stream_not_found(&s.name, self.ctx.account()));
            }
        }
        let after = match &input.next_token {
            Some(t) => {
                let t = NextToken::decode(t, TokenKind::ListStreamConsumers, now)?;
                if t.stream_id != s.id {
                    return Err(ApiError::invalid_next_token());
                }
                Some(t.key)
            }
            None => None,
        };
        let limit = input.max_results.map_or(LIST_CONSUMERS_MAX, |m| (m as usize).min(LIST_CONSUMERS_MAX));
        let all: Vec<&Consumer> =
            s.consumers.values().filter(|c| after.as_ref().is_none_or(|a| &c.name > a)).collect();
        let page: Vec<&Consumer> = all.iter().take(limit).copied().collect();
        let next_token = match page.last() {
            Some(last) if all.len() > page.len() => Some(
                NextToken {
                    kind: TokenKind::ListStreamConsumers,
                    issued: now,
                    stream_id: s.id,
                    key: last.name.clone(),
                }
                .encode(),
            ),
            _ => None,
        };
        Ok(ListStreamConsumersOutput {
            consumers: page.into_iter().map(ConsumerOutput::from).collect(),
            next_token,
        })
    }

    /// DeregisterStreamConsumer: `DELETING`, gone 500 ms later; its subscriptions end.
    pub fn deregister_stream_consumer(&mut self, input: ConsumerRefInput) -> Result<Empty, ApiError> {
        let (stream, name) = self.kinesis_consumer_key(&input)?;
        let Some(s) = self.kinesis.streams.get_mut(&stream) else { return Ok(Empty {}) };
        let id = s.id;
        if let Some(c) = s.consumers.get_mut(&name) {
            if c.status == ConsumerStatus::Deleting {
                return Ok(Empty {});
            }
            c.status = ConsumerStatus::Deleting;
        }
        self.kinesis_end_subscriptions_of(&stream, &name, "ConsumerDeregistered");
        self.ctx.emit(KinesisEvent::ConsumerDeregistering { stream: stream.clone(), consumer: name.clone() });
        let at = self.ctx.now.plus(LIFECYCLE_DELAY_MS);
        self.ctx.schedule(at, KinesisTimer::ConsumerGone { stream, id, consumer: name });
        Ok(Empty {})
    }

    /// Timer: consumer `CREATING` → `ACTIVE`.
    pub(crate) fn kinesis_consumer_active(&mut self, stream: &str, id: u64, consumer: &str) {
        let Some(s) = self.kinesis.streams.get_mut(stream).filter(|s| s.id == id) else { return };
        let Some(c) = s.consumers.get_mut(consumer).filter(|c| c.status == ConsumerStatus::Creating) else {
            return;
        };
        c.status = ConsumerStatus::Active;
        self.ctx.emit(KinesisEvent::ConsumerActive { stream: stream.into(), consumer: consumer.into() });
    }

    /// Timer: a `DELETING` consumer is gone.
    pub(crate) fn kinesis_consumer_gone(&mut self, stream: &str, id: u64, consumer: &str) {
        let Some(s) = self.kinesis.streams.get_mut(stream).filter(|s| s.id == id) else { return };
        if s.consumers.get(consumer).is_some_and(|c| c.status == ConsumerStatus::Deleting) {
            s.consumers.remove(consumer);
            self.ctx.emit(KinesisEvent::ConsumerDeleted { stream: stream.into(), consumer: consumer.into() });
        }
    }
}
