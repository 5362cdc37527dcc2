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
use alloc::rc::Rc;
use alloc::vec::Vec;

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
    pub message_id: Rc<str>,
    pub sequence_number: u128,
    pub expires: Instant,
    /// The key it is remembered under: the group (`messageGroup` scope only) and the id.
    group: Option<Rc<str>>,
    dedup_id: Rc<str>,
}

/// The entries whose keys share one 64-bit hash: almost always exactly one.
#[derive(Clone, Debug)]
struct Bucket {
    first: Original,
    more: Vec<Original>,
}

impl Bucket {
    fn entries(&self) -> impl Iterator<Item = &Original> {
        core::iter::once(&self.first).chain(self.more.iter())
    }
}

impl Original {
    fn is(&self, group: Option<&str>, dedup_id: &str) -> bool {
        self.group.as_deref() == group && &*self.dedup_id == dedup_id
    }
}

/// The deduplication window of one FIFO queue. Entries are found by the hash of their key
/// and then compared exactly, so a lookup among many remembered ids is one descent comparing
/// integers, not strings behind pointers. The tree holds only slot numbers: its nodes stay
/// small, and an insertion shifts 4-byte values, not whole entries.
#[derive(Clone, Debug)]
pub struct Dedup {
    pub scope: DeduplicationScope,
    /// Key hash → slot in `buckets`.
    seen: BTreeMap<u64, u32>,
    /// The buckets, by slot; `None` for a free slot (listed in `free`).
    buckets: Vec<Option<Bucket>>,
    free: Vec<u32>,
    /// When each remembered entry ends, with its key's hash, in time order.
    expiry: VecDeque<(Instant, u64)>,
}

/// FNV-1a (64-bit) over the key's parts, with a separator no id can contain.
fn key_hash(group: Option<&str>, dedup_id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    };
    if let Some(g) = group {
        eat(g.as_bytes());
        eat(&[0]);
    }
    eat(dedup_id.as_bytes());
    h
}

impl Dedup {
    pub fn new(scope: DeduplicationScope) -> Self {
        Self { scope, seen: BTreeMap::new(), buckets: Vec::new(), free: Vec::new(), expiry: VecDeque::new() }
    }

    /// The group as far as the scope counts it.
    fn scoped<'a>(&self, group: Option<&'a Rc<str>>) -> Option<&'a Rc<str>> {
        group.filter(|_| self.scope == DeduplicationScope::MessageGroup)
    }

    /// Drops the entries whose window ended at or before `now`.
    fn prune(&mut self, now: Instant) {
        while let Some((at, _)) = self.expiry.front() {
            if *at > now {
                break;
            }
            let Some((_, h)) = self.expiry.pop_front() else { break };
            let Some(&slot) = self.seen.get(&h) else { continue };
            let Some(bucket) = self.buckets.get_mut(slot as usize).and_then(Option::as_mut) else { continue };
            bucket.more.retain(|o| o.expires > now);
            if bucket.first.expires <= now {
                match bucket.more.pop() {
                    Some(next) => bucket.first = next,
                    None => {
                        self.seen.remove(&h);
                        if let Some(b) = self.buckets.get_mut(slot as usize) {
                            *b = None;
                        }
                        self.free.push(slot);
                    }
                }
            }
        }
    }

    /// The bucket of key hash `h`.
    fn bucket(&self, h: u64) -> Option<&Bucket> {
        let slot = *self.seen.get(&h)?;
        self.buckets.get(slot as usize)?.as_ref()
    }

    /// The original send if `dedup_id` (in `group`) was accepted within the window.
    pub fn lookup(&mut self, now: Instant, group: Option<&Rc<str>>, dedup_id: &str) -> Option<&Original> {
        self.prune(now);
        let group = self.scoped(group).map(|g| &**g);
        let bucket = self.bucket(key_hash(group, dedup_id))?;
        bucket.entries().find(|o| o.is(group, dedup_id)).filter(|o| o.expires > now)
    }

    /// Remembers an accepted send for 5 minutes.
    pub fn remember(
        &mut self,
        now: Instant,
        group: Option<&Rc<str>>,
        dedup_id: &Rc<str>,
        message_id: &Rc<str>,
        sequence_number: u128,
    ) {
        let group = self.scoped(group).cloned();
        let h = key_hash(group.as_deref(), dedup_id);
        let expires = now.plus(DEDUP_WINDOW_MS);
        self.expiry.push_back((expires, h));
        let original = Original {
            message_id: message_id.clone(),
            sequence_number,
            expires,
            group,
            dedup_id: dedup_id.clone(),
        };
        let existing = self.seen.get(&h).and_then(|s| self.buckets.get_mut(*s as usize)?.as_mut());
        match existing {
            None => {
                let bucket = Some(Bucket { first: original, more: Vec::new() });
                let slot = match self.free.pop() {
                    Some(slot) => {
                        if let Some(b) = self.buckets.get_mut(slot as usize) {
                            *b = bucket;
                        }
                        slot
                    }
                    None => {
                        self.buckets.push(bucket);
                        (self.buckets.len() - 1) as u32
                    }
                };
                self.seen.insert(h, slot);
            }
            Some(bucket) => {
                let (g, d) = (original.group.as_deref(), &*original.dedup_id);
                if bucket.first.is(g, d) {
                    bucket.first = original;
                } else if let Some(o) = bucket.more.iter_mut().find(|o| o.is(g, d)) {
                    *o = original;
                } else {
                    bucket.more.push(original);
                }
            }
        }
    }

    /// Forgets everything (PurgeQueue, spec §4.6).
    pub fn clear(&mut self) {
        self.seen.clear();
        self.buckets.clear();
        self.free.clear();
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
        let (g1, g2, x, m1): (Rc<str>, Rc<str>, Rc<str>, Rc<str>) =
            ("g1".into(), "g2".into(), "x".into(), "m1".into());
        let mut d = Dedup::new(DeduplicationScope::Queue);
        d.remember(t0, Some(&g1), &x, &m1, 5);
        assert_eq!(d.lookup(t0.plus(1), Some(&g2), "x").map(|o| o.message_id.as_ref()), Some("m1"));
        assert!(d.lookup(t0.plus(DEDUP_WINDOW_MS), Some(&g1), "x").is_none());
        let mut g = Dedup::new(DeduplicationScope::MessageGroup);
        g.remember(t0, Some(&g1), &x, &m1, 5);
        assert!(g.lookup(t0, Some(&g2), "x").is_none());
        assert!(g.lookup(t0, Some(&g1), "x").is_some());
        assert!(g.lookup(t0, Some(&g1), "y").is_none());
    }

    #[test]
    fn colliding_hashes_keep_keys_apart() {
        let t0 = Instant(1_000_000);
        let mut d = Dedup::new(DeduplicationScope::Queue);
        let (a, other, m1, m2): (Rc<str>, Rc<str>, Rc<str>, Rc<str>) =
            ("a".into(), "other".into(), "m1".into(), "m2".into());
        // An entry for another id filed under the hash of "a" (what a collision does).
        d.remember(t0, None, &other, &m1, 1);
        let (_, bucket) = d.seen.pop_first().unwrap();
        let h = key_hash(None, "a");
        d.seen.insert(h, bucket);
        d.expiry.clear();
        d.expiry.push_back((t0.plus(DEDUP_WINDOW_MS), h));
        assert!(d.lookup(t0, None, "a").is_none(), "same hash, different id");
        d.remember(t0.plus(1), None, &a, &m2, 2);
        assert_eq!(d.lookup(t0.plus(1), None, "a").map(|o| o.message_id.as_ref()), Some("m2"));
        assert_eq!(d.bucket(h).map(|b| b.more.len()), Some(1));
        // The first entry's window ends first; the colliding one stays until its own end.
        assert!(d.lookup(t0.plus(DEDUP_WINDOW_MS), None, "a").is_some());
        assert_eq!(d.bucket(h).map(|b| &*b.first.message_id), Some("m2"));
        assert!(d.lookup(t0.plus(DEDUP_WINDOW_MS + 1), None, "a").is_none());
        assert!(d.seen.is_empty());
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
