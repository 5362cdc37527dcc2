//! Reading a Kinesis data stream from inside the simulated cloud: the shard reader shared by
//! Firehose `KinesisStreamAsSource`, Lambda event source mappings and Kinesis Data Analytics
//! inputs.
//!
//! Like a KCL worker it keeps one lease per shard, discovers shards with `ListShards`, reads
//! a child shard only after its parents reached their end (children start at
//! `TRIM_HORIZON`), and reads through the public `GetShardIterator`/`GetRecords`, so its reads
//! count against the shard's read limits (kinesis.md §1.8, §2.9: Firehose "calls GetRecords
//! once per second for each shard"; its reads "count against the shard's shared read limits").
//! A caller [`commit`](StreamReader::commit)s what it processed; a consumer that must retry a
//! batch (a Lambda mapping) [`rewind`](StreamReader::rewind)s to its last commit.

use crate::collections::VecMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::kinesis::iterator::GetShardIteratorInput;
use crate::kinesis::list_shards::ListShardsInput;
use crate::kinesis::read::GetRecordsInput;
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Where reading starts on the shards that exist when reading begins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StartAt {
    TrimHorizon,
    Latest,
    /// `AT_TIMESTAMP` (epoch seconds).
    AtTimestamp(f64),
}

/// Where a lease resumes when it has no live iterator.
#[derive(Clone, Debug, PartialEq)]
pub enum Resume {
    Start(StartAt),
    /// After this sequence number (the last one committed).
    After(String),
}

/// One shard's lease.
#[derive(Clone, Debug, PartialEq)]
pub struct Lease {
    pub parents: Vec<String>,
    pub resume: Resume,
    pub iterator: Option<String>,
    /// The shard was read to its end (`NextShardIterator` absent).
    pub ended: bool,
}

/// A record read from a shard.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadRecord {
    pub shard_id: String,
    pub sequence_number: String,
    pub partition_key: String,
    pub data: Vec<u8>,
    /// ApproximateArrivalTimestamp.
    pub arrival: Instant,
}

/// A reader of one stream.
#[derive(Clone, Debug, PartialEq)]
pub struct StreamReader {
    /// The stream's name.
    pub stream: String,
    pub start: StartAt,
    /// Leases by shard id.
    pub leases: VecMap<String, Lease>,
}

impl StreamReader {
    pub fn new(stream: &str, start: StartAt) -> Self {
        Self { stream: stream.into(), start, leases: VecMap::new() }
    }

    /// Shards ready to read: not ended, and every known parent ended.
    pub fn ready(&self) -> Vec<String> {
        let done = |p: &String| self.leases.get(p).is_none_or(|l| l.ended);
        self.leases
            .iter()
            .filter(|(_, l)| !l.ended && l.parents.iter().all(done))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Records that processing reached `sequence_number` on `shard`.
    pub fn commit(&mut self, shard: &str, sequence_number: &str) {
        if let Some(l) = self.leases.get_mut(shard) {
            l.resume = Resume::After(sequence_number.into());
        }
    }

    /// Forgets the live iterator of `shard`: the next read starts after the last commit.
    pub fn rewind(&mut self, shard: &str) {
        if let Some(l) = self.leases.get_mut(shard) {
            l.iterator = None;
            l.ended = false;
        }
    }
}

impl Cloud {
    /// Discovers the stream's shards: a shard whose parent has a lease starts at
    /// `TRIM_HORIZON`; the others at the reader's start position.
    pub fn reader_sync(&mut self, r: &mut StreamReader) -> Result<(), ApiError> {
        let mut token: Option<String> = None;
        let mut shards = Vec::new();
        loop {
            let out = self.list_shards(ListShardsInput {
                stream_name: if token.is_none() { Some(r.stream.clone()) } else { None },
                next_token: token.take(),
                ..Default::default()
            })?;
            shards.extend(out.shards);
            match out.next_token {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        for s in shards {
            if r.leases.contains_key(&s.shard_id) {
                continue;
            }
            let parents: Vec<String> =
                s.parent_shard_id.iter().chain(s.adjacent_parent_shard_id.iter()).cloned().collect();
            let child = parents.iter().any(|p| r.leases.contains_key(p));
            let resume = Resume::Start(if child { StartAt::TrimHorizon } else { r.start });
            r.leases.insert(s.shard_id, Lease { parents, resume, iterator: None, ended: false });
        }
        Ok(())
    }

    /// Takes iterators now for every ready shard without one (so `LATEST` means "now").
    pub fn reader_prime(&mut self, r: &mut StreamReader) {
        for shard in r.ready() {
            if r.leases.get(&shard).is_some_and(|l| l.iterator.is_none()) {
                if let Ok(it) = self.reader_iterator(r, &shard) {
                    if let Some(l) = r.leases.get_mut(&shard) {
                        l.iterator = Some(it);
                    }
                }
            }
        }
    }

    fn reader_iterator(&mut self, r: &StreamReader, shard: &str) -> Result<String, ApiError> {
        let lease = r.leases.get(shard).ok_or_else(|| ApiError::kinesis_invalid_argument("unknown shard"))?;
        let (kind, seq, ts) = match &lease.resume {
            Resume::Start(StartAt::TrimHorizon) => ("TRIM_HORIZON", None, None),
            Resume::Start(StartAt::Latest) => ("LATEST", None, None),
            Resume::Start(StartAt::AtTimestamp(t)) => ("AT_TIMESTAMP", None, Some(*t)),
            Resume::After(s) => ("AFTER_SEQUENCE_NUMBER", Some(s.clone()), None),
        };
        let out = self.get_shard_iterator(GetShardIteratorInput {
            stream_name: Some(r.stream.clone()),
            shard_id: Some(shard.into()),
            shard_iterator_type: Some(kind.into()),
            starting_sequence_number: seq,
            timestamp: ts,
            ..Default::default()
        })?;
        Ok(out.shard_iterator)
    }

    /// Reads up to `limit` records of `shard` from its position (its live iterator, else its
    /// resume point). The caller commits what it processed.
    pub fn reader_read(
        &mut self,
        r: &mut StreamReader,
        shard: &str,
        limit: i64,
    ) -> Result<Vec<ReadRecord>, ApiError> {
        let iterator = match r.leases.get(shard).and_then(|l| l.iterator.clone()) {
            Some(it) => it,
            None => self.reader_iterator(r, shard)?,
        };
        let out = match self.get_records(GetRecordsInput {
            shard_iterator: Some(iterator),
            limit: Some(limit),
            stream_arn: None,
        }) {
            Ok(o) => o,
            Err(e) => {
                if e.code == "ExpiredIteratorException" {
                    r.rewind(shard);
                }
                return Err(e);
            }
        };
        let Some(lease) = r.leases.get_mut(shard) else { return Ok(Vec::new()) };
        lease.ended = out.next_shard_iterator.is_none();
        lease.iterator = out.next_shard_iterator;
        Ok(out
            .records
            .into_iter()
            .map(|rec| ReadRecord {
                shard_id: shard.into(),
                sequence_number: format!("{}", rec.sequence_number),
                partition_key: String::from(&*rec.partition_key),
                data: rec.data,
                arrival: Instant((rec.approximate_arrival_timestamp * 1000.0 + 0.5) as u64),
            })
            .collect())
    }
}
