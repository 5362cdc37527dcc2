//! Collection helpers that keep the playground's WebAssembly small.

mod hash_slots;
mod vec_map;

pub use hash_slots::{fnv1a, HashSlots};
pub use vec_map::{Entry, VecMap};

/// A tiny deterministic generator (64-bit LCG, high bits) for the model checks of the
/// collections' tests.
#[cfg(test)]
pub(crate) fn lcg(x: &mut u64) -> u64 {
    *x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    *x >> 33
}

use alloc::vec::Vec;
use core::cmp::Ordering;

/// A map from `(key, value)` pairs inserted one by one (a repeated key keeps its last value,
/// as with `collect`). `collect` into a `BTreeMap` first sorts the pairs, and that sort is
/// compiled once per key and value type (~4 KB of WebAssembly each); the maps built here are
/// small, so inserting costs nothing noticeable. `M` is any map that extends from pairs: a
/// `BTreeMap` or a [`VecMap`].
pub fn btree_map<K: Ord, V, M: Default + Extend<(K, V)>>(pairs: impl IntoIterator<Item = (K, V)>) -> M {
    let mut map = M::default();
    map.extend(pairs);
    map
}

/// Sorts `items` stably by `cmp` through one shared sort of indices. Every `sort_by` on a new
/// element type compiles its own sort (~3 KB of WebAssembly); this costs a permutation per
/// type instead. Meant for the short lists that answers and scripts sort, not for hot paths.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
}

/// `0..n` sorted stably by `cmp`: the one sort behind [`sort_by`], and the way to group
/// equal items without a map (indices of equal items stay in ascending order).
pub(crate) fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..n).collect();
    indices.sort_by(|a, b| cmp(*a, *b));
    indices
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeMap;
    use alloc::vec;

    #[test]
    fn sort_by_is_stable_and_matches_slice_sort() {
        let mut a = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        let mut b = a.clone();
        sort_by(&mut a, &|x, y| x.0.cmp(&y.0));
        b.sort_by_key(|x| x.0);
        assert_eq!(a, b);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, &|x, y| x.cmp(y));
        assert!(empty.is_empty());
    }

    #[test]
    fn btree_map_keeps_the_last_value_of_a_repeated_key() {
        let m: BTreeMap<_, _> = btree_map([("a", 1), ("b", 2), ("a", 3)]);
        assert_eq!(m.get("a"), Some(&3));
        assert_eq!(m.len(), 2);
    }
}
