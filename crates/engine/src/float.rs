//! Decimal text to `f64`, exactly as `str::parse::<f64>` does it: the same accepted syntax
//! (`[+-](digits[.digits]|.digits)[(e|E)[+-]digits]`, `inf`, `infinity`, `nan` in any case)
//! and the same correctly rounded value (nearest double, ties to even). Written here because
//! core's parser carries a 10 KB table of 128-bit powers of five (its Eisel-Lemire path) that
//! was 1.5% of the playground's gzipped WebAssembly. Short inputs take Clinger's exact fast
//! path; the rest exact big-integer arithmetic, slower but rare here (message-attribute and
//! filter-policy numbers, analytics fields, scenario numbers).

use alloc::vec::Vec;

/// `s` as `f64` if `s.parse::<f64>()` accepts it, with the same value.
pub fn parse_f64(s: &str) -> Option<f64> {
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, s.get(1..)?),
        b'+' => (false, s.get(1..)?),
        _ => (false, s),
    };
    let value = if ["inf", "infinity"].iter().any(|w| body.eq_ignore_ascii_case(w)) {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        decimal(body.as_bytes())?
    };
    Some(if negative { -value } else { value })
}

/// `digits[.digits][(e|E)[+-]digits]` with at least one mantissa digit.
fn decimal(b: &[u8]) -> Option<f64> {
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (int, rest) = b.split_at(int_len);
    let (frac, rest) = match rest.split_first() {
        Some((b'.', r)) => r.split_at(r.iter().take_while(|c| c.is_ascii_digit()).count()),
        _ => (&rest[..0], rest),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut exp: i64 = 0;
    if let Some((e, r)) = rest.split_first() {
        if !matches!(e, b'e' | b'E') {
            return None;
        }
        let (neg, digits) = match r.split_first() {
            Some((b'-', d)) => (true, d),
            Some((b'+', d)) => (false, d),
            _ => (false, r),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        for &d in digits {
            exp = (exp * 10 + i64::from(d - b'0')).min(1 << 40);
        }
        if neg {
            exp = -exp;
        }
    }
    // Significant digits without leading or trailing zeros; value = digits × 10^exp.
    let all = int.iter().chain(frac).map(|d| d - b'0');
    let mut digits: Vec<u8> = all.skip_while(|&d| d == 0).collect();
    exp -= frac.len() as i64;
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    let magnitude = digits.len() as i64 + exp; // value < 10^magnitude
    if magnitude > 310 {
        return Some(f64::INFINITY);
    }
    if magnitude < -330 {
        return Some(0.0);
    }
    if digits.len() > MAX_DIGITS {
        // Only the leading digits and whether anything follows decide the rounding (see
        // MAX_DIGITS); the last digit is not 0 (trailing zeros are gone), so something does.
        exp += (digits.len() - MAX_DIGITS - 1) as i64;
        digits.truncate(MAX_DIGITS);
        digits.push(1);
    }
    if digits.len() <= 15 && exp.abs() <= 22 {
        // Clinger's fast path: both operands are exact doubles, so one IEEE operation rounds
        // the exact quotient or product once, correctly.
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let p = POW10[exp.unsigned_abs() as usize]; // ok: |exp| ≤ 22
        return Some(if exp < 0 { m / p } else { m * p });
    }
    Some(slow(&digits, exp as i32))
}

/// Significant digits kept before a final sticky digit. The midpoint between two doubles has
/// at most 767 significant decimal digits, so no midpoint lies strictly between a number cut
/// after 800 digits and the same number with any nonzero tail: both round alike. core keeps
/// 768 for the same reason. Without the cut, a 256 KB numeric attribute would take the
/// big-integer path quadratically (seconds in the browser).
const MAX_DIGITS: usize = 800;

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// digits × 10^exp by exact integer arithmetic: the 64 leading bits of the value and whether
/// any bit below them is set, then one rounding.
fn slow(digits: &[u8], exp: i32) -> f64 {
    let mut n = Big(Vec::new());
    for &d in digits {
        n.mul_add(10, u32::from(d));
    }
    if exp >= 0 {
        for _ in 0..exp {
            n.mul_add(10, 0);
        }
        let shift = n.bits() as i32 - 64;
        let (top, sticky) = n.top64(shift);
        return round(top, shift, sticky);
    }
    let mut d = Big(Vec::new());
    d.mul_add(1, 1);
    for _ in 0..-exp {
        d.mul_add(10, 0);
    }
    // q = floor(n · 2^s / d) with 65 or 66 bits; value = (q + rest) · 2^-s.
    let s = 66 - (n.bits() as i32 - d.bits() as i32);
    if s >= 0 {
        n.shl(s as u32);
    } else {
        d.shl((-s) as u32);
    }
    let mut q: u128 = 0;
    for i in (0..67).rev() {
        let mut shifted = d.clone();
        shifted.shl(i);
        if n.cmp_big(&shifted) != core::cmp::Ordering::Less {
            n.sub(&shifted);
            q |= 1 << i;
        }
    }
    let sticky = !n.is_zero();
    let lz = 128 - q.leading_zeros() as i32; // bits in q
    let drop = lz - 64;
    let top = (q >> drop) as u64;
    let sticky = sticky || q & ((1u128 << drop) - 1) != 0;
    round(top, drop - s, sticky)
}

/// top · 2^exp (top's highest bit set), plus a little more when `sticky`, rounded to the
/// nearest double, ties to even.
fn round(top: u64, exp: i32, sticky: bool) -> f64 {
    let high = exp + 63; // the binary exponent of top's leading bit
    let keep = if high >= -1022 { 53 } else { 53 - (-1022 - high) };
    if keep < 0 {
        return 0.0;
    }
    let drop = (64 - keep) as u32; // 11 to 64
    let top = u128::from(top);
    let mut m = top >> drop;
    let rem = top & ((1 << drop) - 1);
    let half = 1 << (drop - 1);
    if rem > half || (rem == half && (sticky || m & 1 == 1)) {
        m += 1;
    }
    scale(m as f64, exp + drop as i32)
}

/// x · 2^e, exact while the result is representable.
fn scale(x: f64, e: i32) -> f64 {
    let pow2 = |e: i32| f64::from_bits(((e + 1023) as u64) << 52);
    if e > 1023 {
        x * pow2(1023) * pow2(e - 1023)
    } else if e < -1022 {
        x * pow2(e + 600) * pow2(-600)
    } else {
        x * pow2(e)
    }
}

/// An unsigned big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn bits(&self) -> u32 {
        self.0.last().map_or(0, |&top| 32 * (self.0.len() as u32 - 1) + (32 - top.leading_zeros()))
    }

    fn shl(&mut self, n: u32) {
        let (words, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = v << bits | carry;
                carry = v >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, core::iter::repeat_n(0, words));
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    fn cmp_big(&self, other: &Big) -> core::cmp::Ordering {
        let len = self.0.len().max(other.0.len());
        (0..len)
            .rev()
            .map(|i| self.0.get(i).unwrap_or(&0).cmp(other.0.get(i).unwrap_or(&0)))
            .find(|o| o.is_ne())
            .unwrap_or(core::cmp::Ordering::Equal)
    }

    /// self -= other (other ≤ self).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(*other.0.get(i).unwrap_or(&0)) - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
    }

    /// The 64 bits from bit `shift` up, and whether any bit below `shift` is set.
    fn top64(&self, shift: i32) -> (u64, bool) {
        let bit = |i: i32| i >= 0 && self.0.get(i as usize / 32).is_some_and(|l| l >> (i % 32) & 1 == 1);
        let top = (0..64).fold(0u64, |t, k| t | u64::from(bit(shift + k)) << k);
        let sticky = (0..shift.max(0)).any(bit);
        (top, sticky)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec;

    fn same(s: &str) {
        let (ours, std) = (parse_f64(s), s.parse::<f64>().ok());
        let agree = match (ours, std) {
            (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            (a, b) => a.is_none() && b.is_none(),
        };
        assert!(agree, "{s:?}: ours {ours:?}, std {std:?}");
    }

    #[test]
    fn syntax_and_edges_match_std() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "e",
            "1e",
            "1e+",
            ".e1",
            "1.",
            ".5",
            "+.5",
            "-.5e-3",
            "1.5E+3",
            "inf",
            "-Infinity",
            "NaN",
            "-nan",
            "infin",
            "nan1",
            "0",
            "-0",
            "+0.000e99999",
            "1e400",
            "1e-400",
            "0x10",
            " 1",
            "1 ",
            "1_0",
            "\u{661}",
            "1e5.5",
            "-\u{e9}",
            "0000000000000000000012.50000000000000000000",
            "1e23",
            "1e22",
            "1e-22",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "4.9406564584124654e-324",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "9007199254740992.5",
            "123456789012345678901234567890",
            "1e99999999999999999999999",
            "1e-99999999999999999999999",
            "0.1",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
        ] {
            same(s);
        }
    }

    /// The exact decimal `m · 2^e` as `digits e exponent`.
    fn exact(m: u64, e: i32) -> String {
        let mut n = Big(vec![m as u32, (m >> 32) as u32]);
        for _ in 0..e.unsigned_abs() {
            n.mul_add(if e < 0 { 5 } else { 2 }, 0);
        }
        let mut digits = vec![];
        while !n.is_zero() {
            let mut r = 0u64;
            for limb in n.0.iter_mut().rev() {
                let v = r << 32 | u64::from(*limb);
                (*limb, r) = ((v / 10) as u32, v % 10);
            }
            digits.push(b'0' + r as u8);
        }
        digits.reverse();
        format!("{}e{}", String::from_utf8(digits).unwrap_or_default(), e.min(0))
    }

    #[test]
    fn very_long_numbers_match_std() {
        let long = "7".repeat(300_000);
        same(&long);
        same(&format!("0.{long}"));
        same(&format!("{long}e-300000"));
        same(&format!("1{}e-299990", "0".repeat(299_990)));
        // A midpoint written out in full, then with a tail far beyond the kept digits.
        let mid = exact(2 * (1 << 52) + 1, -1075 - 1);
        let (digits, e) = mid.split_once('e').unwrap_or_default();
        same(&mid);
        let tail = format!("{}1", "0".repeat(2_000));
        same(&format!("{digits}{tail}e{}", e.parse::<i32>().unwrap_or(0) - 2_001));
    }

    #[test]
    fn random_numbers_and_ties_match_std() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut rnd = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3_000 {
            let f = f64::from_bits(rnd());
            if f.is_finite() {
                same(&format!("{f}"));
                same(&format!("{f:.3e}"));
            }
            let digits: String = (0..rnd() % 30 + 1).map(|_| char::from(b'0' + (rnd() % 10) as u8)).collect();
            same(&format!("{digits}e{}", (rnd() % 700) as i32 - 360));
        }
        // Exactly halfway between two doubles (ties go to the even one), and just above.
        for _ in 0..300 {
            let bits = rnd() % 0x7FF0_0000_0000_0000; // positive and finite
            let (frac, biased) = (bits & ((1 << 52) - 1), (bits >> 52) as i32);
            let (m, e) = if biased == 0 { (frac, -1074) } else { (frac | 1 << 52, biased - 1075) };
            let mid = exact(2 * m + 1, e - 1);
            same(&mid);
            let (digits, exp) = mid.split_once('e').unwrap_or_default();
            same(&format!("{digits}1e{}", exp.parse::<i32>().unwrap_or(0) - 1));
            same(&exact(m, e));
        }
    }
}
