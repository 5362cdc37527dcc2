//! Sequence numbers in AWS's format.
//!
//! AWS: sequence numbers are decimal strings, unique within the stream and increasing within a
//! shard (<https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html>). Real ones are 56
//! decimal digits; read as hex they follow a 47-digit layout (spec/kinesis.md §1.5, verified on
//! AWS CLI samples and a real split/merge transcript):
//!
//! ```text
//! '2' | shardCreateSecs (9 hex) | shardIndex low digit (1) | seqIx (16) | '00' | seqTimeSecs (9) | shardIndex (8) | '2'
//! ```
//!
//! A shard's `StartingSequenceNumber` has `seqIx = 0`, seqTime = the shard's creation; a
//! closed shard's `EndingSequenceNumber` has `seqIx = 0x7fffffffffffffff` and seqTime = the
//! close. Records count `seqIx` from 1 per shard. [`SequenceNumber`] keeps the fields and
//! orders them as the 188-bit integer orders (field order = bit order), so comparisons never
//! need the decimal text; [`SequenceNumber::parse`] and `Display` convert.

use alloc::string::String;
use core::fmt;

/// `seqIx` of a closed shard's `EndingSequenceNumber`.
pub const ENDING_SEQ_IX: u64 = 0x7fff_ffff_ffff_ffff;

const SECS_MASK: u64 = (1 << 36) - 1;

/// A decoded sequence number. Field order is bit order, so the derived `Ord` is numeric order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SequenceNumber {
    /// Epoch seconds of the shard's creation (36 bits).
    pub shard_created_secs: u64,
    /// Low hex digit of the shard index (repeated by the layout).
    pub shard_low: u8,
    /// Position within the shard: 0 = start, 1.. = records, [`ENDING_SEQ_IX`] = end.
    pub seq_ix: u64,
    /// Epoch seconds of the put (or of the close, for an ending number).
    pub seq_secs: u64,
    /// The shard index (`shardId-000000000005` → 5).
    pub shard_index: u32,
}

impl SequenceNumber {
    pub fn new(shard_created_secs: u64, shard_index: u32, seq_ix: u64, seq_secs: u64) -> Self {
        Self {
            shard_created_secs: shard_created_secs & SECS_MASK,
            shard_low: (shard_index & 0xf) as u8,
            seq_ix,
            seq_secs: seq_secs & SECS_MASK,
            shard_index,
        }
    }

    /// The 188-bit integer as three little-endian 64-bit limbs.
    fn limbs(&self) -> [u64; 3] {
        let mut l = [0u64; 3];
        put(&mut l, 0, 4, 2);
        put(&mut l, 4, 32, u64::from(self.shard_index));
        put(&mut l, 36, 36, self.seq_secs);
        put(&mut l, 80, 64, self.seq_ix);
        put(&mut l, 144, 4, u64::from(self.shard_low));
        put(&mut l, 148, 36, self.shard_created_secs);
        put(&mut l, 184, 4, 2);
        l
    }

    /// Parses AWS's decimal form; `None` for anything that is not a well-formed number.
    pub fn parse(text: &str) -> Option<Self> {
        if text.is_empty() || text.len() > 60 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut l = [0u64; 3];
        for d in text.bytes() {
            // l = l * 10 + d, failing on overflow past 192 bits.
            let mut carry = u128::from(d - b'0');
            for limb in l.iter_mut() {
                let v = u128::from(*limb) * 10 + carry;
                *limb = v as u64;
                carry = v >> 64;
            }
            if carry != 0 {
                return None;
            }
        }
        if get(&l, 0, 4) != 2 || get(&l, 184, 8) != 2 || get(&l, 72, 8) != 0 {
            return None;
        }
        let shard_index = u32::try_from(get(&l, 4, 32)).ok()?;
        let n = Self {
            shard_created_secs: get(&l, 148, 36),
            shard_low: get(&l, 144, 4) as u8,
            seq_ix: get(&l, 80, 64),
            seq_secs: get(&l, 36, 36),
            shard_index,
        };
        (u32::from(n.shard_low) == shard_index & 0xf).then_some(n)
    }
}

fn put(l: &mut [u64; 3], shift: u32, width: u32, v: u64) {
    for bit in 0..width {
        if v >> bit & 1 == 1 {
            let at = shift + bit;
            if let Some(limb) = l.get_mut((at / 64) as usize) {
                *limb |= 1 << (at % 64);
            }
        }
    }
}

fn get(l: &[u64; 3], shift: u32, width: u32) -> u64 {
    let mut v = 0u64;
    for bit in 0..width {
        let at = shift + bit;
        let set = l.get((at / 64) as usize).is_some_and(|limb| limb >> (at % 64) & 1 == 1);
        if set {
            v |= 1 << bit;
        }
    }
    v
}

impl fmt::Display for SequenceNumber {
    /// The decimal text AWS returns (56 digits for current epochs).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const CHUNK: u64 = 10_000_000_000_000_000_000; // 10^19
        let mut l = self.limbs();
        let mut chunks = [0u64; 4];
        let mut n = 0;
        while l != [0, 0, 0] && n < chunks.len() {
            let mut rem: u128 = 0;
            for limb in l.iter_mut().rev() {
                let cur = (rem << 64) | u128::from(*limb);
                *limb = (cur / u128::from(CHUNK)) as u64;
                rem = cur % u128::from(CHUNK);
            }
            chunks[n] = rem as u64;
            n += 1;
        }
        let mut first = true;
        for c in chunks[..n].iter().rev() {
            if first {
                write!(f, "{c}")?;
                first = false;
            } else {
                write!(f, "{c:019}")?;
            }
        }
        if first {
            f.write_str("0")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SequenceNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<SequenceNumber> for String {
    fn from(n: SequenceNumber) -> String {
        alloc::format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn decodes_the_aws_cli_sample() {
        // spec §1.5: 2 05db759cd 1 0000000000000000 00 05db759cd 00000001 2.
        let text = "49600871682979337187563555549332609155523708941634633746";
        let n = SequenceNumber::parse(text).unwrap();
        assert_eq!(n, SequenceNumber::new(1572297165, 1, 0, 1572297165));
        assert_eq!(n.to_string(), text);
    }

    #[test]
    fn order_is_numeric_order() {
        let a = SequenceNumber::new(1704067200, 3, 1, 1704067200);
        let b = SequenceNumber::new(1704067200, 3, 2, 1704067100);
        let end = SequenceNumber::new(1704067200, 3, ENDING_SEQ_IX, 1704067300);
        assert!(a < b && b < end);
        let (ta, tb) = (a.to_string(), b.to_string());
        assert_eq!(ta.len(), 56);
        assert!((ta.len(), &ta) < (tb.len(), &tb));
        assert_eq!(SequenceNumber::parse(&end.to_string()), Some(end));
    }

    #[test]
    fn garbage_is_none() {
        for t in ["", "0", "1", "abc", "12a", &"9".repeat(61), &"9".repeat(58)] {
            assert_eq!(SequenceNumber::parse(t), None, "{t}");
        }
    }
}
