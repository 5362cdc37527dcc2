//! Script errors: every one carries the line and column it points at, and a suggestion when
//! a near name exists ("did you mean --queue-url?").

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// A position in the script: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Self {
        Self { line, col }
    }
}

/// An error in the script itself (not an AWS error): unknown command or option, bad JSON or
/// shorthand, a missing variable, a limit reached.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ScriptError {
    pub pos: Pos,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl ScriptError {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        Self { pos, message: message.into(), suggestion: None }
    }

    /// Adds "did you mean X?" when `candidates` holds a name close to `wrong`.
    pub fn suggest<'a>(mut self, wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        self.suggestion = closest(wrong, candidates).map(|c| format!("did you mean {c}?"));
        self
    }

    pub fn with_suggestion(mut self, s: impl Into<String>) -> Self {
        self.suggestion = Some(s.into());
        self
    }

    /// The message with its suggestion, as printed.
    pub fn text(&self) -> String {
        match &self.suggestion {
            Some(s) => format!("{} ({s})", self.message),
            None => self.message.to_string(),
        }
    }
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.pos.line, self.pos.col, self.text())
    }
}

/// Levenshtein distance between two strings (by characters).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = Vec::with_capacity(b.len() + 1);
    for (i, ca) in a.chars().enumerate() {
        cur.clear();
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        core::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// The candidate nearest to `wrong` if it is close enough to be a likely typo
/// (distance ≤ max(2, len/3)), or one that contains it.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(wrong, c);
        let (w, k) = (wrong.trim_start_matches('-'), c.trim_start_matches('-'));
        let d = if d > limit && w.len() >= 4 && (k.contains(w) || w.contains(k)) { limit } else { d };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_option() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(closest("--queue-ur", ["--queue-url", "--message-body"]), Some("--queue-url"));
        assert_eq!(closest("--zzz", ["--queue-url"]), None);
    }
}
