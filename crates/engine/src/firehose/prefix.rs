//! S3 object keys: `<evaluated prefix><suffix>`
//! (<https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html>,
//! <https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html>).
//!
//! * Expressions `!{timestamp:<Java DateTimeFormatter pattern>}`, `!{firehose:random-string}`
//!   (11 characters) and `!{firehose:error-output-type}` (`ErrorOutputPrefix` only).
//! * Timestamps are the arrival time of the oldest record in the object, in UTC; all
//!   `timestamp` expressions of one prefix evaluate to the same instant.
//! * "If you specify a prefix that doesn't contain a timestamp namespace expression, Firehose
//!   appends the expression `!{timestamp:yyyy/MM/dd/HH/}`" (so no `Prefix` gives
//!   `2024/01/01/00/`, `logs/` gives `logs/2024/01/01/00/` and `logs` gives `logs2024/01/01/00/`).
//! * Suffix: `<DeliveryStreamName>-<DeliveryStreamVersion>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><extension>`.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::rng::Rng;
use crate::time::{Civil, Instant};

/// Longest evaluated prefix (s3-prefixes: "can't be greater than 512 characters").
pub const PREFIX_MAX: usize = 512;
/// Length of `!{firehose:random-string}` (s3-prefixes: "an 11-character random string").
pub const RANDOM_STRING_LEN: usize = 11;
/// What Firehose appends to a prefix without a timestamp expression.
pub const DEFAULT_TIMESTAMP: &str = "yyyy/MM/dd/HH/";

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// One piece of a Java `DateTimeFormatter` pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Literal(String),
    /// A letter (`y`, `M`, `d`, `H`, `m`, `s`, `S`) repeated `n` times.
    Number(char, usize),
}

/// A parsed prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Literal(String),
    Timestamp(Vec<Field>),
    RandomString,
    ErrorOutputType,
}

/// Why a prefix is invalid (the text goes into `InvalidArgumentException`).
pub type PrefixError = String;

fn parse_pattern(p: &str) -> Result<Vec<Field>, PrefixError> {
    let mut out = Vec::new();
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            let mut lit = String::new();
            loop {
                match chars.next() {
                    Some('\'') if chars.peek() == Some(&'\'') => {
                        chars.next();
                        lit.push('\'');
                    }
                    Some('\'') => break,
                    Some(ch) => lit.push(ch),
                    None => return Err(format!("Unterminated quote in timestamp pattern '{p}'.")),
                }
            }
            out.push(Field::Literal(lit));
        } else if c.is_ascii_alphabetic() {
            if !matches!(c, 'y' | 'u' | 'M' | 'd' | 'H' | 'm' | 's' | 'S') {
                return Err(format!("Unsupported field '{c}' in timestamp pattern '{p}'."));
            }
            let mut n = 1;
            while chars.peek() == Some(&c) {
                chars.next();
                n += 1;
            }
            if c == 'M' && n > 2 || n > 9 {
                return Err(format!("Unsupported field width in timestamp pattern '{p}'."));
            }
            out.push(Field::Number(c, n));
        } else {
            out.push(Field::Literal(c.into()));
        }
    }
    Ok(out)
}

/// Parses a prefix with its `!{namespace:value}` expressions.
pub fn parse(prefix: &str) -> Result<Vec<Part>, PrefixError> {
    let mut parts = Vec::new();
    let mut rest = prefix;
    while let Some(start) = rest.find("!{") {
        if start > 0 {
            parts.push(Part::Literal(rest[..start].into()));
        }
        let after = &rest[start + 2..];
        let end = after.find('}').ok_or_else(|| format!("Unterminated expression in prefix '{prefix}'."))?;
        let expr = &after[..end];
        let (ns, value) = expr.split_once(':').unwrap_or((expr, ""));
        parts.push(match (ns, value) {
            ("timestamp", pattern) if !pattern.is_empty() => Part::Timestamp(parse_pattern(pattern)?),
            ("firehose", "random-string") => Part::RandomString,
            ("firehose", "error-output-type") => Part::ErrorOutputType,
            ("partitionKeyFromQuery" | "partitionKeyFromLambda", _) => {
                return Err(format!(
                    "The expression !{{{expr}}} needs dynamic partitioning, which the simulator does not support."
                ))
            }
            _ => return Err(format!("The expression !{{{expr}}} in prefix '{prefix}' is not valid.")),
        });
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest.into()));
    }
    Ok(parts)
}

/// True when the parsed prefix has any expression.
pub fn has_expressions(parts: &[Part]) -> bool {
    parts.iter().any(|p| !matches!(p, Part::Literal(_)))
}

/// Appends the default timestamp expression when `parts` has none.
pub fn with_default_timestamp(mut parts: Vec<Part>) -> Vec<Part> {
    if !parts.iter().any(|p| matches!(p, Part::Timestamp(_))) {
        // ok: DEFAULT_TIMESTAMP is a valid pattern
        parts.push(Part::Timestamp(parse_pattern(DEFAULT_TIMESTAMP).unwrap_or_default()));
    }
    parts
}

fn push_num(out: &mut String, v: i64, width: usize) {
    let s = format!("{v:0width$}");
    out.push_str(&s);
}

fn format_fields(fields: &[Field], c: &Civil, out: &mut String) {
    for f in fields {
        match f {
            Field::Literal(s) => out.push_str(s),
            Field::Number(letter, n) => {
                let n = *n;
                match letter {
                    'y' | 'u' if n == 2 => push_num(out, (c.year % 100).into(), 2),
                    'y' | 'u' => push_num(out, c.year.into(), n),
                    'M' => push_num(out, c.month.into(), n),
                    'd' => push_num(out, c.day.into(), n),
                    'H' => push_num(out, c.hour.into(), n),
                    'm' => push_num(out, c.minute.into(), n),
                    's' => push_num(out, c.second.into(), n),
                    _ => {
                        // 'S': fraction of second, n digits (ms padded, then truncated/extended).
                        let ms = format!("{:03}000000", c.millis);
                        out.push_str(ms.get(..n).unwrap_or(&ms));
                    }
                }
            }
        }
    }
}

/// Evaluates a prefix at `at`; `error_type` fills `!{firehose:error-output-type}`.
pub fn evaluate(parts: &[Part], at: Instant, rng: &mut Rng, error_type: &str) -> String {
    let c = at.civil();
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Literal(s) => out.push_str(s),
            Part::Timestamp(fields) => format_fields(fields, &c, &mut out),
            Part::RandomString => out.push_str(&rng.string_from(ALPHANUMERIC, RANDOM_STRING_LEN)),
            Part::ErrorOutputType => out.push_str(error_type),
        }
    }
    out
}

/// The object name after the prefix:
/// `<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><extension>`.
pub fn suffix(stream: &str, version: u64, at: Instant, uuid: &str, extension: &str) -> String {
    let c = at.civil();
    format!(
        "{stream}-{version}-{:04}-{:02}-{:02}-{:02}-{:02}-{:02}-{uuid}{extension}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Instant = Instant(1_704_067_201_000); // 2024-01-01T00:00:01Z

    #[test]
    fn civil_dates_cross_month_year_and_leap_days() {
        let c = T.civil();
        assert_eq!((c.year, c.month, c.day, c.hour, c.minute, c.second), (2024, 1, 1, 0, 0, 1));
        let leap = Instant(1_709_164_800_000 + 3_723_456).civil(); // 2024-02-29T01:02:03.456
        assert_eq!(
            (leap.month, leap.day, leap.hour, leap.minute, leap.second, leap.millis),
            (2, 29, 1, 2, 3, 456)
        );
        assert_eq!(Instant(0).civil().year, 1970);
    }

    #[test]
    fn default_and_custom_prefixes_evaluate_as_documented() {
        let mut rng = Rng::new(0);
        let eval = |p: &str, rng: &mut Rng| {
            evaluate(&with_default_timestamp(parse(p).unwrap()), T, rng, "processing-failed")
        };
        assert_eq!(eval("", &mut rng), "2024/01/01/00/");
        assert_eq!(eval("logs/", &mut rng), "logs/2024/01/01/00/");
        assert_eq!(eval("logs", &mut rng), "logs2024/01/01/00/");
        assert_eq!(eval("y=!{timestamp:yyyy}/m=!{timestamp:MM}/", &mut rng), "y=2024/m=01/");
        assert_eq!(
            eval("e/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd'T'HH}/", &mut rng),
            "e/processing-failed/2024-01-01T00/"
        );
        let r = eval("r/!{firehose:random-string}/!{timestamp:yy}", &mut rng);
        assert_eq!(r.len(), 2 + 11 + 1 + 2);
        assert!(parse("!{timestamp:QQ}").is_err());
        assert!(parse("!{nope:x}").is_err());
        assert!(parse("!{timestamp:yyyy").is_err());
        assert!(parse("!{partitionKeyFromQuery:id}").is_err());
    }

    #[test]
    fn suffix_carries_name_version_time_and_id() {
        assert_eq!(suffix("fh", 1, T, "u", ".gz"), "fh-1-2024-01-01-00-00-01-u.gz");
    }
}
