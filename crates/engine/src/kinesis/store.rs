//! Storing records: each routed record goes to the open shard whose hash-key range holds its
//! hash key, is throttled against that shard's write limits, gets the shard's next sequence
//! number and is appended to the shard's log (spec/kinesis.md §1.3, §1.5, §1.8).
//! PutRecord and PutRecords ([`super::put`]) validate a request, then store through here.
//!
//! AWS: PutRecords processes every record of a request; one record's failure (for example
//! throttling on its shard) does not stop the following records, so a request may partly
//! succeed (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html>).

use alloc::sync::Arc;
use alloc::vec::Vec;

use super::put::PutRecordsRequestEntry;
use super::record::Record;
use super::sequence_number::SequenceNumber;
use super::KinesisEvent;
use crate::{ApiError, Cloud};

/// The records of a PutRecords request as [`Pending`], in request order (`explicit_keys`:
/// the parsed `ExplicitHashKey`s, in order).
///
/// One MD5 per record routed by its partition key, computed together (digest::md5_each). A
/// record whose key repeats the previous such record's key (a producer batching per key)
/// shares that record's digest and stored key instead.
pub(crate) fn route_records(
    records: Vec<PutRecordsRequestEntry>,
    explicit_keys: Vec<u128>,
) -> impl Iterator<Item = Pending> {
    let mut previous: Option<&str> = None;
    let mut keys: Vec<&[u8]> = Vec::new();
    let repeats: Vec<bool> = records
        .iter()
        .map(|r| {
            if r.explicit_hash_key.is_some() {
                return false;
            }
            let k = r.partition_key.as_deref().unwrap_or_default();
            let repeat = previous.replace(k) == Some(k);
            if !repeat {
                keys.push(k.as_bytes());
            }
            repeat
        })
        .collect();
    let mut digests = crate::digest::md5_each(&keys).into_iter();
    let mut explicit_keys = explicit_keys.into_iter();
    let mut last_keyed: Option<(Arc<str>, u128)> = None;
    records.into_iter().zip(repeats).map(move |(r, repeat)| {
        let data = r.data.unwrap_or_default();
        let pk = r.partition_key.unwrap_or_default();
        match (r.explicit_hash_key.is_some(), &last_keyed) {
            // ok: one hash key was parsed for each record with an explicit hash key
            (true, _) => {
                let hash = explicit_keys.next().unwrap_or_default();
                Pending { partition_key: Arc::from(pk), data, hash, explicit: true }
            }
            (false, Some((key, hash))) if repeat => {
                Pending { partition_key: key.clone(), data, hash: *hash, explicit: false }
            }
            (false, _) => {
                // ok: one digest was computed for each record that does not repeat a key
                let hash = digests.next().map_or(0, u128::from_be_bytes);
                let partition_key: Arc<str> = Arc::from(pk);
                last_keyed = Some((partition_key.clone(), hash));
                Pending { partition_key, data, hash, explicit: false }
            }
        }
    })
}

/// A record ready to store: routed, not yet sequenced.
pub(crate) struct Pending {
    pub partition_key: Arc<str>,
    pub data: Vec<u8>,
    pub hash: u128,
    pub explicit: bool,
}

/// Where a record was stored.
pub(crate) struct Stored {
    pub shard: u32,
    pub sequence_number: SequenceNumber,
    pub size: u64,
}

impl Cloud {
    /// Stores records in stream `name` (which is readable) in order, each routed and
    /// throttled on its own, and tells `answer` per record the shard index, sequence number
    /// and counted size, or why it was refused. Request metrics are recorded by the callers
    /// (one CloudWatch sample per API call, as AWS aggregates them).
    pub(crate) fn kinesis_store(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = Pending>,
        mut answer: impl FnMut(Result<Stored, ApiError>),
    ) {
        let now = self.ctx.now;
        let throttling = self.kinesis.settings.throttling;
        let Cloud { ctx, kinesis, .. } = self;
        let Some(stream) = kinesis.streams.get_mut(name) else {
            items.into_iter().for_each(|_| answer(Err(ApiError::stream_not_found(name, ctx.account()))));
            return;
        };
        let encrypted = stream.encryption_key.is_some();
        let stream_name: Arc<str> = Arc::from(name);
        let mut throttled = 0u32;
        let mut stored = false;
        for Pending { partition_key, data, hash, explicit } in items {
            let Some(shard) = stream.shards.values_mut().find(|s| s.is_open() && s.range.contains(hash))
            else {
                answer(Err(ApiError::kinesis_internal_failure())); // ok: open shards cover the key space
                continue;
            };
            let size = (data.len() + partition_key.len()) as u64;
            if throttling && !shard.write.try_accept(now, size) {
                throttled += 1;
                let id = shard.id();
                answer(Err(ApiError::rate_exceeded(&id, name, &ctx.config.account_id)));
                ctx.emit(KinesisEvent::ThroughputExceeded {
                    stream: name.into(),
                    shard: id,
                    operation: "PutRecord",
                });
                continue;
            }
            let seq = shard.next_sequence_number(now);
            shard.next_seq_ix += 1;
            let index = shard.index;
            ctx.emit(KinesisEvent::RecordPut {
                stream: stream_name.clone(),
                shard: super::shard::ShardId(index),
                sequence_number: seq,
                partition_key: partition_key.clone(),
                hash_key: hash,
                explicit_hash_key: explicit,
                size,
            });
            shard.records.push_back(Record {
                sequence_number: seq,
                partition_key,
                data,
                arrival: now,
                encrypted,
            });
            stored = true;
            answer(Ok(Stored { shard: index, sequence_number: seq, size }));
        }
        if throttled > 0 {
            self.kinesis_metric(name, "WriteProvisionedThroughputExceeded", f64::from(throttled));
        }
        if stored {
            self.kinesis_ensure_trim_timer(name, now);
        }
    }
}
