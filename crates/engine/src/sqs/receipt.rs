//! Receipt handles: opaque, unique per receive, yet self-describing enough that a string the
//! queue never issued fails with `ReceiptHandleIsInvalid` (spec/sqs.md §5.2, §12 item 4).
//!
//! A handle is `AQEB` + unpadded URL-safe base64 of: queue incarnation id, message position,
//! receipt number (the receive that issued it), the receive instant, 32 random bits from the
//! world's generator, and a 32-bit check over all of them. AWS handles also start with
//! `AQEB` and are base64-like; the content here is our own.

use alloc::rc::Rc;

use crate::base64_digits;
use crate::rng::{AsciiBuf, Rng};
use crate::time::Instant;

const PREFIX: &str = "AQEB";
const LEN: usize = 8 + 8 + 4 + 8 + 4 + 4;
/// Characters of `LEN` bytes in unpadded base64 (36 bytes = 12 groups of 3 = 48 characters).
const ENCODED_LEN: usize = 48;
/// Character → 6-bit value of the URL-safe alphabet, `0xFF` outside it.
const DECODE: [u8; 256] = base64_digits::URL_SAFE.decode_table();

/// What a receipt handle says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The queue incarnation (a re-created queue has a new one).
    pub queue_id: u64,
    /// The message's position in the queue.
    pub seq: u64,
    /// Which receive of the message issued it (its receive count then).
    pub receipt: u32,
    /// When that receive happened.
    pub received_at: Instant,
}

/// A 32-bit check over the fields, given as the four big-endian words of the first 32 bytes
/// (word-wise multiply-xorshift, folded): enough to reject typos and garbage.
fn check(words: [u64; 4]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        h = (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
    }
    ((h >> 32) as u32 ^ h as u32) ^ 0x5153_5351
}

/// The keystream derived from `nonce` that XORs the 32 bytes after it, as four
/// little-endian words (so handles look opaque).
fn keystream(nonce: u32) -> [u64; 4] {
    let mut x = u64::from(nonce) ^ 0x9E37_79B9_7F4A_7C15;
    core::array::from_fn(|_| {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}

/// The big-endian integer of `N` bytes at `at` in `raw` (fixed offsets, always in range).
fn be<const N: usize>(raw: &[u8; LEN], at: usize) -> [u8; N] {
    let mut w = [0u8; N];
    w.copy_from_slice(&raw[at..at + N]); // ok: callers pass constant offsets inside LEN.
    w
}

/// Unpadded URL-safe base64 of the `LEN` bytes after the two leading zero bytes of `padded`,
/// six bytes (eight characters) at a time: the padding lets each six bytes be read as one
/// big-endian `u64` ending with them.
fn encode_base64(padded: &[u8; 2 + LEN], out: &mut [u8; ENCODED_LEN]) {
    for (g, chars) in out.chunks_exact_mut(8).enumerate() {
        let mut w = [0u8; 8];
        if let Some(bytes) = padded.get(6 * g..6 * g + 8) {
            w.copy_from_slice(bytes);
        }
        chars.copy_from_slice(&base64_digits::eight(u64::from_be_bytes(w), base64_digits::URL_SAFE));
    }
}

/// The `LEN` bytes of exactly `ENCODED_LEN` URL-safe base64 characters; `None` for any
/// character outside the alphabet.
fn decode_base64(text: &[u8]) -> Option<[u8; LEN]> {
    if text.len() != ENCODED_LEN {
        return None;
    }
    let mut raw = [0u8; LEN];
    let mut invalid = 0u8;
    for (chars, six) in text.chunks_exact(8).zip(raw.chunks_exact_mut(6)) {
        let mut n = 0u64;
        for c in chars {
            let v = DECODE[usize::from(*c)];
            invalid |= v;
            // An invalid character (0xFF) spoils `n`, but then the whole handle is rejected.
            n = n << 6 | u64::from(v);
        }
        six.copy_from_slice(&n.to_be_bytes()[2..]);
    }
    // Valid characters decode below 64; 0xFF marks every other byte.
    (invalid & 0xC0 == 0).then_some(raw)
}

/// The four little-endian words of bytes 4..36.
fn tail_words(raw: &[u8; LEN]) -> [u64; 4] {
    core::array::from_fn(|i| u64::from_le_bytes(be(raw, 4 + 8 * i)))
}

impl Receipt {
    /// The four big-endian words the check covers (nonce, then the fields).
    fn check_words(&self, nonce: u32) -> [u64; 4] {
        let (q, s) = (self.queue_id, self.seq);
        [
            u64::from(nonce) << 32 | q >> 32,
            q << 32 | s >> 32,
            s << 32 | u64::from(self.receipt),
            self.received_at.millis(),
        ]
    }

    /// A fresh handle for this receipt (32 random bits make every handle unique), built on
    /// the stack and shared by the answer and the event.
    pub fn encode(&self, rng: &mut Rng) -> Rc<str> {
        let nonce = rng.next_u64() as u32;
        let words = self.check_words(nonce);
        let next = [words[1], words[2], words[3], u64::from(check(words)) << 32];
        // The bytes: the nonce, then 32 bytes read as four little-endian words and XORed
        // with the keystream. As big-endian words, each of the 32 is the low half of one
        // checked word and the high half of the next, XORed with its keystream word
        // byte-swapped.
        let mut padded = [0u8; 2 + LEN];
        padded[2..6].copy_from_slice(&nonce.to_be_bytes());
        for (i, ((w, n), k)) in words.iter().zip(next).zip(keystream(nonce)).enumerate() {
            let e = (w << 32 | n >> 32) ^ k.swap_bytes();
            if let Some(chunk) = padded.get_mut(6 + 8 * i..14 + 8 * i) {
                chunk.copy_from_slice(&e.to_be_bytes());
            }
        }
        let mut text = AsciiBuf([0u8; PREFIX.len() + ENCODED_LEN]);
        let (prefix, body) = text.0.split_at_mut(PREFIX.len());
        prefix.copy_from_slice(PREFIX.as_bytes());
        if let Ok(body) = <&mut [u8; ENCODED_LEN]>::try_from(body) {
            encode_base64(&padded, body);
        }
        // The prefix and the base64 alphabet are ASCII.
        Rc::from(text.as_str())
    }

    /// Reads a handle; `None` for anything this simulator did not issue.
    pub fn decode(handle: &str) -> Option<Self> {
        let body = handle.strip_prefix(PREFIX)?;
        let mut raw = decode_base64(body.as_bytes())?;
        let nonce = u32::from_be_bytes(be(&raw, 0));
        let scrambled = tail_words(&raw);
        for ((chunk, w), k) in raw[4..].chunks_exact_mut(8).zip(scrambled).zip(keystream(nonce)) {
            chunk.copy_from_slice(&(w ^ k).to_le_bytes());
        }
        let r = Self {
            queue_id: u64::from_be_bytes(be(&raw, 4)),
            seq: u64::from_be_bytes(be(&raw, 12)),
            receipt: u32::from_be_bytes(be(&raw, 20)),
            received_at: Instant(u64::from_be_bytes(be(&raw, 24))),
        };
        (check(r.check_words(nonce)) == u32::from_be_bytes(be(&raw, 32))).then_some(r)
    }
}

/// Places in a queue's [`Issued`] memory.
const ISSUED: usize = 16;

/// The handles a queue issued last, each with what it says: a consumer usually deletes (or
/// changes the visibility of) a message with the handle it just received, and finding that
/// handle here spares reading it. Decoding is a fixed function of the text, so a handle found
/// here says exactly what [`Receipt::decode`] would read; any other handle is decoded.
#[derive(Clone, Debug, Default)]
pub(crate) struct Issued {
    /// By a hash of the handle's last characters (random: they carry the scrambled check).
    places: [Option<(Rc<str>, Receipt)>; ISSUED],
}

impl Issued {
    /// The place of `handle`, if it is long enough to have one.
    fn place(handle: &str) -> Option<usize> {
        let tail = handle.as_bytes().last_chunk::<8>()?;
        Some((u64::from_le_bytes(*tail).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize)
    }

    /// Remembers `handle`, just issued for `r`.
    pub(crate) fn remember(&mut self, handle: &Rc<str>, r: Receipt) {
        if let Some(p) = Self::place(handle).and_then(|i| self.places.get_mut(i)) {
            *p = Some((handle.clone(), r));
        }
    }

    /// What `handle` says: from memory when it was issued lately, else decoded.
    pub(crate) fn read(&self, handle: &str) -> Option<Receipt> {
        let known = Self::place(handle).and_then(|i| self.places.get(i)?.as_ref());
        match known {
            Some((h, r)) if **h == *handle => Some(*r),
            _ => Receipt::decode(handle),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_garbage() {
        let mut rng = Rng::new(1);
        let r = Receipt { queue_id: 3, seq: 99, receipt: 2, received_at: Instant(1_704_067_200_000) };
        let h = r.encode(&mut rng);
        assert!(h.starts_with("AQEB"));
        assert_eq!(Receipt::decode(&h), Some(r));
        assert_ne!(h, r.encode(&mut rng), "every handle is unique");
        for bad in ["", "garbage", "AQEB", &h[..h.len() - 1], &h.replace('A', "B")] {
            assert_eq!(Receipt::decode(bad), None, "{bad}");
        }
        let mut flipped = h.as_bytes().to_vec();
        flipped[10] = if flipped[10] == b'x' { b'y' } else { b'x' };
        assert_eq!(Receipt::decode(core::str::from_utf8(&flipped).unwrap()), None);
    }

    #[test]
    fn issued_handles_read_as_they_decode() {
        let mut rng = Rng::new(5);
        let mut issued = Issued::default();
        let mut handles = alloc::vec::Vec::new();
        for seq in 0..40 {
            let r = Receipt { queue_id: 1, seq, receipt: 1, received_at: Instant(seq * 7) };
            let h = r.encode(&mut rng);
            issued.remember(&h, r);
            handles.push((h, r));
        }
        for (h, r) in &handles {
            assert_eq!(issued.read(h), Some(*r));
            assert_eq!(issued.read(&h[..h.len() - 1]), None);
        }
        for bad in ["", "short", "AQEBnope"] {
            assert_eq!(issued.read(bad), None);
        }
    }

    /// The handle as first specified, step by step on a byte array.
    fn encode_reference(r: &Receipt, nonce: u32) -> alloc::string::String {
        use base64::Engine as _;
        let words = r.check_words(nonce);
        let mut raw = [0u8; LEN];
        for (chunk, w) in raw.chunks_exact_mut(8).zip(words) {
            chunk.copy_from_slice(&w.to_be_bytes());
        }
        raw[32..36].copy_from_slice(&check(words).to_be_bytes());
        let plain = tail_words(&raw);
        for ((chunk, w), k) in raw[4..].chunks_exact_mut(8).zip(plain).zip(keystream(nonce)) {
            chunk.copy_from_slice(&(w ^ k).to_le_bytes());
        }
        alloc::format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw))
    }

    #[test]
    fn handles_are_the_reference_encoding() {
        let mut x = 11;
        // 64 random bits from the 31 of each step.
        let mut wide = || {
            let l = &mut x;
            crate::collections::lcg(l) << 33 ^ crate::collections::lcg(l) << 2 ^ crate::collections::lcg(l)
        };
        for i in 0..200u64 {
            let r = Receipt {
                queue_id: wide() >> (i % 64),
                seq: wide() >> (i % 61),
                receipt: wide() as u32,
                received_at: Instant(wide() >> (i % 23)),
            };
            let (mut a, mut b) = (Rng::new(i), Rng::new(i));
            let nonce = b.next_u64() as u32;
            assert_eq!(&*r.encode(&mut a), encode_reference(&r, nonce));
        }
    }

    #[test]
    fn base64_matches_the_rfc_alphabet() {
        use base64::Engine as _;
        let raw: [u8; LEN] = core::array::from_fn(|i| (i * 37 + 11) as u8);
        let mut padded = [0u8; 2 + LEN];
        padded[2..].copy_from_slice(&raw);
        let mut out = [0u8; ENCODED_LEN];
        encode_base64(&padded, &mut out);
        let reference = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
        assert_eq!(core::str::from_utf8(&out).unwrap(), reference);
        assert_eq!(decode_base64(&out), Some(raw));
        assert_eq!(decode_base64(b"=".repeat(ENCODED_LEN).as_slice()), None);
        assert_eq!(decode_base64(&out[1..]), None);
    }
}
