//! Receipt handles: opaque, unique per receive, yet self-describing enough that a string the
//! queue never issued fails with `ReceiptHandleIsInvalid` (spec/sqs.md §5.2, §12 item 4).
//!
//! A handle is `AQEB` + unpadded URL-safe base64 of: queue incarnation id, message position,
//! receipt number (the receive that issued it), the receive instant, 32 random bits from the
//! world's generator, and a 32-bit check over all of them. AWS handles also start with
//! `AQEB` and are base64-like; the content here is our own.

use alloc::rc::Rc;

use crate::rng::Rng;
use crate::time::Instant;

const PREFIX: &str = "AQEB";
const LEN: usize = 8 + 8 + 4 + 8 + 4 + 4;
/// Characters of `LEN` bytes in unpadded base64 (36 bytes = 12 groups of 3 = 48 characters).
const ENCODED_LEN: usize = 48;
/// The URL-safe base64 alphabet (RFC 4648 §5).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Character → 6-bit value, `0xFF` for characters outside the alphabet.
const DECODE: [u8; 256] = {
    let mut t = [0xFF_u8; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

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

/// A 32-bit check over the fields (word-wise multiply-xorshift, folded): enough to reject
/// typos and garbage.
fn check(fields: &[u8; 32]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for word in fields.chunks_exact(8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        h = (h ^ u64::from_be_bytes(w)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
    }
    ((h >> 32) as u32 ^ h as u32) ^ 0x5153_5351
}

/// XORs `bytes` with a keystream derived from `nonce` (so handles look opaque).
fn scramble(nonce: u32, bytes: &mut [u8; LEN - 4]) {
    let mut x = u64::from(nonce) ^ 0x9E37_79B9_7F4A_7C15;
    for chunk in bytes.chunks_mut(8) {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // A word at a time (the last chunk is 4 bytes: it takes the key's low half).
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        let mixed = (u64::from_le_bytes(w) ^ z).to_le_bytes();
        chunk.copy_from_slice(&mixed[..chunk.len()]);
    }
}

/// The big-endian integer of `N` bytes at `at` in `raw` (fixed offsets, always in range).
fn be<const N: usize>(raw: &[u8; LEN], at: usize) -> [u8; N] {
    let mut w = [0u8; N];
    w.copy_from_slice(&raw[at..at + N]); // ok: callers pass constant offsets inside LEN.
    w
}

/// Unpadded URL-safe base64 of exactly `LEN` bytes.
fn encode_base64(raw: &[u8; LEN], out: &mut [u8; ENCODED_LEN]) {
    for (group, chars) in raw.chunks_exact(3).zip(out.chunks_exact_mut(4)) {
        let n = u32::from(group[0]) << 16 | u32::from(group[1]) << 8 | u32::from(group[2]);
        for (i, c) in chars.iter_mut().enumerate() {
            *c = ALPHABET[(n >> (18 - 6 * i) & 0x3F) as usize];
        }
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
    for (chars, group) in text.chunks_exact(4).zip(raw.chunks_exact_mut(3)) {
        let mut n = 0u32;
        for c in chars {
            let v = DECODE[usize::from(*c)];
            invalid |= v;
            n = n << 6 | u32::from(v & 0x3F);
        }
        group.copy_from_slice(&n.to_be_bytes()[1..]);
    }
    // Valid characters decode below 64; 0xFF marks every other byte.
    (invalid & 0xC0 == 0).then_some(raw)
}

impl Receipt {
    /// A fresh handle for this receipt (32 random bits make every handle unique), built on
    /// the stack and shared by the answer and the event.
    pub fn encode(&self, rng: &mut Rng) -> Rc<str> {
        let mut raw = [0u8; LEN];
        let nonce = rng.next_u64() as u32;
        raw[0..4].copy_from_slice(&nonce.to_be_bytes());
        raw[4..12].copy_from_slice(&self.queue_id.to_be_bytes());
        raw[12..20].copy_from_slice(&self.seq.to_be_bytes());
        raw[20..24].copy_from_slice(&self.receipt.to_be_bytes());
        raw[24..32].copy_from_slice(&self.received_at.millis().to_be_bytes());
        let mut fields = [0u8; 32];
        fields.copy_from_slice(&raw[..32]);
        raw[32..36].copy_from_slice(&check(&fields).to_be_bytes());
        let mut tail = [0u8; LEN - 4];
        tail.copy_from_slice(&raw[4..]);
        scramble(nonce, &mut tail);
        raw[4..].copy_from_slice(&tail);
        let mut out = [0u8; PREFIX.len() + ENCODED_LEN];
        out[..PREFIX.len()].copy_from_slice(PREFIX.as_bytes());
        let mut body = [0u8; ENCODED_LEN];
        encode_base64(&raw, &mut body);
        out[PREFIX.len()..].copy_from_slice(&body);
        // ok: the prefix and the base64 alphabet are ASCII.
        Rc::from(core::str::from_utf8(&out).unwrap_or_default())
    }

    /// Reads a handle; `None` for anything this simulator did not issue.
    pub fn decode(handle: &str) -> Option<Self> {
        let body = handle.strip_prefix(PREFIX)?;
        let mut raw = decode_base64(body.as_bytes())?;
        let nonce = u32::from_be_bytes(be(&raw, 0));
        let mut tail = be::<{ LEN - 4 }>(&raw, 4);
        scramble(nonce, &mut tail);
        raw[4..].copy_from_slice(&tail);
        if check(&be(&raw, 0)) != u32::from_be_bytes(be(&raw, 32)) {
            return None;
        }
        Some(Self {
            queue_id: u64::from_be_bytes(be(&raw, 4)),
            seq: u64::from_be_bytes(be(&raw, 12)),
            receipt: u32::from_be_bytes(be(&raw, 20)),
            received_at: Instant(u64::from_be_bytes(be(&raw, 24))),
        })
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
    fn base64_matches_the_rfc_alphabet() {
        use base64::Engine as _;
        let raw: [u8; LEN] = core::array::from_fn(|i| (i * 37 + 11) as u8);
        let mut out = [0u8; ENCODED_LEN];
        encode_base64(&raw, &mut out);
        let reference = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
        assert_eq!(core::str::from_utf8(&out).unwrap(), reference);
        assert_eq!(decode_base64(&out), Some(raw));
        assert_eq!(decode_base64(b"=".repeat(ENCODED_LEN).as_slice()), None);
        assert_eq!(decode_base64(&out[1..]), None);
    }
}
