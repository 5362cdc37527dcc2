//! Base64 digits of 48 bits at a time (RFC 4648 §4 and §5), shared by the fixed-size
//! encoders on hot paths: SQS receipt handles (URL-safe alphabet) and SNS signatures
//! (standard alphabet). Arbitrary-length blobs on the wire go through [`crate::blob`].

/// The last two digits of an alphabet (values 62 and 63); the first 62 are `A–Z a–z 0–9`.
#[derive(Clone, Copy)]
pub struct Alphabet(pub u8, pub u8);

/// RFC 4648 §4: `+` and `/`.
pub const STANDARD: Alphabet = Alphabet(b'+', b'/');
/// RFC 4648 §5: `-` and `_`.
pub const URL_SAFE: Alphabet = Alphabet(b'-', b'_');

impl Alphabet {
    /// The digit of a 6-bit value (tests and decoders).
    pub const fn digit(self, v: u8) -> u8 {
        match v {
            0..=25 => b'A' + v,
            26..=51 => b'a' + (v - 26),
            52..=61 => b'0' + (v - 52),
            62 => self.0,
            _ => self.1,
        }
    }

    /// Character → 6-bit value, `0xFF` for characters outside the alphabet.
    pub const fn decode_table(self) -> [u8; 256] {
        let mut t = [0xFF_u8; 256];
        let mut v = 0;
        while v < 64 {
            t[self.digit(v) as usize] = v;
            v += 1;
        }
        t
    }
}

/// The eight digits of the 48 bits `n`, most significant first, computed for all digits at
/// once: each 6-bit value is spread into a byte of a `u64`, then turned into its digit.
#[inline]
pub fn eight(n: u64, alphabet: Alphabet) -> [u8; 8] {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // 48 bits → two 24-bit halves in 32-bit lanes → four 12-bit quarters in 16-bit lanes →
    // eight 6-bit values in 8-bit lanes, most significant first.
    let mut v = (n >> 24 & 0xFF_FFFF) << 32 | (n & 0xFF_FFFF);
    v = (v & 0x00FF_F000_00FF_F000) << 4 | (v & 0x0000_0FFF_0000_0FFF);
    v = (v & 0x0FC0_0FC0_0FC0_0FC0) << 2 | (v & 0x003F_003F_003F_003F);
    // 1 in each byte whose value is at least `t` (values are below 64: no byte carries).
    let at_least = |t: u64| ((v + (128 - t) * ONES) >> 7) & ONES;
    // Offsets from a value to its digit: +65 ('A'..'Z'), +71 ('a'..'z'), -4 ('0'..'9'), then
    // the alphabet's own two, as steps at 26, 52, 62 and 63. Additions come first; for both
    // alphabets above every byte then stays within 0..=255, so no byte borrows or carries
    // (the test checks every value in every position).
    let (d62, d63) = (i64::from(alphabet.0) - 62, i64::from(alphabet.1) - 63);
    let (step62, step63) = (d62 + 4, d63 - d62);
    let (a62, a63) = (at_least(62), at_least(63));
    let up = |step: i64, at: u64| step.max(0).unsigned_abs() * at;
    let down = |step: i64, at: u64| step.min(0).unsigned_abs() * at;
    let c = v + 65 * ONES + 6 * at_least(26) + up(step62, a62) + up(step63, a63)
        - 75 * at_least(52)
        - down(step62, a62)
        - down(step63, a63);
    c.to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_becomes_its_digit_in_both_alphabets() {
        for alphabet in [STANDARD, URL_SAFE] {
            for i in 0..64u64 {
                let values: [u64; 8] = core::array::from_fn(|p| (i + 7 * p as u64) % 64);
                let n = values.iter().fold(0, |n, v| n << 6 | v);
                let expected: [u8; 8] = core::array::from_fn(|p| alphabet.digit(values[p] as u8));
                assert_eq!(eight(n, alphabet), expected, "{values:?}");
                // Bits above the 48 are ignored.
                assert_eq!(eight(n | 0xABCD << 48, alphabet), expected);
            }
        }
        assert_eq!(&eight(0x4D61_6E6D_616E, STANDARD), b"TWFubWFu"); // "Manman"
        assert_eq!(&eight(0xFBFF_BFFB_FFBF, URL_SAFE), b"-_-_-_-_");
        assert_eq!(&eight(0xFBFF_BFFB_FFBF, STANDARD), b"+/+/+/+/");
        for alphabet in [STANDARD, URL_SAFE] {
            let table = alphabet.decode_table();
            assert_eq!(
                (0..64).map(|v| table[usize::from(alphabet.digit(v))]).collect::<alloc::vec::Vec<_>>(),
                (0..64).collect::<alloc::vec::Vec<u8>>()
            );
            assert_eq!(table.iter().filter(|&&v| v != 0xFF).count(), 64);
        }
    }
}
