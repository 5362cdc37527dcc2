//! Shell expansion: `$NAME`, `${NAME}`, `$( … )`, field splitting, here-documents.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{Fail, Session};
use crate::args::ExpWord;
use crate::error::{closest, Pos, ScriptError};
use crate::lex::{Part, Word};

impl Session {
    pub(super) fn var(&self, name: &str, pos: Pos) -> Result<String, ScriptError> {
        self.vars.get(name).cloned().ok_or_else(|| {
            let e = ScriptError::new(pos, format!("variable ${name} is not set"));
            match closest(name, self.vars.keys().map(String::as_str)) {
                Some(c) => e.with_suggestion(format!("did you mean ${c}?")),
                None => e.with_suggestion(format!("set it first: {name}=…")),
            }
        })
    }

    /// Expands words with shell semantics: unquoted expansions split on blanks.
    pub(super) fn expand(&mut self, words: &[Word]) -> Result<Vec<ExpWord>, Fail> {
        let mut out = Vec::new();
        for w in words {
            let mut fields: Vec<String> = Vec::new();
            let mut cur = String::new();
            let mut has = false;
            for p in &w.parts {
                let (text, quoted) = match p {
                    Part::Lit(t) => {
                        cur.push_str(t);
                        has = has || !t.is_empty() || w.quoted;
                        continue;
                    }
                    Part::Var { name, quoted, pos } => (self.var(name, *pos)?, *quoted),
                    Part::Subst { words, quoted, pos } => (self.substitute(words, *pos)?, *quoted),
                };
                if quoted {
                    cur.push_str(&text);
                    has = true;
                    continue;
                }
                let mut pieces = text.split([' ', '\t', '\n']).filter(|s| !s.is_empty()).peekable();
                if text.starts_with([' ', '\t', '\n']) && has {
                    fields.push(core::mem::take(&mut cur));
                    has = false;
                }
                while let Some(piece) = pieces.next() {
                    cur.push_str(piece);
                    has = true;
                    if pieces.peek().is_some() {
                        fields.push(core::mem::take(&mut cur));
                    }
                }
                if text.ends_with([' ', '\t', '\n']) && has {
                    fields.push(core::mem::take(&mut cur));
                    has = false;
                }
            }
            if has {
                fields.push(cur);
            }
            let quoted_start = w.quoted && matches!(w.parts.first(), Some(Part::Lit(_)));
            for f in fields {
                out.push(ExpWord { text: f, pos: w.pos, quoted: quoted_start });
            }
        }
        Ok(out)
    }

    /// Expands one word without splitting (assignments, names).
    pub(super) fn expand_one(&mut self, w: &Word) -> Result<String, Fail> {
        let mut s = String::new();
        for p in &w.parts {
            match p {
                Part::Lit(t) => s.push_str(t),
                Part::Var { name, pos, .. } => s.push_str(&self.var(name, *pos)?),
                Part::Subst { words, pos, .. } => s.push_str(&self.substitute(words, *pos)?),
            }
        }
        Ok(s)
    }

    /// `$( … )`: the command's standard output without trailing newlines.
    pub(super) fn substitute(&mut self, words: &[Word], pos: Pos) -> Result<String, Fail> {
        let words = self.expand(words)?;
        match words.first().map(|w| w.text.as_str()) {
            Some("aws") => {
                let (_, printed) = self.run_aws(&words)?;
                Ok(printed.trim_end_matches('\n').to_string())
            }
            Some("echo") => Ok(words.iter().skip(1).map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")),
            Some("cat") => {
                let name = words.get(1).map(|w| w.text.clone()).unwrap_or_default();
                match self.files.get(&name) {
                    Some(b) => Ok(String::from_utf8_lossy(b).trim_end_matches('\n').to_string()),
                    None => Err(Fail::Script(ScriptError::new(
                        pos,
                        format!("cat: {name}: No such file or directory"),
                    ))),
                }
            }
            _ => Err(Fail::Script(ScriptError::new(pos, "$( … ) may hold an aws, echo or cat command"))),
        }
    }

    pub(crate) fn expand_word(&mut self, w: &Word) -> Result<String, ScriptError> {
        match self.expand_one(w) {
            Ok(s) => Ok(s),
            Err(Fail::Script(e)) => Err(e),
            Err(Fail::Api(e)) => Err(ScriptError::new(w.pos, format!("{}: {}", e.code, e.message))),
        }
    }
    pub(crate) fn expand_text(&self, text: &str, pos: Pos) -> Result<String, ScriptError> {
        // `$NAME` / `${NAME}` inside an expect expression.
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find('$') {
            out.push_str(rest.get(..i).unwrap_or(""));
            let after = rest.get(i + 1..).unwrap_or("");
            let (name, tail) = if let Some(b) = after.strip_prefix('{') {
                match b.find('}') {
                    Some(j) => (b.get(..j).unwrap_or(""), b.get(j + 1..).unwrap_or("")),
                    None => return Err(ScriptError::new(pos, "unterminated ${")),
                }
            } else {
                let n = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
                (after.get(..n).unwrap_or(""), after.get(n..).unwrap_or(""))
            };
            if name.is_empty() {
                out.push('$');
            } else {
                out.push_str(&self.var(name, pos)?);
            }
            rest = tail;
        }
        out.push_str(rest);
        Ok(out.replace(LITERAL_DOLLAR, "$"))
    }
}

/// In an unquoted here-document a backslash escapes `\\` and `` ` ``; `\$` stays for
/// [`Session::expand_text`] to read as a literal dollar (marked with a private-use character).
pub(super) fn heredoc_escapes(body: &str) -> String {
    let mut out = String::new();
    let mut it = body.chars().peekable();
    while let Some(c) = it.next() {
        match (c, it.peek()) {
            ('\\', Some('$')) => {
                it.next();
                out.push(LITERAL_DOLLAR);
            }
            ('\\', Some('\\' | '`')) => {
                out.extend(it.next());
            }
            _ => out.push(c),
        }
    }
    out
}

/// Stands for an escaped `$` until expansion is done.
const LITERAL_DOLLAR: char = '\u{E024}';
