//! Receipt handles: opaque, unique per receive, yet self-describing enough that a string the
//! queue never issued fails with `ReceiptHandleIsInvalid` (spec/sqs.md §5.2, §12 item 4).
//!
//! A handle is `AQEB` + unpadded URL-safe base64 of: queue incarnation id, message position,
//! receipt number (the receive that issued it), the receive instant, 32 random bits from the
//! world's generator, and a 32-bit check over all of them. AWS handles also start with
//! `AQEB` and are base64-like; the content here is our own.

use alloc::string::String;
use base64::Engine as _;

use crate::rng::Rng;
use crate::time::Instant;

const PREFIX: &str = "AQEB";
const LEN: usize = 8 + 8 + 4 + 8 + 4 + 4;
const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

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

fn check(bytes: &[u8]) -> u32 {
    // FNV-1a over the fields, folded: enough to reject typos and garbage.
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h ^ 0x5153_5351
}

/// XORs `bytes` with a keystream derived from `nonce` (so handles look opaque).
fn scramble(nonce: u32, bytes: &mut [u8]) {
    let mut x = u64::from(nonce) ^ 0x9E37_79B9_7F4A_7C15;
    for chunk in bytes.chunks_mut(8) {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        for (b, k) in chunk.iter_mut().zip(z.to_le_bytes()) {
            *b ^= k;
        }
    }
}

impl Receipt {
    /// A fresh handle for this receipt (32 random bits make every handle unique).
    pub fn encode(&self, rng: &mut Rng) -> String {
        let mut raw = [0u8; LEN];
        let nonce = rng.next_u64() as u32;
        raw[0..4].copy_from_slice(&nonce.to_be_bytes());
        raw[4..12].copy_from_slice(&self.queue_id.to_be_bytes());
        raw[12..20].copy_from_slice(&self.seq.to_be_bytes());
        raw[20..24].copy_from_slice(&self.receipt.to_be_bytes());
        raw[24..32].copy_from_slice(&self.received_at.millis().to_be_bytes());
        let c = check(&raw[..32]);
        raw[32..36].copy_from_slice(&c.to_be_bytes());
        scramble(nonce, &mut raw[4..]);
        let mut out = String::with_capacity(PREFIX.len() + 48);
        out.push_str(PREFIX);
        ENGINE.encode_string(raw, &mut out);
        out
    }

    /// Reads a handle; `None` for anything this simulator did not issue.
    pub fn decode(handle: &str) -> Option<Self> {
        let body = handle.strip_prefix(PREFIX)?;
        if body.len() != 48 {
            return None;
        }
        let mut raw = [0u8; LEN];
        let n = ENGINE.decode_slice(body.as_bytes(), &mut raw).ok()?;
        if n != LEN {
            return None;
        }
        let nonce = u32::from_be_bytes(raw.get(0..4)?.try_into().ok()?);
        scramble(nonce, raw.get_mut(4..)?);
        let word = |a: usize, b: usize| -> Option<&[u8]> { raw.get(a..b) };
        let u64_at = |a: usize| -> Option<u64> { Some(u64::from_be_bytes(word(a, a + 8)?.try_into().ok()?)) };
        let u32_at = |a: usize| -> Option<u32> { Some(u32::from_be_bytes(word(a, a + 4)?.try_into().ok()?)) };
        if check(word(0, 32)?) != u32_at(32)? {
            return None;
        }
        Some(Self {
            queue_id: u64_at(4)?,
            seq: u64_at(12)?,
            receipt: u32_at(20)?,
            received_at: Instant(u64_at(24)?),
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
        let mut flipped = h.clone().into_bytes();
        flipped[10] = if flipped[10] == b'x' { b'y' } else { b'x' };
        assert_eq!(Receipt::decode(core::str::from_utf8(&flipped).unwrap()), None);
    }
}
