//! Reading: GetRecords.
//!
//! AWS: GetRecords returns up to `Limit` (≤ 10,000) records and at most 10 MiB from the
//! iterator's position, a `NextShardIterator` (a new one each call, even with no records),
//! and `MillisBehindLatest`; at the end of a closed shard it returns no `NextShardIterator`
//! and the `ChildShards`. A shard serves 5 GetRecords calls/s and 2 MiB/s to all classic
//! consumers together (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html>,
//! spec/kinesis.md §1.6, §1.8). Any position within retention can be read again (replay).
//!
//! `MillisBehindLatest` is 0 when the reader is at the tip after the call (or at the end of a
//! closed shard), else the age of the first unread record (spec §1.6, simulator rule).

use alloc::string::String;
use alloc::vec::Vec;

use super::iterator::IteratorToken;
use super::record::RecordOutput;
use super::shapes::{input, output, ChildShard};
use super::shard::{shard_id, Shard};
use super::stream::Stream;
use super::KinesisEvent;
use crate::coral::Violations;
use crate::{ApiError, Cloud};

/// Records per GetRecords call.
pub const GET_RECORDS_MAX_LIMIT: i64 = 10_000;
/// Bytes per GetRecords call.
pub const GET_RECORDS_MAX_BYTES: u64 = 10 * 1_048_576;

input! {
    /// GetRecords.
    pub struct GetRecordsInput {
        pub shard_iterator: Option<String> = "ShardIterator",
        pub limit: Option<i64> = "Limit",
        pub stream_arn: Option<String> = "StreamARN",
    }
}

output! {
    /// GetRecords' answer.
    pub struct GetRecordsOutput {
        pub records: Vec<RecordOutput> = "Records",
        pub next_shard_iterator: Option<String> = "NextShardIterator" skip_none,
        pub millis_behind_latest: u64 = "MillisBehindLatest",
        pub child_shards: Option<Vec<ChildShard>> = "ChildShards" skip_none,
    }
}

/// The children of `parent` (shards naming it as parent or adjacent parent).
pub(crate) fn child_shards(stream: &Stream, parent: u32) -> Vec<ChildShard> {
    stream
        .shards
        .values()
        .filter(|c| c.parent == Some(parent) || c.adjacent_parent == Some(parent))
        .map(|c| ChildShard {
            shard_id: c.id(),
            parent_shards: c.parent.into_iter().chain(c.adjacent_parent).map(shard_id).collect(),
            hash_key_range: c.range.into(),
        })
        .collect()
}

/// A slice of a shard's log starting at `position`: at most `limit` records and `max_bytes`
/// (always at least one record when one is there).
pub(crate) struct Batch {
    pub start: usize,
    pub count: usize,
    pub bytes: u64,
    /// Position after the batch.
    pub next_position: u64,
    /// The batch reaches the end of a closed shard.
    pub shard_end: bool,
    /// `MillisBehindLatest` after the batch.
    pub millis_behind: u64,
}

pub(crate) fn take_batch(
    shard: &Shard,
    position: u64,
    limit: usize,
    max_bytes: u64,
    now: crate::Instant,
) -> Batch {
    let start = shard.position_of(position);
    let mut count = 0;
    let mut bytes = 0u64;
    for r in shard.records.range(start..shard.records.len()) {
        let size = r.size();
        if count >= limit || (count > 0 && bytes + size > max_bytes) {
            break;
        }
        count += 1;
        bytes += size;
    }
    let next_position = match count {
        0 => position,
        _ => shard.records.get(start + count - 1).map_or(position, |r| r.sequence_number.seq_ix + 1),
    };
    let first_unread = shard.records.get(start + count);
    Batch {
        start,
        count,
        bytes,
        next_position,
        shard_end: !shard.is_open() && first_unread.is_none(),
        millis_behind: first_unread.map_or(0, |r| now.since(r.arrival)),
    }
}

impl Cloud {
    /// GetRecords.
    pub fn get_records(&mut self, input: GetRecordsInput) -> Result<GetRecordsOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("shardIterator", &input.shard_iterator);
        v.length("shardIterator", input.shard_iterator.as_deref(), 1, 512);
        v.range("limit", input.limit, Some(1), Some(GET_RECORDS_MAX_LIMIT));
        v.finish()?;
        let now = self.ctx.now;
        let token = IteratorToken::decode_at(input.shard_iterator.as_deref().unwrap_or_default(), now)?;
        let account = self.ctx.config.account_id.clone();
        let id = shard_id(token.shard);
        let gone = || ApiError::shard_does_not_exist(&id, &token.stream, &account);
        let throttling = self.kinesis.settings.throttling;
        let stream = self
            .kinesis
            .streams
            .get_mut(&token.stream)
            .filter(|s| s.id == token.stream_id && s.is_readable());
        let stream = stream.ok_or_else(gone)?;
        let shard = stream.shards.get_mut(&token.shard).ok_or_else(gone)?;
        if throttling && !(shard.read.get_records.has_room(now) && shard.read.debt.has_room(now)) {
            let name = token.stream.clone();
            self.ctx.emit(KinesisEvent::ThroughputExceeded {
                stream: name.clone(),
                shard: id.clone(),
                operation: "GetRecords",
            });
            self.kinesis_metric(&name, "ReadProvisionedThroughputExceeded", 1.0);
            return Err(ApiError::rate_exceeded(&id, &name, &account));
        }
        let limit = input.limit.map_or(GET_RECORDS_MAX_LIMIT, |l| l) as usize;
        let b = take_batch(shard, token.position, limit, GET_RECORDS_MAX_BYTES, now);
        shard.read.get_records.count(now);
        shard.read.debt.add(now, b.bytes);
        let records: Vec<RecordOutput> =
            shard.records.range(b.start..b.start + b.count).map(RecordOutput::from).collect();
        let last = b.count.checked_sub(1).and_then(|i| shard.records.get(b.start + i));
        let iterator_age = last.map_or(0, |r| now.since(r.arrival));
        let stream = &*stream;
        let (next_shard_iterator, child_shards) = if b.shard_end {
            (None, Some(child_shards(stream, token.shard)))
        } else {
            let next = IteratorToken { issued: now, position: b.next_position, ..token.clone() };
            (Some(next.encode()), None)
        };
        let name = token.stream;
        self.ctx.emit(KinesisEvent::RecordsRead {
            stream: name.clone(),
            shard: id,
            count: b.count,
            bytes: b.bytes,
            millis_behind_latest: b.millis_behind,
            shard_end: b.shard_end,
        });
        self.kinesis_metric(&name, "GetRecords.Success", 1.0);
        self.kinesis_metric(&name, "GetRecords.Records", b.count as f64);
        self.kinesis_metric(&name, "GetRecords.Bytes", b.bytes as f64);
        self.kinesis_metric(&name, "GetRecords.IteratorAgeMilliseconds", iterator_age as f64);
        Ok(GetRecordsOutput {
            records,
            next_shard_iterator,
            millis_behind_latest: b.millis_behind,
            child_shards,
        })
    }
}
