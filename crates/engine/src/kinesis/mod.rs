//! Amazon Kinesis Data Streams.
//!
//! A stream is a set of **shards**; each shard owns a range of the 128-bit hash-key space and
//! an ordered, immutable log of records. A producer's partition key is hashed with MD5 to pick
//! the shard ([`hash_key`]); each record gets a [sequence number](sequence_number) that
//! increases within its shard; consumers read a shard from a position with a
//! [shard iterator](iterator), or have records pushed to them by enhanced fan-out
//! ([`consumer`], [`subscription`]). Records stay readable for the retention period
//! (24 h by default, up to 8,760 h) — replay is reading again from an older position.
//! Resharding ([`resharding`]) closes parent shards and opens children; parents stay
//! readable until their records expire, and readers finish parents before children.
//! Developer Guide: <https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html>;
//! API Reference: <https://docs.aws.amazon.com/kinesis/latest/APIReference/>.
//!
//! Everything here follows `spec/kinesis.md` §1; each module cites its section.
//!
//! ## Time
//! Lifecycle states take [`LIFECYCLE_DELAY_MS`] of virtual time (api-contract rule 4):
//! `CREATING → ACTIVE`, `UPDATING → ACTIVE` (resharding, encryption, mode switches),
//! `DELETING → gone`, and the same for stream consumers. Throughput limits count within
//! virtual seconds (rule 5, [`throughput`]). Records expire on the virtual clock.
//!
//! ## Pseudo calls (enhanced fan-out)
//! AWS's `SubscribeToShard` answers with an HTTP/2 event stream. Here:
//! * `kinesis.SubscribeToShard {ConsumerARN, ShardId, StartingPosition}` starts a subscription
//!   on the virtual clock and answers `{"SubscriptionId": "...", "EventStream":
//!   [{"SubscribeToShardEvent": {...}}]}` with the first event (records available now);
//! * every 1,000 ms of virtual time the subscription delivers one more `SubscribeToShardEvent`
//!   (`Records`, `ContinuationSequenceNumber`, `MillisBehindLatest`, `ChildShards` at the end
//!   of a closed shard; up to 2 MiB per event, the per-consumer per-shard push rate), recorded
//!   as a `SubscriptionEventDelivered` event and buffered;
//! * `kinesis.ReadSubscription {SubscriptionId}` answers `{"EventStream": [...], "Status":
//!   "ACTIVE" | "ENDED"}` with the events buffered since the last read.
//!
//! A subscription lives 5 minutes (300,000 ms), as AWS's does; a new SubscribeToShard for the
//! same consumer and shard within 5 s of the previous one is a `ResourceInUseException`, later
//! it takes over and the old one ends.
//!
//! # Fidelity
//! * Lifecycle transitions take 500 ms instead of AWS's 10–60 s (api-contract rule 4).
//! * Records are readable immediately after the put (AWS: up to ~3 s of propagation delay).
//! * Puts during `UPDATING` go to the parent shards; children take over at `ACTIVE` (AWS may
//!   keep routing to the parent for up to ~1 s more).
//! * Sequence numbers use AWS's layout with a per-shard counter from 1 (AWS's counters are
//!   large); they compare, decode and encode shard ids like AWS's.
//! * Shard quota: 500 per account by default ([`KinesisSettings::shard_quota`]), the spec's
//!   recommended "old AWS" value (current us-east-1 quota is 20,000).
//! * An on-demand stream does not auto-split (AWS splits hot shards within ~15 minutes; the
//!   timing is not observable). `ShardCount` given with `ON_DEMAND` is ignored.
//! * Errors whose text the spec does not record (for example a missing stream reference,
//!   consumer not found, ListShards filter problems) use a clear sentence in AWS's style.
//! * Spec §5 open questions, as settled here:
//!   1. hash ranges of power-of-two shard counts: `floor(2^128 / N)` boundaries (2 shards split
//!      at 2^127), as the KPL fixture and kinesalite show, not LocalStack's `(2^128 − 1) / N`;
//!   2. GetRecords reaching the end of a closed shard: no `NextShardIterator`, `ChildShards`;
//!   3. throttling: the spec's sliding 1,000 ms windows, per record in request order
//!      ([`throughput`]);
//!   4. UpdateShardCount beyond 2× or below ½ of the open shards: `LimitExceededException`
//!      (AWS lists these under the operation's limits; floci agrees);
//!   5. record size: `Data` over 1 MiB is Coral's `ValidationException` on `data` (recorded on
//!      AWS); data + partition key over 1 MiB (data itself ≤ 1 MiB) is an
//!      `InvalidArgumentException`; PutRecords requests are capped at 5 MiB (the long-standing
//!      documented value) with `InvalidArgumentException`;
//!   6. `EncryptionType` in PutRecord/PutRecords answers: present, `NONE` when unencrypted;
//!   8. CreateStream with neither `ShardCount` nor `StreamModeDetails`: 4 shards, `ON_DEMAND`.
//! * GetRecords records omit `EncryptionType` unless encrypted (recorded on AWS).
//! * `SequenceNumberForOrdering` is validated (it must decode as a sequence number) and
//!   otherwise has no effect: numbers always increase per shard here.
//! * Shard ids are read leniently as AWS does (`shardId-1`, `1` and `x-1` name shard 1;
//!   kinesalite, AWS-run); answers always show the canonical id.
//! * KMS is not modelled: `StartStreamEncryption` records the key id and marks later records
//!   `KMS`; no key is checked.

pub mod consumer;
pub mod errors;
pub mod hash_key;
pub mod iterator;
pub mod kcl;
pub mod list_shards;
pub mod next_token;
pub mod put;
pub mod read;
pub mod record;
pub mod record_log;
pub mod resharding;
pub mod retention;
pub mod sequence_number;
pub mod shapes;
pub mod shard;
pub mod store;
pub mod stream;
pub mod stream_admin;
pub mod subscription;
pub mod throughput;

#[cfg(test)]
mod tests;

#[cfg(feature = "serde")]
pub(crate) mod json;

use crate::collections::VecMap;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::metrics::MetricKey;
use crate::Cloud;

pub use consumer::Consumer;
pub use sequence_number::SequenceNumber;
pub use stream::{Stream, StreamMode, StreamStatus};

/// Virtual milliseconds a lifecycle transition takes (api-contract rule 4: ≤ 500 ms).
pub const LIFECYCLE_DELAY_MS: u64 = 500;
/// Default per-account shard quota (spec §1.2: "default 500 is a reasonable old AWS value").
pub const DEFAULT_SHARD_QUOTA: u32 = 500;

/// Switches of the simulation (not AWS settings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KinesisSettings {
    /// Per-shard throughput limits on virtual seconds (api-contract rule 5). On by default.
    pub throttling: bool,
    /// Open shards an account may have.
    pub shard_quota: u32,
}

impl Default for KinesisSettings {
    fn default() -> Self {
        Self { throttling: true, shard_quota: DEFAULT_SHARD_QUOTA }
    }
}

/// State of Kinesis Data Streams in one world.
#[derive(Clone, Debug, Default)]
pub struct Kinesis {
    /// Streams by name (including `CREATING` and `DELETING` ones).
    pub streams: VecMap<String, Stream>,
    pub settings: KinesisSettings,
    /// Enhanced fan-out subscriptions by id.
    pub subscriptions: VecMap<u64, subscription::Subscription>,
    /// KCL-style consumer applications by name.
    pub kcl: VecMap<String, kcl::KclApplication>,
    pub(crate) next_stream_id: u64,
    pub(crate) next_subscription_id: u64,
}

/// A sequence number shown in decimal (events).
pub type Decimal = String;

crate::event::event_enum! {
    /// Events of Kinesis Data Streams (past tense; what an animation or explanation needs).
    #[derive(Clone, Debug, PartialEq)]
    pub enum KinesisEvent {
        StreamCreated {
            stream: String,
            arn: String,
            shard_count: u32,
            mode: &'static str,
        },
        StreamActive {
            stream: String,
            open_shards: u32,
        },
        StreamUpdating {
            stream: String,
            reason: &'static str,
        },
        StreamDeleting {
            stream: String,
        },
        StreamDeleted {
            stream: String,
        },
        RecordPut {
            /// Shared by the records of one put (one allocation per call, not per record).
            stream: Arc<str>,
            shard: shard::ShardId,
            sequence_number: SequenceNumber,
            /// Shared with the stored record.
            partition_key: Arc<str>,
            /// The 128-bit hash key, in decimal (MD5 of the partition key or `ExplicitHashKey`).
            hash_key: u128,
            explicit_hash_key: bool,
            size: u64,
        },
        RecordsRead {
            stream: String,
            shard: String,
            count: usize,
            bytes: u64,
            millis_behind_latest: u64,
            shard_end: bool,
        },
        ThroughputExceeded {
            stream: String,
            shard: String,
            operation: &'static str,
        },
        RecordExpired {
            stream: String,
            shard: String,
            sequence_number: SequenceNumber,
        },
        ShardExpired {
            stream: String,
            shard: String,
        },
        ShardClosed {
            stream: String,
            shard: String,
            ending_sequence_number: SequenceNumber,
        },
        ShardSplit {
            stream: String,
            parent: String,
            children: Vec<String>,
            new_starting_hash_key: Decimal,
        },
        ShardsMerged {
            stream: String,
            parents: Vec<String>,
            child: String,
        },
        ShardCountUpdated {
            stream: String,
            from: u32,
            to: u32,
        },
        RetentionPeriodChanged {
            stream: String,
            hours: u32,
        },
        EncryptionChanged {
            stream: String,
            encryption_type: &'static str,
        },
        StreamModeChanged {
            stream: String,
            mode: &'static str,
        },
        ConsumerRegistered {
            stream: String,
            consumer: String,
            arn: String,
        },
        ConsumerActive {
            stream: String,
            consumer: String,
        },
        ConsumerDeregistering {
            stream: String,
            consumer: String,
        },
        ConsumerDeleted {
            stream: String,
            consumer: String,
        },
        SubscriptionStarted {
            subscription: String,
            consumer: String,
            shard: String,
        },
        SubscriptionEventDelivered {
            subscription: String,
            consumer: String,
            shard: String,
            records: usize,
            bytes: u64,
            continuation_sequence_number: Option<SequenceNumber>,
            millis_behind_latest: u64,
            shard_end: bool,
        },
        SubscriptionEnded {
            subscription: String,
            consumer: String,
            shard: String,
            reason: &'static str,
        },
        LeaseTaken {
            application: String,
            shard: String,
        },
        RecordsProcessed {
            application: String,
            shard: String,
            count: usize,
        },
        Checkpointed {
            application: String,
            shard: String,
            checkpoint: String,
        },
    }
}

/// Timers of Kinesis Data Streams. Each names its stream by name and incarnation id, so a
/// timer of a deleted stream never touches a new stream of the same name.
#[derive(Clone, Debug, PartialEq)]
pub enum KinesisTimer {
    /// `CREATING`/`UPDATING` → `ACTIVE` (applies the pending change).
    StreamActive { stream: String, id: u64 },
    /// `DELETING` → gone.
    StreamGone { stream: String, id: u64 },
    /// The oldest record (or a closed shard) of the stream reaches the end of retention.
    Trim { stream: String, id: u64 },
    /// Consumer `CREATING` → `ACTIVE`.
    ConsumerActive { stream: String, id: u64, consumer: String },
    /// Consumer `DELETING` → gone.
    ConsumerGone { stream: String, id: u64, consumer: String },
    /// An enhanced fan-out subscription delivers its next event (or ends).
    SubscriptionTick { subscription: u64 },
    /// A KCL-style application polls its leases.
    KclPoll { application: String },
}

impl Cloud {
    pub(crate) fn kinesis_on_timer(&mut self, timer: KinesisTimer) {
        match timer {
            KinesisTimer::StreamActive { stream, id } => self.kinesis_stream_active(&stream, id),
            KinesisTimer::StreamGone { stream, id } => self.kinesis_stream_gone(&stream, id),
            KinesisTimer::Trim { stream, id } => self.kinesis_trim(&stream, id),
            KinesisTimer::ConsumerActive { stream, id, consumer } => {
                self.kinesis_consumer_active(&stream, id, &consumer)
            }
            KinesisTimer::ConsumerGone { stream, id, consumer } => {
                self.kinesis_consumer_gone(&stream, id, &consumer)
            }
            KinesisTimer::SubscriptionTick { subscription } => self.kinesis_subscription_tick(subscription),
            KinesisTimer::KclPoll { application } => self.kcl_on_timer(&application),
        }
    }

    /// Adds `value` to the `AWS/Kinesis` metric `name` of `stream` at the current instant.
    pub(crate) fn kinesis_metric(&mut self, stream: &str, name: &'static str, value: f64) {
        let now = self.ctx.now;
        let Cloud { ctx, kinesis, .. } = self;
        let key = || MetricKey::new("AWS/Kinesis", name, "StreamName", stream);
        match kinesis.streams.get_mut(stream) {
            Some(s) => {
                let id = s.metric_ids.id(&mut ctx.metrics, name, key);
                ctx.metrics.record_id(id, now, value);
            }
            None => ctx.metrics.record(&key(), now, value),
        }
    }

    /// The ARN of stream `name` if it exists (any state):
    /// `arn:aws:kinesis:us-east-1:000000000000:stream/name`.
    pub fn kinesis_stream_arn(&self, name: &str) -> Option<String> {
        self.kinesis.streams.get(name).map(|s| s.arn.clone())
    }

    /// The stream an ARN names, if it exists.
    pub fn kinesis_stream_name_of_arn(&self, arn: &str) -> Option<String> {
        self.kinesis.streams.values().find(|s| s.arn == arn).map(|s| s.name.clone())
    }
}
