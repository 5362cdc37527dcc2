//! FIFO topics: deduplication and sequence numbers
//! (<https://docs.aws.amazon.com/sns/latest/dg/fifo-message-dedup.html>, spec/sns.md §4.4, §5.5).
//!
//! * Deduplication happens in SNS, over the **whole topic** by default, or per message group
//!   with `FifoThroughputScope=MessageGroup`; the window is 5 minutes from the first publish.
//!   A duplicate answers with the original `MessageId` and `SequenceNumber` and is not
//!   delivered again.
//! * `SequenceNumber` is a large decimal string that only grows within the topic (so within
//!   each message group); it is non-consecutive.
//! * Content-based deduplication uses the lowercase hex SHA-256 of the message body.

use alloc::collections::{BTreeMap, VecDeque};
use alloc::string::{String, ToString};

use crate::rng::Rng;
use crate::time::{Instant, MINUTE};

/// The deduplication window (aws-doc: 5 minutes).
pub const DEDUP_WINDOW_MS: u64 = 5 * MINUTE;

/// Where the sequence numbers of a new topic start (20 digits, like AWS's).
const FIRST_SEQUENCE: u128 = 10_000_000_000_000_000_000;

/// What a publish remembered for its deduplication id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remembered {
    pub message_id: String,
    pub sequence_number: String,
}

/// A FIFO topic's deduplication cache and sequence counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FifoState {
    seen: BTreeMap<(String, String), (Instant, Remembered)>,
    expiry: VecDeque<(Instant, (String, String))>,
    last_sequence: u128,
}

impl Default for FifoState {
    fn default() -> Self {
        Self { seen: BTreeMap::new(), expiry: VecDeque::new(), last_sequence: FIRST_SEQUENCE }
    }
}

impl FifoState {
    fn expire(&mut self, now: Instant) {
        while let Some((at, _)) = self.expiry.front() {
            if *at > now {
                break;
            }
            if let Some((at, key)) = self.expiry.pop_front() {
                if self.seen.get(&key).is_some_and(|(exp, _)| *exp == at) {
                    self.seen.remove(&key);
                }
            }
        }
    }

    /// The earlier publish with this deduplication id (within `scope`: empty for the whole
    /// topic, else the message group), if it is still inside the window.
    pub fn duplicate_of(&mut self, now: Instant, scope: &str, dedup_id: &str) -> Option<Remembered> {
        self.expire(now);
        self.seen.get(&(scope.to_string(), dedup_id.to_string())).map(|(_, r)| r.clone())
    }

    /// Remembers a publish for the next five minutes.
    pub fn remember(&mut self, now: Instant, scope: &str, dedup_id: &str, r: Remembered) {
        let key = (scope.to_string(), dedup_id.to_string());
        let until = now.plus(DEDUP_WINDOW_MS);
        self.expiry.push_back((until, key.clone()));
        self.seen.insert(key, (until, r));
    }

    /// The next sequence number: larger than every earlier one, with a random gap.
    pub fn next_sequence(&mut self, rng: &mut Rng) -> String {
        self.last_sequence += 1 + rng.below(1 << 16) as u128;
        self.last_sequence.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_is_five_minutes_and_sequence_grows() {
        let mut f = FifoState::default();
        let mut rng = Rng::new(0);
        let t0 = Instant(1_000);
        let a = f.next_sequence(&mut rng);
        let b = f.next_sequence(&mut rng);
        assert!(a.len() == 20 && b.parse::<u128>().unwrap() > a.parse::<u128>().unwrap());
        f.remember(t0, "", "d", Remembered { message_id: "m".into(), sequence_number: a });
        assert!(f.duplicate_of(t0.plus(DEDUP_WINDOW_MS - 1), "", "d").is_some());
        assert!(f.duplicate_of(t0.plus(DEDUP_WINDOW_MS - 1), "g", "d").is_none());
        assert!(f.duplicate_of(t0.plus(DEDUP_WINDOW_MS), "", "d").is_none());
    }
}
