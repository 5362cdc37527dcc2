//! [`VecMap`]: an ordered map kept as one sorted `Vec` of pairs.
//!
//! Why: every `BTreeMap<K, V>` compiles its own insert, remove, clone, drop and node
//! rebalancing (5–9 KB of WebAssembly per key/value type, ~60 types in the playground). A
//! sorted `Vec` costs a binary search and a `Vec::insert`/`remove` per type (under 1 KB).
//! It behaves as a `BTreeMap` does (iteration in key order, the same `Borrow` lookups), so
//! answers built from it are unchanged. Inserting or removing in the middle moves the
//! entries after it: meant for resource tables (queues, streams, shards, functions, …), not
//! for the per-message indexes, which stay B-trees.

use alloc::vec::Vec;
use core::borrow::Borrow;
use core::cmp::Ordering;
use core::fmt;
use core::ops::{Bound, RangeBounds};

/// An ordered map as a sorted `Vec` of `(key, value)` (module docs).
#[derive(Clone, PartialEq, Eq)]
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        Self { entries: Vec::new() }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for VecMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// `(&K, &V)` from a stored pair.
fn pair<K, V>(e: &(K, V)) -> (&K, &V) {
    (&e.0, &e.1)
}

/// `(&K, &mut V)` from a stored pair.
fn pair_mut<K, V>(e: &mut (K, V)) -> (&K, &mut V) {
    (&e.0, &mut e.1)
}

pub type Iter<'a, K, V> = core::iter::Map<core::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
pub type IterMut<'a, K, V> =
    core::iter::Map<core::slice::IterMut<'a, (K, V)>, fn(&'a mut (K, V)) -> (&'a K, &'a mut V)>;

impl<K, V> VecMap<K, V> {
    pub const fn new() -> Self {
        Self { entries: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.entries.iter().map(pair as fn(&(K, V)) -> (&K, &V))
    }

    /// Entries in key order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        self.entries.iter_mut().map(pair_mut as fn(&mut (K, V)) -> (&K, &mut V))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.entries.iter().map(|e| &e.0)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|e| &e.1)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|e| &mut e.1)
    }

    pub fn into_values(self) -> impl DoubleEndedIterator<Item = V> + ExactSizeIterator {
        self.entries.into_iter().map(|e| e.1)
    }

    pub fn into_keys(self) -> impl DoubleEndedIterator<Item = K> + ExactSizeIterator {
        self.entries.into_iter().map(|e| e.0)
    }

    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        self.entries.first().map(pair)
    }

    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        self.entries.last().map(pair)
    }

    pub fn pop_first(&mut self) -> Option<(K, V)> {
        if self.entries.is_empty() {
            None
        } else {
            Some(self.entries.remove(0))
        }
    }

    pub fn pop_last(&mut self) -> Option<(K, V)> {
        self.entries.pop()
    }

    /// Keeps the entries for which `f` is true (in key order, as `BTreeMap::retain`).
    pub fn retain(&mut self, mut f: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|e| f(&e.0, &mut e.1));
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// `Ok(i)`: the key is at `i`; `Err(i)`: it would go at `i`.
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|e| e.0.borrow().cmp(key))
    }

    /// The position of `key` in key order, if present.
    pub fn index_of<Q: Ord + ?Sized>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok()
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().and_then(|i| self.entries.get(i)).map(|e| &e.1)
    }

    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().and_then(|i| self.entries.get(i)).map(pair)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        match self.find(key) {
            Ok(i) => self.entries.get_mut(i).map(|e| &mut e.1),
            Err(_) => None,
        }
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Inserts `value` at `key`; the value it replaces, if any (the stored key stays).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self.entries.get_mut(i).map(|e| core::mem::replace(&mut e.1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.remove_entry(key).map(|e| e.1)
    }

    pub fn remove_entry<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
    {
        match self.find(key) {
            Ok(i) => Some(self.entries.remove(i)),
            Err(_) => None,
        }
    }

    /// The entry of `key`, to read, fill or change in place.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = self.find(&key);
        Entry { map: self, key, at }
    }

    /// Entries whose keys fall in `range`, in key order.
    pub fn range<Q: Ord + ?Sized, R: RangeBounds<Q>>(&self, range: R) -> Iter<'_, K, V>
    where
        K: Borrow<Q>,
    {
        let (from, to) = self.bounds(&range);
        self.entries.get(from..to).unwrap_or_default().iter().map(pair as fn(&(K, V)) -> (&K, &V))
    }

    /// Entries whose keys fall in `range`, values mutable.
    pub fn range_mut<Q: Ord + ?Sized, R: RangeBounds<Q>>(&mut self, range: R) -> IterMut<'_, K, V>
    where
        K: Borrow<Q>,
    {
        let (from, to) = self.bounds(&range);
        let slice: &mut [(K, V)] = self.entries.get_mut(from..to).unwrap_or_default();
        slice.iter_mut().map(pair_mut as fn(&mut (K, V)) -> (&K, &mut V))
    }

    /// Index range `from..to` of the keys inside `range`.
    fn bounds<Q: Ord + ?Sized, R: RangeBounds<Q>>(&self, range: &R) -> (usize, usize)
    where
        K: Borrow<Q>,
    {
        let below = |b: Bound<&Q>, k: &K| match b {
            Bound::Included(q) => k.borrow().cmp(q) == Ordering::Less,
            Bound::Excluded(q) => k.borrow().cmp(q) != Ordering::Greater,
            Bound::Unbounded => false,
        };
        let from = self.entries.partition_point(|e| below(range.start_bound(), &e.0));
        let to = self.entries.partition_point(|e| match range.end_bound() {
            Bound::Included(q) => e.0.borrow().cmp(q) != Ordering::Greater,
            Bound::Excluded(q) => e.0.borrow().cmp(q) == Ordering::Less,
            Bound::Unbounded => true,
        });
        (from, to.max(from))
    }
}

/// A place in a [`VecMap`] for one key, filled or not ([`VecMap::entry`]).
pub struct Entry<'a, K, V> {
    map: &'a mut VecMap<K, V>,
    key: K,
    at: Result<usize, usize>,
}

impl<'a, K, V> Entry<'a, K, V> {
    pub fn key(&self) -> &K {
        &self.key
    }

    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        let i = match self.at {
            Ok(i) => i,
            Err(i) => {
                self.map.entries.insert(i, (self.key, make()));
                i
            }
        };
        // ok: `i` is the index of the entry found or just inserted.
        &mut self.map.entries[i].1
    }

    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }

    pub fn and_modify(self, f: impl FnOnce(&mut V)) -> Self {
        if let Ok(i) = self.at {
            if let Some(e) = self.map.entries.get_mut(i) {
                f(&mut e.1);
            }
        }
        self
    }
}

/// `map[key]`, for tests and provably present keys: panics when `key` is absent, as
/// `BTreeMap`'s indexing does.
impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> core::ops::Index<&Q> for VecMap<K, V> {
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        #[allow(clippy::expect_used)]
        self.get(key).expect("no entry found for key") // ok: the engine never indexes outside tests (checked by building without this impl)
    }
}

impl<K: Ord, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        for (k, v) in pairs {
            self.insert(k, v);
        }
    }
}

/// A repeated key keeps its last value, as `collect` into a `BTreeMap` does.
impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut map = Self::new();
        map.extend(pairs);
        map
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for VecMap<K, V> {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = alloc::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut VecMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

/// A JSON object, as a `BTreeMap` serialises.
#[cfg(feature = "serde")]
impl<K: serde::Serialize, V: serde::Serialize> serde::Serialize for VecMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use alloc::collections::BTreeMap;
    use alloc::string::{String, ToString};
    use alloc::vec;
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(u8, u16),
        Remove(u8),
        Entry(u8, u16),
        Retain(u8),
        PopFirst,
        PopLast,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (any::<u8>(), any::<u16>()).prop_map(|(k, v)| Op::Insert(k, v)),
            any::<u8>().prop_map(Op::Remove),
            (any::<u8>(), any::<u16>()).prop_map(|(k, v)| Op::Entry(k, v)),
            any::<u8>().prop_map(Op::Retain),
            Just(Op::PopFirst),
            Just(Op::PopLast),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any sequence of changes leaves the same entries, answers and ranges as a BTreeMap.
        #[test]
        fn behaves_as_a_btree_map(ops in proptest::collection::vec(op(), 0..60), lo: u8, hi: u8) {
            let mut v: VecMap<u8, u16> = VecMap::new();
            let mut b: BTreeMap<u8, u16> = BTreeMap::new();
            for o in ops {
                match o {
                    Op::Insert(k, x) => prop_assert_eq!(v.insert(k, x), b.insert(k, x)),
                    Op::Remove(k) => prop_assert_eq!(v.remove(&k), b.remove(&k)),
                    Op::Entry(k, x) => {
                        let e = v.entry(k).and_modify(|y| *y = y.wrapping_add(1)).or_insert(x);
                        *e = e.wrapping_add(1);
                        let e = b.entry(k).and_modify(|y| *y = y.wrapping_add(1)).or_insert(x);
                        *e = e.wrapping_add(1);
                    }
                    Op::Retain(m) => {
                        v.retain(|k, _| k % 3 != m % 3);
                        b.retain(|k, _| k % 3 != m % 3);
                    }
                    Op::PopFirst => prop_assert_eq!(v.pop_first(), b.pop_first()),
                    Op::PopLast => prop_assert_eq!(v.pop_last(), b.pop_last()),
                }
                prop_assert!(v.iter().eq(b.iter()));
                prop_assert_eq!(v.len(), b.len());
            }
            let (lo, hi) = (lo.min(hi), lo.max(hi));
            prop_assert!(v.range(lo..hi).eq(b.range(lo..hi)));
            prop_assert!(v.range(lo..=hi).eq(b.range(lo..=hi)));
            prop_assert!(v.range(..hi).eq(b.range(..hi)));
            prop_assert!(v.range((Bound::Excluded(lo), Bound::Unbounded)).eq(b.range((Bound::Excluded(lo), Bound::Unbounded))));
            prop_assert_eq!(v.first_key_value(), b.first_key_value());
            prop_assert_eq!(v.last_key_value(), b.last_key_value());
        }
    }

    #[test]
    fn looks_up_strings_by_str_and_keeps_the_last_value() {
        let m: VecMap<String, i32> =
            vec![("b".to_string(), 1), ("a".to_string(), 2), ("b".to_string(), 3)].into_iter().collect();
        assert_eq!(m.get("b"), Some(&3));
        assert_eq!(m.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert!(m.contains_key("a") && !m.contains_key("c"));
    }
}
