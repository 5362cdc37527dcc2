//! The seeded pseudo-random generator that makes every id, receipt handle, sequence number
//! and sample. xoshiro256** seeded through SplitMix64: small, fast, identical on every
//! target, so the same seed gives the same world byte for byte.

use alloc::rc::Rc;
use alloc::string::String;

/// Deterministic PRNG owned by the [`Cloud`](crate::Cloud).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

fn splitmix64(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

use crate::digest::HEX;

/// The 16 lowercase hex digits of `x`, most significant first, computed for all digits at
/// once: each nibble is spread into a byte of a `u128`, then turned into its digit.
fn hex16(x: u64) -> [u8; 16] {
    const LOW_NIBBLES: u128 = 0x0f0f_0f0f_0f0f_0f0f_0f0f_0f0f_0f0f_0f0f;
    const ONES: u128 = 0x0101_0101_0101_0101_0101_0101_0101_0101;
    let mut v = u128::from(x);
    v = (v | (v << 32)) & 0x0000_0000_ffff_ffff_0000_0000_ffff_ffff;
    v = (v | (v << 16)) & 0x0000_ffff_0000_ffff_0000_ffff_0000_ffff;
    v = (v | (v << 8)) & 0x00ff_00ff_00ff_00ff_00ff_00ff_00ff_00ff;
    v = (v | (v << 4)) & LOW_NIBBLES;
    // 1 in each byte whose nibble is 10 or more (no byte carries: each stays below 0x20).
    let letters = ((v + 6 * ONES) >> 4) & ONES;
    // '0' + n, and 'a' - '0' - 10 = 39 more for letters.
    (v + b'0' as u128 * ONES + 39 * letters).to_be_bytes()
}

/// ASCII text built on the stack, aligned so that checking it as UTF-8 runs a word at a time
/// from the first byte (the check walks bytes up to the first aligned one).
#[derive(Clone, Copy)]
#[repr(align(16))]
pub(crate) struct AsciiBuf<const N: usize>(pub [u8; N]);

impl<const N: usize> AsciiBuf<N> {
    /// The text (empty if a caller broke the ASCII promise).
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// The 128 bits of a UUID, most significant word first (16 bytes where its text takes 36 and
/// a shared string of it an allocation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uuid([u64; 2]);

impl Uuid {
    /// The canonical lowercase text (`059f36b4-87a3-44ab-83d2-661975830a7d`) as a shared string.
    pub fn shared(self) -> Rc<str> {
        Rc::from(self.chars().as_str())
    }

    fn chars(self) -> AsciiBuf<36> {
        let (h, l) = (hex16(self.0[0]), hex16(self.0[1]));
        let mut out = [b'-'; 36];
        out[0..8].copy_from_slice(&h[0..8]);
        out[9..13].copy_from_slice(&h[8..12]);
        out[14..18].copy_from_slice(&h[12..16]);
        out[19..23].copy_from_slice(&l[0..4]);
        out[24..36].copy_from_slice(&l[4..16]);
        AsciiBuf(out)
    }
}

impl Rng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        Self { s: [splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x)] }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        self.step();
        result
    }

    /// Moves past `n` outputs without computing them: the state `n` calls of
    /// [`Rng::next_u64`] leave.
    pub fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.step();
        }
    }

    /// xoshiro256's state transition.
    fn step(&mut self) {
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
    }

    /// A uniform integer in `0..n` (0 when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Lemire's multiply-shift; the tiny bias is irrelevant for a simulator but the
        // result is deterministic.
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// True with probability `numerator / denominator`.
    pub fn chance(&mut self, numerator: u64, denominator: u64) -> bool {
        self.below(denominator) < numerator
    }

    /// `n` random lowercase hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        let mut out = String::with_capacity(n);
        let mut bits = 0u64;
        for i in 0..n {
            if i % 16 == 0 {
                bits = self.next_u64();
            }
            out.push(HEX[(bits & 0xf) as usize] as char);
            bits >>= 4;
        }
        out
    }

    /// A random version-4 UUID in its canonical lowercase form
    /// (`059f36b4-87a3-44ab-83d2-661975830a7d`), the shape of SQS and SNS message ids.
    pub fn uuid(&mut self) -> String {
        String::from(self.uuid_v4().chars().as_str())
    }

    /// [`Rng::uuid`] as a shared string (one allocation).
    pub fn uuid_shared(&mut self) -> Rc<str> {
        self.uuid_v4().shared()
    }

    /// A random version-4 UUID as its 128 bits (what [`Rng::uuid`] prints), for holders that
    /// keep many ids and print few.
    pub fn uuid_v4(&mut self) -> Uuid {
        // The version (4) and variant (10xx) bits, in the big-endian byte order of the text.
        let hi = (self.next_u64() & !0xf000) | 0x4000;
        let lo = (self.next_u64() & !(0xc0 << 56)) | (0x80 << 56);
        Uuid([hi, lo])
    }

    /// `n` random characters from `alphabet` (which must not be empty).
    pub fn string_from(&mut self, alphabet: &[u8], n: usize) -> String {
        let mut out = String::with_capacity(n);
        for _ in 0..n {
            let i = self.below(alphabet.len() as u64) as usize;
            if let Some(&c) = alphabet.get(i) {
                out.push(c as char);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
    }

    #[test]
    fn uuids_are_the_hex_of_the_generator_output() {
        let mut r = Rng::new(42);
        for _ in 0..2000 {
            let mut copy = r.clone();
            let (hi, lo) = (copy.next_u64(), copy.next_u64());
            let mut b = [0u8; 16];
            b[..8].copy_from_slice(&hi.to_be_bytes());
            b[8..].copy_from_slice(&lo.to_be_bytes());
            b[6] = (b[6] & 0x0f) | 0x40;
            b[8] = (b[8] & 0x3f) | 0x80;
            let mut want = alloc::string::String::new();
            for (i, byte) in b.iter().enumerate() {
                if matches!(i, 4 | 6 | 8 | 10) {
                    want.push('-');
                }
                want.push(char::from(HEX[usize::from(byte >> 4)]));
                want.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
            assert_eq!(r.uuid(), want);
        }
    }

    #[test]
    fn uuid_is_version_4() {
        let id = Rng::new(0).uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = Rng::new(3);
        for n in 1..50 {
            assert!(r.below(n) < n);
        }
        assert_eq!(r.below(0), 0);
    }
}
