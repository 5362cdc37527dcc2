//! Cutting labels to fit, with an ellipsis: one mechanism ([`ellipsize`]) measured by
//! characters, terminal columns or estimated pixels.

/// `s` whole if its width (the sum of `width` over its characters) is at most `max`; else its
/// longest prefix that, with a trailing `…` counted as `ellipsis` wide, stays within `max`.
pub fn ellipsize(s: &str, max: f64, width: impl Fn(char) -> f64, ellipsis: f64) -> String {
    if s.chars().map(&width).sum::<f64>() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = ellipsis;
    for c in s.chars() {
        used += width(c);
        if used > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Columns of a character: a wide one such as Hangul counts two.
pub fn columns(c: char) -> f64 {
    if (c as u32) >= 0x1100 {
        2.0
    } else {
        1.0
    }
}

/// `s` cut to `n` characters, then `…` (at most `n + 1` in all).
pub fn short(s: &str, n: usize) -> String {
    ellipsize(s, n as f64, |_| 1.0, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keeps_n_characters_and_adds_an_ellipsis() {
        assert_eq!(short("orders", 6), "orders");
        assert_eq!(short("orders-eu", 6), "orders…");
        assert_eq!(short("주문대기열입니다", 3), "주문대…");
    }

    #[test]
    fn ellipsize_counts_the_ellipsis_within_the_width() {
        assert_eq!(ellipsize("abcdef", 6.0, columns, 1.0), "abcdef");
        assert_eq!(ellipsize("abcdefg", 6.0, columns, 1.0), "abcde…");
        assert_eq!(ellipsize("가나다라", 6.0, columns, 1.0), "가나…");
        assert_eq!(ellipsize("가나다라", 8.0, columns, 1.0), "가나다라");
    }
}
