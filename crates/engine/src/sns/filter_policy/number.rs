//! Numbers as the filter compares them.
//!
//! AWS documents a range of −10⁹..10⁹ with 5 decimal places
//! (<https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html>); the current
//! event-ruler compares full IEEE doubles. The simulator compares `f64` and does not range-check
//! policy numbers (spec/sns.md §7.3.7, §9 Q8). `3.015e2` equals `301.5`; `100` = `100.0` = `1e2`.

/// Reads a `Number` attribute's `StringValue` (`"100"`, `"-3.5"`, `"1e2"`, `" 7 "`).
/// `None` for text that is not a finite number.
pub(crate) fn parse_attribute_number(text: &str) -> Option<f64> {
    let t = if text.starts_with(|c: char| c.is_ascii_digit()) && text.ends_with(|c: char| c.is_ascii_digit())
    {
        text
    } else {
        text.trim()
    };
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    // Rust also accepts "inf", "NaN" and "infinity": numbers must start with a digit or '.'.
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    crate::float::parse_f64(t).filter(|v| v.is_finite())
}

/// A numeric condition: `["=", n]`, one bound, or a lower and an upper bound.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Range {
    /// `(bound, inclusive)`.
    pub low: Option<(f64, bool)>,
    pub high: Option<(f64, bool)>,
}

impl Range {
    pub(crate) fn equals(v: f64) -> Self {
        Range { low: Some((v, true)), high: Some((v, true)) }
    }

    pub(crate) fn contains(&self, x: f64) -> bool {
        let low_ok = match self.low {
            None => true,
            Some((b, true)) => x >= b,
            Some((b, false)) => x > b,
        };
        let high_ok = match self.high {
            None => true,
            Some((b, true)) => x <= b,
            Some((b, false)) => x < b,
        };
        low_ok && high_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_numbers() {
        assert_eq!(parse_attribute_number("100"), Some(100.0));
        assert_eq!(parse_attribute_number("1e2"), Some(100.0));
        assert_eq!(parse_attribute_number("-3.5"), Some(-3.5));
        assert_eq!(parse_attribute_number(".5"), Some(0.5));
        assert_eq!(parse_attribute_number("inf"), None);
        assert_eq!(parse_attribute_number("NaN"), None);
        assert_eq!(parse_attribute_number("1e999"), None);
        assert_eq!(parse_attribute_number("abc"), None);
        assert_eq!(parse_attribute_number(""), None);
    }

    #[test]
    fn ranges() {
        let r = Range { low: Some((0.0, false)), high: Some((150.0, true)) };
        assert!(!r.contains(0.0));
        assert!(r.contains(0.5));
        assert!(r.contains(150.0));
        assert!(!r.contains(150.000001));
        assert!(Range::equals(301.5).contains(3.015e2));
        assert!(Range { low: None, high: Some((10.0, false)) }.contains(-1e300));
    }
}
