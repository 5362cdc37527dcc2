//! The policy as a token stream over its compact text, read the way Jackson's streaming
//! parser reads it, so that rule errors point at the column AWS reports.
//!
//! AWS re-serialises the policy compactly and hands that text to its rule compiler, which
//! reads it token by token; an error's column is one past the characters consumed so far.
//! Jackson reads lazily: after a field name it has also read the colon and the **start** of
//! the value (a whole number or literal, a bracket, or only the opening quote of a string);
//! a string's contents are consumed when its text is asked for or the next token is read.

use alloc::string::String;
use alloc::vec::Vec;

use super::syntax::{jackson_number_text, write_json_string, Node};

/// A token of the compact text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Tok<'n> {
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    Field(&'n str),
    Str(&'n str),
    Num(f64),
    True,
    False,
    Null,
    /// Past the last token (never reached by a balanced reader; ends every loop).
    End,
}

#[derive(Clone, Copy, Debug)]
struct Placed<'n> {
    tok: Tok<'n>,
    /// UTF-16 offsets (Jackson columns).
    start: u32,
    end: u32,
    /// Byte offsets into the compact text.
    bstart: usize,
    bend: usize,
}

/// The compact text and a Jackson-like cursor over its tokens.
pub(crate) struct Stream<'n> {
    pub compact: String,
    toks: Vec<Placed<'n>>,
    next: usize,
    /// Characters consumed so far.
    pos: u32,
    /// End of a string token whose contents are not consumed yet.
    pending: Option<u32>,
    /// The value after a field name was already read ahead.
    prefetched: bool,
    /// Byte range of the last token returned.
    last: (usize, usize),
}

impl<'n> Stream<'n> {
    pub(crate) fn new(root: &'n Node<'n>) -> Self {
        let mut w = Writer { out: String::new(), units: 0, toks: Vec::new() };
        w.node(root);
        Stream {
            compact: w.out,
            toks: w.toks,
            next: 0,
            pos: 0,
            pending: None,
            prefetched: false,
            last: (0, 0),
        }
    }

    /// Jackson `nextToken()`.
    pub(crate) fn next_token(&mut self) -> Tok<'n> {
        let Some(t) = self.toks.get(self.next).copied() else {
            return Tok::End;
        };
        self.next += 1;
        self.last = (t.bstart, t.bend);
        if self.prefetched {
            self.prefetched = false;
            if let Tok::Str(_) = t.tok {
                self.pending = Some(t.end);
            }
            return t.tok;
        }
        if let Some(end) = self.pending.take() {
            self.pos = end;
        }
        match t.tok {
            Tok::Field(_) => {
                // name, colon, and the start of the value
                self.pos = t.end + 1;
                if let Some(v) = self.toks.get(self.next) {
                    self.pos = match v.tok {
                        Tok::Str(_) => v.start + 1,
                        _ => v.end,
                    };
                    self.prefetched = true;
                }
            }
            Tok::Str(_) => {
                self.pos = t.start + 1;
                self.pending = Some(t.end);
            }
            _ => self.pos = t.end,
        }
        t.tok
    }

    /// Jackson `getText()` on the current token: completes a lazily read string.
    pub(crate) fn finish_text(&mut self) {
        if let Some(end) = self.pending.take() {
            self.pos = end;
        }
    }

    /// Jackson's error column (1-based).
    pub(crate) fn column(&self) -> u32 {
        self.pos + 1
    }

    /// Byte offset where the last returned token starts / ends in the compact text.
    pub(crate) fn last_start(&self) -> usize {
        self.last.0
    }
    pub(crate) fn last_end(&self) -> usize {
        self.last.1
    }

    /// The compact text of the last returned token (Jackson `getText()` for non-strings).
    pub(crate) fn last_text(&self) -> &str {
        self.compact.get(self.last.0..self.last.1).unwrap_or("")
    }

    /// Tokens from the next one on, without consuming them.
    pub(crate) fn peek_all(&self) -> impl Iterator<Item = Tok<'n>> + '_ {
        self.toks.iter().skip(self.next).map(|p| p.tok)
    }
}

struct Writer<'n> {
    out: String,
    units: u32,
    toks: Vec<Placed<'n>>,
}

impl<'n> Writer<'n> {
    fn push(&mut self, text: &str, tok: Option<Tok<'n>>) {
        let (start, bstart) = (self.units, self.out.len());
        self.out.push_str(text);
        self.units += text.encode_utf16().count() as u32;
        if let Some(tok) = tok {
            self.toks.push(Placed { tok, start, end: self.units, bstart, bend: self.out.len() });
        }
    }

    fn node(&mut self, n: &'n Node<'n>) {
        match n {
            Node::Object(members) => {
                self.push("{", Some(Tok::StartObject));
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        self.push(",", None);
                    }
                    let mut quoted = String::new();
                    write_json_string(&mut quoted, name);
                    self.push(&quoted, Some(Tok::Field(name)));
                    self.push(":", None);
                    self.node(value);
                }
                self.push("}", Some(Tok::EndObject));
            }
            Node::Array(items) => {
                self.push("[", Some(Tok::StartArray));
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.push(",", None);
                    }
                    self.node(item);
                }
                self.push("]", Some(Tok::EndArray));
            }
            Node::String(s) => {
                let mut quoted = String::new();
                write_json_string(&mut quoted, s);
                self.push(&quoted, Some(Tok::Str(s)));
            }
            Node::Number(text, v) => self.push(&jackson_number_text(text, *v), Some(Tok::Num(*v))),
            Node::Bool(true) => self.push("true", Some(Tok::True)),
            Node::Bool(false) => self.push("false", Some(Tok::False)),
            Node::Null => self.push("null", Some(Tok::Null)),
        }
    }
}
