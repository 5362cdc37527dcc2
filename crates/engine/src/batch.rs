//! Batch-entry rules shared by every `…Batch` action (SQS `SendMessageBatch`,
//! `DeleteMessageBatch`, `ChangeMessageVisibilityBatch`; SNS `PublishBatch`).
//!
//! AWS rules (SQS API Reference, `SendMessageBatch`; spec/sqs.md §4.8, spec/sns.md): a batch
//! holds 1–10 entries; each entry `Id` is 1–80 characters of `[A-Za-z0-9_-]` and unique within
//! the request. Each service words the resulting errors itself, so this module only reports
//! *which* rule broke as a [`BatchProblem`].

use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Maximum entries in one batch request (SQS and SNS: 10).
pub const MAX_ENTRIES: usize = 10;
/// Maximum length of a batch entry `Id`.
pub const MAX_ID_LEN: usize = 80;

/// The first batch rule a request breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchProblem {
    /// No entries at all.
    Empty,
    /// More than [`MAX_ENTRIES`] entries (the count is carried for the message).
    TooMany(usize),
    /// An entry id that is empty, too long or has a character outside `[A-Za-z0-9_-]`.
    InvalidId(String),
    /// Two entries share this id.
    NotDistinct(String),
}

/// True when `id` is 1–80 characters of `[A-Za-z0-9_-]`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks the count and the id syntax, in AWS's order: empty, too many, then each id.
pub fn check_count_and_ids<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Result<(), BatchProblem> {
    let n = ids.len();
    if n == 0 {
        return Err(BatchProblem::Empty);
    }
    if n > MAX_ENTRIES {
        return Err(BatchProblem::TooMany(n));
    }
    for id in ids {
        if !is_valid_id(id) {
            return Err(BatchProblem::InvalidId(id.to_string()));
        }
    }
    Ok(())
}

/// The first id that appears twice, if any. Every caller has checked the count first (at most
/// [`MAX_ENTRIES`]), so a scan of the ids seen so far does: a `BTreeSet<&str>` here was the
/// wasm's only B-tree of that type (~2.5 KB of code).
pub fn check_distinct<'a>(ids: impl Iterator<Item = &'a str>) -> Result<(), BatchProblem> {
    let mut seen: Vec<&str> = Vec::with_capacity(MAX_ENTRIES);
    for id in ids {
        if seen.contains(&id) {
            return Err(BatchProblem::NotDistinct(id.to_string()));
        }
        seen.push(id);
    }
    Ok(())
}

/// All structural rules in AWS's order: empty, too many, id syntax, distinct ids.
pub fn check_entries<'a>(ids: impl ExactSizeIterator<Item = &'a str> + Clone) -> Result<(), BatchProblem> {
    check_count_and_ids(ids.clone())?;
    check_distinct(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_in_order() {
        let none: [&str; 0] = [];
        assert_eq!(check_entries(none.iter().copied()), Err(BatchProblem::Empty));
        let eleven = ["a"; 11];
        assert_eq!(check_entries(eleven.iter().copied()), Err(BatchProblem::TooMany(11)));
        assert_eq!(check_entries(["a", "b:c"].iter().copied()), Err(BatchProblem::InvalidId("b:c".into())));
        assert_eq!(check_entries(["a", ""].iter().copied()), Err(BatchProblem::InvalidId("".into())));
        assert_eq!(check_entries(["a", "a"].iter().copied()), Err(BatchProblem::NotDistinct("a".into())));
        let long = "x".repeat(81);
        assert!(!is_valid_id(&long));
        assert!(is_valid_id(&long[..80]));
        assert_eq!(check_entries(["a-1", "B_2"].iter().copied()), Ok(()));
    }
}
