//! JSON text as the filter sees it: a small parser that keeps key order and answers Jackson's
//! error messages (AWS SNS reads policies with Jackson: `failed to parse JSON. Unexpected
//! character ('i' (code 105)): was expecting double-quote to start field name …`), and the
//! compact re-serialisation AWS quotes in rule errors (`[Source: (String)"{"key":[["value"]]}"`).
//!
//! The same parser reads message bodies and `String.Array` values when evaluating.
//! Nesting deeper than Jackson's default limit (1000) is an error, so nothing here recurses
//! without bound.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Jackson's `StreamReadConstraints` default maximum nesting depth.
pub(crate) const MAX_DEPTH: usize = 1000;
/// Jackson's `StreamReadConstraints` default maximum number length (characters).
const MAX_NUMBER_LEN: usize = 1000;

/// A parsed JSON value. Object members keep document order; a repeated name keeps its first
/// position and its last value (Jackson `ObjectNode`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node<'a> {
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
    Array(Vec<Node<'a>>),
    String(Cow<'a, str>),
    /// The literal text and its IEEE value.
    Number(&'a str, f64),
    Bool(bool),
    Null,
}

/// A syntax error: Jackson's message and where (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl SyntaxError {
    /// The text after `failed to parse JSON. ` as AWS shows it (Jackson 2.16 location).
    pub(crate) fn jackson_text(&self) -> String {
        format!("{}\n at {}", self.message, redacted_location(self.line, self.column))
    }
}

fn redacted_location(line: usize, column: usize) -> String {
    format!(
        "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: {line}, column: {column}]"
    )
}

/// What is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trailing {
    /// A policy: text after the value is ignored and a repeated member name keeps its last
    /// value, as Jackson's `ObjectMapper.readTree` does.
    Ignore,
    /// Message data (bodies, `String.Array` values): only whitespace may follow, and every
    /// member is kept (each contributes values).
    Reject,
}

/// Parses one JSON document.
pub(crate) fn parse(text: &str, trailing: Trailing) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser { s: text, b: text.as_bytes(), i: 0, merge: trailing == Trailing::Ignore };
    p.skip_ws();
    if p.i >= p.b.len() {
        return Err(p.error_at(p.i, String::from("No content to map due to end-of-input")));
    }
    let node = p.value(0)?;
    if trailing == Trailing::Reject {
        p.skip_ws();
        if let Some(c) = p.char_at(p.i) {
            return Err(p.unexpected(p.i, c, "expected end-of-input"));
        }
    }
    Ok(node)
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    /// Merge repeated member names (policies).
    merge: bool,
}

const VALUE_EXPECTED: &str = "JSON String, Number, Array, Object or token 'null', 'true' or 'false'";

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.s.get(at..).and_then(|r| r.chars().next())
    }

    /// Line and column (UTF-16 units, 1-based) of byte offset `at`, counting `\n`, `\r`
    /// and `\r\n` as line ends the way Jackson does.
    fn position(&self, at: usize) -> (usize, usize) {
        let (mut line, mut col) = (1usize, 1usize);
        let mut prev_cr = false;
        for c in self.s.get(..at).unwrap_or(self.s).chars() {
            match c {
                '\n' if prev_cr => {}
                '\n' | '\r' => {
                    line += 1;
                    col = 1;
                }
                _ => col += c.len_utf16(),
            }
            prev_cr = c == '\r';
        }
        (line, col)
    }

    fn error_at(&self, at: usize, message: String) -> SyntaxError {
        let (line, column) = self.position(at);
        SyntaxError { message, line, column }
    }

    fn unexpected(&self, at: usize, c: char, what: &str) -> SyntaxError {
        if c == '/' {
            return self.error_at(
                at,
                String::from(
                    "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
                ),
            );
        }
        self.error_at(at, format!("Unexpected character ({}): {what}", char_desc(c)))
    }

    fn eof(&self, what: &str) -> SyntaxError {
        self.error_at(self.b.len(), format!("Unexpected end-of-input{what}"))
    }

    fn eof_in_container(&self, object: bool, start: usize) -> SyntaxError {
        let (line, column) = self.position(start);
        let kind = if object { "Object" } else { "Array" };
        self.eof(&format!(
            ": expected close marker for {kind} (start marker at {})",
            redacted_location(line, column)
        ))
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        let Some(&c) = self.b.get(self.i) else {
            return Err(self.eof(&format!(": expected a value ({VALUE_EXPECTED})")));
        };
        match c {
            b'{' | b'[' => {
                if depth + 1 > MAX_DEPTH {
                    return Err(self.error_at(
                        self.i,
                        format!(
                            "Document nesting depth ({}) exceeds the maximum allowed ({MAX_DEPTH}, from `StreamReadConstraints.getMaxNestingDepth()`)",
                            depth + 1
                        ),
                    ));
                }
                if c == b'{' {
                    self.object(depth + 1)
                } else {
                    self.array(depth + 1)
                }
            }
            b'"' => Ok(Node::String(self.string(false)?)),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.literal("true", Node::Bool(true)),
            b'f' => self.literal("false", Node::Bool(false)),
            b'n' => self.literal("null", Node::Null),
            _ => {
                let ch = self.char_at(self.i).unwrap_or('\u{fffd}');
                if is_identifier_part(ch) {
                    Err(self.invalid_token(self.i))
                } else {
                    Err(self.unexpected(self.i, ch, &format!("expected a valid value ({VALUE_EXPECTED})")))
                }
            }
        }
    }

    fn literal(&mut self, word: &str, node: Node<'a>) -> Result<Node<'a>, SyntaxError> {
        let start = self.i;
        let end = start + word.len();
        let follows_ok = self.char_at(end).is_none_or(|c| !is_identifier_part(c));
        if self.b.get(start..end) == Some(word.as_bytes()) && follows_ok {
            self.i = end;
            Ok(node)
        } else {
            Err(self.invalid_token(start))
        }
    }

    /// `Unrecognized token 'invalid': was expecting (…)`: the token is the run of Java
    /// identifier characters from `start` (at most 256).
    fn invalid_token(&mut self, start: usize) -> SyntaxError {
        let token: String = self
            .s
            .get(start..)
            .unwrap_or("")
            .chars()
            .take_while(|c| is_identifier_part(*c))
            .take(256)
            .collect();
        let at = start + token.len();
        self.error_at(at, format!("Unrecognized token '{token}': was expecting ({VALUE_EXPECTED})"))
    }

    fn object(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        let start = self.i;
        self.i += 1; // ok: at '{'
        let mut members: Vec<(Cow<'a, str>, Node<'a>)> = Vec::new();
        self.skip_ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Node::Object(members));
        }
        loop {
            self.skip_ws();
            match self.char_at(self.i) {
                None => return Err(self.eof_in_container(true, start)),
                Some('"') => {}
                Some(c) => {
                    return Err(self.unexpected(self.i, c, "was expecting double-quote to start field name"))
                }
            }
            let name = self.string(true)?;
            self.skip_ws();
            match self.char_at(self.i) {
                None => return Err(self.eof_in_container(true, start)),
                Some(':') => self.i += 1,
                Some(c) => {
                    return Err(self.unexpected(
                        self.i,
                        c,
                        "was expecting a colon to separate field name and value",
                    ))
                }
            }
            self.skip_ws();
            if self.i >= self.b.len() {
                return Err(self.eof_in_container(true, start));
            }
            let value = self.value(depth)?;
            members.push((name, value));
            self.skip_ws();
            match self.char_at(self.i) {
                None => return Err(self.eof_in_container(true, start)),
                Some(',') => self.i += 1,
                Some('}') => {
                    self.i += 1;
                    if self.merge {
                        merge_repeated(&mut members);
                    }
                    return Ok(Node::Object(members));
                }
                Some(c) => {
                    return Err(self.unexpected(self.i, c, "was expecting comma to separate Object entries"))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        let start = self.i;
        self.i += 1; // ok: at '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Node::Array(items));
        }
        loop {
            self.skip_ws();
            if self.i >= self.b.len() {
                return Err(self.eof_in_container(false, start));
            }
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.char_at(self.i) {
                None => return Err(self.eof_in_container(false, start)),
                Some(',') => self.i += 1,
                Some(']') => {
                    self.i += 1;
                    return Ok(Node::Array(items));
                }
                Some(c) => {
                    return Err(self.unexpected(self.i, c, "was expecting comma to separate Array entries"))
                }
            }
        }
    }

    fn string(&mut self, name: bool) -> Result<Cow<'a, str>, SyntaxError> {
        self.i += 1; // ok: at '"'
        let start = self.i;
        // Fast path: no escapes.
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'"' => {
                    let s = self.s.get(start..self.i).unwrap_or("");
                    self.i += 1;
                    return Ok(Cow::Borrowed(s));
                }
                b'\\' => break,
                0..=0x1f => return Err(self.control_char(c, name)),
                _ => self.i += 1,
            }
        }
        let mut out = String::from(self.s.get(start..self.i).unwrap_or(""));
        loop {
            let Some(c) = self.char_at(self.i) else {
                return Err(self.eof(if name {
                    " in field name"
                } else {
                    ": was expecting closing quote for a string value"
                }));
            };
            match c {
                '"' => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                '\\' => {
                    self.i += 1;
                    let e = self.char_at(self.i).ok_or_else(|| self.eof(" in character escape sequence"))?;
                    self.i += e.len_utf8();
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let hi = self.hex4()?;
                            let ch = if (0xD800..0xDC00).contains(&hi)
                                && self.b.get(self.i) == Some(&b'\\')
                                && self.b.get(self.i + 1) == Some(&b'u')
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    self.i = save;
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(ch.unwrap_or('\u{fffd}'));
                        }
                        other => {
                            return Err(self.error_at(
                                self.i - other.len_utf8(),
                                format!("Unrecognized character escape {}", char_desc(other)),
                            ))
                        }
                    }
                }
                c if (c as u32) < 0x20 => return Err(self.control_char(c as u8, name)),
                c => {
                    out.push(c);
                    self.i += c.len_utf8();
                }
            }
        }
    }

    fn control_char(&self, c: u8, name: bool) -> SyntaxError {
        self.error_at(
            self.i,
            format!(
                "Illegal unquoted character ((CTRL-CHAR, code {c})): has to be escaped using backslash to be included in {}",
                if name { "name" } else { "string value" }
            ),
        )
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let c = self.char_at(self.i).ok_or_else(|| self.eof(" in character escape sequence"))?;
            let d = c.to_digit(16).ok_or_else(|| {
                self.unexpected(self.i, c, "expected a hex-digit for character escape sequence")
            })?;
            v = v * 16 + d;
            self.i += c.len_utf8();
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
            match self.char_at(self.i) {
                Some(c) if c.is_ascii_digit() => {}
                Some(c) => {
                    return Err(self.error_at(
                        self.i,
                        format!(
                            "Unexpected character ({}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
                            char_desc(c)
                        ),
                    ))
                }
                None => return Err(self.eof(" in a Number value")),
            }
        }
        if self.b.get(self.i) == Some(&b'0') && self.b.get(self.i + 1).is_some_and(u8::is_ascii_digit) {
            return Err(
                self.error_at(self.i, String::from("Invalid numeric value: Leading zeroes not allowed"))
            );
        }
        self.digits();
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.number_char_error("Decimal point not followed by a digit"));
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.number_char_error("Exponent indicator not followed by a digit"));
            }
        }
        let text = self.s.get(start..self.i).unwrap_or("0");
        if text.len() > MAX_NUMBER_LEN {
            return Err(self.error_at(
                start,
                format!(
                    "Number value length ({}) exceeds the maximum allowed ({MAX_NUMBER_LEN}, from `StreamReadConstraints.getMaxNumberLength()`)",
                    text.len()
                ),
            ));
        }
        let value = crate::float::parse_f64(text).unwrap_or(0.0);
        Ok(Node::Number(text, value))
    }

    fn number_char_error(&self, what: &str) -> SyntaxError {
        match self.char_at(self.i) {
            Some(c) => self.error_at(
                self.i,
                format!("Unexpected character ({}) in numeric value: {what}", char_desc(c)),
            ),
            None => self.eof(" in a Number value"),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }
}

/// Jackson's `_getCharDesc`: `'i' (code 105)`, `(CTRL-CHAR, code 10)`, `'€' (code 8364 / 0x20ac)`.
fn char_desc(c: char) -> String {
    let code = c as u32;
    if code < 32 {
        format!("(CTRL-CHAR, code {code})")
    } else if code > 255 {
        format!("'{c}' (code {code} / 0x{code:x})")
    } else {
        format!("'{c}' (code {code})")
    }
}

/// Java's `Character.isJavaIdentifierPart`, close enough for error texts.
fn is_identifier_part(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Appends `s` as a JSON string the way Jackson writes it (`\"`, `\\`, short escapes for
/// `\b \t \n \f \r`, `\u00XX` for other control characters; nothing else escaped).
pub(crate) fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number as Jackson re-serialises a parsed tree: integers keep their digits (`-0` → `0`),
/// other numbers become Java `Double.toString` text (`3.5e2` → `350.0`, `1e10` → `1.0E10`).
pub(crate) fn jackson_number_text(text: &str, value: f64) -> String {
    let integer = !text.contains(['.', 'e', 'E']);
    if integer {
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.bytes().all(|b| b == b'0') {
            return String::from("0");
        }
        return String::from(text);
    }
    java_double(value)
}

/// Java's `Double.toString` (shortest round-trip digits, Java's layout).
pub(crate) fn java_double(v: f64) -> String {
    if v.is_nan() {
        return String::from("NaN");
    }
    if v.is_infinite() {
        return String::from(if v > 0.0 { "Infinity" } else { "-Infinity" });
    }
    if v == 0.0 {
        return String::from(if v.is_sign_negative() { "-0.0" } else { "0.0" });
    }
    let a = v.abs();
    if (1e-3..1e7).contains(&a) {
        let s = format!("{v}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        // Rust `{:e}` is `1.5e-7` / `1e10`; Java wants `1.5E-7` / `1.0E10`.
        let s = format!("{v:e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = if mantissa.contains('.') { String::from(mantissa) } else { format!("{mantissa}.0") };
        format!("{mantissa}E{exp}")
    }
}

/// A repeated member name keeps its first position and its last value, as Jackson's
/// `readTree` does. Equal names are grouped by one stable sort of indices (in a group the
/// indices ascend): a `BTreeMap<Cow<str>, usize>` index was one more B-tree type in the wasm.
fn merge_repeated(members: &mut Vec<(Cow<'_, str>, Node<'_>)>) {
    let name = |i: usize| members.get(i).map(|m| &m.0);
    let order = crate::collections::sorted_indices(members.len(), &|a, b| name(a).cmp(&name(b)));
    let mut keep = alloc::vec![true; members.len()];
    let mut swaps: Vec<(usize, usize)> = Vec::new();
    for group in order.chunk_by(|a, b| name(*a) == name(*b)) {
        if let (Some(&first), Some(&last)) = (group.first(), group.last()) {
            if first != last {
                swaps.push((first, last));
            }
        }
        for &i in group.iter().skip(1) {
            if let Some(k) = keep.get_mut(i) {
                *k = false;
            }
        }
    }
    for (first, last) in swaps {
        members.swap(first, last);
    }
    let mut i = 0;
    members.retain(|_| {
        let k = keep.get(i).copied().unwrap_or(true);
        i += 1;
        k
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, Trailing::Ignore).unwrap_err().jackson_text()
    }

    #[test]
    fn keeps_member_order_and_last_duplicate() {
        let n = parse(r#"{"b":1,"a":[true,null,"x\u00e9"],"b":2}"#, Trailing::Ignore).unwrap();
        let Node::Object(m) = n else { panic!() };
        assert_eq!(m[0].0, "b");
        assert_eq!(m[0].1, Node::Number("2", 2.0));
        assert_eq!(m[1].1, Node::Array(alloc::vec![Node::Bool(true), Node::Null, Node::String("xé".into())]));
    }

    #[test]
    fn jackson_messages() {
        assert!(err("{invalid}").starts_with(
            "Unexpected character ('i' (code 105)): was expecting double-quote to start field name\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]"
        ));
        assert!(err("invalid-json").starts_with(
            "Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        ));
        assert!(err(r#"{"a" 1}"#).starts_with("Unexpected character ('1' (code 49)): was expecting a colon"));
        assert!(err(r#"{"a":1 "b"}"#).contains("was expecting comma to separate Object entries"));
        assert!(err(r#"{"a":[1 2]}"#).contains("was expecting comma to separate Array entries"));
        assert!(
            err(r#"{"a":[1,]}"#).starts_with("Unexpected character (']' (code 93)): expected a valid value")
        );
        assert!(err(r#"{"a":"#).starts_with("Unexpected end-of-input: expected close marker for Object"));
        assert!(err(r#"{"a":01}"#).starts_with("Invalid numeric value: Leading zeroes not allowed"));
        assert!(err("{\"a\":\"x\ny\"}").starts_with("Illegal unquoted character ((CTRL-CHAR, code 10))"));
        assert!(err(r#"{"a":"\x"}"#).starts_with("Unrecognized character escape 'x' (code 120)"));
        assert!(err("").starts_with("No content to map due to end-of-input"));
        let deep = "[".repeat(1001);
        assert!(err(&deep).starts_with("Document nesting depth (1001) exceeds the maximum allowed (1000"));
        assert!(parse(r#"{"a":1} tail"#, Trailing::Reject).is_err());
        assert!(parse(r#"{"a":1} tail"#, Trailing::Ignore).is_ok());
    }

    #[test]
    fn java_number_texts() {
        assert_eq!(jackson_number_text("3.5e2", 350.0), "350.0");
        assert_eq!(jackson_number_text("100", 100.0), "100");
        assert_eq!(jackson_number_text("-0", 0.0), "0");
        assert_eq!(jackson_number_text("1e10", 1e10), "1.0E10");
        assert_eq!(jackson_number_text("0.0000015", 1.5e-6), "1.5E-6");
        assert_eq!(jackson_number_text("0.5", 0.5), "0.5");
    }
}
