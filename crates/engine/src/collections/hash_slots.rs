//! [`HashSlots`]: finds slots of a slab by a 64-bit hash of their key, for the hot lookups by
//! string key (FIFO message groups, deduplication ids) where a B-tree compares strings behind
//! pointers at every level.
//!
//! Deterministic: the hash is the caller's (a fixed function of the key, never randomly
//! seeded) and nothing iterates the table, so answers never depend on its layout.

use alloc::vec;
use alloc::vec::Vec;

/// The tag of an empty place.
const EMPTY: u8 = 0;

/// Slot numbers by key hash: open addressing with linear probing, at most three quarters
/// full. Several slots may share a hash (different keys, or a colliding hash); the caller
/// tells them apart by comparing its keys.
///
/// Each place has a one-byte tag (0 for empty) in its own array, beside the place's 32 bits of
/// the hash (its [`fragment`], which also picks where a probe starts) and slot number. A
/// probe reads the tags and looks at a place only when its tag matches: a lookup of an absent
/// key (every accepted FIFO send looks its deduplication id up) reads a byte array an eighth
/// the size of the places, which stays in cache where the places would not.
#[derive(Clone, Debug, Default)]
pub struct HashSlots {
    /// Tag per place, `EMPTY` or [`tag`] of the fragment there. The length is 0 or a power of
    /// two.
    tags: Vec<u8>,
    /// `(fragment, slot)` per place (meaningless where the tag is `EMPTY`).
    places: Vec<(u32, u32)>,
    len: usize,
}

/// The 32 bits of `h` a place keeps. Fibonacci hashing spreads hashes that differ only in low
/// bits.
fn fragment(h: u64) -> u32 {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

/// The tag of fragment `f`: its top byte (the home comes from the low bits), never `EMPTY`.
fn tag(f: u32) -> u8 {
    ((f >> 24) as u8).max(1)
}

impl HashSlots {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The place where a probe for a hash with fragment `f` starts.
    fn home(&self, f: u32) -> usize {
        f as usize & (self.tags.len() - 1)
    }

    /// The first slot stored under `h` for which `is` holds.
    pub fn find(&self, h: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.tags.is_empty() {
            return None;
        }
        let mask = self.tags.len() - 1;
        let f = fragment(h);
        let t = tag(f);
        let mut i = self.home(f);
        loop {
            let pt = *self.tags.get(i)?;
            if pt == EMPTY {
                return None;
            }
            if pt == t {
                let (pf, slot) = *self.places.get(i)?;
                if pf == f && is(slot) {
                    return Some(slot);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `slot` under `h` (the caller makes sure it is not there yet).
    pub fn insert(&mut self, h: u64, slot: u32) {
        if (self.len + 1) * 4 > self.tags.len() * 3 {
            self.grow();
        }
        self.place(fragment(h), slot);
        self.len += 1;
    }

    fn place(&mut self, f: u32, slot: u32) {
        let mask = self.tags.len() - 1;
        let mut i = self.home(f);
        while let Some(t) = self.tags.get_mut(i) {
            if *t == EMPTY {
                *t = tag(f);
                if let Some(p) = self.places.get_mut(i) {
                    *p = (f, slot);
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.tags.len() * 2).max(16);
        let tags = core::mem::replace(&mut self.tags, vec![EMPTY; size]);
        let places = core::mem::replace(&mut self.places, vec![(0, 0); size]);
        for (t, (f, slot)) in tags.into_iter().zip(places) {
            if t != EMPTY {
                self.place(f, slot);
            }
        }
    }

    /// Removes `slot` stored under `h`; false if it is not there.
    pub fn remove(&mut self, h: u64, slot: u32) -> bool {
        if self.tags.is_empty() {
            return false;
        }
        let mask = self.tags.len() - 1;
        let f = fragment(h);
        let t = tag(f);
        let mut i = self.home(f);
        loop {
            match (self.tags.get(i), self.places.get(i)) {
                (Some(&pt), Some(&p)) if pt == t && p == (f, slot) => break,
                (Some(&pt), _) if pt != EMPTY => i = (i + 1) & mask,
                _ => return false,
            }
        }
        // Backward-shift deletion: move later entries of the probe run into the hole when
        // their home is not between the hole and them (so every probe still finds them).
        let mut hole = i;
        let mut j = (i + 1) & mask;
        while let (Some(&pt), Some(&(pf, s))) = (self.tags.get(j), self.places.get(j)) {
            if pt == EMPTY {
                break;
            }
            let home = self.home(pf);
            // Distance from home to j and from hole to j, around the ring.
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(hole) & mask) {
                if let (Some(ht), Some(hp)) = (self.tags.get_mut(hole), self.places.get_mut(hole)) {
                    *ht = pt;
                    *hp = (pf, s);
                }
                hole = j;
            }
            j = (j + 1) & mask;
        }
        if let Some(ht) = self.tags.get_mut(hole) {
            *ht = EMPTY;
        }
        self.len -= 1;
        true
    }

    /// Forgets everything (keeps the memory).
    pub fn clear(&mut self) {
        self.tags.iter_mut().for_each(|t| *t = EMPTY);
        self.len = 0;
    }
}

/// FNV-1a (64-bit) over `parts`, each followed by a 0 byte (no id the callers hash contains
/// one), so `["ab", "c"]` and `["a", "bc"]` differ.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0]) {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::lcg;
    use alloc::collections::BTreeSet;

    #[test]
    fn behaves_like_a_set_of_hash_slot_pairs() {
        let mut x = 5;
        // Few distinct hashes: long probe runs and many shared hashes.
        for spread in [4u64, 64, 100_000] {
            let mut t = HashSlots::new();
            let mut model = BTreeSet::new();
            for step in 0..20_000u32 {
                let h = lcg(&mut x) % spread;
                if lcg(&mut x) % 3 == 0 {
                    let slot = (lcg(&mut x) % 500) as u32;
                    if !model.contains(&(h, slot)) {
                        model.insert((h, slot));
                        t.insert(h, slot);
                    }
                } else if let Some(&(h, slot)) = model.iter().nth((lcg(&mut x) as usize) % model.len().max(1))
                {
                    assert!(t.remove(h, slot));
                    model.remove(&(h, slot));
                    assert!(!t.remove(h, slot));
                }
                if step % 97 == 0 {
                    for &(h, slot) in &model {
                        assert_eq!(t.find(h, |s| s == slot), Some(slot));
                    }
                    assert_eq!(t.find(spread + 1, |_| true), None);
                }
                assert_eq!(t.len(), model.len());
            }
            t.clear();
            assert!(t.is_empty());
            assert_eq!(t.find(1, |_| true), None);
        }
    }

    #[test]
    fn fnv_separates_parts() {
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
        assert_eq!(fnv1a(&[b"x"]), fnv1a(&[b"x"]));
    }
}
