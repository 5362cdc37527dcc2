//! Byte-class scans of mostly-ASCII text, eight bytes at a time: the checks that run on every
//! delivered message (is this body plain? does this text need JSON escaping?) read a word per
//! step instead of a byte (the word tests are the "has a byte less than n" tricks from
//! <https://graphics.stanford.edu/~seander/bithacks.html#HasLessInWord>).

/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Nonzero when a byte of `w` is below `n` (`n` ≤ 128).
#[inline]
pub(crate) const fn has_below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * n as u64) & !w & HIGHS
}

/// Nonzero when a byte of `w` equals `b`.
#[inline]
pub(crate) const fn has_byte(w: u64, b: u8) -> u64 {
    has_below(w ^ (ONES * b as u64), 1)
}

/// Nonzero when a byte of `w` is 0x80 or above.
#[inline]
pub(crate) const fn has_high(w: u64) -> u64 {
    w & HIGHS
}

/// True when every byte of `s` passes `byte_ok`. `word_ok` may vouch for eight bytes at once
/// (it must only say true when `byte_ok` holds for each of them); the bytes of a word it does
/// not vouch for are tested one by one.
#[inline]
pub(crate) fn all_bytes(s: &[u8], word_ok: impl Fn(u64) -> bool, byte_ok: impl Fn(u8) -> bool) -> bool {
    let mut words = s.chunks_exact(8);
    for chunk in &mut words {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else { return false };
        if !word_ok(u64::from_le_bytes(bytes)) && !bytes.iter().all(|b| byte_ok(*b)) {
            return false;
        }
    }
    words.remainder().iter().all(|b| byte_ok(*b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests_agree_with_byte_tests() {
        let mut x = 0x1234_5678_9abc_def0u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Bytes at and around the values the tests look at, and random ones.
            const NEAR: [u8; 12] = [0, 1, 0x1f, 0x20, 0x21, b'"', b'\\', 0x7f, 0x80, 0x81, 0xff, b'a'];
            let pick = x.to_le_bytes().map(|b| if b & 1 == 0 { NEAR[usize::from(b >> 1) % NEAR.len()] } else { b });
            let w = u64::from_le_bytes(pick);
            let bytes = w.to_le_bytes();
            for n in [1u8, 0x20, 0x80] {
                assert_eq!(has_below(w, n) != 0, bytes.iter().any(|b| *b < n), "{w:#x} < {n:#x}");
            }
            for b in [b'"', b'\\', 0] {
                assert_eq!(has_byte(w, b) != 0, bytes.contains(&b), "{w:#x} has {b:#x}");
            }
            assert_eq!(has_high(w) != 0, bytes.iter().any(|b| *b >= 0x80), "{w:#x}");
        }
    }

    #[test]
    fn all_bytes_checks_words_and_the_rest() {
        let printable = |s: &str| all_bytes(s.as_bytes(), |w| has_below(w, 0x20) == 0, |b| b >= 0x20);
        assert!(printable(""));
        assert!(printable("0123456789abcdefXYZ"));
        assert!(!printable("0123456789abcde\nXYZ"));
        assert!(!printable("0123456789abcdefXY\t"));
        assert!(!printable("\u{1}"));
    }
}
