//! Shell-style lexing of a scenario: statements made of words, with POSIX quoting.
//!
//! * One statement per line; a backslash before the newline continues it; `#` at the start of
//!   a word starts a comment; a quoted string may span lines.
//! * `'…'` is literal; `"…"` expands `$NAME`, `${NAME}` and `$(…)` and honours `\"`, `\\`,
//!   `\$`; outside quotes a backslash escapes the next character.
//! * `file NAME <<EOF` (or `cat > NAME <<EOF`) takes the following lines up to `EOF` as an
//!   embedded file.
//!
//! Expansion happens later, at run time ([`crate::expand`]): the lexer keeps `$NAME` and
//! `$(…)` as parts of a [`Word`].

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Pos, ScriptError};

/// Limit on nesting of `$( … )`, so hostile input cannot exhaust the stack.
const MAX_SUBST_DEPTH: u32 = 8;

/// A piece of a word.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Literal text (quotes removed).
    Lit(String),
    /// `$NAME` or `${NAME}`; `quoted` when inside double quotes (no word splitting).
    Var { name: String, quoted: bool, pos: Pos },
    /// `$( … )`: a command whose text output replaces it.
    Subst { words: Vec<Word>, quoted: bool, pos: Pos },
}

/// A shell word: where it starts, its parts, and its byte span in the source.
#[derive(Clone, PartialEq)]
pub struct Word {
    pub pos: Pos,
    pub parts: Vec<Part>,
    pub start: usize,
    pub end: usize,
    /// True when any part of the word was quoted or escaped.
    pub quoted: bool,
}

impl core::fmt::Debug for Word {
    /// Compact: `"orders"@3:14`, with `$NAME` / `$(…)` for expansions.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut text = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(t) => text.push_str(t),
                Part::Var { name, .. } => {
                    text.push_str("${");
                    text.push_str(name);
                    text.push('}');
                }
                Part::Subst { words, .. } => {
                    text.push_str("$(");
                    for (i, w) in words.iter().enumerate() {
                        if i > 0 {
                            text.push(' ');
                        }
                        text.push_str(&alloc::format!("{w:?}"));
                    }
                    text.push(')');
                }
            }
        }
        write!(f, "{text:?}@{}:{}", self.pos.line, self.pos.col)
    }
}

impl Word {
    /// The word's text when it holds no expansion.
    pub fn literal(&self) -> Option<String> {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(t) => s.push_str(t),
                _ => return None,
            }
        }
        Some(s)
    }
}

/// One statement: its words and, for `<<EOF`, the embedded text.
#[derive(Clone, Debug, PartialEq)]
pub struct RawStmt {
    pub pos: Pos,
    pub words: Vec<Word>,
    pub heredoc: Option<String>,
    /// The delimiter was unquoted (`<<EOF`): `$NAME` in the body expands, as in a shell.
    pub heredoc_expands: bool,
}

struct Lexer<'a> {
    src: &'a str,
    i: usize,
    line: u32,
    col: u32,
}

/// Splits a script into statements. A lexing error (an unterminated quote) ends the script
/// at that statement.
pub fn lex(src: &str) -> Vec<Result<RawStmt, ScriptError>> {
    let mut lx = Lexer { src, i: 0, line: 1, col: 1 };
    let mut out = Vec::new();
    loop {
        match lx.statement() {
            Ok(Some(s)) => out.push(Ok(s)),
            Ok(None) => break,
            Err(e) => {
                out.push(Err(e));
                // Skip to the next line and carry on, so later lines can still be listed.
                lx.skip_line();
                if lx.at_eof() {
                    break;
                }
            }
        }
    }
    out
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.i..).and_then(|s| s.chars().next())
    }
    fn peek2(&self) -> Option<char> {
        self.src.get(self.i..).and_then(|s| s.chars().nth(1))
    }
    fn at_eof(&self) -> bool {
        self.i >= self.src.len()
    }
    fn pos(&self) -> Pos {
        Pos::new(self.line, self.col)
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
    fn skip_line(&mut self) {
        while let Some(c) = self.bump() {
            if c == '\n' {
                break;
            }
        }
    }

    /// Skips blanks and `\`-newline continuations; returns false at a newline or EOF.
    fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r') => {
                    self.bump();
                }
                Some('\\') if matches!(self.peek2(), Some('\n')) => {
                    self.bump();
                    self.bump();
                }
                Some('\\') if matches!(self.peek2(), Some('\r')) => {
                    self.bump();
                    self.bump();
                    if self.peek() == Some('\n') {
                        self.bump();
                    }
                }
                _ => return,
            }
        }
    }

    fn statement(&mut self) -> Result<Option<RawStmt>, ScriptError> {
        let mut words = Vec::new();
        let mut pos = self.pos();
        loop {
            self.skip_blanks();
            match self.peek() {
                None => break,
                Some('\n') => {
                    self.bump();
                    if words.is_empty() {
                        pos = self.pos();
                        continue;
                    }
                    break;
                }
                Some('#') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                Some(_) => {
                    if words.is_empty() {
                        pos = self.pos();
                    }
                    words.push(self.word(0)?);
                }
            }
        }
        if words.is_empty() {
            return Ok(None);
        }
        let mut heredoc_expands = false;
        let heredoc = match words.iter().find_map(heredoc_delimiter) {
            Some((delim, strip, quoted)) => {
                heredoc_expands = !quoted;
                Some(self.heredoc_body(&(delim, strip), pos)?)
            }
            None => None,
        };
        Ok(Some(RawStmt { pos, words, heredoc, heredoc_expands }))
    }

    fn heredoc_body(&mut self, delim: &(String, bool), at: Pos) -> Result<String, ScriptError> {
        let (delim, strip_tabs) = delim;
        let mut body = String::new();
        loop {
            if self.at_eof() {
                return Err(ScriptError::new(
                    at,
                    alloc::format!("the here-document is not closed by a line `{delim}`"),
                ));
            }
            let start = self.i;
            self.skip_line();
            let raw = self.src.get(start..self.i).unwrap_or("");
            let line = raw.trim_end_matches(['\n', '\r']);
            let cmp = if *strip_tabs { line.trim_start_matches('\t') } else { line };
            if cmp.trim_end() == delim {
                return Ok(body);
            }
            body.push_str(cmp);
            body.push('\n');
        }
    }

    /// One word, starting at a non-blank character.
    fn word(&mut self, depth: u32) -> Result<Word, ScriptError> {
        let pos = self.pos();
        let start = self.i;
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let mut quoted = false;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' | '\r' => break,
                ')' if depth > 0 => break,
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some('\n') => {}
                        Some(n) => {
                            quoted = true;
                            lit.push(n);
                        }
                        None => lit.push('\\'),
                    }
                }
                '\'' => {
                    quoted = true;
                    let qpos = self.pos();
                    self.bump();
                    loop {
                        match self.bump() {
                            Some('\'') => break,
                            Some(ch) => lit.push(ch),
                            None => return Err(ScriptError::new(qpos, "unterminated single quote")),
                        }
                    }
                }
                '"' => {
                    quoted = true;
                    let qpos = self.pos();
                    self.bump();
                    loop {
                        match self.peek() {
                            Some('"') => {
                                self.bump();
                                break;
                            }
                            Some('\\') => {
                                self.bump();
                                match self.bump() {
                                    Some(e @ ('"' | '\\' | '$' | '`')) => lit.push(e),
                                    Some('\n') => {}
                                    Some(other) => {
                                        lit.push('\\');
                                        lit.push(other);
                                    }
                                    None => return Err(ScriptError::new(qpos, "unterminated double quote")),
                                }
                            }
                            Some('$') => self.dollar(&mut parts, &mut lit, true, depth)?,
                            Some(ch) => {
                                self.bump();
                                lit.push(ch);
                            }
                            None => return Err(ScriptError::new(qpos, "unterminated double quote")),
                        }
                    }
                }
                '$' => self.dollar(&mut parts, &mut lit, false, depth)?,
                '{' if self.peek2() == Some('{') => {
                    // A `{{template}}` of an actor body stays one word, spaces included.
                    let tpos = self.pos();
                    let rest = self.src.get(self.i..).unwrap_or("");
                    let Some(end) = rest.find("}}") else {
                        return Err(ScriptError::new(tpos, "unterminated {{ template: missing }}"));
                    };
                    let body = rest.get(..end + 2).unwrap_or("");
                    if body.contains('\n') {
                        return Err(ScriptError::new(
                            tpos,
                            "unterminated {{ template: missing }} on this line",
                        ));
                    }
                    lit.push_str(body);
                    for _ in body.chars() {
                        self.bump();
                    }
                }
                _ => {
                    self.bump();
                    lit.push(c);
                }
            }
        }
        if !lit.is_empty() || parts.is_empty() {
            parts.push(Part::Lit(lit));
        }
        Ok(Word { pos, parts, start, end: self.i, quoted })
    }

    /// `$NAME`, `${NAME}`, `$( … )`, or a lone `$`.
    fn dollar(
        &mut self,
        parts: &mut Vec<Part>,
        lit: &mut String,
        quoted: bool,
        depth: u32,
    ) -> Result<(), ScriptError> {
        let pos = self.pos();
        self.bump();
        let flush = |parts: &mut Vec<Part>, lit: &mut String| {
            if !lit.is_empty() {
                parts.push(Part::Lit(core::mem::take(lit)));
            }
        };
        match self.peek() {
            Some('{') => {
                self.bump();
                let mut name = String::new();
                loop {
                    match self.bump() {
                        Some('}') => break,
                        Some(c) if c.is_ascii_alphanumeric() || c == '_' => name.push(c),
                        _ => {
                            return Err(ScriptError::new(
                                pos,
                                "bad ${…} variable reference: expected ${NAME}",
                            ))
                        }
                    }
                }
                if name.is_empty() {
                    return Err(ScriptError::new(pos, "empty variable name in ${}"));
                }
                flush(parts, lit);
                parts.push(Part::Var { name, quoted, pos });
            }
            Some('(') => {
                if depth >= MAX_SUBST_DEPTH {
                    return Err(ScriptError::new(pos, "$( … ) nested too deeply"));
                }
                self.bump();
                let mut words = Vec::new();
                loop {
                    self.skip_blanks();
                    match self.peek() {
                        Some(')') => {
                            self.bump();
                            break;
                        }
                        Some('\n') => {
                            self.bump();
                        }
                        None => return Err(ScriptError::new(pos, "unterminated $( … ): missing `)`")),
                        Some(_) => words.push(self.word(depth + 1)?),
                    }
                }
                flush(parts, lit);
                parts.push(Part::Subst { words, quoted, pos });
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::new();
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        name.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
                flush(parts, lit);
                parts.push(Part::Var { name, quoted, pos });
            }
            _ => lit.push('$'),
        }
        Ok(())
    }
}

/// `<<EOF`, `<<'EOF'`, `<<-EOF` → (delimiter, strip leading tabs, quoted).
fn heredoc_delimiter(w: &Word) -> Option<(String, bool, bool)> {
    let text = w.literal()?;
    let rest = text.strip_prefix("<<")?;
    let (rest, strip) = match rest.strip_prefix('-') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    if rest.is_empty() {
        return None;
    }
    Some((String::from(rest), strip, w.quoted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn words(src: &str) -> Vec<Vec<String>> {
        lex(src)
            .into_iter()
            .map(|s| s.unwrap().words.iter().map(|w| w.literal().unwrap_or_else(|| "<exp>".into())).collect())
            .collect()
    }

    #[test]
    fn quoting_comments_and_continuations() {
        let src = "aws sqs send-message --queue-url u \\\n  --message-body 'hello world' # c\n\necho \"a\\\"b\" x\\ y\n";
        assert_eq!(
            words(src),
            vec![
                vec!["aws", "sqs", "send-message", "--queue-url", "u", "--message-body", "hello world"],
                vec!["echo", "a\"b", "x y"]
            ]
        );
    }

    #[test]
    fn variables_and_substitution() {
        let s = lex("Q=$(aws sqs create-queue --queue-name q)\necho ${Q}/x \"$Q\"")
            .into_iter()
            .map(|s| s.unwrap())
            .collect::<Vec<_>>();
        assert!(matches!(&s[0].words[0].parts[1], Part::Subst { words, .. } if words.len() == 5));
        assert!(matches!(&s[1].words[1].parts[0], Part::Var { name, quoted: false, .. } if name == "Q"));
        assert!(matches!(&s[1].words[2].parts[0], Part::Var { quoted: true, .. }));
    }

    #[test]
    fn heredoc_and_multiline_quotes() {
        let s: Vec<_> = lex("file a.json <<EOF\n{\"x\": 1}\nEOF\necho '{\n}'\n")
            .into_iter()
            .map(|s| s.unwrap())
            .collect();
        assert_eq!(s[0].heredoc.as_deref(), Some("{\"x\": 1}\n"));
        assert_eq!(s[1].words[1].literal().unwrap(), "{\n}");
        assert_eq!(s[1].pos, Pos::new(4, 1));
    }

    #[test]
    fn templates_stay_one_word() {
        assert_eq!(words("a {{choice x|y z}}b c\n"), vec![vec!["a", "{{choice x|y z}}b", "c"]]);
    }

    #[test]
    fn unterminated_quote_has_a_position() {
        let r = lex("echo ok\necho 'oops\n");
        let e = r[1].clone().unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 6));
    }
}
