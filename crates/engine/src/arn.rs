//! Amazon Resource Names: `arn:<partition>:<service>:<region>:<account>:<resource>`
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html>).
//!
//! Shared by every service that takes ARNs as input (SQS redrive policies and move tasks, SNS
//! subscriptions, Lambda event sources, Firehose destinations).

/// The parts of an ARN, borrowed from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    /// Everything after the fifth colon (may itself contain `:` or `/`).
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Parses `text`; `None` unless it has the six colon-separated parts, starts with `arn`
    /// and names a partition and a service.
    pub fn parse(text: &'a str) -> Option<Self> {
        let mut parts = text.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        let partition = parts.next()?;
        let service = parts.next()?;
        let region = parts.next()?;
        let account = parts.next()?;
        let resource = parts.next()?;
        if partition.is_empty() || service.is_empty() {
            return None;
        }
        Some(Self { partition, service, region, account, resource })
    }
}

/// The text after the last `:` (all of `arn` when it has none): a queue, topic or function
/// name. A byte search from the end: ARNs end in short names.
pub fn last_field(arn: &str) -> &str {
    match arn.bytes().rposition(|b| b == b':') {
        Some(i) => arn.get(i + 1..).unwrap_or_default(),
        None => arn,
    }
}

/// Matches `text` against an `ArnLike`/`StringLike` pattern: `*` matches any run of
/// characters, `?` exactly one (IAM condition operators).
pub fn glob_match(pattern: &str, text: &str) -> bool {
    // Byte offsets that always sit on character boundaries; no allocation.
    let next = |s: &str, i: usize| s.get(i..).and_then(|r| r.chars().next());
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while let Some(tc) = next(text, ti) {
        match next(pattern, pi) {
            Some('*') => {
                star = Some(pi);
                mark = ti;
                pi += 1;
            }
            Some(c) if c == '?' || c == tc => {
                pi += c.len_utf8();
                ti += tc.len_utf8();
            }
            _ => match star {
                Some(s) => {
                    pi = s + 1;
                    mark += next(text, mark).map_or(1, char::len_utf8);
                    ti = mark;
                }
                None => return false,
            },
        }
    }
    while next(pattern, pi) == Some('*') {
        pi += 1;
    }
    pi == pattern.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_field_is_what_follows_the_last_colon() {
        for s in ["arn:aws:sqs:us-east-1:0:q", "q", "", "a:", ":b", "x:é:ü", "a::b"] {
            assert_eq!(last_field(s), s.rsplit(':').next().unwrap_or(s), "{s}");
        }
    }

    #[test]
    fn parses_queue_and_stream_arns() {
        let a = Arn::parse("arn:aws:sqs:us-east-1:000000000000:orders").unwrap();
        assert_eq!(
            (a.service, a.region, a.account, a.resource),
            ("sqs", "us-east-1", "000000000000", "orders")
        );
        let k = Arn::parse("arn:aws:kinesis:us-east-1:1:stream/a:b").unwrap();
        assert_eq!(k.resource, "stream/a:b");
        assert_eq!(Arn::parse("arn:aws:sqs:us-east-1:1"), None);
        assert_eq!(Arn::parse("urn:aws:sqs:r:a:q"), None);
    }

    #[test]
    fn globs() {
        assert!(glob_match("arn:aws:sns:*:*:topic-*", "arn:aws:sns:us-east-1:1:topic-a"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("a?c", "abbc"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("x*", "y"));
        assert!(glob_match("é?*ü", "éàxyü"));
        assert!(!glob_match("é??", "éà"));
    }
}
