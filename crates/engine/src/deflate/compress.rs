//! Writing DEFLATE data: LZ77 matches found through hash chains with lazy matching (as zlib's
//! higher levels do), then the whole input as one block with dynamic Huffman codes (§3.2.7),
//! or the fixed ones (§3.2.6) when those come out shorter.

use alloc::vec;
use alloc::vec::Vec;

use super::huffman::{codes, lengths};
use super::{fixed_lengths, CL_ORDER, DIST_BASE, DIST_EXTRA, LEN_BASE, LEN_EXTRA};

const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const WINDOW: usize = 32_768;
/// Chain positions tried per match search: more finds longer matches, slower.
const MAX_CHAIN: usize = 256;
const HASH_BITS: u32 = 15;

/// A literal byte or a copy of `len` bytes from `dist` bytes back.
#[derive(Clone, Copy)]
enum Token {
    Lit(u8),
    Copy { len: u16, dist: u16 },
}

/// `data` compressed as a raw DEFLATE stream.
///
/// Indexing here never depends on what `data` holds: symbols are < 286, length and distance
/// codes come from [`code_of`] over the tables they index, positions stay below `data.len()`.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let tokens = lz77(data);
    let mut lit_freq = [0u32; 286];
    let mut dist_freq = [0u32; 30];
    for t in &tokens {
        match *t {
            Token::Lit(b) => lit_freq[usize::from(b)] += 1,
            Token::Copy { len, dist } => {
                lit_freq[257 + code_of(&LEN_BASE, len)] += 1;
                dist_freq[code_of(&DIST_BASE, dist)] += 1;
            }
        }
    }
    lit_freq[256] = 1;
    // Dynamic codes unless the fixed ones make it shorter (tiny inputs: no header to send).
    let (dynamic_lit, dynamic_dist) = (lengths(&lit_freq, 15), lengths(&dist_freq, 15));
    let (fixed_lit, fixed_dist) = fixed_lengths();
    let cost = |lit: &[u8], dist: &[u8]| -> usize {
        let sum = |freq: &[u32], len: &[u8]| -> usize {
            freq.iter().zip(len).map(|(&f, &l)| f as usize * usize::from(l)).sum()
        };
        sum(&lit_freq, lit) + sum(&dist_freq, dist)
    };
    let mut probe = Writer::default();
    header(&mut probe, &dynamic_lit, &dynamic_dist);
    let dynamic = probe.out.len() * 8 + cost(&dynamic_lit, &dynamic_dist) < cost(&fixed_lit, &fixed_dist);
    let (lit_len, dist_len) =
        if dynamic { (&dynamic_lit[..], &dynamic_dist[..]) } else { (&fixed_lit[..], &fixed_dist[..]) };
    let (lit_code, dist_code) = (codes(lit_len), codes(dist_len));

    let mut w = Writer::default();
    w.put(1, 1); // last block
    if dynamic {
        w.put(2, 2);
        header(&mut w, lit_len, dist_len);
    } else {
        w.put(1, 2);
    }
    for t in &tokens {
        match *t {
            Token::Lit(b) => w.put(lit_code[usize::from(b)].into(), lit_len[usize::from(b)]),
            Token::Copy { len, dist } => {
                let l = code_of(&LEN_BASE, len);
                w.put(lit_code[257 + l].into(), lit_len[257 + l]);
                w.put(u32::from(len - LEN_BASE[l]), LEN_EXTRA[l]);
                let d = code_of(&DIST_BASE, dist);
                w.put(dist_code[d].into(), dist_len[d]);
                w.put(u32::from(dist - DIST_BASE[d]), DIST_EXTRA[d]);
            }
        }
    }
    w.put(lit_code[256].into(), lit_len[256]);
    w.finish()
}

/// The code whose base is the largest not above `v`.
fn code_of(bases: &[u16], v: u16) -> usize {
    bases.partition_point(|&b| b <= v).saturating_sub(1)
}

fn lz77(data: &[u8]) -> Vec<Token> {
    let hash = |i: usize| -> usize {
        let v = u32::from(data[i]) << 16 | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]);
        (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
    };
    // head[h]: the latest position with hash h, plus one (0 = none); prev[i]: the one before i.
    let mut head = vec![0u32; 1 << HASH_BITS];
    let mut prev = vec![0u32; data.len()];
    let insert = |i: usize, head: &mut [u32], prev: &mut [u32]| {
        if i + MIN_MATCH <= data.len() {
            let h = hash(i);
            prev[i] = head[h];
            head[h] = i as u32 + 1;
        }
    };
    let longest = |i: usize, prev: &[u32], head: &[u32]| -> (usize, usize) {
        let mut best = (0, 0);
        if i + MIN_MATCH > data.len() {
            return best;
        }
        let max = (data.len() - i).min(MAX_MATCH);
        let mut cand = head[hash(i)];
        for _ in 0..MAX_CHAIN {
            let Some(j) = (cand as usize).checked_sub(1) else { break };
            if i - j > WINDOW {
                break;
            }
            let len = data[j..].iter().zip(&data[i..i + max]).take_while(|(a, b)| a == b).count();
            if len > best.0 {
                best = (len, i - j);
                if len == max {
                    break;
                }
            }
            cand = prev[j];
        }
        best
    };

    let mut tokens = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let (len, dist) = longest(i, &prev, &head);
        insert(i, &mut head, &mut prev);
        // Lazy matching: a longer match starting at the next byte wins over this one.
        if len >= MIN_MATCH && longest(i + 1, &prev, &head).0 <= len {
            tokens.push(Token::Copy { len: len as u16, dist: dist as u16 });
            for k in i + 1..i + len {
                insert(k, &mut head, &mut prev);
            }
            i += len;
        } else {
            tokens.push(Token::Lit(data[i]));
            i += 1;
        }
    }
    tokens
}

/// The dynamic block header: code counts, the code-length code, then the literal/length and
/// distance code lengths, runs shortened with codes 16 (repeat), 17 and 18 (zeros).
fn header(w: &mut Writer, lit_len: &[u8], dist_len: &[u8]) {
    let nlit = 257.max(lit_len.iter().rposition(|&l| l != 0).map_or(0, |p| p + 1));
    let ndist = 1.max(dist_len.iter().rposition(|&l| l != 0).map_or(0, |p| p + 1));
    let all: Vec<u8> = lit_len[..nlit].iter().chain(&dist_len[..ndist]).copied().collect();

    // (symbol, extra bits value, extra bit count)
    let mut runs: Vec<(u8, u8, u8)> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let v = all[i];
        let run = all[i..].iter().take_while(|&&x| x == v).count();
        let n = match (v, run) {
            (0, 11..) => run.min(138),
            (0, 3..) => run,
            (_, 4..) => run.min(7),
            _ => 1,
        };
        match (v, n) {
            (0, 11..) => runs.push((18, n as u8 - 11, 7)),
            (0, 3..) => runs.push((17, n as u8 - 3, 3)),
            // The length once, then "repeat the previous" 3 to 6 times.
            (_, 4..) => runs.extend([(v, 0, 0), (16, n as u8 - 4, 2)]),
            _ => runs.push((v, 0, 0)),
        }
        i += n;
    }

    let mut cl_freq = [0u32; 19];
    for &(sym, _, _) in &runs {
        cl_freq[usize::from(sym)] += 1;
    }
    let cl_len = lengths(&cl_freq, 7);
    let cl_code = codes(&cl_len);
    let ncl = 4.max(CL_ORDER.iter().rposition(|&s| cl_len[usize::from(s)] != 0).map_or(0, |p| p + 1));

    w.put((nlit - 257) as u32, 5);
    w.put((ndist - 1) as u32, 5);
    w.put((ncl - 4) as u32, 4);
    for &s in &CL_ORDER[..ncl] {
        w.put(cl_len[usize::from(s)].into(), 3);
    }
    for (sym, extra, bits) in runs {
        w.put(cl_code[usize::from(sym)].into(), cl_len[usize::from(sym)]);
        w.put(extra.into(), bits);
    }
}

/// Bits written least-significant first.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    buf: u64,
    held: u8,
}

impl Writer {
    fn put(&mut self, v: u32, n: u8) {
        self.buf |= u64::from(v) << self.held;
        self.held += n;
        while self.held >= 8 {
            self.out.push(self.buf as u8);
            self.buf >>= 8;
            self.held -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.held > 0 {
            self.out.push(self.buf as u8);
        }
        self.out
    }
}
