//! Shards: a hash-key range, an ordered log of records, lineage and per-shard limits.
//!
//! AWS: "A shard is a uniquely identified sequence of data records in a stream"; a stream's
//! open shards cover the whole hash-key space; resharding closes parents (they gain an
//! `EndingSequenceNumber` and stay readable until their records expire) and opens children
//! (<https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html>).
//! Shard ids are `shardId-` + a 12-digit index allocated sequentially per stream (spec §1.4).

use alloc::string::String;

use super::hash_key::HashKeyRange;
use super::record_log::RecordLog;
use super::sequence_number::{SequenceNumber, ENDING_SEQ_IX};
use super::throughput::{ReadLimits, WriteWindow};
use crate::time::Instant;

/// `shardId-000000000005` for index 5.
pub fn shard_id(index: u32) -> String {
    let mut s = String::with_capacity(20);
    s.push_str("shardId-");
    let mut digits = [b'0'; 12];
    let mut n = index;
    for d in digits.iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for d in digits {
        s.push(d as char);
    }
    s
}

/// A shard id kept as its index; shows and serialises as `shardId-000000000005`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShardId(pub u32);

impl core::fmt::Display for ShardId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "shardId-{:012}", self.0)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ShardId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&shard_id(self.0))
    }
}

/// Reads a shard id leniently as AWS does (spec §1.4): the part after the last `-` must be a
/// decimal 0…2147483647 (`shardId-1`, `1`, `xyz-1` all mean index 1).
pub fn parse_shard_id(text: &str) -> Option<u32> {
    let tail = text.rsplit('-').next().unwrap_or(text);
    if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = tail.trim_start_matches('0');
    if digits.len() > 10 {
        return None;
    }
    let digits = if digits.is_empty() { "0" } else { digits };
    digits.parse::<u32>().ok().filter(|&i| i <= i32::MAX as u32)
}

/// One shard.
#[derive(Clone, Debug)]
pub struct Shard {
    pub index: u32,
    pub range: HashKeyRange,
    pub parent: Option<u32>,
    pub adjacent_parent: Option<u32>,
    /// When the shard was created (virtual instant).
    pub created_at: Instant,
    /// Creation second encoded in its sequence numbers (children: parent close + 1 s).
    pub created_secs: u64,
    /// When the shard was closed by a reshard.
    pub closed_at: Option<Instant>,
    /// Records in sequence order; expired ones are removed from the front.
    pub records: RecordLog,
    /// `seqIx` of the next record (records count from 1).
    pub next_seq_ix: u64,
    pub write: WriteWindow,
    pub read: ReadLimits,
}

impl Shard {
    pub fn new(index: u32, range: HashKeyRange, created_at: Instant, created_secs: u64) -> Self {
        Self {
            index,
            range,
            parent: None,
            adjacent_parent: None,
            created_at,
            created_secs,
            closed_at: None,
            records: RecordLog::default(),
            next_seq_ix: 1,
            write: WriteWindow::default(),
            read: ReadLimits::default(),
        }
    }

    pub fn id(&self) -> String {
        shard_id(self.index)
    }

    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    /// `SequenceNumberRange.StartingSequenceNumber`.
    pub fn starting_sequence_number(&self) -> SequenceNumber {
        SequenceNumber::new(self.created_secs, self.index, 0, self.created_secs)
    }

    /// `SequenceNumberRange.EndingSequenceNumber` of a closed shard.
    pub fn ending_sequence_number(&self) -> Option<SequenceNumber> {
        self.closed_at.map(|t| SequenceNumber::new(self.created_secs, self.index, ENDING_SEQ_IX, t.secs()))
    }

    /// The sequence number of the next record put at `now`.
    pub fn next_sequence_number(&self, now: Instant) -> SequenceNumber {
        SequenceNumber::new(self.created_secs, self.index, self.next_seq_ix, now.secs())
    }

    /// Index in `records` of the first record with `seqIx ≥ seq_ix`.
    pub fn position_of(&self, seq_ix: u64) -> usize {
        self.records.partition_point(|r| r.sequence_number.seq_ix < seq_ix)
    }

    /// `seqIx` of the oldest retained record, or of the next record when none is retained.
    pub fn trim_horizon_seq_ix(&self) -> u64 {
        self.records.front().map_or(self.next_seq_ix, |r| r.sequence_number.seq_ix)
    }

    /// True when `seq` names a position in this shard (its index and creation second).
    pub fn owns(&self, seq: &SequenceNumber) -> bool {
        seq.shard_index == self.index && seq.shard_created_secs == self.created_secs & ((1 << 36) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_leniently() {
        assert_eq!(shard_id(5), "shardId-000000000005");
        for ok in ["shardId-000000000001", "shardId-1", "shard-1", "1", "xyz-1"] {
            assert_eq!(parse_shard_id(ok), Some(1), "{ok}");
        }
        for bad in ["ABKLFD8", "2.14E4", "2147483648", "", "shardId-"] {
            assert_eq!(parse_shard_id(bad), None, "{bad}");
        }
    }
}
