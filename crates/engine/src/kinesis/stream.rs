//! Streams: CreateStream, DeleteStream and the stream lifecycle.
//!
//! AWS: a stream is named (1–128 chars of `[a-zA-Z0-9_.-]`) per account and region, has a
//! capacity mode (`PROVISIONED` with a `ShardCount`, or `ON_DEMAND` starting at 4 shards) and
//! moves `CREATING → ACTIVE`, `ACTIVE → UPDATING → ACTIVE`, `ACTIVE → DELETING → gone`
//! (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html>,
//! spec/kinesis.md §1.2). Most actions name a stream by `StreamName` or `StreamARN`.

use alloc::collections::BTreeMap;

use crate::collections::VecMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::consumer::Consumer;
use super::hash_key::uniform_ranges;
use super::shapes::{input, Empty, StreamModeDetails};
use super::shard::Shard;
use super::{KinesisEvent, KinesisTimer, LIFECYCLE_DELAY_MS};
use crate::coral::{is_name, Violations};
use crate::time::{Instant, HOUR};
use crate::{ApiError, Cloud};

/// Default retention, hours.
pub const DEFAULT_RETENTION_HOURS: u32 = 24;
/// Shards of an on-demand stream at creation (spec §1.2, aws-snapshot).
pub const ON_DEMAND_INITIAL_SHARDS: u32 = 4;
/// Streams that may be `CREATING` at once (CreateStream API Reference).
pub const MAX_CREATING_STREAMS: usize = 5;
/// On-demand streams per account (quotas page).
pub const MAX_ON_DEMAND_STREAMS: usize = 50;
/// Tags per stream.
pub const MAX_TAGS_PER_STREAM: usize = 50;
/// Default `MaxRecordSizeInKiB`.
pub const DEFAULT_MAX_RECORD_SIZE_KIB: u32 = 1024;

/// `StreamStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamStatus {
    Creating,
    Active,
    Updating,
    Deleting,
}

impl StreamStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Creating => "CREATING",
            Self::Active => "ACTIVE",
            Self::Updating => "UPDATING",
            Self::Deleting => "DELETING",
        }
    }
}

/// `StreamModeDetails.StreamMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamMode {
    Provisioned,
    OnDemand,
}

impl StreamMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provisioned => "PROVISIONED",
            Self::OnDemand => "ON_DEMAND",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "PROVISIONED" => Some(Self::Provisioned),
            "ON_DEMAND" => Some(Self::OnDemand),
            _ => None,
        }
    }
}

/// What a stream in `UPDATING` applies when it becomes `ACTIVE`.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingChange {
    Split { shard: u32, new_starting_hash_key: u128 },
    Merge { lower: u32, upper: u32 },
    ShardCount { target: u32 },
    Encryption { key_id: Option<String> },
    Mode(StreamMode),
}

/// One stream.
#[derive(Clone, Debug)]
pub struct Stream {
    /// Incarnation id (distinguishes a re-created stream of the same name).
    pub id: u64,
    pub name: String,
    pub arn: String,
    pub status: StreamStatus,
    pub mode: StreamMode,
    pub created_at: Instant,
    pub retention_hours: u32,
    /// Shards by index, including closed ones until they expire.
    pub shards: VecMap<u32, Shard>,
    pub next_shard_index: u32,
    pub tags: BTreeMap<String, String>,
    /// KMS key id when encrypted.
    pub encryption_key: Option<String>,
    pub consumers: VecMap<String, Consumer>,
    pub enhanced_metrics: Vec<String>,
    pub max_record_size_kib: u32,
    pub(crate) initial_shards: u32,
    pub(crate) pending: Option<PendingChange>,
    pub(crate) trim_timer: Option<crate::time::TimerId>,
    /// Instants of UpdateShardCount calls (≤ 10 per rolling 24 h).
    pub(crate) scalings: Vec<Instant>,
    /// Instants of capacity-mode switches (≤ 2 per rolling 24 h).
    pub(crate) mode_switches: Vec<Instant>,
    /// Interned ids of this stream's `AWS/Kinesis` metrics.
    pub(crate) metric_ids: crate::metrics::MetricIds,
}

impl Stream {
    /// Open shards, in index order.
    pub fn open_shards(&self) -> impl Iterator<Item = &Shard> {
        self.shards.values().filter(|s| s.is_open())
    }

    pub fn open_shard_count(&self) -> u32 {
        self.open_shards().count() as u32
    }

    /// Retention in milliseconds.
    pub fn retention_ms(&self) -> u64 {
        u64::from(self.retention_hours) * HOUR
    }

    /// True for `ACTIVE` and `UPDATING` (reads and writes work, spec §1.2 table).
    pub fn is_readable(&self) -> bool {
        matches!(self.status, StreamStatus::Active | StreamStatus::Updating)
    }

    /// `EncryptionType`.
    pub fn encryption_type(&self) -> &'static str {
        if self.encryption_key.is_some() {
            "KMS"
        } else {
            "NONE"
        }
    }
}

input! {
    /// CreateStream.
    pub struct CreateStreamInput {
        pub stream_name: Option<String> = "StreamName",
        pub shard_count: Option<i64> = "ShardCount",
        pub stream_mode_details: Option<StreamModeDetails> = "StreamModeDetails",
        pub tags: Option<BTreeMap<String, String>> = "Tags",
        pub max_record_size_in_kib: Option<i64> = "MaxRecordSizeInKiB",
    }
}

input! {
    /// DeleteStream.
    pub struct DeleteStreamInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub enforce_consumer_deletion: Option<bool> = "EnforceConsumerDeletion",
    }
}

/// Checks `StreamName`/`StreamARN` members (Coral rules) without resolving them.
pub(crate) fn check_stream_ref(v: &mut Violations, name: Option<&str>, arn: Option<&str>) {
    v.length("streamName", name, 1, 128);
    v.pattern("streamName", name, "[a-zA-Z0-9_.-]+", is_name);
    v.length("streamARN", arn, 1, 2048);
    v.pattern("streamARN", arn, "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+", |a| {
        parse_stream_arn(a).is_some()
    });
}

/// `(region, account, name)` of `arn:aws:kinesis:<region>:<account>:stream/<name>`.
pub fn parse_stream_arn(arn: &str) -> Option<(&str, &str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (arn_lit, partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let (region, account, resource) = (parts.next()?, parts.next()?, parts.next()?);
    let name = resource.strip_prefix("stream/")?;
    let ok = arn_lit == "arn"
        && partition.starts_with("aws")
        && service == "kinesis"
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && !name.is_empty()
        && !name.bytes().any(|b| b.is_ascii_whitespace());
    ok.then_some((region, account, name))
}

impl Cloud {
    /// The stream a `StreamName`/`StreamARN` pair names (validated; the stream may not exist).
    pub(crate) fn kinesis_stream_key(
        &self,
        name: Option<&str>,
        arn: Option<&str>,
    ) -> Result<String, ApiError> {
        let mut v = Violations::new();
        check_stream_ref(&mut v, name, arn);
        v.finish()?;
        match (name, arn) {
            (Some(n), None) => Ok(n.into()),
            (name, Some(a)) => {
                let (region, account, from_arn) = parse_stream_arn(a)
                    .ok_or_else(|| ApiError::kinesis_invalid_argument(format!("Invalid StreamARN {a}.")))?;
                if name.is_some_and(|n| n != from_arn) {
                    return Err(ApiError::kinesis_invalid_argument(
                        "StreamARN and StreamName do not name the same stream.",
                    ));
                }
                if region != self.ctx.region() || account != self.ctx.account() {
                    return Err(ApiError::stream_not_found(from_arn, account));
                }
                Ok(from_arn.into())
            }
            (None, None) => {
                Err(ApiError::kinesis_invalid_argument("Either StreamName or StreamARN must be provided."))
            }
        }
    }

    /// The stream a request names, in any state, or `ResourceNotFoundException`.
    pub(crate) fn kinesis_stream(&self, name: Option<&str>, arn: Option<&str>) -> Result<&Stream, ApiError> {
        let key = self.kinesis_stream_key(name, arn)?;
        self.kinesis.streams.get(&key).ok_or_else(|| ApiError::stream_not_found(&key, self.ctx.account()))
    }

    /// Like [`Cloud::kinesis_stream`], mutable.
    pub(crate) fn kinesis_stream_mut(
        &mut self,
        name: Option<&str>,
        arn: Option<&str>,
    ) -> Result<&mut Stream, ApiError> {
        let key = self.kinesis_stream_key(name, arn)?;
        let account = self.ctx.config.account_id.clone();
        self.kinesis.streams.get_mut(&key).ok_or_else(|| ApiError::stream_not_found(&key, &account))
    }

    /// Open shards of every stream in the account (the shard quota counts these).
    pub(crate) fn kinesis_account_open_shards(&self) -> u64 {
        self.kinesis
            .streams
            .values()
            .map(|s| if s.status == StreamStatus::Creating { s.initial_shards } else { s.open_shard_count() })
            .map(u64::from)
            .sum()
    }

    /// CreateStream: a new stream in `CREATING`; its shards exist once it is `ACTIVE`.
    pub fn create_stream(&mut self, input: CreateStreamInput) -> Result<Empty, ApiError> {
        let mut v = Violations::new();
        let name = input.stream_name.as_deref();
        v.not_null("streamName", &input.stream_name);
        v.length("streamName", name, 1, 128);
        v.pattern("streamName", name, "[a-zA-Z0-9_.-]+", is_name);
        v.range("shardCount", input.shard_count, Some(1), None);
        let mode = input.stream_mode_details.as_ref().map(|d| d.stream_mode.as_deref());
        if let Some(m) = mode {
            v.not_null("streamModeDetails.streamMode", &m);
            v.one_of("streamModeDetails.streamMode", m, &["PROVISIONED", "ON_DEMAND"]);
        }
        v.range("maxRecordSizeInKiB", input.max_record_size_in_kib, Some(1024), Some(10240));
        if let Some(tags) = &input.tags {
            if tags.len() > MAX_TAGS_PER_STREAM {
                v.push("tags", None, "Member must have length less than or equal to 50");
            }
        }
        v.finish()?;
        let name = input.stream_name.unwrap_or_default();
        let mode = match mode.flatten().and_then(StreamMode::parse) {
            Some(m) => m,
            None if input.shard_count.is_some() => StreamMode::Provisioned,
            None => StreamMode::OnDemand,
        };
        let shards = match (mode, input.shard_count) {
            (StreamMode::Provisioned, Some(n)) => u32::try_from(n).unwrap_or(u32::MAX),
            (StreamMode::Provisioned, None) => {
                return Err(ApiError::kinesis_invalid_argument(
                    "ShardCount is required for streams with the PROVISIONED capacity mode.",
                ))
            }
            (StreamMode::OnDemand, _) => ON_DEMAND_INITIAL_SHARDS,
        };
        let account = self.ctx.config.account_id.clone();
        if self.kinesis.streams.contains_key(&name) {
            return Err(ApiError::stream_already_exists(&name, &account));
        }
        let creating = self.kinesis.streams.values().filter(|s| s.status == StreamStatus::Creating).count();
        if creating >= MAX_CREATING_STREAMS {
            return Err(ApiError::kinesis_limit_exceeded(format!(
                "Cannot create more than {MAX_CREATING_STREAMS} streams in the CREATING state at once \
                 for account {account}."
            )));
        }
        if mode == StreamMode::OnDemand
            && self.kinesis.streams.values().filter(|s| s.mode == StreamMode::OnDemand).count()
                >= MAX_ON_DEMAND_STREAMS
        {
            return Err(ApiError::kinesis_limit_exceeded(format!(
                "Account {account} already has {MAX_ON_DEMAND_STREAMS} streams in the ON_DEMAND capacity mode."
            )));
        }
        let current = self.kinesis_account_open_shards();
        let quota = u64::from(self.kinesis.settings.shard_quota);
        if current + u64::from(shards) > quota {
            let region = self.ctx.config.region.clone();
            return Err(ApiError::shard_limit_exceeded(&account, &region, current, quota, u64::from(shards)));
        }
        let id = self.kinesis.next_stream_id;
        self.kinesis.next_stream_id += 1;
        let arn = format!("arn:aws:kinesis:{}:{}:stream/{}", self.ctx.region(), account, name);
        let stream = Stream {
            id,
            name: name.clone(),
            arn: arn.clone(),
            status: StreamStatus::Creating,
            mode,
            created_at: self.ctx.now,
            retention_hours: DEFAULT_RETENTION_HOURS,
            shards: VecMap::new(),
            next_shard_index: 0,
            tags: input.tags.unwrap_or_default(),
            encryption_key: None,
            consumers: VecMap::new(),
            enhanced_metrics: Vec::new(),
            max_record_size_kib: input
                .max_record_size_in_kib
                .and_then(|k| u32::try_from(k).ok())
                .unwrap_or(DEFAULT_MAX_RECORD_SIZE_KIB),
            initial_shards: shards,
            pending: None,
            trim_timer: None,
            scalings: Vec::new(),
            mode_switches: Vec::new(),
            metric_ids: Default::default(),
        };
        self.kinesis.streams.insert(name.clone(), stream);
        self.ctx.emit(KinesisEvent::StreamCreated {
            stream: name.clone(),
            arn,
            shard_count: shards,
            mode: mode.as_str(),
        });
        let at = self.ctx.now.plus(LIFECYCLE_DELAY_MS);
        self.ctx.schedule(at, KinesisTimer::StreamActive { stream: name, id });
        Ok(Empty {})
    }

    /// DeleteStream: `DELETING`, then gone. Registered consumers block it unless
    /// `EnforceConsumerDeletion` is true.
    pub fn delete_stream(&mut self, input: DeleteStreamInput) -> Result<Empty, ApiError> {
        let account = self.ctx.config.account_id.clone();
        let stream = self.kinesis_stream_mut(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        match stream.status {
            StreamStatus::Creating => {
                return Err(ApiError::stream_not_active(&stream.name, &account, stream.status.as_str()))
            }
            StreamStatus::Deleting => return Ok(Empty {}),
            _ => {}
        }
        if !stream.consumers.is_empty() && input.enforce_consumer_deletion != Some(true) {
            return Err(ApiError::kinesis_resource_in_use(format!(
                "Stream {} under account {account} has registered consumers. Deregister them or set \
                 EnforceConsumerDeletion to true.",
                stream.name
            )));
        }
        stream.status = StreamStatus::Deleting;
        stream.pending = None;
        let (name, id) = (stream.name.clone(), stream.id);
        self.ctx.emit(KinesisEvent::StreamDeleting { stream: name.clone() });
        let at = self.ctx.now.plus(LIFECYCLE_DELAY_MS);
        self.ctx.schedule(at, KinesisTimer::StreamGone { stream: name, id });
        Ok(Empty {})
    }

    /// Timer: `CREATING`/`UPDATING` → `ACTIVE`.
    pub(crate) fn kinesis_stream_active(&mut self, name: &str, id: u64) {
        let now = self.ctx.now;
        let Some(stream) = self.kinesis.streams.get_mut(name).filter(|s| s.id == id) else { return };
        match stream.status {
            StreamStatus::Creating => {
                for (i, range) in uniform_ranges(stream.initial_shards).into_iter().enumerate() {
                    let index = i as u32;
                    stream.shards.insert(index, Shard::new(index, range, now, now.secs()));
                }
                stream.next_shard_index = stream.initial_shards;
                stream.status = StreamStatus::Active;
            }
            StreamStatus::Updating => {
                stream.status = StreamStatus::Active;
                if let Some(change) = stream.pending.take() {
                    self.kinesis_apply_change(name, change);
                    self.kinesis_trim(name, id); // closed parents now have an expiry
                }
            }
            _ => return,
        }
        let open_shards = self.kinesis.streams.get(name).map_or(0, Stream::open_shard_count);
        self.ctx.emit(KinesisEvent::StreamActive { stream: name.into(), open_shards });
    }

    /// Puts a stream into `UPDATING` until `ACTIVE` applies `change`.
    pub(crate) fn kinesis_begin_update(&mut self, name: &str, change: PendingChange, reason: &'static str) {
        let Some(stream) = self.kinesis.streams.get_mut(name) else { return };
        stream.status = StreamStatus::Updating;
        stream.pending = Some(change);
        let id = stream.id;
        self.ctx.emit(KinesisEvent::StreamUpdating { stream: name.into(), reason });
        let at = self.ctx.now.plus(LIFECYCLE_DELAY_MS);
        self.ctx.schedule(at, KinesisTimer::StreamActive { stream: name.into(), id });
    }

    /// Requires `ACTIVE` (resharding, encryption and mode changes).
    pub(crate) fn kinesis_require_active(&self, stream: &Stream) -> Result<(), ApiError> {
        if stream.status == StreamStatus::Active {
            Ok(())
        } else {
            Err(ApiError::stream_not_active(&stream.name, self.ctx.account(), stream.status.as_str()))
        }
    }

    /// Timer: a `DELETING` stream is gone, with its consumers and subscriptions.
    pub(crate) fn kinesis_stream_gone(&mut self, name: &str, id: u64) {
        let Some(stream) = self.kinesis.streams.get(name).filter(|s| s.id == id) else { return };
        if let Some(t) = stream.trim_timer {
            self.ctx.timers.cancel(t);
        }
        let consumers: Vec<String> = stream.consumers.keys().cloned().collect();
        self.kinesis.streams.remove(name);
        for c in consumers {
            self.kinesis_end_subscriptions_of(name, &c, "ConsumerDeleted");
            self.ctx.emit(KinesisEvent::ConsumerDeleted { stream: name.into(), consumer: c });
        }
        self.ctx.emit(KinesisEvent::StreamDeleted { stream: name.into() });
    }
}
