//! Hex digests AWS computes: MD5 (`MD5OfMessageBody`, `MD5OfMessageAttributes`, Kinesis
//! partition-key hashing) and SHA-256 (content-based deduplication ids).

use alloc::string::String;
use alloc::vec::Vec;
use md5::{Digest, Md5};
use sha2::Sha256;

/// Lowercase hex digits by value (also `rng`'s).
pub(crate) const HEX: &[u8; 16] = b"0123456789abcdef";

/// Each byte's two lowercase hex digits.
const HEX_PAIRS: [[u8; 2]; 256] = {
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [HEX[i >> 4], HEX[i & 0xf]];
        i += 1;
    }
    t
};

/// Lowercase hex of `bytes`, written 32 bytes at a time on the stack (digests are 16 or 32).
pub fn hex(bytes: &[u8]) -> String {
    if let Ok(digest) = <&[u8; 16]>::try_from(bytes) {
        // An MD5 digest, the common case: written as `Md5Hex` writes it.
        return String::from(Md5Hex::new(digest).as_str());
    }
    let mut out = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.chunks(32) {
        let mut digits = [[0u8; 2]; 32];
        for (b, pair) in chunk.iter().zip(digits.iter_mut()) {
            *pair = HEX_PAIRS[usize::from(*b)];
        }
        // ok: hex digits are ASCII.
        out.push_str(core::str::from_utf8(digits[..chunk.len()].as_flattened()).unwrap_or_default());
    }
    out
}

/// An MD5 digest as its 32 lowercase hex digits, held inline (no allocation): what
/// `MD5OfMessageBody` and `MD5OfBody` answer. It reads, prints, compares and serialises as
/// that text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Md5Hex([u8; 32]);

impl Md5Hex {
    /// The hex form of a 16-byte digest.
    pub fn new(digest: &[u8; 16]) -> Self {
        let mut out = [0u8; 32];
        for (pair, b) in out.chunks_exact_mut(2).zip(digest) {
            pair.copy_from_slice(&HEX_PAIRS[usize::from(*b)]);
        }
        Self(out)
    }

    /// The digits as text.
    pub fn as_str(&self) -> &str {
        // ok: hex digits are ASCII.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl core::ops::Deref for Md5Hex {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl core::fmt::Display for Md5Hex {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::fmt::Debug for Md5Hex {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Md5Hex {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<&str> for Md5Hex {
    fn eq(&self, other: &&str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl PartialEq<String> for Md5Hex {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_bytes()
    }
}

impl From<Md5Hex> for String {
    fn from(h: Md5Hex) -> Self {
        String::from(h.as_str())
    }
}

impl serde::Serialize for Md5Hex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Default for Md5Hex {
    /// The digits of an all-zero digest (outputs derive `Default`; no answer uses it).
    fn default() -> Self {
        Self::new(&[0; 16])
    }
}

/// The 16-byte MD5 digest of `data`. An input that fits one block (most message bodies of a
/// few words) takes [`md5_short`], without the streaming hasher's buffering.
pub fn md5(data: &[u8]) -> [u8; 16] {
    if data.len() <= SHORT_MAX {
        let [d] = md5_short([data]);
        return d;
    }
    Md5::digest(data).into()
}

/// MD5 digests of many inputs (Kinesis hashes every partition key of a PutRecords request).
///
/// MD5 is one long chain of dependent steps, so a single digest leaves most of the CPU idle;
/// inputs that fit one block (≤ 55 bytes, as partition keys usually do) are hashed two at a
/// time with the chains interleaved step by step. Longer inputs take [`md5`].
///
/// In WebAssembly one at a time: the interleaved pair unrolls its rounds twice (~15 KB of the
/// playground's wasm), for PutRecords requests of a few records there.
pub fn md5_each(inputs: &[&[u8]]) -> Vec<[u8; 16]> {
    if cfg!(target_arch = "wasm32") {
        return inputs.iter().map(|i| md5(i)).collect();
    }
    let mut out = Vec::with_capacity(inputs.len());
    let mut waiting: Option<&[u8]> = None;
    for &input in inputs {
        if input.len() > SHORT_MAX {
            if let Some(w) = waiting.take() {
                out.push(md5(w));
            }
            out.push(md5(input));
            continue;
        }
        match waiting.take() {
            None => waiting = Some(input),
            Some(first) => {
                let [a, b] = md5_short([first, input]);
                out.push(a);
                out.push(b);
            }
        }
    }
    if let Some(w) = waiting {
        out.push(md5(w));
    }
    out
}

/// Longest input that MD5 pads into a single 64-byte block.
const SHORT_MAX: usize = 55;

/// The one padded block of a short input, as 16 little-endian words.
fn short_block(input: &[u8]) -> [u32; 16] {
    let mut block = [0u8; 64];
    let n = input.len().min(SHORT_MAX);
    for (b, i) in block.iter_mut().zip(input.iter().take(n)) {
        *b = *i;
    }
    if let Some(b) = block.get_mut(n) {
        *b = 0x80;
    }
    let bits = (n as u64 * 8).to_le_bytes();
    for (b, i) in block.iter_mut().skip(56).zip(bits) {
        *b = i;
    }
    let mut words = [0u32; 16];
    for (w, c) in words.iter_mut().zip(block.chunks_exact(4)) {
        *w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]); // ok: chunks_exact(4)
    }
    words
}

/// MD5 (RFC 1321) of `L` inputs of at most [`SHORT_MAX`] bytes, their rounds interleaved.
fn md5_short<const L: usize>(inputs: [&[u8]; L]) -> [[u8; 16]; L] {
    let m = inputs.map(short_block);
    let mut a = [0x6745_2301u32; L];
    let mut b = [0xefcd_ab89u32; L];
    let mut c = [0x98ba_dcfeu32; L];
    let mut d = [0x1032_5476u32; L];
    macro_rules! step {
        ($f:expr, $k:expr, $g:expr, $s:expr) => {
            for l in 0..L {
                let (bb, cc, dd) = (b[l], c[l], d[l]);
                let f = $f(bb, cc, dd).wrapping_add(a[l]).wrapping_add($k).wrapping_add(m[l][$g]);
                a[l] = dd;
                d[l] = cc;
                c[l] = bb;
                b[l] = bb.wrapping_add(f.rotate_left($s));
            }
        };
    }
    // F = (b & c) | (!b & d) and G = (d & b) | (!d & c), each in three operations.
    let ff = |b: u32, c: u32, d: u32| d ^ (b & (c ^ d));
    let gg = |b: u32, c: u32, d: u32| c ^ (d & (b ^ c));
    let hh = |b: u32, c: u32, d: u32| b ^ c ^ d;
    let ii = |b: u32, c: u32, d: u32| c ^ (b | !d);
    step!(ff, 0xd76aa478, 0, 7);
    step!(ff, 0xe8c7b756, 1, 12);
    step!(ff, 0x242070db, 2, 17);
    step!(ff, 0xc1bdceee, 3, 22);
    step!(ff, 0xf57c0faf, 4, 7);
    step!(ff, 0x4787c62a, 5, 12);
    step!(ff, 0xa8304613, 6, 17);
    step!(ff, 0xfd469501, 7, 22);
    step!(ff, 0x698098d8, 8, 7);
    step!(ff, 0x8b44f7af, 9, 12);
    step!(ff, 0xffff5bb1, 10, 17);
    step!(ff, 0x895cd7be, 11, 22);
    step!(ff, 0x6b901122, 12, 7);
    step!(ff, 0xfd987193, 13, 12);
    step!(ff, 0xa679438e, 14, 17);
    step!(ff, 0x49b40821, 15, 22);
    step!(gg, 0xf61e2562, 1, 5);
    step!(gg, 0xc040b340, 6, 9);
    step!(gg, 0x265e5a51, 11, 14);
    step!(gg, 0xe9b6c7aa, 0, 20);
    step!(gg, 0xd62f105d, 5, 5);
    step!(gg, 0x02441453, 10, 9);
    step!(gg, 0xd8a1e681, 15, 14);
    step!(gg, 0xe7d3fbc8, 4, 20);
    step!(gg, 0x21e1cde6, 9, 5);
    step!(gg, 0xc33707d6, 14, 9);
    step!(gg, 0xf4d50d87, 3, 14);
    step!(gg, 0x455a14ed, 8, 20);
    step!(gg, 0xa9e3e905, 13, 5);
    step!(gg, 0xfcefa3f8, 2, 9);
    step!(gg, 0x676f02d9, 7, 14);
    step!(gg, 0x8d2a4c8a, 12, 20);
    step!(hh, 0xfffa3942, 5, 4);
    step!(hh, 0x8771f681, 8, 11);
    step!(hh, 0x6d9d6122, 11, 16);
    step!(hh, 0xfde5380c, 14, 23);
    step!(hh, 0xa4beea44, 1, 4);
    step!(hh, 0x4bdecfa9, 4, 11);
    step!(hh, 0xf6bb4b60, 7, 16);
    step!(hh, 0xbebfbc70, 10, 23);
    step!(hh, 0x289b7ec6, 13, 4);
    step!(hh, 0xeaa127fa, 0, 11);
    step!(hh, 0xd4ef3085, 3, 16);
    step!(hh, 0x04881d05, 6, 23);
    step!(hh, 0xd9d4d039, 9, 4);
    step!(hh, 0xe6db99e5, 12, 11);
    step!(hh, 0x1fa27cf8, 15, 16);
    step!(hh, 0xc4ac5665, 2, 23);
    step!(ii, 0xf4292244, 0, 6);
    step!(ii, 0x432aff97, 7, 10);
    step!(ii, 0xab9423a7, 14, 15);
    step!(ii, 0xfc93a039, 5, 21);
    step!(ii, 0x655b59c3, 12, 6);
    step!(ii, 0x8f0ccc92, 3, 10);
    step!(ii, 0xffeff47d, 10, 15);
    step!(ii, 0x85845dd1, 1, 21);
    step!(ii, 0x6fa87e4f, 8, 6);
    step!(ii, 0xfe2ce6e0, 15, 10);
    step!(ii, 0xa3014314, 6, 15);
    step!(ii, 0x4e0811a1, 13, 21);
    step!(ii, 0xf7537e82, 4, 6);
    step!(ii, 0xbd3af235, 11, 10);
    step!(ii, 0x2ad7d2bb, 2, 15);
    step!(ii, 0xeb86d391, 9, 21);
    let mut out = [[0u8; 16]; L];
    for (l, o) in out.iter_mut().enumerate() {
        let words = [
            a[l].wrapping_add(0x6745_2301),
            b[l].wrapping_add(0xefcd_ab89),
            c[l].wrapping_add(0x98ba_dcfe),
            d[l].wrapping_add(0x1032_5476),
        ];
        for (chunk, w) in o.chunks_exact_mut(4).zip(words) {
            chunk.copy_from_slice(&w.to_le_bytes());
        }
    }
    out
}

/// Lowercase hex MD5 of `data` (`MD5OfMessageBody`).
pub fn md5_hex(data: &[u8]) -> String {
    hex(&md5(data))
}

/// An MD5 computation that has consumed a shared prefix: several texts that begin alike
/// (the envelopes of one SNS message, which differ only near the end) hash the prefix once.
#[derive(Clone, Debug)]
pub struct Md5Prefix(Md5);

impl Md5Prefix {
    pub fn new(prefix: &[u8]) -> Self {
        let mut h = Md5::new();
        h.update(prefix);
        Self(h)
    }

    /// The MD5 of the prefix followed by `rest`.
    pub fn finish(&self, rest: &[&[u8]]) -> [u8; 16] {
        let mut h = self.0.clone();
        for r in rest {
            h.update(r);
        }
        h.finalize().into()
    }
}

/// Lowercase hex SHA-256 of `data` (content-based `MessageDeduplicationId`).
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(&[0xab; 33]), "ab".repeat(33));
        assert_eq!(md5_hex(b"hello"), "5d41402abc4b2a76b9719d911017c592");
        let p = Md5Prefix::new(b"hel");
        assert_eq!(hex(&p.finish(&[b"l", b"o"])), md5_hex(b"hello"));
        let long = [b'x'; 200];
        assert_eq!(Md5Prefix::new(&long[..130]).finish(&[&long[130..]]), md5(&long));
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn md5_hex_is_two_digits_per_byte() {
        for seed in 0..64u8 {
            let digest: [u8; 16] =
                core::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(seed.wrapping_mul(11)));
            let want: String = digest.iter().map(|b| alloc::format!("{b:02x}")).collect();
            assert_eq!(Md5Hex::new(&digest).as_str(), want);
        }
    }

    #[test]
    fn md5_agrees_with_the_streaming_hasher_at_every_length() {
        let text: Vec<u8> = (0..200u32).map(|i| (i * 7 + 3) as u8).collect();
        for n in 0..130 {
            let want: [u8; 16] = Md5::digest(&text[..n]).into();
            assert_eq!(md5(&text[..n]), want, "length {n}");
        }
    }

    #[test]
    fn md5_each_agrees_with_md5_at_every_length() {
        let text: Vec<u8> = (0..200u32).map(|i| (i * 7 + 3) as u8).collect();
        let inputs: Vec<&[u8]> = (0..120).map(|n| &text[n..n + (n * 13) % 80]).collect();
        for start in 0..3 {
            let got = md5_each(&inputs[start..]);
            let want: Vec<[u8; 16]> = inputs[start..].iter().map(|i| md5(i)).collect();
            assert_eq!(got, want);
        }
        assert_eq!(hex(&md5_each(&[b"hello", b""])[1]), "d41d8cd98f00b204e9800998ecf8427e");
    }
}
