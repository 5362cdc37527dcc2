//! The hash-key space: partition key → MD5 → unsigned 128-bit integer → the open shard whose
//! `HashKeyRange` holds it.
//!
//! AWS: "An MD5 hash function is used to map partition keys to 128-bit integer values and to
//! map associated data records to shards"
//! (<https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html>). The digest of the
//! key's UTF-8 bytes is read as a big-endian unsigned integer (spec/kinesis.md §1.3).
//!
//! CreateStream with N shards: `step = floor(2^128 / N)`, shard i covers
//! `[i·step, (i+1)·step − 1]`, the last shard ends at `2^128 − 1` (the remainder goes to the
//! last shard; spec §1.3, kinesalite AWS-run, AWS CLI example for N = 3).

use alloc::string::String;
use alloc::vec::Vec;

use crate::digest::md5;

/// Largest hash key, `2^128 − 1`.
pub const MAX_HASH_KEY: u128 = u128::MAX;

/// An inclusive `[StartingHashKey, EndingHashKey]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HashKeyRange {
    pub start: u128,
    pub end: u128,
}

impl HashKeyRange {
    pub fn contains(&self, key: u128) -> bool {
        self.start <= key && key <= self.end
    }
    /// True when `self` ends right before `next` starts.
    pub fn adjacent_to(&self, next: &HashKeyRange) -> bool {
        self.end.checked_add(1) == Some(next.start)
    }
}

/// The 128-bit hash of a partition key.
pub fn hash_of(partition_key: &str) -> u128 {
    u128::from_be_bytes(md5(partition_key.as_bytes()))
}

/// The ranges of a new stream (or of UpdateShardCount's final shards) with `n ≥ 1` shards.
pub fn uniform_ranges(n: u32) -> Vec<HashKeyRange> {
    let n = u128::from(n.max(1));
    if n == 1 {
        return alloc::vec![HashKeyRange { start: 0, end: MAX_HASH_KEY }];
    }
    // floor(2^128 / n) = floor((2^128 − n) / n) + 1, computed without overflow.
    let step = (MAX_HASH_KEY - (n - 1)) / n + 1;
    (0..n)
        .map(|i| HashKeyRange {
            start: i * step,
            end: if i + 1 == n { MAX_HASH_KEY } else { (i + 1) * step - 1 },
        })
        .collect()
}

/// Why an `ExplicitHashKey` (or `NewStartingHashKey`) was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// Fails the model pattern `0|([1-9]\d{0,38})` (a `ValidationException`).
    Pattern,
    /// Matches the pattern but exceeds `2^128 − 1` (an `InvalidArgumentException`).
    OutOfRange,
}

/// The pattern of `ExplicitHashKey` and `NewStartingHashKey` in the API model.
pub const HASH_KEY_PATTERN: &str = "0|([1-9]\\d{0,38})";

/// True when `s` matches [`HASH_KEY_PATTERN`].
pub fn matches_pattern(s: &str) -> bool {
    let b = s.as_bytes();
    match b {
        [b'0'] => true,
        [first, rest @ ..] => {
            (b'1'..=b'9').contains(first) && rest.len() <= 38 && rest.iter().all(u8::is_ascii_digit)
        }
        [] => false,
    }
}

/// Parses a decimal hash key.
pub fn parse(s: &str) -> Result<u128, KeyProblem> {
    if !matches_pattern(s) {
        return Err(KeyProblem::Pattern);
    }
    let mut v: u128 = 0;
    for d in s.bytes() {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(d - b'0')))
            .ok_or(KeyProblem::OutOfRange)?;
    }
    Ok(v)
}

/// Decimal text of a hash key (how AWS shows it).
pub fn to_decimal(k: u128) -> String {
    use core::fmt::Write as _;
    let mut s = String::new();
    let _ = write!(s, "{k}"); // ok: writing to a String cannot fail
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_key_a_hashes_like_aws() {
        // spec §1.3: "a" → md5 0cc175b9c0f1b6a831c399e269772661.
        assert_eq!(hash_of("a"), 16955237001963240173058271559858726497);
    }

    #[test]
    fn three_shards_match_the_aws_cli_example() {
        let r = uniform_ranges(3);
        assert_eq!(r[0], HashKeyRange { start: 0, end: 113427455640312821154458202477256070484 });
        assert_eq!(r[1].start, 113427455640312821154458202477256070485);
        assert_eq!(r[1].end, 226854911280625642308916404954512140969);
        assert_eq!(r[2].start, 226854911280625642308916404954512140970);
        assert_eq!(r[2].end, MAX_HASH_KEY);
    }

    #[test]
    fn powers_of_two_split_at_multiples_of_two_to_the_128_over_n() {
        assert_eq!(uniform_ranges(1), [HashKeyRange { start: 0, end: MAX_HASH_KEY }]);
        assert_eq!(uniform_ranges(2)[1].start, 1u128 << 127);
        assert_eq!(uniform_ranges(4)[3].start, 3u128 << 126);
        for n in 1..40 {
            let r = uniform_ranges(n);
            assert_eq!(r[0].start, 0);
            assert_eq!(r.last().unwrap().end, MAX_HASH_KEY);
            assert!(r.windows(2).all(|w| w[0].adjacent_to(&w[1])));
        }
    }

    #[test]
    fn explicit_keys() {
        assert_eq!(parse("0"), Ok(0));
        assert_eq!(parse("340282366920938463463374607431768211455"), Ok(MAX_HASH_KEY));
        assert_eq!(parse("340282366920938463463374607431768211456"), Err(KeyProblem::OutOfRange));
        assert_eq!(parse("01"), Err(KeyProblem::Pattern));
        assert_eq!(parse("abc"), Err(KeyProblem::Pattern));
        assert_eq!(parse(""), Err(KeyProblem::Pattern));
        assert_eq!(parse(&"9".repeat(40)), Err(KeyProblem::Pattern));
    }
}
