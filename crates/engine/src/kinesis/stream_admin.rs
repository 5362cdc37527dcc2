//! Describing and configuring streams: DescribeStream, DescribeStreamSummary, ListStreams,
//! tags, encryption, capacity mode, enhanced monitoring and DescribeLimits.
//!
//! AWS API Reference: <https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html>
//! (≤ 100 shards per call, `ExclusiveStartShardId` paging, `HasMoreShards`),
//! `API_ListStreams.html` (≤ 100 names per call), `API_AddTagsToStream.html` (≤ 50 tags per
//! stream), `API_StartStreamEncryption.html`, `API_UpdateStreamMode.html` (two switches per
//! rolling 24 h). Output shapes follow the recorded AWS answers of spec/kinesis.md §1.2.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::next_token::{NextToken, TokenKind};
use super::shapes::{input, output, stream_input, Empty, EnhancedMetrics, ShardOutput, StreamModeDetails};
use super::stream::{PendingChange, Stream, StreamMode, MAX_TAGS_PER_STREAM};
use super::KinesisEvent;
use crate::coral::{is_name, Violations};
use crate::time::DAY;
use crate::{ApiError, Cloud};

/// Shards DescribeStream returns at most per call.
pub const DESCRIBE_STREAM_MAX_SHARDS: usize = 100;
/// Streams ListStreams returns at most per call (and by default).
pub const LIST_STREAMS_MAX: usize = 100;
/// Capacity-mode switches per rolling 24 h.
pub const MODE_SWITCHES_PER_DAY: usize = 2;

stream_input! {
    /// DescribeStream.
    pub struct DescribeStreamInput {
        pub limit: Option<i64> = "Limit",
        pub exclusive_start_shard_id: Option<String> = "ExclusiveStartShardId",
    }
}

output! {
    /// The members `StreamDescription` and `StreamDescriptionSummary` share.
    pub struct StreamHeader {
        pub stream_name: String = "StreamName",
        pub stream_arn: String = "StreamARN",
        pub stream_status: &'static str = "StreamStatus",
        pub stream_mode_details: StreamModeDetails = "StreamModeDetails",
        pub retention_period_hours: u32 = "RetentionPeriodHours",
        pub stream_creation_timestamp: f64 = "StreamCreationTimestamp",
        pub enhanced_monitoring: Vec<EnhancedMetrics> = "EnhancedMonitoring",
        pub encryption_type: &'static str = "EncryptionType",
        pub key_id: Option<String> = "KeyId" skip_none,
    }
}

impl From<&Stream> for StreamHeader {
    fn from(s: &Stream) -> Self {
        Self {
            stream_name: s.name.clone(),
            stream_arn: s.arn.clone(),
            stream_status: s.status.as_str(),
            stream_mode_details: mode_details(s.mode),
            retention_period_hours: s.retention_hours,
            stream_creation_timestamp: s.created_at.secs_f64(),
            enhanced_monitoring: monitoring(s),
            encryption_type: s.encryption_type(),
            key_id: s.encryption_key.clone(),
        }
    }
}

output! {
    /// `StreamDescription`.
    pub struct StreamDescription {
        pub header: StreamHeader = flatten,
        pub shards: Vec<ShardOutput> = "Shards",
        pub has_more_shards: bool = "HasMoreShards",
    }
}

output! {
    /// DescribeStream's answer.
    pub struct DescribeStreamOutput {
        pub stream_description: StreamDescription = "StreamDescription",
    }
}

stream_input! {
    /// DescribeStreamSummary.
    pub struct DescribeStreamSummaryInput {}
}

output! {
    /// `StreamDescriptionSummary`.
    pub struct StreamDescriptionSummary {
        pub header: StreamHeader = flatten,
        pub open_shard_count: u32 = "OpenShardCount",
        pub consumer_count: u32 = "ConsumerCount",
        pub max_record_size_in_kib: u32 = "MaxRecordSizeInKiB",
    }
}

output! {
    /// DescribeStreamSummary's answer.
    pub struct DescribeStreamSummaryOutput {
        pub stream_description_summary: StreamDescriptionSummary = "StreamDescriptionSummary",
    }
}

input! {
    /// ListStreams.
    pub struct ListStreamsInput {
        pub limit: Option<i64> = "Limit",
        pub exclusive_start_stream_name: Option<String> = "ExclusiveStartStreamName",
        pub next_token: Option<String> = "NextToken",
    }
}

output! {
    /// One of ListStreams' `StreamSummaries`.
    pub struct StreamSummary {
        pub stream_name: String = "StreamName",
        pub stream_arn: String = "StreamARN",
        pub stream_status: &'static str = "StreamStatus",
        pub stream_mode_details: StreamModeDetails = "StreamModeDetails",
        pub stream_creation_timestamp: f64 = "StreamCreationTimestamp",
    }
}

output! {
    /// ListStreams' answer.
    pub struct ListStreamsOutput {
        pub stream_names: Vec<String> = "StreamNames",
        pub has_more_streams: bool = "HasMoreStreams",
        pub next_token: Option<String> = "NextToken" skip_none,
        pub stream_summaries: Vec<StreamSummary> = "StreamSummaries",
    }
}

stream_input! {
    /// AddTagsToStream.
    pub struct AddTagsToStreamInput {
        pub tags: Option<BTreeMap<String, String>> = "Tags",
    }
}

stream_input! {
    /// RemoveTagsFromStream.
    pub struct RemoveTagsFromStreamInput {
        pub tag_keys: Option<Vec<String>> = "TagKeys",
    }
}

stream_input! {
    /// ListTagsForStream.
    pub struct ListTagsForStreamInput {
        pub exclusive_start_tag_key: Option<String> = "ExclusiveStartTagKey",
        pub limit: Option<i64> = "Limit",
    }
}

output! {
    /// One `Tag`.
    pub struct Tag {
        pub key: String = "Key",
        pub value: String = "Value",
    }
}

output! {
    /// ListTagsForStream's answer.
    pub struct ListTagsForStreamOutput {
        pub tags: Vec<Tag> = "Tags",
        pub has_more_tags: bool = "HasMoreTags",
    }
}

input! {
    /// TagResource / UntagResource / ListTagsForResource (stream ARNs).
    pub struct TagResourceInput {
        pub resource_arn: Option<String> = "ResourceARN",
        pub tags: Option<BTreeMap<String, String>> = "Tags",
        pub tag_keys: Option<Vec<String>> = "TagKeys",
    }
}

output! {
    /// ListTagsForResource's answer.
    pub struct ListTagsForResourceOutput {
        pub tags: Vec<Tag> = "Tags",
    }
}

stream_input! {
    /// StartStreamEncryption / StopStreamEncryption.
    pub struct StreamEncryptionInput {
        pub encryption_type: Option<String> = "EncryptionType",
        pub key_id: Option<String> = "KeyId",
    }
}

input! {
    /// UpdateStreamMode.
    pub struct UpdateStreamModeInput {
        pub stream_arn: Option<String> = "StreamARN",
        pub stream_mode_details: Option<StreamModeDetails> = "StreamModeDetails",
    }
}

stream_input! {
    /// EnableEnhancedMonitoring / DisableEnhancedMonitoring.
    pub struct EnhancedMonitoringInput {
        pub shard_level_metrics: Option<Vec<String>> = "ShardLevelMetrics",
    }
}

output! {
    /// Enable/DisableEnhancedMonitoring's answer.
    pub struct EnhancedMonitoringOutput {
        pub stream_name: String = "StreamName",
        pub stream_arn: String = "StreamARN",
        pub current_shard_level_metrics: Vec<String> = "CurrentShardLevelMetrics",
        pub desired_shard_level_metrics: Vec<String> = "DesiredShardLevelMetrics",
    }
}

output! {
    /// DescribeLimits' answer.
    pub struct DescribeLimitsOutput {
        pub shard_limit: u32 = "ShardLimit",
        pub open_shard_count: u64 = "OpenShardCount",
        pub on_demand_stream_count: u32 = "OnDemandStreamCount",
        pub on_demand_stream_count_limit: u32 = "OnDemandStreamCountLimit",
    }
}

/// Shard-level metric names (EnableEnhancedMonitoring).
const SHARD_LEVEL_METRICS: [&str; 8] = [
    "IncomingBytes",
    "IncomingRecords",
    "OutgoingBytes",
    "OutgoingRecords",
    "WriteProvisionedThroughputExceeded",
    "ReadProvisionedThroughputExceeded",
    "IteratorAgeMilliseconds",
    "ALL",
];

fn mode_details(mode: StreamMode) -> StreamModeDetails {
    StreamModeDetails { stream_mode: Some(mode.as_str().into()) }
}

/// Model checks of a page request: `Limit` 1–10,000 and an exclusive start name (`member`).
fn check_page(v: &mut Violations, limit: Option<i64>, member: &str, start: Option<&str>) {
    v.range("limit", limit, Some(1), Some(10_000));
    v.length(member, start, 1, 128);
    v.pattern(member, start, "[a-zA-Z0-9_.-]+", is_name);
}

fn monitoring(s: &Stream) -> Vec<EnhancedMetrics> {
    alloc::vec![EnhancedMetrics { shard_level_metrics: s.enhanced_metrics.clone() }]
}

fn tag_list<'a>(tags: impl Iterator<Item = (&'a String, &'a String)>) -> Vec<Tag> {
    tags.map(|(k, v)| Tag { key: k.clone(), value: v.clone() }).collect()
}

impl Cloud {
    /// DescribeStream: the stream and up to 100 of its shards (closed ones until they expire).
    pub fn describe_stream(&mut self, input: DescribeStreamInput) -> Result<DescribeStreamOutput, ApiError> {
        let mut v = Violations::new();
        let start = input.exclusive_start_shard_id.as_deref();
        check_page(&mut v, input.limit, "exclusiveStartShardId", start);
        v.finish()?;
        let s = self.kinesis_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let limit =
            input.limit.map_or(DESCRIBE_STREAM_MAX_SHARDS, |l| (l as usize).min(DESCRIBE_STREAM_MAX_SHARDS));
        let after: Vec<_> =
            s.shards.values().filter(|sh| start.is_none_or(|st| sh.id().as_str() > st)).collect();
        let shards: Vec<ShardOutput> = after.iter().take(limit).map(|sh| ShardOutput::from(*sh)).collect();
        Ok(DescribeStreamOutput {
            stream_description: StreamDescription {
                header: StreamHeader::from(s),
                has_more_shards: after.len() > shards.len(),
                shards,
            },
        })
    }

    /// DescribeStreamSummary.
    pub fn describe_stream_summary(
        &mut self,
        input: DescribeStreamSummaryInput,
    ) -> Result<DescribeStreamSummaryOutput, ApiError> {
        let s = self.kinesis_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        Ok(DescribeStreamSummaryOutput {
            stream_description_summary: StreamDescriptionSummary {
                header: StreamHeader::from(s),
                open_shard_count: s.open_shard_count(),
                consumer_count: s.consumers.len() as u32,
                max_record_size_in_kib: s.max_record_size_kib,
            },
        })
    }

    /// ListStreams: names in order, at most 100 per call, with `StreamSummaries`.
    pub fn list_streams(&mut self, input: ListStreamsInput) -> Result<ListStreamsOutput, ApiError> {
        let mut v = Violations::new();
        let start = input.exclusive_start_stream_name.as_deref();
        check_page(&mut v, input.limit, "exclusiveStartStreamName", start);
        v.length("nextToken", input.next_token.as_deref(), 1, 1_048_576);
        v.finish()?;
        let after = match &input.next_token {
            Some(t) => Some(NextToken::decode(t, TokenKind::ListStreams, self.ctx.now)?.key),
            None => input.exclusive_start_stream_name.clone(),
        };
        let limit = input.limit.map_or(LIST_STREAMS_MAX, |l| (l as usize).min(LIST_STREAMS_MAX));
        let all: Vec<&Stream> = self
            .kinesis
            .streams
            .values()
            .filter(|s| after.as_deref().is_none_or(|a| s.name.as_str() > a))
            .collect();
        let page: Vec<&Stream> = all.iter().take(limit).copied().collect();
        let more = all.len() > page.len();
        let next_token = match page.last() {
            Some(last) if more => Some(
                NextToken {
                    kind: TokenKind::ListStreams,
                    issued: self.ctx.now,
                    stream_id: 0,
                    key: last.name.clone(),
                }
                .encode(),
            ),
            _ => None,
        };
        Ok(ListStreamsOutput {
            stream_names: page.iter().map(|s| s.name.clone()).collect(),
            has_more_streams: more,
            next_token,
            stream_summaries: page
                .iter()
                .map(|s| StreamSummary {
                    stream_name: s.name.clone(),
                    stream_arn: s.arn.clone(),
                    stream_status: s.status.as_str(),
                    stream_mode_details: mode_details(s.mode),
                    stream_creation_timestamp: s.created_at.secs_f64(),
                })
                .collect(),
        })
    }

    fn kinesis_add_tags(
        &mut self,
        key: &str,
        tags: Option<BTreeMap<String, String>>,
    ) -> Result<(), ApiError> {
        let mut v = Violations::new();
        v.not_null("tags", &tags);
        let tags = tags.unwrap_or_default();
        if tags.len() > 200 {
            v.push("tags", None, "Member must have length less than or equal to 200");
        }
        if tags.keys().any(|k| k.is_empty() || k.chars().count() > 128) {
            v.push("tags", None, "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]");
        }
        if tags.values().any(|x| x.chars().count() > 256) {
            v.push("tags", None, "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]");
        }
        v.finish()?;
        let account = self.ctx.config.account_id.clone();
        let stream = self.kinesis_stream_mut(Some(key), None)?;
        let added = tags.keys().filter(|k| !stream.tags.contains_key(*k)).count();
        if stream.tags.len() + added > MAX_TAGS_PER_STREAM {
            return Err(ApiError::kinesis_invalid_argument(format!(
                "Failed to add tags to stream {key} under account {account} because a given stream cannot \
                 have more than {MAX_TAGS_PER_STREAM} tags associated with it."
            )));
        }
        stream.tags.extend(tags);
        Ok(())
    }

    fn kinesis_remove_tags(&mut self, key: &str, keys: Option<Vec<String>>) -> Result<(), ApiError> {
        let mut v = Violations::new();
        v.not_null("tagKeys", &keys);
        let keys = keys.unwrap_or_default();
        if keys.is_empty() && !v.is_empty() {
        } else if keys.is_empty() {
            v.push("tagKeys", Some("[]"), "Member must have length greater than or equal to 1");
        } else if keys.len() > 50 {
            v.push("tagKeys", None, "Member must have length less than or equal to 50");
        }
        v.finish()?;
        let stream = self.kinesis_stream_mut(Some(key), None)?;
        for k in keys {
            stream.tags.remove(&k);
        }
        Ok(())
    }

    /// AddTagsToStream: adds or overwrites tags (≤ 50 per stream).
    pub fn add_tags_to_stream(&mut self, input: AddTagsToStreamInput) -> Result<Empty, ApiError> {
        let key = self.kinesis_existing_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        self.kinesis_add_tags(&key, input.tags)?;
        Ok(Empty {})
    }

    /// RemoveTagsFromStream.
    pub fn remove_tags_from_stream(&mut self, input: RemoveTagsFromStreamInput) -> Result<Empty, ApiError> {
        let key = self.kinesis_existing_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        self.kinesis_remove_tags(&key, input.tag_keys)?;
        Ok(Empty {})
    }

    /// ListTagsForStream: tags in key order after `ExclusiveStartTagKey`, `Limit` (1–50).
    pub fn list_tags_for_stream(
        &mut self,
        input: ListTagsForStreamInput,
    ) -> Result<ListTagsForStreamOutput, ApiError> {
        let mut v = Violations::new();
        v.range("limit", input.limit, Some(1), Some(50));
        v.length("exclusiveStartTagKey", input.exclusive_start_tag_key.as_deref(), 1, 128);
        v.finish()?;
        let s = self.kinesis_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let start = input.exclusive_start_tag_key.as_deref();
        let after: Vec<_> = s.tags.iter().filter(|(k, _)| start.is_none_or(|st| k.as_str() > st)).collect();
        let limit = input.limit.map_or(MAX_TAGS_PER_STREAM, |l| l as usize);
        Ok(ListTagsForStreamOutput {
            has_more_tags: after.len() > limit,
            tags: tag_list(after.into_iter().take(limit)),
        })
    }

    fn kinesis_resource_stream(&self, arn: Option<&str>) -> Result<String, ApiError> {
        let mut v = Violations::new();
        v.not_null("resourceARN", &arn);
        v.length("resourceARN", arn, 1, 2048);
        v.finish()?;
        self.kinesis_existing_stream(None, arn)
    }

    /// The name of the stream a `StreamName`/`StreamARN` pair names, which must exist.
    fn kinesis_existing_stream(&self, name: Option<&str>, arn: Option<&str>) -> Result<String, ApiError> {
        Ok(self.kinesis_stream(name, arn)?.name.clone())
    }

    /// TagResource (a stream ARN).
    pub fn kinesis_tag_resource(&mut self, input: TagResourceInput) -> Result<Empty, ApiError> {
        let key = self.kinesis_resource_stream(input.resource_arn.as_deref())?;
        self.kinesis_add_tags(&key, input.tags)?;
        Ok(Empty {})
    }

    /// UntagResource (a stream ARN).
    pub fn kinesis_untag_resource(&mut self, input: TagResourceInput) -> Result<Empty, ApiError> {
        let key = self.kinesis_resource_stream(input.resource_arn.as_deref())?;
        self.kinesis_remove_tags(&key, input.tag_keys)?;
        Ok(Empty {})
    }

    /// ListTagsForResource (a stream ARN).
    pub fn kinesis_list_tags_for_resource(
        &mut self,
        input: TagResourceInput,
    ) -> Result<ListTagsForResourceOutput, ApiError> {
        let key = self.kinesis_resource_stream(input.resource_arn.as_deref())?;
        let tags = self.kinesis.streams.get(&key).map(|s| tag_list(s.tags.iter())).unwrap_or_default();
        Ok(ListTagsForResourceOutput { tags })
    }

    /// StartStreamEncryption / StopStreamEncryption: `UPDATING`, then records written after
    /// `ACTIVE` are (or are no longer) encrypted.
    pub fn stream_encryption(
        &mut self,
        input: StreamEncryptionInput,
        start: bool,
    ) -> Result<Empty, ApiError> {
        let mut v = Violations::new();
        v.not_null("encryptionType", &input.encryption_type);
        v.one_of("encryptionType", input.encryption_type.as_deref(), &["NONE", "KMS"]);
        v.not_null("keyId", &input.key_id);
        v.length("keyId", input.key_id.as_deref(), 1, 2048);
        v.finish()?;
        let s = self.kinesis_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        self.kinesis_require_active(s)?;
        let name = s.name.clone();
        if input.encryption_type.as_deref() != Some("KMS") {
            return Err(ApiError::kinesis_invalid_argument(format!(
                "Invalid EncryptionType NONE for stream {name}; only KMS is supported."
            )));
        }
        let key_id = if start { input.key_id } else { None };
        let reason = if start { "StartStreamEncryption" } else { "StopStreamEncryption" };
        self.kinesis_begin_update(&name, PendingChange::Encryption { key_id }, reason);
        Ok(Empty {})
    }

    /// UpdateStreamMode: `UPDATING`, then the new mode (shards kept); ≤ 2 switches per 24 h.
    pub fn update_stream_mode(&mut self, input: UpdateStreamModeInput) -> Result<Empty, ApiError> {
        let mut v = Violations::new();
        v.not_null("streamARN", &input.stream_arn);
        v.not_null("streamModeDetails", &input.stream_mode_details);
        let mode = input.stream_mode_details.as_ref().and_then(|d| d.stream_mode.clone());
        if input.stream_mode_details.is_some() {
            v.not_null("streamModeDetails.streamMode", &mode);
            v.one_of("streamModeDetails.streamMode", mode.as_deref(), &["PROVISIONED", "ON_DEMAND"]);
        }
        v.finish()?;
        let mode = mode.as_deref().and_then(StreamMode::parse).unwrap_or(StreamMode::Provisioned);
        let now = self.ctx.now;
        let s = self.kinesis_stream(None, input.stream_arn.as_deref())?;
        self.kinesis_require_active(s)?;
        let recent = s.mode_switches.iter().filter(|t| t.plus(DAY) > now).count();
        if recent >= MODE_SWITCHES_PER_DAY {
            return Err(ApiError::kinesis_limit_exceeded(format!(
                "Stream {} under account {} has exceeded the limit of {MODE_SWITCHES_PER_DAY} capacity mode \
                 switches in a rolling 24-hour period.",
                s.name,
                self.ctx.account()
            )));
        }
        let name = s.name.clone();
        if let Some(s) = self.kinesis.streams.get_mut(&name) {
            s.mode_switches.push(now);
        }
        self.kinesis_begin_update(&name, PendingChange::Mode(mode), "UpdateStreamMode");
        Ok(Empty {})
    }

    /// Enable/DisableEnhancedMonitoring: stores the shard-level metric names.
    pub fn enhanced_monitoring(
        &mut self,
        input: EnhancedMonitoringInput,
        enable: bool,
    ) -> Result<EnhancedMonitoringOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("shardLevelMetrics", &input.shard_level_metrics);
        let metrics = input.shard_level_metrics.unwrap_or_default();
        for (i, m) in metrics.iter().enumerate() {
            v.one_of(&format!("shardLevelMetrics.{}.member", i + 1), Some(m), &SHARD_LEVEL_METRICS);
        }
        v.finish()?;
        let s = self.kinesis_stream_mut(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let current = s.enhanced_metrics.clone();
        let all = metrics.iter().any(|m| m == "ALL");
        let mut desired: Vec<String> = current.clone();
        let named: Vec<String> =
            if all { SHARD_LEVEL_METRICS[..7].iter().map(|m| String::from(*m)).collect() } else { metrics };
        if enable {
            for m in named {
                if !desired.contains(&m) {
                    desired.push(m);
                }
            }
        } else {
            desired.retain(|m| !named.contains(m));
        }
        s.enhanced_metrics = desired.clone();
        Ok(EnhancedMonitoringOutput {
            stream_name: s.name.clone(),
            stream_arn: s.arn.clone(),
            current_shard_level_metrics: current,
            desired_shard_level_metrics: desired,
        })
    }

    /// DescribeLimits.
    pub fn describe_limits(&mut self) -> Result<DescribeLimitsOutput, ApiError> {
        let on_demand = self.kinesis.streams.values().filter(|s| s.mode == StreamMode::OnDemand).count();
        Ok(DescribeLimitsOutput {
            shard_limit: self.kinesis.settings.shard_quota,
            open_shard_count: self.kinesis_account_open_shards(),
            on_demand_stream_count: on_demand as u32,
            on_demand_stream_count_limit: super::stream::MAX_ON_DEMAND_STREAMS as u32,
        })
    }

    /// Applies a pending encryption or mode change at `ACTIVE`.
    pub(crate) fn kinesis_apply_config(&mut self, name: &str, change: PendingChange) {
        let Some(s) = self.kinesis.streams.get_mut(name) else { return };
        match change {
            PendingChange::Encryption { key_id } => {
                s.encryption_key = key_id;
                let encryption_type = s.encryption_type();
                self.ctx.emit(KinesisEvent::EncryptionChanged { stream: name.into(), encryption_type });
            }
            PendingChange::Mode(mode) => {
                s.mode = mode;
                self.ctx.emit(KinesisEvent::StreamModeChanged { stream: name.into(), mode: mode.as_str() });
            }
            _ => {}
        }
    }
}
