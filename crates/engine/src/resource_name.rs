//! The naming rule SQS queues and SNS topics share: 1 to `max_len` characters of
//! `[A-Za-z0-9_-]`, and a FIFO resource's name ends in `.fifo`, counted in `max_len`
//! (<https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html>,
//! <https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html>). Each service keeps its
//! own limit and its own error text.

/// True when `name` is a valid queue or topic name of the given kind, at most `max_len` bytes
/// long with the `.fifo` suffix.
pub fn is_valid(name: &str, fifo: bool, max_len: usize) -> bool {
    let base = if fifo {
        match name.strip_suffix(".fifo") {
            Some(b) => b,
            None => return false,
        }
    } else {
        name
    };
    !base.is_empty()
        && name.len() <= max_len
        && base.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn names() {
        assert!(is_valid("a-b_c", false, 80));
        assert!(!is_valid("a.fifo", false, 80));
        assert!(is_valid("a.fifo", true, 80));
        assert!(!is_valid("a", true, 80));
        assert!(!is_valid(".fifo", true, 80));
        assert!(!is_valid("", false, 80));
        assert!(!is_valid("a b", false, 80));
        assert!(!is_valid(&"a".repeat(81), false, 80));
        assert!(is_valid(&"a".repeat(80), false, 80));
        assert!(!is_valid(&("a".repeat(76) + ".fifo"), true, 80));
        assert!(is_valid(&("a".repeat(251) + ".fifo"), true, 256));
    }
}
