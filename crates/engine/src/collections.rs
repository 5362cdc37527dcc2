//! Collection helpers that keep the playground's WebAssembly small.

use alloc::collections::BTreeMap;

/// A map from `(key, value)` pairs inserted one by one (a repeated key keeps its last value,
/// as with `collect`). `collect` into a `BTreeMap` first sorts the pairs, and that sort is
/// compiled once per key and value type (~4 KB of WebAssembly each); the maps built here are
/// small, so inserting costs nothing noticeable.
pub fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}
