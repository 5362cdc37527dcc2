//! Coral model validation, as the AWS JSON 1.1 services (Kinesis, Firehose) answer it before
//! an action runs: `ValidationException` with `1 validation error detected: Value '<v>' at
//! '<member>' failed to satisfy constraint: <rule>`; several violations are joined by `; `
//! after `N validation errors detected: ` (at most 10 are reported).
//!
//! Source: spec/kinesis.md §1.2 (kinesalite, AWS-run: `validations/index.js`).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::ApiError;

/// Most violations Coral reports in one message.
const MAX_REPORTED: usize = 10;

/// Collects model violations of one request.
#[derive(Debug, Default)]
pub struct Violations(Vec<String>);

impl Violations {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one violation; `value` is shown quoted, `None` shows `null`.
    pub fn push(&mut self, member: &str, value: Option<&str>, rule: &str) {
        if self.0.len() >= MAX_REPORTED {
            return;
        }
        let shown = match value {
            Some(v) => format!("'{v}'"),
            None => String::from("null"),
        };
        self.0.push(format!("Value {shown} at '{member}' failed to satisfy constraint: {rule}"));
    }

    /// `Member must not be null`.
    pub fn not_null<T>(&mut self, member: &str, value: &Option<T>) {
        if value.is_none() {
            self.push(member, None, "Member must not be null");
        }
    }

    /// Length of a string in characters within `[min, max]`.
    pub fn length(&mut self, member: &str, value: Option<&str>, min: usize, max: usize) {
        let Some(v) = value else { return };
        let n = v.chars().count();
        if n < min {
            self.push(member, Some(v), &format!("Member must have length greater than or equal to {min}"));
        } else if n > max {
            self.push(member, Some(v), &format!("Member must have length less than or equal to {max}"));
        }
    }

    /// Length of a blob in bytes at most `max` (shown as Java shows a ByteBuffer).
    pub fn blob_max(&mut self, member: &str, value: Option<&[u8]>, max: usize) {
        let Some(v) = value else { return };
        if v.len() > max {
            let shown = format!("java.nio.HeapByteBuffer[pos=0 lim={0} cap={0}]", v.len());
            self.push(member, Some(&shown), &format!("Member must have length less than or equal to {max}"));
        }
    }

    /// `Member must satisfy regular expression pattern: <pattern>` when `ok` is false.
    pub fn pattern(&mut self, member: &str, value: Option<&str>, pattern: &str, ok: impl Fn(&str) -> bool) {
        let Some(v) = value else { return };
        if !ok(v) {
            self.push(member, Some(v), &format!("Member must satisfy regular expression pattern: {pattern}"));
        }
    }

    /// Integer bounds.
    pub fn range(&mut self, member: &str, value: Option<i64>, min: Option<i64>, max: Option<i64>) {
        let Some(v) = value else { return };
        let shown = format!("{v}");
        if let Some(m) = min.filter(|m| v < *m) {
            self.push(member, Some(&shown), &format!("Member must have value greater than or equal to {m}"));
        } else if let Some(m) = max.filter(|m| v > *m) {
            self.push(member, Some(&shown), &format!("Member must have value less than or equal to {m}"));
        }
    }

    /// `Member must satisfy enum value set: [A, B]`.
    pub fn one_of(&mut self, member: &str, value: Option<&str>, allowed: &[&str]) {
        let Some(v) = value else { return };
        if !allowed.contains(&v) {
            let set = allowed.join(", ");
            self.push(member, Some(v), &format!("Member must satisfy enum value set: [{set}]"));
        }
    }

    /// Number of violations so far.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing was violated, else the `ValidationException`.
    pub fn finish(self) -> Result<(), ApiError> {
        match self.0.len() {
            0 => Ok(()),
            1 => Err(validation(format!("1 validation error detected: {}", self.0.join("; ")))),
            n => Err(validation(format!("{n} validation errors detected: {}", self.0.join("; ")))),
        }
    }
}

/// A `ValidationException` (HTTP 400) with `message`.
pub fn validation(message: impl Into<String>) -> ApiError {
    ApiError::client("ValidationException", 400, message)
}

/// True when `s` matches `[a-zA-Z0-9_.-]+` (stream, consumer and shard names).
pub fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_follow_coral() {
        let mut v = Violations::new();
        v.pattern("streamName", Some("a b"), "[a-zA-Z0-9_.-]+", is_name);
        assert_eq!(
            v.finish().unwrap_err().message,
            "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        );
        let mut v = Violations::new();
        v.not_null::<u8>("streamName", &None);
        v.range("shardCount", Some(0), Some(1), None);
        let e = v.finish().unwrap_err();
        assert!(e.message.starts_with("2 validation errors detected: Value null at 'streamName'"));
        assert!(e.message.ends_with("Member must have value greater than or equal to 1"));
    }
}
