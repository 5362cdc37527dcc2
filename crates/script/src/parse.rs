//! Statements of a scenario, parsed from lexed words ([`crate::lex`]).
//!
//! ```text
//! aws <service> <command> [--option value]…      an AWS CLI command
//! NAME=value   NAME=$(aws …)   export NAME=…      shell variables
//! echo WORDS…   cat FILE                          print
//! file NAME <<EOF … EOF                           an embedded file for file://NAME
//! sleep 31   advance 2m   at 10s: <statement>     virtual time
//! producer | consumer | lambda | kinesis-consumer | autoscale …   actors (crate::actors)
//! stop NAME                                       stop an actor
//! expect …                                        checks (crate::check)
//! ```

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::actors::spec::{self, ActorSpec};
use crate::check::{self, Check};
use crate::error::{Pos, ScriptError};
use crate::lex::{lex, Part, RawStmt, Word};
use decouple_engine::float::parse_f64;

/// One statement and where it is.
#[derive(Clone, Debug)]
pub struct Stmt {
    pub pos: Pos,
    /// The statement's source text (continuations kept), for display.
    pub text: String,
    pub kind: StmtKind,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `aws …`: the words, `aws` included.
    Aws(Vec<Word>),
    Assign {
        name: String,
        value: Word,
    },
    Echo(Vec<Word>),
    Cat(Word),
    /// `file NAME <<EOF`: `expand` when the delimiter was unquoted (`$NAME` expands).
    File {
        name: String,
        body: String,
        expand: bool,
    },
    /// `sleep` and `advance`: move the virtual clock (actors and timers run meanwhile).
    Sleep(u64),
    /// `at T: statement`: run the statement when the clock reaches start + T.
    At {
        at_ms: u64,
        body: Box<Stmt>,
    },
    Actor(ActorSpec),
    Stop(String),
    Expect(Check),
    /// A statement that could not be parsed: it reports its error when reached.
    Invalid(ScriptError),
}

/// Statements the scenario language knows, for suggestions.
pub const KEYWORDS: &[&str] = &[
    "aws",
    "echo",
    "cat",
    "file",
    "sleep",
    "advance",
    "at",
    "producer",
    "consumer",
    "lambda",
    "kinesis-consumer",
    "autoscale",
    "stop",
    "expect",
    "export",
];

/// Parses a whole script. Never fails: a bad statement becomes [`StmtKind::Invalid`].
pub fn parse_script(src: &str) -> Vec<Stmt> {
    lex(src)
        .into_iter()
        .map(|r| match r {
            Ok(raw) => parse_raw(src, &raw),
            Err(e) => Stmt { pos: e.pos, text: String::new(), kind: StmtKind::Invalid(e) },
        })
        .collect()
}

fn source_text(src: &str, words: &[Word]) -> String {
    match (words.first(), words.last()) {
        (Some(a), Some(b)) => src.get(a.start..b.end).unwrap_or("").to_string(),
        _ => String::new(),
    }
}

fn parse_raw(src: &str, raw: &RawStmt) -> Stmt {
    let text = source_text(src, &raw.words);
    let kind = match parse_words(src, &raw.words, raw.heredoc.as_deref(), raw.heredoc_expands) {
        Ok(k) => k,
        Err(e) => StmtKind::Invalid(e),
    };
    Stmt { pos: raw.pos, text, kind }
}

/// A word's literal text, or an error saying a literal is needed there.
pub fn lit(w: &Word, what: &str) -> Result<String, ScriptError> {
    w.literal().ok_or_else(|| {
        ScriptError::new(w.pos, format!("{what} must be written literally here (no $ expansion)"))
    })
}

fn word_at<'a>(words: &'a [Word], i: usize, after: &Word, what: &str) -> Result<&'a Word, ScriptError> {
    words.get(i).ok_or_else(|| {
        ScriptError::new(
            Pos::new(after.pos.line, after.pos.col + (after.end - after.start) as u32 + 1),
            format!("missing {what}"),
        )
    })
}

fn parse_words(
    src: &str,
    words: &[Word],
    heredoc: Option<&str>,
    expand: bool,
) -> Result<StmtKind, ScriptError> {
    let first = words.first().ok_or_else(|| ScriptError::new(Pos::default(), "empty statement"))?;
    let head = first.literal().unwrap_or_default();
    // NAME=value
    if let Some(k) = assignment(first) {
        if words.len() > 1 {
            let extra = words.get(1).map(|w| w.pos).unwrap_or(first.pos);
            return Err(ScriptError::new(
                extra,
                "an assignment takes one word: quote the value (NAME=\"a b\")",
            ));
        }
        return Ok(k);
    }
    match head.as_str() {
        "aws" => Ok(StmtKind::Aws(words.to_vec())),
        "export" => {
            let w = word_at(words, 1, first, "NAME=value after export")?;
            assignment(w).ok_or_else(|| ScriptError::new(w.pos, "export needs NAME=value"))
        }
        "echo" => Ok(StmtKind::Echo(words.get(1..).unwrap_or(&[]).to_vec())),
        "cat" => {
            // `cat > NAME <<EOF` is the shell way to write a file.
            if words.get(1).and_then(Word::literal).as_deref() == Some(">") {
                let name = lit(word_at(words, 2, first, "a file name")?, "the file name")?;
                return match heredoc {
                    Some(b) => Ok(StmtKind::File { name, body: b.to_string(), expand }),
                    None => {
                        Err(ScriptError::new(first.pos, "cat > NAME needs a here-document: cat > NAME <<EOF"))
                    }
                };
            }
            Ok(StmtKind::Cat(word_at(words, 1, first, "a file name")?.clone()))
        }
        "file" => {
            let name = lit(word_at(words, 1, first, "a file name")?, "the file name")?;
            match heredoc {
                Some(b) => Ok(StmtKind::File { name, body: b.to_string(), expand }),
                None => {
                    Err(ScriptError::new(first.pos, "file NAME needs a here-document: file NAME <<EOF … EOF"))
                }
            }
        }
        "sleep" | "advance" => {
            let w = word_at(words, 1, first, "a duration (31, 500ms, 2m)")?;
            let ms = duration(&lit(w, "the duration")?, head == "sleep")
                .map_err(|m| ScriptError::new(w.pos, m))?;
            if let Some(extra) = words.get(2) {
                return Err(ScriptError::new(extra.pos, format!("{head} takes one duration")));
            }
            Ok(StmtKind::Sleep(ms))
        }
        "at" => {
            let w = word_at(words, 1, first, "a time such as 10s:")?;
            let t = lit(w, "the time")?;
            let (t, rest_from) = match t.strip_suffix(':') {
                Some(t) => (t.to_string(), 2),
                None if words.get(2).and_then(Word::literal).as_deref() == Some(":") => (t, 3),
                None => return Err(ScriptError::new(w.pos, "expected `at <time>: <statement>`")),
            };
            let at_ms = duration(&t, true).map_err(|m| ScriptError::new(w.pos, m))?;
            let body_words = words.get(rest_from..).unwrap_or(&[]);
            let Some(bfirst) = body_words.first() else {
                return Err(ScriptError::new(w.pos, "`at` needs a statement after the colon"));
            };
            let kind = parse_words(src, body_words, heredoc, expand)?;
            let body = Stmt { pos: bfirst.pos, text: source_text(src, body_words), kind };
            Ok(StmtKind::At { at_ms, body: Box::new(body) })
        }
        "producer" | "consumer" | "lambda" | "kinesis-consumer" | "autoscale" => {
            spec::parse(src, words).map(StmtKind::Actor)
        }
        "stop" => Ok(StmtKind::Stop(lit(word_at(words, 1, first, "an actor name")?, "the actor name")?)),
        "expect" => check::parse(src, words).map(StmtKind::Expect),
        _ => {
            let e = ScriptError::new(first.pos, format!("unknown command `{head}`"));
            Err(match crate::error::closest(&head, KEYWORDS.iter().copied()) {
                Some(c) => e.with_suggestion(format!("did you mean {c}?")),
                None => e.with_suggestion(
                    "a statement is an aws command, NAME=value, sleep, advance, at, an actor, stop, echo, file or expect",
                ),
            })
        }
    }
}

/// `NAME=value` → an assignment.
fn assignment(w: &Word) -> Option<StmtKind> {
    let Some(Part::Lit(first)) = w.parts.first() else { return None };
    let (name, rest) = first.split_once('=')?;
    let mut cs = name.chars();
    let ok = cs.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok {
        return None;
    }
    let mut parts = Vec::new();
    if !rest.is_empty() {
        parts.push(Part::Lit(rest.to_string()));
    }
    parts.extend(w.parts.iter().skip(1).cloned());
    if parts.is_empty() {
        parts.push(Part::Lit(String::new()));
    }
    let value = Word { pos: w.pos, parts, start: w.start + name.len() + 1, end: w.end, quoted: w.quoted };
    Some(StmtKind::Assign { name: name.to_string(), value })
}

/// `31` (seconds when `bare_secs`), `500ms`, `1.5s`, `2m`, `1h`, `1d` → milliseconds.
pub fn duration(s: &str, bare_secs: bool) -> Result<u64, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n = parse_f64(num)
        .ok_or_else(|| format!("bad duration `{s}`: expected a number with ms, s, m, h or d"))?;
    let scale = match unit {
        "" if bare_secs => 1000.0,
        "ms" => 1.0,
        "s" | "sec" | "secs" => 1000.0,
        "m" | "min" | "mins" => 60_000.0,
        "h" => 3_600_000.0,
        "d" => 86_400_000.0,
        _ => return Err(format!("bad duration `{s}`: the unit must be ms, s, m, h or d")),
    };
    let ms = n * scale;
    if !(0.0..=1.0e15).contains(&ms) {
        return Err(format!("duration `{s}` is out of range"));
    }
    Ok(ms as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements() {
        let s = parse_script("Q=$(aws sqs create-queue --queue-name q --query QueueUrl --output text)\nsleep 31\nadvance 2m\nat 10s: echo hi\nfile a.json <<EOF\n{}\nEOF\nsleeep 3\n");
        assert!(matches!(&s[0].kind, StmtKind::Assign { name, .. } if name == "Q"));
        assert!(matches!(s[1].kind, StmtKind::Sleep(31_000)));
        assert!(matches!(s[2].kind, StmtKind::Sleep(120_000)));
        assert!(matches!(&s[3].kind, StmtKind::At { at_ms: 10_000, .. }));
        assert!(
            matches!(&s[4].kind, StmtKind::File { name, body, expand: true } if name == "a.json" && body == "{}\n")
        );
        let StmtKind::Invalid(e) = &s[5].kind else { panic!() };
        assert_eq!(e.pos, Pos::new(8, 1));
        assert_eq!(e.suggestion.as_deref(), Some("did you mean sleep?"));
    }

    #[test]
    fn durations() {
        assert_eq!(duration("500ms", true), Ok(500));
        assert_eq!(duration("1.5s", true), Ok(1500));
        assert_eq!(duration("31", true), Ok(31_000));
        assert!(duration("3x", true).is_err());
    }
}
