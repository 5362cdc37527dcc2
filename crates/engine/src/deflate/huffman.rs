//! Huffman codes for the compressor (RFC 1951 §3.2.2): code lengths from symbol counts, at
//! most `limit` bits long, and the canonical codes those lengths define.

use alloc::vec;
use alloc::vec::Vec;

/// The optimal code length of each symbol for `freq`, none longer than `limit`: when the
/// optimal tree is too deep, counts are halved (rounding up, so every used symbol keeps a
/// code) and the tree rebuilt; that flattens it until it fits. A symbol with count 0 gets no
/// code. At least two symbols get codes so the code is complete (some decoders reject a
/// one-code Huffman table).
pub fn lengths(freq: &[u32], limit: u8) -> Vec<u8> {
    let mut freq: Vec<u32> = freq.to_vec();
    for i in 0..2 {
        if freq.iter().filter(|&&f| f > 0).count() < 2 {
            if let Some(f) = freq.get_mut(i) {
                *f = (*f).max(1);
            }
        }
    }
    loop {
        let depth = tree_depths(&freq);
        if depth.iter().all(|&d| d <= limit) {
            return depth;
        }
        for f in freq.iter_mut() {
            *f = f.div_ceil(2);
        }
    }
}

/// Each symbol's depth in a Huffman tree built by merging the two lightest nodes (ties broken
/// by order, so the result is deterministic).
fn tree_depths(freq: &[u32]) -> Vec<u8> {
    // Nodes 0..freq.len() are the leaves; merged nodes follow.
    let mut weight: Vec<u64> = freq.iter().map(|&f| u64::from(f)).collect();
    let mut parent: Vec<usize> = vec![usize::MAX; freq.len()];
    let mut live: Vec<usize> = (0..freq.len()).filter(|&i| freq[i] > 0).collect();
    while live.len() > 1 {
        let (a, b) = (take_lightest(&mut live, &weight), take_lightest(&mut live, &weight));
        let node = weight.len();
        weight.push(weight[a] + weight[b]);
        parent.push(usize::MAX);
        parent[a] = node;
        parent[b] = node;
        live.push(node);
    }
    (0..freq.len())
        .map(|i| {
            let mut depth = 0u8;
            let mut at = i;
            while parent[at] != usize::MAX {
                at = parent[at];
                depth = depth.saturating_add(1);
            }
            depth
        })
        .collect()
}

/// Removes and returns the lightest node of `live`, the first-made among equals. A scan, not
/// a sort: at most 286 symbols, and a sort would add its own copy of the sorting code to the
/// WebAssembly.
fn take_lightest(live: &mut Vec<usize>, weight: &[u64]) -> usize {
    let at = (0..live.len()).min_by_key(|&i| (weight[live[i]], live[i])).unwrap_or(0); // ok: live holds node ids
    live.swap_remove(at)
}

/// The canonical code of each symbol (§3.2.2), bit-reversed so it can be written least
/// significant bit first as the bit writer does.
pub fn codes(lengths: &[u8]) -> Vec<u16> {
    let mut count = [0u16; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u16; 16];
    let mut code = 0u16;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            let l = usize::from(l);
            let c = next[l];
            next[l] = next[l].wrapping_add(1);
            c.reverse_bits().checked_shr(16 - l as u32).unwrap_or(0)
        })
        .collect()
}
