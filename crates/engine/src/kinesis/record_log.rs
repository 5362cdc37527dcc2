//! A shard's log: its retained records in sequence order.
//!
//! AWS: a shard is an append-only sequence of records; records leave only from the old end,
//! when the retention period ends (spec/kinesis.md §1.2, §1.5). [`RecordLog`] is built for
//! exactly that: appends at the back, expiry at the front, reads by position.
//!
//! Records are kept in chunks of [`CHUNK`]: a busy shard holds hundreds of thousands of
//! records, and one contiguous buffer would be copied whole each time it doubles. A chunk is
//! allocated once and never moves; the first chunk grows like a vector, so a shard with a
//! handful of records stays small.

use alloc::collections::VecDeque;
use core::fmt;
use core::ops::Range;

use super::record::Record;

/// Records per chunk.
pub const CHUNK: usize = 1_024;

/// Retained records, oldest first. Every chunk but the first and the last holds exactly
/// [`CHUNK`] records (appends fill the last chunk, expiry empties the first).
#[derive(Clone, Default)]
pub struct RecordLog {
    chunks: VecDeque<VecDeque<Record>>,
    len: usize,
}

impl RecordLog {
    /// Number of retained records.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends a record (the newest).
    pub fn push_back(&mut self, record: Record) {
        match self.chunks.back_mut() {
            Some(last) if last.len() < CHUNK => last.push_back(record),
            _ => {
                // The first chunk starts small; later ones are made full-size at once.
                let mut chunk =
                    if self.chunks.is_empty() { VecDeque::new() } else { VecDeque::with_capacity(CHUNK) };
                chunk.push_back(record);
                self.chunks.push_back(chunk);
            }
        }
        self.len += 1;
    }

    /// Removes the oldest record.
    pub fn pop_front(&mut self) -> Option<Record> {
        let first = self.chunks.front_mut()?;
        let record = first.pop_front();
        if first.is_empty() {
            self.chunks.pop_front();
        }
        if record.is_some() {
            self.len -= 1;
        }
        record
    }

    /// The oldest record.
    pub fn front(&self) -> Option<&Record> {
        self.chunks.front().and_then(VecDeque::front)
    }

    /// Chunk and offset of position `i` (`i ≤ len`).
    fn locate(&self, i: usize) -> (usize, usize) {
        let first = self.chunks.front().map_or(0, VecDeque::len);
        match i.checked_sub(first) {
            None => (0, i),
            Some(j) => (1 + j / CHUNK, j % CHUNK),
        }
    }

    /// The record at position `i` (0 = oldest).
    pub fn get(&self, i: usize) -> Option<&Record> {
        let (chunk, offset) = self.locate(i);
        self.chunks.get(chunk)?.get(offset)
    }

    /// Records at positions `range` (clamped to the log), oldest first.
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = &Record> + '_ {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        let (chunk, offset) = self.locate(start);
        self.chunks
            .range(chunk.min(self.chunks.len())..)
            .enumerate()
            .flat_map(move |(k, c)| c.range(if k == 0 { offset.min(c.len()) } else { 0 }..))
            .take(end - start)
    }

    /// All records, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Record> + '_ {
        self.chunks.iter().flatten()
    }

    /// The position of the first record for which `pred` is false, `pred` being true for a
    /// prefix of the log (as `slice::partition_point`).
    pub fn partition_point(&self, mut pred: impl FnMut(&Record) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).is_some_and(&mut pred) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

impl fmt::Debug for RecordLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::SequenceNumber;
    use crate::time::WORLD_START;
    use alloc::vec::Vec;

    fn record(i: u64) -> Record {
        Record {
            sequence_number: SequenceNumber::new(0, 0, i, 0),
            partition_key: "k".into(),
            data: Vec::new(),
            arrival: WORLD_START,
            encrypted: false,
        }
    }

    fn ixs<'a>(it: impl Iterator<Item = &'a Record>) -> Vec<u64> {
        it.map(|r| r.sequence_number.seq_ix).collect()
    }

    #[test]
    fn behaves_as_one_queue_across_chunks() {
        let mut log = RecordLog::default();
        let mut model = VecDeque::new();
        let n = 3 * CHUNK as u64 + 7;
        for i in 1..=n {
            log.push_back(record(i));
            model.push_back(i);
        }
        for popped in 0..(CHUNK + 5) {
            assert_eq!(log.len(), model.len());
            assert_eq!(log.front().map(|r| r.sequence_number.seq_ix), model.front().copied());
            if popped % 300 == 0 {
                let len = model.len();
                for (a, b) in
                    [(0, len), (0, 1), (CHUNK - 3, CHUNK + 3), (len - 2, len + 5), (len + 9, len + 20)]
                {
                    let want: Vec<u64> = model.range(a.min(len)..b.min(len)).copied().collect();
                    assert_eq!(ixs(log.range(a..b)), want, "{a}..{b} after {popped} pops");
                }
                for i in [0, 1, CHUNK - 1, CHUNK, len - 1, len] {
                    assert_eq!(log.get(i).map(|r| r.sequence_number.seq_ix), model.get(i).copied());
                }
                let cut = model[len / 3];
                assert_eq!(log.partition_point(|r| r.sequence_number.seq_ix < cut), len / 3);
                assert_eq!(ixs(log.iter()), Vec::from(model.clone()));
            }
            assert_eq!(log.pop_front().map(|r| r.sequence_number.seq_ix), model.pop_front());
        }
        while log.pop_front().is_some() {}
        assert!(log.is_empty() && log.front().is_none() && log.range(0..5).next().is_none());
        log.push_back(record(1));
        assert_eq!(ixs(log.range(0..1)), [1]);
    }
}
