//! The two ordered containers behind a queue's indexes ([`super::store`]), shaped for how a
//! queue uses them: keys mostly arrive in ascending order (send order, `now + timeout`) and
//! mostly leave from the front (oldest first), so both are flat deques that keep their
//! memory between messages, where a B-tree allocates and frees a node whenever a queue
//! empties and refills.

use alloc::collections::{BTreeSet, VecDeque};
use alloc::vec::Vec;
use core::iter::Peekable;

/// A set of distinct keys in ascending order.
///
/// Keys above every key held so far append to `run`; any other key goes to `late` (a B-tree,
/// for the rare key that arrives out of order). A key removed from inside `run` is only
/// marked removed, and dropped once it reaches an end of `run` (or when marks outnumber the
/// keys, by compaction): removing the oldest key, the common case, pops it.
#[derive(Clone, Debug)]
pub(crate) struct OrderedSet<K> {
    /// Ascending keys, each with `true` while it is in the set. Both ends are always live.
    run: VecDeque<(K, bool)>,
    late: BTreeSet<K>,
    /// Marked (removed) entries inside `run`.
    marked: usize,
}

impl<K> Default for OrderedSet<K> {
    fn default() -> Self {
        Self { run: VecDeque::new(), late: BTreeSet::new(), marked: 0 }
    }
}

impl<K: Ord + Copy> OrderedSet<K> {
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.run.len() - self.marked + self.late.len()
    }

    pub fn is_empty(&self) -> bool {
        self.run.is_empty() && self.late.is_empty()
    }

    /// Adds `k`, which must not be in the set.
    pub fn insert(&mut self, k: K) {
        if self.run.back().is_none_or(|(last, _)| *last < k) {
            self.run.push_back((k, true));
        } else {
            self.late.insert(k);
        }
    }

    /// Removes `k`; false if it was not in the set.
    pub fn remove(&mut self, k: &K) -> bool {
        if self.run.front().is_some_and(|(first, _)| first == k) {
            self.run.pop_front();
            self.trim();
            return true;
        }
        if self.late.remove(k) {
            return true;
        }
        let Ok(i) = self.run.binary_search_by(|(x, _)| x.cmp(k)) else { return false };
        match self.run.get_mut(i) {
            Some((_, live)) if *live => *live = false,
            _ => return false,
        }
        self.marked += 1;
        self.trim();
        if self.marked > 32 && self.marked > self.run.len() / 2 {
            self.run.retain(|(_, live)| *live);
            self.marked = 0;
        }
        true
    }

    /// Drops marked entries at both ends of `run`.
    fn trim(&mut self) {
        while self.run.front().is_some_and(|(_, live)| !live) {
            self.run.pop_front();
            self.marked -= 1;
        }
        while self.run.back().is_some_and(|(_, live)| !live) {
            self.run.pop_back();
            self.marked -= 1;
        }
    }

    /// The smallest key.
    pub fn first(&self) -> Option<K> {
        let run = self.run.front().map(|(k, _)| *k);
        match (run, self.late.first()) {
            (Some(a), Some(b)) => Some(a.min(*b)),
            (a, b) => a.or(b.copied()),
        }
    }

    /// Every key, ascending.
    pub fn iter(&self) -> Merge<impl Iterator<Item = K> + '_, impl Iterator<Item = K> + '_> {
        Merge::new(self.run.iter().filter(|(_, live)| *live).map(|(k, _)| *k), self.late.iter().copied())
    }

    /// The keys from `from` (inclusive), ascending.
    pub fn iter_from(&self, from: K) -> Merge<impl Iterator<Item = K> + '_, impl Iterator<Item = K> + '_> {
        let start = self.run.partition_point(|(k, _)| *k < from);
        Merge::new(
            self.run.range(start..).filter(|(_, live)| *live).map(|(k, _)| *k),
            self.late.range(from..).copied(),
        )
    }
}

/// Two ascending iterators of distinct keys merged into one.
pub(crate) struct Merge<A: Iterator, B: Iterator> {
    a: Peekable<A>,
    b: Peekable<B>,
}

impl<K: Ord, A: Iterator<Item = K>, B: Iterator<Item = K>> Merge<A, B> {
    fn new(a: A, b: B) -> Self {
        Self { a: a.peekable(), b: b.peekable() }
    }
}

impl<K: Ord, A: Iterator<Item = K>, B: Iterator<Item = K>> Iterator for Merge<A, B> {
    type Item = K;
    fn next(&mut self) -> Option<K> {
        let take_a = match (self.a.peek(), self.b.peek()) {
            (Some(x), Some(y)) => x < y,
            (x, _) => x.is_some(),
        };
        if take_a {
            self.a.next()
        } else {
            self.b.next()
        }
    }
}

/// Values by a `u64` position that only grows as values are added: a deque of slots indexed
/// from the oldest held position, over a slab, so a value is written once and never moved by
/// the index. Holes left by removed values cost 4 bytes each until the oldest value before
/// them leaves.
#[derive(Clone, Debug)]
pub(crate) struct Positions<V> {
    /// The position of `slots[0]`.
    base: u64,
    /// Slab index per position, `HOLE` for none; both ends are always filled.
    slots: VecDeque<u32>,
    values: Slab<V>,
    /// Empty slab entries, reused before the slab grows.
    free: Vec<u32>,
    len: usize,
}

const HOLE: u32 = u32::MAX;

impl<V> Default for Positions<V> {
    fn default() -> Self {
        Self { base: 0, slots: VecDeque::new(), values: Slab::default(), free: Vec::new(), len: 0 }
    }
}

/// Slab entries per chunk of a [`Slab`] (past the first).
const SLAB_CHUNK: usize = 256;

/// Values by index in chunks of [`SLAB_CHUNK`]: a growing slab adds a chunk instead of
/// reallocating and copying every value (a stored message is a few hundred bytes, and a
/// queue that fills up would copy them all at each doubling). Only the first chunk grows the
/// usual way, so a small queue holds no more than it needs.
#[derive(Clone, Debug)]
pub(crate) struct Slab<V> {
    chunks: Vec<Vec<Option<V>>>,
}

impl<V> Default for Slab<V> {
    fn default() -> Self {
        Self { chunks: Vec::new() }
    }
}

impl<V> Slab<V> {
    pub fn get(&self, i: usize) -> Option<&Option<V>> {
        self.chunks.get(i / SLAB_CHUNK)?.get(i % SLAB_CHUNK)
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut Option<V>> {
        self.chunks.get_mut(i / SLAB_CHUNK)?.get_mut(i % SLAB_CHUNK)
    }

    /// Appends `v`; returns its index.
    pub fn push(&mut self, v: Option<V>) -> usize {
        let (chunk, index) = self.next_slot();
        chunk.push(v);
        index
    }

    /// Entries, filled or not.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum()
    }

    /// Drops every entry.
    pub fn clear(&mut self) {
        self.chunks.clear();
    }

    /// The chunk the next value goes to (a new one when the last is full), and that value's
    /// index: the caller pushes the value itself, so that it is moved once.
    fn next_slot(&mut self) -> (&mut Vec<Option<V>>, usize) {
        let fresh = self.chunks.last().is_none_or(|c| c.len() == SLAB_CHUNK);
        if fresh {
            let first = self.chunks.is_empty();
            self.chunks.push(if first { Vec::new() } else { Vec::with_capacity(SLAB_CHUNK) });
        }
        let filled = self.chunks.len().saturating_sub(1) * SLAB_CHUNK;
        let Some(last) = self.chunks.last_mut() else { unreachable!() }; // ok: pushed above if empty.
        let index = filled + last.len();
        (last, index)
    }
}

impl<V> Positions<V> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn slot(&self, pos: u64) -> Option<u32> {
        let i = usize::try_from(pos.checked_sub(self.base)?).ok()?;
        self.slots.get(i).copied().filter(|s| *s != HOLE)
    }

    pub fn get(&self, pos: u64) -> Option<&V> {
        let s = self.slot(pos)?;
        self.values.get(s as usize)?.as_ref()
    }

    pub fn get_mut(&mut self, pos: u64) -> Option<&mut V> {
        let s = self.slot(pos)?;
        self.values.get_mut(s as usize)?.as_mut()
    }

    /// Stores `v` at `pos`, replacing what was there.
    pub fn insert(&mut self, pos: u64, v: V) {
        if let Some(old) = self.get_mut(pos) {
            *old = v;
            return;
        }
        let slab = match self.free.pop() {
            Some(s) => {
                if let Some(e) = self.values.get_mut(s as usize) {
                    *e = Some(v);
                }
                s
            }
            None => {
                let (chunk, index) = self.values.next_slot();
                chunk.push(Some(v));
                index as u32
            }
        };
        if self.slots.is_empty() {
            self.base = pos;
        }
        while pos < self.base {
            self.slots.push_front(HOLE);
            self.base -= 1;
        }
        let i = (pos - self.base) as usize;
        while self.slots.len() <= i {
            self.slots.push_back(HOLE);
        }
        if let Some(s) = self.slots.get_mut(i) {
            *s = slab;
        }
        self.len += 1;
    }

    /// Takes the value at `pos` out.
    pub fn remove(&mut self, pos: u64) -> Option<V> {
        let s = self.slot(pos)?;
        let i = (pos - self.base) as usize; // ok: `slot` found `pos` at or above `base`.
        if let Some(e) = self.slots.get_mut(i) {
            *e = HOLE;
        }
        while self.slots.front() == Some(&HOLE) {
            self.slots.pop_front();
            self.base += 1;
        }
        while self.slots.back() == Some(&HOLE) {
            self.slots.pop_back();
        }
        self.len -= 1;
        self.free.push(s);
        self.values.get_mut(s as usize)?.take()
    }

    /// Every value in position order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.slots.iter().filter_map(|s| self.values.get(*s as usize).and_then(Option::as_ref))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::lcg;
    use alloc::collections::BTreeMap;

    #[test]
    fn ordered_set_behaves_like_a_btree_set() {
        let mut x = 7;
        for spread in [4u64, 64, 1000] {
            let mut s = OrderedSet::default();
            let mut model = BTreeSet::new();
            let mut next = 0u64;
            for _ in 0..5000 {
                match lcg(&mut x) % 5 {
                    0 | 1 => {
                        next += 1 + lcg(&mut x) % 3;
                        let k = if lcg(&mut x) % 4 == 0 {
                            next.saturating_sub(lcg(&mut x) % spread)
                        } else {
                            next
                        };
                        if model.insert(k) {
                            s.insert(k);
                        }
                    }
                    2 => {
                        let k = model.first().copied().unwrap_or(0);
                        assert_eq!(s.remove(&k), model.remove(&k));
                    }
                    _ => {
                        let k = next.saturating_sub(lcg(&mut x) % spread);
                        assert_eq!(s.remove(&k), model.remove(&k));
                    }
                }
                assert_eq!(s.first(), model.first().copied());
                assert_eq!(s.len(), model.len());
                assert_eq!(s.is_empty(), model.is_empty());
            }
            assert!(s.iter().eq(model.iter().copied()));
            let from = next / 2;
            assert!(s.iter_from(from).eq(model.range(from..).copied()));
        }
    }

    #[test]
    fn positions_behave_like_a_btree_map() {
        let mut x = 3;
        let mut p = Positions::default();
        let mut model = BTreeMap::new();
        let mut next = 100u64;
        for _ in 0..5000 {
            match lcg(&mut x) % 4 {
                0 | 1 => {
                    next += 1;
                    let k = if lcg(&mut x) % 8 == 0 { next - 90 } else { next };
                    p.insert(k, k * 2);
                    model.insert(k, k * 2);
                }
                2 => {
                    let k = model.keys().next().copied().unwrap_or(0);
                    assert_eq!(p.remove(k), model.remove(&k));
                }
                _ => {
                    let k = next - lcg(&mut x) % 50;
                    assert_eq!(p.remove(k), model.remove(&k));
                }
            }
            let k = next - lcg(&mut x) % 60;
            assert_eq!(p.get(k), model.get(&k));
            assert_eq!(p.len(), model.len());
        }
        assert!(p.values().eq(model.values()));
    }

    #[test]
    fn positions_span_slab_chunks() {
        let mut p = Positions::default();
        let n = 3 * SLAB_CHUNK as u64 + 7;
        for k in 0..n {
            p.insert(k, k);
        }
        assert!((0..n).all(|k| p.get(k) == Some(&k)));
        for k in (0..n).step_by(3) {
            assert_eq!(p.remove(k), Some(k));
        }
        for k in n..n + 400 {
            p.insert(k, k);
        }
        assert!(p.values().copied().eq((0..n + 400).filter(|k| k >= &n || k % 3 != 0)));
        assert_eq!(p.len(), (n + 400 - n.div_ceil(3)) as usize);
    }
}
