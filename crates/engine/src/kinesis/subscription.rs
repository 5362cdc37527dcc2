//! Enhanced fan-out push: SubscribeToShard as a subscription on the virtual clock.
//!
//! AWS: SubscribeToShard opens an HTTP/2 event stream that lives up to 5 minutes and pushes
//! `SubscribeToShardEvent`s (`Records`, `ContinuationSequenceNumber`, `MillisBehindLatest`,
//! `ChildShards` at the end of a closed shard) at up to 2 MiB/s per consumer per shard;
//! subscribing the same consumer to the same shard again within 5 s is a
//! `ResourceInUseException`, later the new subscription takes over
//! (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html>,
//! spec/kinesis.md §1.10).
//!
//! Here (module docs of [`super`] describe the pseudo calls): the first event is delivered by
//! the call itself, then one event per 1,000 ms of virtual time (an empty one is a heartbeat),
//! each with at most [`EVENT_MAX_BYTES`]; events are recorded as `SubscriptionEventDelivered`
//! and buffered for `kinesis.ReadSubscription`. `ContinuationSequenceNumber` is the last
//! delivered record's number (or the position just before the next record), absent at the
//! end of a closed shard.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::consumer::{ConsumerRefInput, ConsumerStatus};
use super::iterator::{instant_of_secs, position_at_timestamp, ITERATOR_TYPES};
use super::read::{child_shards, take_batch};
use super::record::RecordOutput;
use super::sequence_number::SequenceNumber;
use super::shapes::{input, output, ChildShard};
use super::shard::{parse_shard_id, shard_id};
use super::{KinesisEvent, KinesisTimer};
use crate::coral::{is_name, Violations};
use crate::time::{Instant, MINUTE, SECOND};
use crate::{ApiError, Cloud};

/// How long a subscription lives.
pub const SUBSCRIPTION_LIFETIME_MS: u64 = 5 * MINUTE;
/// Interval between pushed events (virtual).
pub const EVENT_INTERVAL_MS: u64 = SECOND;
/// Bytes per event: the 2 MiB/s per consumer per shard.
pub const EVENT_MAX_BYTES: u64 = 2 * 1_048_576;
/// A consumer may not re-subscribe to a shard sooner than this.
pub const RESUBSCRIBE_MIN_MS: u64 = 5 * SECOND;

/// One active or ended subscription.
#[derive(Clone, Debug, PartialEq)]
pub struct Subscription {
    pub id: u64,
    pub stream: String,
    pub stream_id: u64,
    pub consumer: String,
    pub shard: u32,
    pub position: u64,
    pub started_at: Instant,
    pub ended: bool,
    /// Events delivered and not yet read by `ReadSubscription`.
    pub buffer: Vec<EventStreamItem>,
}

impl Subscription {
    /// The id shown to callers.
    pub fn label(&self) -> String {
        format!("subscription-{:06}", self.id)
    }
}

crate::shape::input_shape! {
    /// `StartingPosition`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct StartingPosition {
        pub r#type: Option<String> = "Type",
        pub sequence_number: Option<String> = "SequenceNumber",
        pub timestamp: Option<f64> = "Timestamp",
    }
}

input! {
    /// SubscribeToShard.
    pub struct SubscribeToShardInput {
        pub consumer_arn: Option<String> = "ConsumerARN",
        pub shard_id: Option<String> = "ShardId",
        pub starting_position: Option<StartingPosition> = "StartingPosition",
    }
}

input! {
    /// `kinesis.ReadSubscription` (pseudo call).
    pub struct ReadSubscriptionInput {
        pub subscription_id: Option<String> = "SubscriptionId",
    }
}

output! {
    /// `SubscribeToShardEvent`.
    pub struct SubscribeToShardEvent {
        pub records: Vec<RecordOutput> = "Records",
        pub continuation_sequence_number: Option<SequenceNumber> = "ContinuationSequenceNumber" skip_none,
        pub millis_behind_latest: u64 = "MillisBehindLatest",
        pub child_shards: Option<Vec<ChildShard>> = "ChildShards" skip_none,
    }
}

output! {
    /// One item of the event stream: `{"SubscribeToShardEvent": {...}}`.
    pub struct EventStreamItem {
        pub subscribe_to_shard_event: SubscribeToShardEvent = "SubscribeToShardEvent",
    }
}

output! {
    /// SubscribeToShard's answer (pseudo form): the id and the first event.
    pub struct SubscribeToShardOutput {
        pub subscription_id: String = "SubscriptionId",
        pub event_stream: Vec<EventStreamItem> = "EventStream",
    }
}

output! {
    /// `kinesis.ReadSubscription`'s answer: events since the last read.
    pub struct ReadSubscriptionOutput {
        pub event_stream: Vec<EventStreamItem> = "EventStream",
        pub status: &'static str = "Status",
    }
}

impl Cloud {
    /// SubscribeToShard: starts a subscription and delivers its first event now.
    pub fn subscribe_to_shard(
        &mut self,
        input: SubscribeToShardInput,
    ) -> Result<SubscribeToShardOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("consumerARN", &input.consumer_arn);
        v.not_null("shardId", &input.shard_id);
        v.length("shardId", input.shard_id.as_deref(), 1, 128);
        v.pattern("shardId", input.shard_id.as_deref(), "[a-zA-Z0-9_.-]+", is_name);
        v.not_null("startingPosition", &input.starting_position);
        if let Some(p) = &input.starting_position {
            v.not_null("startingPosition.type", &p.r#type);
            v.one_of("startingPosition.type", p.r#type.as_deref(), &ITERATOR_TYPES);
        }
        v.finish()?;
        let now = self.ctx.now;
        let account = self.ctx.config.account_id.clone();
        let (stream_name, consumer) = self.kinesis_consumer_key(&ConsumerRefInput {
            consumer_arn: input.consumer_arn.clone(),
            ..Default::default()
        })?;
        let stream = self
            .kinesis
            .streams
            .get(&stream_name)
            .ok_or_else(|| ApiError::stream_not_found(&stream_name, &account))?;
        let status = stream.consumers.get(&consumer).map(|c| c.status);
        if status != Some(ConsumerStatus::Active) {
            return Err(ApiError::kinesis_resource_in_use(format!(
                "Consumer {} is not ACTIVE, instead in state {}.",
                input.consumer_arn.as_deref().unwrap_or_default(),
                status.map_or("DELETING", ConsumerStatus::as_str)
            )));
        }
        let raw = input.shard_id.unwrap_or_default();
        let index = parse_shard_id(&raw)
            .ok_or_else(|| ApiError::could_not_find_shard(&raw, &stream_name, &account))?;
        let id = shard_id(index);
        let shard = stream
            .shards
            .get(&index)
            .ok_or_else(|| ApiError::shard_does_not_exist(&id, &stream_name, &account))?;
        let p = input.starting_position.unwrap_or_default();
        let kind = p.r#type.unwrap_or_default();
        let position = match kind.as_str() {
            "TRIM_HORIZON" => 0,
            "LATEST" => shard.next_seq_ix,
            "AT_TIMESTAMP" => {
                let t = p.timestamp.map(instant_of_secs).ok_or_else(|| {
                    ApiError::kinesis_invalid_argument(
                        "StartingPosition.Timestamp is required for type AT_TIMESTAMP.",
                    )
                })?;
                position_at_timestamp(shard, t.min(now))
            }
            _ => {
                let text = p.sequence_number.unwrap_or_default();
                let seq = SequenceNumber::parse(&text).filter(|s| shard.owns(s)).ok_or_else(|| {
                    ApiError::kinesis_invalid_argument(format!(
                        "StartingSequenceNumber {text} used in SubscribeToShard on shard {id} in stream {stream_name} \
                         under account {account} is invalid."
                    ))
                })?;
                if kind == "AFTER_SEQUENCE_NUMBER" {
                    seq.seq_ix.saturating_add(1)
                } else {
                    seq.seq_ix
                }
            }
        };
        let stream_id = stream.id;
        let previous: Vec<(u64, Instant)> = self
            .kinesis
            .subscriptions
            .values()
            .filter(|s| !s.ended && s.stream_id == stream_id && s.consumer == consumer && s.shard == index)
            .map(|s| (s.id, s.started_at))
            .collect();
        if previous.iter().any(|(_, started)| now.since(*started) < RESUBSCRIBE_MIN_MS) {
            return Err(ApiError::kinesis_resource_in_use(format!(
                "Another active subscription exists for consumer {} on shard {id}. Wait 5 seconds before \
                 subscribing again.",
                input.consumer_arn.as_deref().unwrap_or_default()
            )));
        }
        for (old, _) in previous {
            self.kinesis_end_subscription(old, "Replaced");
        }
        let sub_id = self.kinesis.next_subscription_id;
        self.kinesis.next_subscription_id += 1;
        let sub = Subscription {
            id: sub_id,
            stream: stream_name,
            stream_id,
            consumer: consumer.clone(),
            shard: index,
            position,
            started_at: now,
            ended: false,
            buffer: Vec::new(),
        };
        let label = sub.label();
        self.ctx.emit(KinesisEvent::SubscriptionStarted { subscription: label.clone(), consumer, shard: id });
        self.kinesis.subscriptions.insert(sub_id, sub);
        self.kinesis_deliver(sub_id);
        let first = self
            .kinesis
            .subscriptions
            .get_mut(&sub_id)
            .map(|s| core::mem::take(&mut s.buffer))
            .unwrap_or_default();
        if self.kinesis.subscriptions.get(&sub_id).is_some_and(|s| !s.ended) {
            self.ctx.schedule(
                now.plus(EVENT_INTERVAL_MS),
                KinesisTimer::SubscriptionTick { subscription: sub_id },
            );
        }
        Ok(SubscribeToShardOutput { subscription_id: label, event_stream: first })
    }

    /// `kinesis.ReadSubscription`: the events buffered since the last read.
    pub fn read_subscription(
        &mut self,
        input: ReadSubscriptionInput,
    ) -> Result<ReadSubscriptionOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("subscriptionId", &input.subscription_id);
        v.finish()?;
        let label = input.subscription_id.unwrap_or_default();
        let sub = self.kinesis.subscriptions.values_mut().find(|s| s.label() == label);
        let sub =
            sub.ok_or_else(|| ApiError::kinesis_not_found(format!("Subscription {label} not found.")))?;
        let event_stream = core::mem::take(&mut sub.buffer);
        let status = if sub.ended { "ENDED" } else { "ACTIVE" };
        Ok(ReadSubscriptionOutput { event_stream, status })
    }

    /// Pushes one event (records since the last one, ≤ 2 MiB) into the subscription's buffer.
    fn kinesis_deliver(&mut self, sub_id: u64) {
        let now = self.ctx.now;
        let Some(sub) = self.kinesis.subscriptions.get(&sub_id) else { return };
        let stream = self.kinesis.streams.get(&sub.stream).filter(|s| s.id == sub.stream_id);
        let Some(shard) = stream.and_then(|s| s.shards.get(&sub.shard)) else {
            self.kinesis_end_subscription(sub_id, "ShardGone");
            return;
        };
        let b = take_batch(shard, sub.position, usize::MAX, EVENT_MAX_BYTES, now);
        let records: Vec<RecordOutput> =
            shard.records.range(b.start..b.start + b.count).map(RecordOutput::from).collect();
        let continuation = if b.shard_end {
            None
        } else {
            let before = b.next_position.saturating_sub(1);
            Some(SequenceNumber::new(shard.created_secs, shard.index, before, now.secs()))
        };
        let continuation = match (records.last(), continuation) {
            (Some(r), Some(_)) => Some(r.sequence_number),
            (_, c) => c,
        };
        let children = b.shard_end.then(|| stream.map(|s| child_shards(s, sub.shard)).unwrap_or_default());
        let (label, consumer, shard_name, stream_name) =
            (sub.label(), sub.consumer.clone(), shard_id(sub.shard), sub.stream.clone());
        let event = SubscribeToShardEvent {
            records,
            continuation_sequence_number: continuation,
            millis_behind_latest: b.millis_behind,
            child_shards: children,
        };
        self.ctx.emit(KinesisEvent::SubscriptionEventDelivered {
            subscription: label,
            consumer,
            shard: shard_name,
            records: b.count,
            bytes: b.bytes,
            continuation_sequence_number: continuation,
            millis_behind_latest: b.millis_behind,
            shard_end: b.shard_end,
        });
        self.kinesis_metric(&stream_name, "SubscribeToShardEvent.Records", b.count as f64);
        self.kinesis_metric(&stream_name, "SubscribeToShardEvent.Bytes", b.bytes as f64);
        self.kinesis_metric(&stream_name, "SubscribeToShardEvent.MillisBehindLatest", b.millis_behind as f64);
        if let Some(sub) = self.kinesis.subscriptions.get_mut(&sub_id) {
            sub.position = b.next_position;
            sub.buffer.push(EventStreamItem { subscribe_to_shard_event: event });
        }
        if b.shard_end {
            self.kinesis_end_subscription(sub_id, "ShardEnded");
        }
    }

    /// Timer: the next event, or the end after 5 minutes.
    pub(crate) fn kinesis_subscription_tick(&mut self, sub_id: u64) {
        let now = self.ctx.now;
        let Some(sub) = self.kinesis.subscriptions.get(&sub_id).filter(|s| !s.ended) else { return };
        if now.since(sub.started_at) >= SUBSCRIPTION_LIFETIME_MS {
            self.kinesis_end_subscription(sub_id, "Expired");
            return;
        }
        self.kinesis_deliver(sub_id);
        if self.kinesis.subscriptions.get(&sub_id).is_some_and(|s| !s.ended) {
            self.ctx.schedule(
                now.plus(EVENT_INTERVAL_MS),
                KinesisTimer::SubscriptionTick { subscription: sub_id },
            );
        }
    }

    /// Ends a subscription (its buffer stays readable).
    pub(crate) fn kinesis_end_subscription(&mut self, sub_id: u64, reason: &'static str) {
        let Some(sub) = self.kinesis.subscriptions.get_mut(&sub_id).filter(|s| !s.ended) else { return };
        sub.ended = true;
        let (subscription, consumer, shard) = (sub.label(), sub.consumer.clone(), shard_id(sub.shard));
        self.ctx.emit(KinesisEvent::SubscriptionEnded { subscription, consumer, shard, reason });
    }

    /// Ends every subscription of a consumer.
    pub(crate) fn kinesis_end_subscriptions_of(
        &mut self,
        stream: &str,
        consumer: &str,
        reason: &'static str,
    ) {
        let ids: Vec<u64> = self
            .kinesis
            .subscriptions
            .values()
            .filter(|s| !s.ended && s.stream == stream && s.consumer == consumer)
            .map(|s| s.id)
            .collect();
        for id in ids {
            self.kinesis_end_subscription(id, reason);
        }
    }
}
