//! FIFO send-side rules: message group and deduplication ids, the 5-minute deduplication
//! window and sequence numbers (spec/sqs.md §6.1;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-exactly-once-processing.html>).
//! The receive side (group order and blocking) lives in [`super::store`].
//!
//! * Deduplication id: explicit, or with `ContentBasedDeduplication` the SHA-256 of the body
//!   (lowercase hex). A duplicate within 5 minutes of the original send is accepted but not
//!   enqueued, and answers the original `MessageId` and `SequenceNumber` (spec §14 Q7).
//! * The scope (`queue` or `messageGroup`) is the one the queue was created with (spec §14
//!   Q8: changing it later is shown but has no effect).
//! * The window survives the message's deletion and is cleared by PurgeQueue.
//! * Sequence numbers: 20 decimal digits, strictly increasing per queue, not consecutive.

use alloc::collections::{BTreeMap, VecDeque};
use alloc::string::String;

use super::attributes::DeduplicationScope;
use crate::rng::Rng;
use crate::time::{Instant, MINUTE};

/// Deduplication interval: 5 minutes (aws-doc).
pub const DEDUP_WINDOW_MS: u64 = 5 * MINUTE;
/// Maximum length of `MessageGroupId`, `MessageDeduplicationId`, `ReceiveRequestAttemptId`.
pub const MAX_ID_LEN: usize = 128;
/// First sequence numbers sit above this, so they always print with 20 digits.
const SEQUENCE_BASE: u128 = 18_000_000_000_000_000_000;

/// True when `id` is 1–128 of `[A-Za-z0-9]` and ASCII punctuation.
pub fn is_valid_token(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b.is_ascii_punctuation())
}

/// What the window remembers of an accepted send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Original {
    pub message_id: String,
    pub sequence_number: u128,
    pub expires: Instant,
}

/// The deduplication window of one FIFO queue.
#[derive(Clone, Debug)]
pub struct Dedup {
    pub scope: DeduplicationScope,
    seen: BTreeMap<String, Original>,
    expiry: VecDeque<(Instant, String)>,
}

impl Dedup {
    pub fn new(scope: DeduplicationScope) -> Self {
        Self { scope, seen: BTreeMap::new(), expiry: VecDeque::new() }
    }

    fn key(&self, group: &str, dedup_id: &str) -> String {
        match self.scope {
            DeduplicationScope::Queue => String::from(dedup_id),
            DeduplicationScope::MessageGroup => {
                let mut k = String::with_capacity(group.len() + dedup_id.len() + 1);
                k.push_str(group);
                k.push('\u{0}');
                k.push_str(dedup_id);
                k
            }
        }
    }

    fn prune(&mut self, now: Instant) {
        while let Some((at, _)) = self.expiry.front() {
            if *at > now {
                break;
            }
            if let Some((at, key)) = self.expiry.pop_front() {
                if self.seen.get(&key).is_some_and(|o| o.expires == at) {
                    self.seen.remove(&key);
                }
            }
        }
    }

    /// The original send if `dedup_id` (in `group`) was accepted within the window.
    pub fn lookup(&mut self, now: Instant, group: &str, dedup_id: &str) -> Option<&Original> {
        self.prune(now);
        let key = self.key(group, dedup_id);
        self.seen.get(&key).filter(|o| o.expires > now)
    }

    /// Remembers an accepted send for 5 minutes.
    pub fn remember(
        &mut self,
        now: Instant,
        group: &str,
        dedup_id: &str,
        message_id: &str,
        sequence_number: u128,
    ) {
        let key = self.key(group, dedup_id);
        let expires = now.plus(DEDUP_WINDOW_MS);
        self.expiry.push_back((expires, key.clone()));
        self.seen.insert(key, Original { message_id: String::from(message_id), sequence_number, expires });
    }

    /// Forgets everything (PurgeQueue, spec §4.6).
    pub fn clear(&mut self) {
        self.seen.clear();
        self.expiry.clear();
    }
}

/// Sequence numbers of one FIFO queue.
#[derive(Clone, Debug)]
pub struct Sequencer {
    last: u128,
}

impl Sequencer {
    /// Starts at a random point above `SEQUENCE_BASE`.
    pub fn new(rng: &mut Rng) -> Self {
        Self { last: SEQUENCE_BASE + u128::from(rng.below(1 << 50)) * 65_536 }
    }

    /// The next number: larger than the last by a random, non-unit step.
    pub fn next(&mut self, rng: &mut Rng) -> u128 {
        self.last += 2 + u128::from(rng.below(1 << 16));
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_and_scope() {
        let t0 = Instant(1_000_000);
        let mut d = Dedup::new(DeduplicationScope::Queue);
        d.remember(t0, "g1", "x", "m1", 5);
        assert_eq!(d.lookup(t0.plus(1), "g2", "x").map(|o| o.message_id.as_str()), Some("m1"));
        assert!(d.lookup(t0.plus(DEDUP_WINDOW_MS), "g1", "x").is_none());
        let mut g = Dedup::new(DeduplicationScope::MessageGroup);
        g.remember(t0, "g1", "x", "m1", 5);
        assert!(g.lookup(t0, "g2", "x").is_none());
        assert!(g.lookup(t0, "g1", "x").is_some());
    }

    #[test]
    fn sequence_numbers_have_20_digits_and_grow() {
        let mut rng = Rng::new(9);
        let mut s = Sequencer::new(&mut rng);
        let a = s.next(&mut rng);
        let b = s.next(&mut rng);
        assert!(b > a + 1);
        assert_eq!(super::super::message::sequence_string(a).len(), 20);
        assert!(is_valid_token("a-b.c!~"));
        assert!(!is_valid_token("a b"));
        assert!(!is_valid_token(""));
    }
}
