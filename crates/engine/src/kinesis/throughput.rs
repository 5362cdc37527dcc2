//! Per-shard throughput limits on virtual seconds.
//!
//! AWS: each shard takes writes of up to 1 MiB/s (data plus partition keys) and 1,000
//! records/s, and serves reads of 5 GetRecords transactions/s and 2 MiB/s
//! (<https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html>).
//! GetShardIterator is limited to 5 transactions/s per shard as well.
//!
//! How AWS shapes its windows is not documented; this is the deterministic model of
//! spec/kinesis.md §1.8 (api-contract rule 5):
//! * writes: a sliding window of the last 1,000 ms of *accepted* writes (an entry accepted at
//!   `t` counts while `t > now − 1000`). A record is accepted iff afterwards the window holds
//!   ≤ 1,000 records and ≤ 1,048,576 bytes; a rejected record consumes nothing;
//! * reads: at most 5 successful calls in the last 1,000 ms, and a read debt that grows by the
//!   bytes each GetRecords returns and drains at 2 MiB/s; calls fail while the debt exceeds
//!   2 MiB (so a 10 MiB read locks the shard for about 4 s).
//!
//! # Fidelity
//! Window shape and burst credit are the spec's recommended reading of open question 3
//! (AWS does not document them). [`KinesisSettings::throttling`](super::KinesisSettings) turns
//! the limits off.

use alloc::collections::VecDeque;

use crate::time::{Instant, SECOND};

/// Records per shard per second (writes).
pub const WRITE_RECORDS_PER_SECOND: u32 = 1_000;
/// Bytes per shard per second (writes, data + partition key).
pub const WRITE_BYTES_PER_SECOND: u64 = 1_048_576;
/// GetRecords (and GetShardIterator) calls per shard per second.
pub const READ_CALLS_PER_SECOND: usize = 5;
/// Bytes per shard per second (shared reads).
pub const READ_BYTES_PER_SECOND: u64 = 2 * 1_048_576;

/// Accepted writes of the last second, merged per instant.
#[derive(Clone, Debug, Default)]
pub struct WriteWindow {
    entries: VecDeque<(Instant, u32, u64)>,
    records: u32,
    bytes: u64,
}

impl WriteWindow {
    fn expire(&mut self, now: Instant) {
        while let Some(&(t, n, b)) = self.entries.front() {
            if t.plus(SECOND) > now {
                break;
            }
            self.records -= n;
            self.bytes -= b;
            self.entries.pop_front();
        }
    }

    /// Accepts one record of `bytes` at `now` if the shard has room, and counts it.
    pub fn try_accept(&mut self, now: Instant, bytes: u64) -> bool {
        self.expire(now);
        if self.records + 1 > WRITE_RECORDS_PER_SECOND || self.bytes + bytes > WRITE_BYTES_PER_SECOND {
            return false;
        }
        self.records += 1;
        self.bytes += bytes;
        match self.entries.back_mut() {
            Some((t, n, b)) if *t == now => {
                *n += 1;
                *b += bytes;
            }
            _ => self.entries.push_back((now, 1, bytes)),
        }
        true
    }
}

/// Calls of the last second (GetRecords or GetShardIterator).
#[derive(Clone, Debug, Default)]
pub struct CallWindow {
    calls: VecDeque<Instant>,
}

impl CallWindow {
    /// True when one more call fits in the window at `now` (does not count it).
    pub fn has_room(&mut self, now: Instant) -> bool {
        while self.calls.front().is_some_and(|t| t.plus(SECOND) <= now) {
            self.calls.pop_front();
        }
        self.calls.len() < READ_CALLS_PER_SECOND
    }

    /// Counts one successful call.
    pub fn count(&mut self, now: Instant) {
        self.calls.push_back(now);
    }
}

/// Bytes read and not yet paid back at 2 MiB/s, kept in byte·milliseconds so draining
/// loses nothing to rounding.
#[derive(Clone, Debug, Default)]
pub struct ReadDebt {
    milli_bytes: u64,
    at: Instant,
}

impl ReadDebt {
    fn settle(&mut self, now: Instant) {
        let paid = now.since(self.at).saturating_mul(READ_BYTES_PER_SECOND);
        self.milli_bytes = self.milli_bytes.saturating_sub(paid);
        self.at = now;
    }

    /// True while the debt is within one second of burst.
    pub fn has_room(&mut self, now: Instant) -> bool {
        self.settle(now);
        self.milli_bytes <= READ_BYTES_PER_SECOND * SECOND
    }

    /// Adds the bytes a successful read returned.
    pub fn add(&mut self, now: Instant, bytes: u64) {
        self.settle(now);
        self.milli_bytes = self.milli_bytes.saturating_add(bytes.saturating_mul(SECOND));
    }
}

/// Read-side limits of one shard.
#[derive(Clone, Debug, Default)]
pub struct ReadLimits {
    pub get_records: CallWindow,
    pub get_shard_iterator: CallWindow,
    pub debt: ReadDebt,
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Instant = crate::time::WORLD_START;

    #[test]
    fn thousand_records_a_second_then_the_window_slides() {
        let mut w = WriteWindow::default();
        for i in 0..1000 {
            assert!(w.try_accept(T0.plus(i % 7), 10));
        }
        assert!(!w.try_accept(T0.plus(999), 10));
        assert!(w.try_accept(T0.plus(1000), 10)); // the entries at t=0 stopped counting
    }

    #[test]
    fn one_mebibyte_a_second_and_rejections_consume_nothing() {
        let mut w = WriteWindow::default();
        assert!(w.try_accept(T0, WRITE_BYTES_PER_SECOND - 10));
        assert!(!w.try_accept(T0, 11));
        assert!(w.try_accept(T0, 10));
        assert!(!w.try_accept(T0.plus(999), 1));
        assert!(w.try_accept(T0.plus(1000), WRITE_BYTES_PER_SECOND));
    }

    #[test]
    fn five_calls_a_second_and_read_debt() {
        let mut c = CallWindow::default();
        for _ in 0..5 {
            assert!(c.has_room(T0));
            c.count(T0);
        }
        assert!(!c.has_room(T0.plus(999)));
        assert!(c.has_room(T0.plus(1000)));
        let mut d = ReadDebt::default();
        d.add(T0, 10 * 1_048_576);
        assert!(!d.has_room(T0.plus(3999)));
        assert!(d.has_room(T0.plus(4000)));
    }
}
