//! Resharding: SplitShard, MergeShards, UpdateShardCount.
//!
//! AWS: resharding is asynchronous — the call answers at once, the stream is `UPDATING`, then
//! `ACTIVE`. A split closes one open shard and opens two children (`[start, new − 1]` and
//! `[new, end]`, where `start + 1 < NewStartingHashKey < end`); a merge closes two adjacent open
//! shards (`ShardToMerge` the lower range) and opens one child with `ParentShardId` and
//! `AdjacentParentShardId`. Parents get an `EndingSequenceNumber` and stay readable until their
//! records expire; readers finish parents before children. UpdateShardCount
//! (`UNIFORM_SCALING`) reaches the target by splits and merges ("short-lived shards" may
//! appear), at most 10 times per rolling 24 h, to at most double and at least half the open
//! shards, at most 10,000 shards. Only provisioned streams can be resharded
//! (<https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-resharding.html>,
//! <https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html>,
//! spec/kinesis.md §1.3, §1.4, §1.9).
//!
//! Shard ids are allocated sequentially and never reused (split: lower child first). Children
//! encode a creation second one second after the parent's close, as AWS's do.
//! UpdateShardCount ends with exactly the CreateStream ranges for the target count: every open
//! shard is split at the target boundaries inside it, then the pieces of each target range are
//! merged left to right (spec §1.9).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::hash_key::{self, uniform_ranges, HashKeyRange, HASH_KEY_PATTERN};
use super::shapes::{input, output, Empty};
use super::shard::{parse_shard_id, shard_id, Shard};
use super::stream::{PendingChange, Stream, StreamMode};
use super::KinesisEvent;
use crate::coral::{is_name, validation, Violations};
use crate::time::{Instant, DAY};
use crate::{ApiError, Cloud};

/// UpdateShardCount calls per stream per rolling 24 h.
pub const SCALINGS_PER_DAY: usize = 10;
/// Most shards UpdateShardCount scales a stream to.
pub const MAX_SHARDS_PER_STREAM: i64 = 10_000;

input! {
    /// SplitShard.
    pub struct SplitShardInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub shard_to_split: Option<String> = "ShardToSplit",
        pub new_starting_hash_key: Option<String> = "NewStartingHashKey",
    }
}

input! {
    /// MergeShards.
    pub struct MergeShardsInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub shard_to_merge: Option<String> = "ShardToMerge",
        pub adjacent_shard_to_merge: Option<String> = "AdjacentShardToMerge",
    }
}

input! {
    /// UpdateShardCount.
    pub struct UpdateShardCountInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub target_shard_count: Option<i64> = "TargetShardCount",
        pub scaling_type: Option<String> = "ScalingType",
    }
}

output! {
    /// UpdateShardCount's answer.
    pub struct UpdateShardCountOutput {
        pub stream_name: String = "StreamName",
        pub stream_arn: String = "StreamARN",
        pub current_shard_count: u32 = "CurrentShardCount",
        pub target_shard_count: u32 = "TargetShardCount",
    }
}

fn check_shard_member(v: &mut Violations, member: &str, value: &Option<String>) {
    v.not_null(member, value);
    v.length(member, value.as_deref(), 1, 128);
    v.pattern(member, value.as_deref(), "[a-zA-Z0-9_.-]+", is_name);
}

impl Stream {
    /// Closes open shard `index` and opens its two children; returns their indices.
    fn split(&mut self, index: u32, key: u128, now: Instant) -> Option<(u32, u32)> {
        let parent = self.shards.get_mut(&index).filter(|s| s.is_open())?;
        let range = parent.range;
        parent.closed_at = Some(now);
        let (lo, hi) = (self.next_shard_index, self.next_shard_index + 1);
        self.next_shard_index += 2;
        for (i, r) in [
            (lo, HashKeyRange { start: range.start, end: key - 1 }),
            (hi, HashKeyRange { start: key, end: range.end }),
        ] {
            let mut child = Shard::new(i, r, now, now.secs() + 1);
            child.parent = Some(index);
            self.shards.insert(i, child);
        }
        Some((lo, hi))
    }

    /// Closes adjacent open shards `lower` and `upper`; returns the child's index.
    fn merge(&mut self, lower: u32, upper: u32, now: Instant) -> Option<u32> {
        let a = self.shards.get(&lower).filter(|s| s.is_open())?.range;
        let b = self.shards.get(&upper).filter(|s| s.is_open())?.range;
        for i in [lower, upper] {
            if let Some(s) = self.shards.get_mut(&i) {
                s.closed_at = Some(now);
            }
        }
        let i = self.next_shard_index;
        self.next_shard_index += 1;
        let mut child = Shard::new(i, HashKeyRange { start: a.start, end: b.end }, now, now.secs() + 1);
        child.parent = Some(lower);
        child.adjacent_parent = Some(upper);
        self.shards.insert(i, child);
        Some(i)
    }
}

impl Cloud {
    /// The stream of a resharding call: provisioned and `ACTIVE`.
    fn reshardable(&self, name: Option<&str>, arn: Option<&str>) -> Result<&Stream, ApiError> {
        let s = self.kinesis_stream(name, arn)?;
        if s.mode == StreamMode::OnDemand {
            return Err(validation(format!(
                "Request is invalid. Stream {} under account {} is in On-Demand mode.",
                s.name,
                self.ctx.account()
            )));
        }
        self.kinesis_require_active(s)?;
        Ok(s)
    }

    /// An open shard named by a resharding call.
    fn open_shard<'a>(&self, s: &'a Stream, raw: &str) -> Result<&'a Shard, ApiError> {
        let account = self.ctx.account();
        let index =
            parse_shard_id(raw).ok_or_else(|| ApiError::could_not_find_shard(raw, &s.name, account))?;
        let shard = s
            .shards
            .get(&index)
            .ok_or_else(|| ApiError::could_not_find_shard(&shard_id(index), &s.name, account))?;
        if !shard.is_open() {
            return Err(ApiError::kinesis_invalid_argument(format!(
                "Shard {} in stream {} under account {account} has already been merged or split, and thus is not \
                 eligible for merging or splitting.",
                shard.id(),
                s.name
            )));
        }
        Ok(shard)
    }

    fn check_quota(&self, more: u64) -> Result<(), ApiError> {
        let current = self.kinesis_account_open_shards();
        let quota = u64::from(self.kinesis.settings.shard_quota);
        if current + more > quota {
            return Err(ApiError::shard_limit_exceeded(
                self.ctx.account(),
                self.ctx.region(),
                current,
                quota,
                more,
            ));
        }
        Ok(())
    }

    /// SplitShard.
    pub fn split_shard(&mut self, input: SplitShardInput) -> Result<Empty, ApiError> {
        let mut v = Violations::new();
        check_shard_member(&mut v, "shardToSplit", &input.shard_to_split);
        v.not_null("newStartingHashKey", &input.new_starting_hash_key);
        v.pattern(
            "newStartingHashKey",
            input.new_starting_hash_key.as_deref(),
            HASH_KEY_PATTERN,
            hash_key::matches_pattern,
        );
        super::stream::check_stream_ref(&mut v, input.stream_name.as_deref(), input.stream_arn.as_deref());
        v.finish()?;
        let s = self.reshardable(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let shard = self.open_shard(s, input.shard_to_split.as_deref().unwrap_or_default())?;
        let text = input.new_starting_hash_key.unwrap_or_default();
        let key = hash_key::parse(&text).ok();
        let r = shard.range;
        if !key.is_some_and(|k| r.start.checked_add(1).is_some_and(|s1| s1 < k) && k < r.end) {
            return Err(ApiError::kinesis_invalid_argument(format!(
                "NewStartingHashKey {text} used in SplitShard() on shard {} in stream {} under account {} is not both \
                 greater than one plus the shard's StartingHashKey {} and less than the shard's EndingHashKey {}.",
                shard.id(),
                s.name,
                self.ctx.account(),
                r.start,
                r.end
            )));
        }
        let (name, index) = (s.name.clone(), shard.index);
        self.check_quota(1)?;
        let new_starting_hash_key = key.unwrap_or_default();
        self.kinesis_begin_update(
            &name,
            PendingChange::Split { shard: index, new_starting_hash_key },
            "SplitShard",
        );
        Ok(Empty {})
    }

    /// MergeShards.
    pub fn merge_shards(&mut self, input: MergeShardsInput) -> Result<Empty, ApiError> {
        let mut v = Violations::new();
        check_shard_member(&mut v, "shardToMerge", &input.shard_to_merge);
        check_shard_member(&mut v, "adjacentShardToMerge", &input.adjacent_shard_to_merge);
        super::stream::check_stream_ref(&mut v, input.stream_name.as_deref(), input.stream_arn.as_deref());
        v.finish()?;
        let s = self.reshardable(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let a = self.open_shard(s, input.shard_to_merge.as_deref().unwrap_or_default())?;
        let b = self.open_shard(s, input.adjacent_shard_to_merge.as_deref().unwrap_or_default())?;
        if !a.range.adjacent_to(&b.range) {
            return Err(ApiError::kinesis_invalid_argument(format!(
                "Shards {} and {} in stream {} under account {} are not an adjacent pair of shards eligible for merging",
                a.id(),
                b.id(),
                s.name,
                self.ctx.account()
            )));
        }
        let (name, lower, upper) = (s.name.clone(), a.index, b.index);
        self.kinesis_begin_update(&name, PendingChange::Merge { lower, upper }, "MergeShards");
        Ok(Empty {})
    }

    /// UpdateShardCount (`UNIFORM_SCALING`).
    pub fn update_shard_count(
        &mut self,
        input: UpdateShardCountInput,
    ) -> Result<UpdateShardCountOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("targetShardCount", &input.target_shard_count);
        v.range("targetShardCount", input.target_shard_count, Some(1), Some(100_000));
        v.not_null("scalingType", &input.scaling_type);
        v.one_of("scalingType", input.scaling_type.as_deref(), &["UNIFORM_SCALING"]);
        super::stream::check_stream_ref(&mut v, input.stream_name.as_deref(), input.stream_arn.as_deref());
        v.finish()?;
        let now = self.ctx.now;
        let s = self.reshardable(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let target = input.target_shard_count.unwrap_or(1);
        let current = s.open_shard_count();
        let c = i64::from(current);
        let limit = |why: String| {
            ApiError::kinesis_limit_exceeded(format!(
                "UpdateShardCount cannot {why}. Current open shard count: {c} Target shard count: {target}"
            ))
        };
        if target > 2 * c {
            return Err(limit("scale up over double your current open shard count".into()));
        }
        if target * 2 < c {
            return Err(limit("scale down below half your current open shard count".into()));
        }
        if target > MAX_SHARDS_PER_STREAM {
            return Err(limit(format!("scale up over {MAX_SHARDS_PER_STREAM} shards in a stream")));
        }
        if s.scalings.iter().filter(|t| t.plus(DAY) > now).count() >= SCALINGS_PER_DAY {
            return Err(ApiError::kinesis_limit_exceeded(format!(
                "Stream {} under account {} has already been scaled {SCALINGS_PER_DAY} times in the last 24 hours.",
                s.name,
                self.ctx.account()
            )));
        }
        let (name, arn) = (s.name.clone(), s.arn.clone());
        let target = target as u32; // ok: 1 ≤ target ≤ 10,000
        if target > current {
            self.check_quota(u64::from(target - current))?;
        }
        if let Some(s) = self.kinesis.streams.get_mut(&name) {
            s.scalings.push(now);
        }
        self.kinesis_begin_update(&name, PendingChange::ShardCount { target }, "UpdateShardCount");
        Ok(UpdateShardCountOutput {
            stream_name: name,
            stream_arn: arn,
            current_shard_count: current,
            target_shard_count: target,
        })
    }

    /// Applies a pending change when the stream becomes `ACTIVE`.
    pub(crate) fn kinesis_apply_change(&mut self, name: &str, change: PendingChange) {
        let now = self.ctx.now;
        match change {
            PendingChange::Split { shard, new_starting_hash_key } => {
                self.apply_split(name, shard, new_starting_hash_key, now);
            }
            PendingChange::Merge { lower, upper } => {
                self.apply_merge(name, lower, upper, now);
            }
            PendingChange::ShardCount { target } => {
                let from = self.kinesis.streams.get(name).map_or(0, Stream::open_shard_count);
                let targets = uniform_ranges(target);
                let open: Vec<(u32, HashKeyRange)> = self
                    .kinesis
                    .streams
                    .get(name)
                    .map(|s| s.open_shards().map(|sh| (sh.index, sh.range)).collect())
                    .unwrap_or_default();
                for (index, range) in open {
                    let mut cur = (index, range);
                    for t in targets.iter().skip(1) {
                        let b = t.start;
                        if cur.1.start.saturating_add(1) < b && b < cur.1.end {
                            let Some((_, hi)) = self.apply_split(name, cur.0, b, now) else { break };
                            cur = (hi, HashKeyRange { start: b, end: cur.1.end });
                        }
                    }
                }
                for t in &targets {
                    let pieces: Vec<u32> = self
                        .kinesis
                        .streams
                        .get(name)
                        .map(|s| {
                            let mut p: Vec<&Shard> = s
                                .open_shards()
                                .filter(|sh| t.start <= sh.range.start && sh.range.end <= t.end)
                                .collect();
                            crate::collections::sort_by(&mut p, &|a, b| a.range.start.cmp(&b.range.start));
                            p.into_iter().map(|sh| sh.index).collect()
                        })
                        .unwrap_or_default();
                    let mut iter = pieces.into_iter();
                    let Some(mut acc) = iter.next() else { continue };
                    for next in iter {
                        match self.apply_merge(name, acc, next, now) {
                            Some(child) => acc = child,
                            None => break,
                        }
                    }
                }
                self.ctx.emit(KinesisEvent::ShardCountUpdated { stream: name.into(), from, to: target });
            }
            other => self.kinesis_apply_config(name, other),
        }
    }

    fn close_events(&mut self, name: &str, closed: &[u32]) {
        for &i in closed {
            let ending = self
                .kinesis
                .streams
                .get(name)
                .and_then(|s| s.shards.get(&i))
                .and_then(Shard::ending_sequence_number);
            if let Some(ending_sequence_number) = ending {
                self.ctx.emit(KinesisEvent::ShardClosed {
                    stream: name.into(),
                    shard: shard_id(i),
                    ending_sequence_number,
                });
            }
        }
    }

    fn apply_split(&mut self, name: &str, shard: u32, key: u128, now: Instant) -> Option<(u32, u32)> {
        let (lo, hi) = self.kinesis.streams.get_mut(name)?.split(shard, key, now)?;
        self.close_events(name, &[shard]);
        self.ctx.emit(KinesisEvent::ShardSplit {
            stream: name.into(),
            parent: shard_id(shard),
            children: alloc::vec![shard_id(lo), shard_id(hi)],
            new_starting_hash_key: hash_key::to_decimal(key),
        });
        Some((lo, hi))
    }

    fn apply_merge(&mut self, name: &str, lower: u32, upper: u32, now: Instant) -> Option<u32> {
        let child = self.kinesis.streams.get_mut(name)?.merge(lower, upper, now)?;
        self.close_events(name, &[lower, upper]);
        self.ctx.emit(KinesisEvent::ShardsMerged {
            stream: name.into(),
            parents: alloc::vec![shard_id(lower), shard_id(upper)],
            child: shard_id(child),
        });
        Some(child)
    }
}
