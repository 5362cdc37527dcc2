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

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use alloc::vec::Vec;

use super::attributes::DeduplicationScope;
use super::ordered::Slab;
use crate::collections::{fnv1a, HashSlots};
use crate::rng::{Rng, Uuid};
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
        // ASCII alphanumerics and punctuation are exactly the graphic characters.
        && id.bytes().all(|b| b.is_ascii_graphic())
}

/// What the window remembers of an accepted send: 64 bytes (the window of a busy queue holds
/// hundreds of thousands). The message id is kept as its bits (its text is printed again only
/// for a duplicate), the sequence number as two words (no 16-byte alignment); when the entry
/// ends is kept in the window's expiry list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Original {
    message_id: Uuid,
    /// The sequence number, most significant word first.
    sequence_number: [u64; 2],
    /// The key it is remembered under: the group (`messageGroup` scope only) and the id.
    group: Option<Rc<str>>,
    dedup_id: Rc<str>,
}

impl Original {
    fn is(&self, group: Option<&str>, dedup_id: &str) -> bool {
        self.group.as_deref() == group && &*self.dedup_id == dedup_id
    }

    /// The original send's `MessageId`.
    pub fn message_id(&self) -> Rc<str> {
        self.message_id.shared()
    }

    /// The original send's `SequenceNumber`.
    pub fn sequence_number(&self) -> u128 {
        u128::from(self.sequence_number[0]) << 64 | u128::from(self.sequence_number[1])
    }

    /// The hash the entry is filed under.
    fn hash(&self) -> u64 {
        key_hash(self.group.as_deref(), &self.dedup_id)
    }
}

/// The hash of a key: the group as far as the scope counts it, and the id.
fn key_hash(group: Option<&str>, dedup_id: &str) -> u64 {
    match group {
        Some(g) => fnv1a(&[g.as_bytes(), dedup_id.as_bytes()]),
        None => fnv1a(&[dedup_id.as_bytes()]),
    }
}

/// The deduplication window of one FIFO queue. Entries are found by the hash of their key
/// ([`HashSlots`]) and then compared exactly, so a lookup among many remembered ids compares
/// one or two strings, not a string per tree level.
#[derive(Clone, Debug)]
pub struct Dedup {
    pub scope: DeduplicationScope,
    /// Entry slots by key hash.
    seen: HashSlots,
    /// The entries, by slot; `None` for a free slot (listed in `free`). In chunks: a window
    /// that fills up adds a chunk instead of copying every entry.
    entries: Slab<Original>,
    free: Vec<u32>,
    /// When each entry's window ends, with its slot, in time order: every entry has exactly
    /// one place here, added when it is remembered and taken when it is dropped.
    expiry: VecDeque<(Instant, u32)>,
}

impl Dedup {
    pub fn new(scope: DeduplicationScope) -> Self {
        Self {
            scope,
            seen: HashSlots::new(),
            entries: Slab::default(),
            free: Vec::new(),
            expiry: VecDeque::new(),
        }
    }

    /// The group as far as the scope counts it.
    fn scoped<'a>(&self, group: Option<&'a Rc<str>>) -> Option<&'a Rc<str>> {
        group.filter(|_| self.scope == DeduplicationScope::MessageGroup)
    }

    /// The hash a send's key is remembered under (computed once per send: [`Dedup::lookup`]
    /// and [`Dedup::remember`] take it).
    pub fn key_hash(&self, group: Option<&Rc<str>>, dedup_id: &str) -> u64 {
        key_hash(self.scoped(group).map(|g| &**g), dedup_id)
    }

    /// Drops the entries whose window ended at or before `now`.
    fn prune(&mut self, now: Instant) {
        while let Some(&(at, slot)) = self.expiry.front() {
            if at > now {
                break;
            }
            self.expiry.pop_front();
            let Some(e) = self.entries.get_mut(slot as usize) else { continue };
            let Some(hash) = e.take().map(|o| o.hash()) else { continue };
            self.seen.remove(hash, slot);
            self.free.push(slot);
        }
    }

    /// The original send if `dedup_id` (in `group`), whose key hashes to `hash`, was accepted
    /// within the window.
    pub fn lookup(
        &mut self,
        now: Instant,
        hash: u64,
        group: Option<&Rc<str>>,
        dedup_id: &str,
    ) -> Option<&Original> {
        // Every entry left after pruning is within its window.
        self.prune(now);
        let group = self.scoped(group).map(|g| &**g);
        let entries = &self.entries;
        let slot = self.seen.find(hash, |s| {
            entries.get(s as usize).and_then(Option::as_ref).is_some_and(|o| o.is(group, dedup_id))
        })?;
        self.entries.get(slot as usize)?.as_ref()
    }

    /// Remembers an accepted send for 5 minutes. Only after [`Dedup::lookup`] of the same key,
    /// at the same instant, found none.
    pub fn remember(
        &mut self,
        now: Instant,
        hash: u64,
        group: Option<&Rc<str>>,
        dedup_id: &Rc<str>,
        message_id: Uuid,
        sequence_number: u128,
    ) {
        let group = self.scoped(group).cloned();
        let original = Original {
            message_id,
            sequence_number: [(sequence_number >> 64) as u64, sequence_number as u64],
            group,
            dedup_id: dedup_id.clone(),
        };
        // The caller looked the key up first and found none: no live entry has this key (an
        // ended one was pruned by that lookup).
        debug_assert!(original.hash() == hash);
        debug_assert!({
            let (g, d) = (original.group.as_deref(), &*original.dedup_id);
            let entries = &self.entries;
            self.seen
                .find(hash, |s| entries.get(s as usize).and_then(Option::as_ref).is_some_and(|o| o.is(g, d)))
                .is_none()
        });
        let slot = match self.free.pop() {
            Some(slot) => {
                if let Some(e) = self.entries.get_mut(slot as usize) {
                    *e = Some(original);
                }
                slot
            }
            None => self.entries.push(Some(original)) as u32,
        };
        self.seen.insert(hash, slot);
        self.expiry.push_back((now.plus(DEDUP_WINDOW_MS), slot));
    }

    /// Forgets everything (PurgeQueue, spec §4.6).
    pub fn clear(&mut self) {
        self.seen.clear();
        self.entries.clear();
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

    /// `lookup` and `remember` with the key's own hash.
    fn seen(d: &mut Dedup, now: Instant, group: Option<&Rc<str>>, id: &str) -> Option<Rc<str>> {
        let h = d.key_hash(group, id);
        d.lookup(now, h, group, id).map(Original::message_id)
    }

    fn remember(d: &mut Dedup, now: Instant, group: Option<&Rc<str>>, id: &str, message: Uuid, sn: u128) {
        let h = d.key_hash(group, id);
        d.remember(now, h, group, &Rc::from(id), message, sn);
    }

    #[test]
    fn window_and_scope() {
        let t0 = Instant(1_000_000);
        let (g1, g2): (Rc<str>, Rc<str>) = ("g1".into(), "g2".into());
        let m1 = Rng::new(1).uuid_v4();
        let sn = 18_000_000_000_000_000_005 + (1 << 70);
        let mut d = Dedup::new(DeduplicationScope::Queue);
        remember(&mut d, t0, Some(&g1), "x", m1, sn);
        assert_eq!(seen(&mut d, t0.plus(1), Some(&g2), "x"), Some(m1.shared()));
        let h = d.key_hash(None, "x");
        assert_eq!(d.lookup(t0, h, None, "x").map(Original::sequence_number), Some(sn));
        assert!(seen(&mut d, t0.plus(DEDUP_WINDOW_MS), Some(&g1), "x").is_none());
        assert!(d.seen.is_empty(), "the ended window is dropped");
        let mut g = Dedup::new(DeduplicationScope::MessageGroup);
        remember(&mut g, t0, Some(&g1), "x", m1, 5);
        assert!(seen(&mut g, t0, Some(&g2), "x").is_none());
        assert!(seen(&mut g, t0, Some(&g1), "x").is_some());
        assert!(seen(&mut g, t0, Some(&g1), "y").is_none());
        assert!(seen(&mut g, t0.plus(DEDUP_WINDOW_MS), Some(&g1), "x").is_none());
        assert!(g.seen.is_empty(), "the ended window is dropped, found by its key's hash");
    }

    #[test]
    fn colliding_hashes_keep_keys_apart() {
        let t0 = Instant(1_000_000);
        let mut d = Dedup::new(DeduplicationScope::Queue);
        let mut rng = Rng::new(3);
        let (m1, m2) = (rng.uuid_v4(), rng.uuid_v4());
        // Two ids whose hashes share the 32 bits the table keeps: each is found among both.
        let (a, other) = ("169704", "602040");
        let (ha, ho) = (d.key_hash(None, a), d.key_hash(None, other));
        assert_ne!(ha, ho);
        remember(&mut d, t0, None, other, m1, 1);
        assert!(d.lookup(t0, ha, None, a).is_none(), "same place, different id");
        remember(&mut d, t0.plus(1), None, a, m2, 2);
        assert_eq!(seen(&mut d, t0.plus(1), None, a), Some(m2.shared()));
        assert_eq!(seen(&mut d, t0.plus(1), None, other), Some(m1.shared()));
        assert_eq!(d.seen.len(), 2);
        // The first entry's window ends first; the colliding one stays until its own end.
        assert!(d.lookup(t0.plus(DEDUP_WINDOW_MS), ha, None, a).is_some());
        assert!(d.lookup(t0.plus(DEDUP_WINDOW_MS), ho, None, other).is_none());
        assert_eq!(d.seen.len(), 1);
        assert!(d.lookup(t0.plus(DEDUP_WINDOW_MS + 1), ha, None, a).is_none());
        assert!(d.seen.is_empty());
        // Freed slots are reused.
        remember(&mut d, t0.plus(DEDUP_WINDOW_MS + 2), None, a, m1, 3);
        assert_eq!(d.entries.len(), 2);
    }

    #[test]
    fn an_entry_is_64_bytes() {
        assert_eq!(core::mem::size_of::<Option<Original>>(), 64);
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
