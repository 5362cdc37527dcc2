//! The JMESPath that AWS CLI `--query` uses, and the expressions of `expect`.
//!
//! Supported: fields (`QueueUrl`, `"quoted"`), sub-expressions (`a.b`), indexes and slices
//! (`[0]`, `[-1]`, `[1:3]`), list and object projections (`[*]`, `[]`, `*`), filters
//! (`[?Field=='x']` with `== != < <= > >= && || !`), pipes, multiselect lists `[a, b]` and
//! hashes `{A: a, B: b}`, literals (`'raw'`, `` `json` ``), `@`, and the functions `length`,
//! `keys`, `values`, `contains`, `starts_with`, `ends_with`, `join`, `sort`, `sort_by`,
//! `min`, `max`, `min_by`, `max_by`, `sum`, `avg`, `abs`, `floor`, `ceil`, `reverse`,
//! `to_string`, `to_number`, `type`, `not_null`.
//! <https://jmespath.org/specification.html>
//!
//! In *lenient* mode (used by `expect`) the jq habits of scenario writers are accepted too:
//! a leading `.` (`.Messages | length == 1`), bare numbers (`== 1`), a bare `length`, and a
//! double-quoted string after a comparison operator as a string literal.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

/// A parse error: message and character offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JmesError {
    pub message: String,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Quoted(String),
    Raw(String),
    Lit(Value),
    Num(i64),
    Float(f64),
    Dot,
    Star,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Not,
    Cmp(Cmp),
    At,
    Amp,
    Eof,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Current,
    Field(String),
    Literal(Value),
    Sub(Box<Expr>, Box<Expr>),
    Index(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    Projection(Box<Expr>, Box<Expr>),
    ValueProjection(Box<Expr>, Box<Expr>),
    Flatten(Box<Expr>),
    FilterProjection(Box<Expr>, Box<Expr>, Box<Expr>),
    Pipe(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(Cmp, Box<Expr>, Box<Expr>),
    MultiList(Vec<Expr>),
    MultiHash(Vec<(String, Expr)>),
    Function(String, Vec<Expr>),
    ExpRef(Box<Expr>),
}

const MAX_DEPTH: u32 = 64;

fn lex(src: &str, lenient: bool) -> Result<Vec<(Tok, usize)>, JmesError> {
    let cs: Vec<char> = src.chars().collect();
    let mut out: Vec<(Tok, usize)> = Vec::new();
    let mut i = 0;
    let err = |m: &str, at: usize| Err(JmesError { message: m.to_string(), offset: at });
    while let Some(&c) = cs.get(i) {
        let start = i;
        let next = cs.get(i + 1).copied();
        let tok = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '.' => {
                i += 1;
                let after_operator = matches!(
                    out.last().map(|t| &t.0),
                    None | Some(
                        Tok::Pipe
                            | Tok::LParen
                            | Tok::Comma
                            | Tok::Cmp(_)
                            | Tok::And
                            | Tok::Or
                            | Tok::Not
                            | Tok::Colon
                    )
                );
                if lenient && after_operator {
                    // jq-style `.Field` / `.[0]` / `.` (identity)
                    if matches!(cs.get(i), None | Some(' ' | ')' | '|' | ',')) {
                        Tok::At
                    } else {
                        continue;
                    }
                } else {
                    Tok::Dot
                }
            }
            '*' => {
                i += 1;
                Tok::Star
            }
            '@' => {
                i += 1;
                Tok::At
            }
            '(' => {
                i += 1;
                Tok::LParen
            }
            ')' => {
                i += 1;
                Tok::RParen
            }
            '{' => {
                i += 1;
                Tok::LBrace
            }
            '}' => {
                i += 1;
                Tok::RBrace
            }
            ']' => {
                i += 1;
                Tok::RBracket
            }
            ',' => {
                i += 1;
                Tok::Comma
            }
            ':' => {
                i += 1;
                Tok::Colon
            }
            '[' => match next {
                Some(']') => {
                    i += 2;
                    Tok::Flatten
                }
                Some('?') => {
                    i += 2;
                    Tok::Filter
                }
                _ => {
                    i += 1;
                    Tok::LBracket
                }
            },
            '|' if next == Some('|') => {
                i += 2;
                Tok::Or
            }
            '|' => {
                i += 1;
                Tok::Pipe
            }
            '&' if next == Some('&') => {
                i += 2;
                Tok::And
            }
            '&' => {
                i += 1;
                Tok::Amp
            }
            '!' if next == Some('=') => {
                i += 2;
                Tok::Cmp(Cmp::Ne)
            }
            '!' => {
                i += 1;
                Tok::Not
            }
            '=' if next == Some('=') => {
                i += 2;
                Tok::Cmp(Cmp::Eq)
            }
            '<' | '>' => {
                let eq = next == Some('=');
                i += if eq { 2 } else { 1 };
                Tok::Cmp(match (c, eq) {
                    ('<', false) => Cmp::Lt,
                    ('<', true) => Cmp::Le,
                    ('>', false) => Cmp::Gt,
                    _ => Cmp::Ge,
                })
            }
            '\'' => {
                i += 1;
                let mut s = String::new();
                loop {
                    match cs.get(i) {
                        None => return err("unterminated raw string literal '…'", start),
                        Some('\\') if matches!(cs.get(i + 1), Some('\'' | '\\')) => {
                            s.push(cs.get(i + 1).copied().unwrap_or('\''));
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                Tok::Raw(s)
            }
            '"' => {
                i += 1;
                let mut raw = String::from("\"");
                loop {
                    match cs.get(i) {
                        None => return err("unterminated quoted identifier \"…\"", start),
                        Some('\\') => {
                            raw.push('\\');
                            if let Some(&n) = cs.get(i + 1) {
                                raw.push(n);
                            }
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            raw.push('"');
                            break;
                        }
                        Some(&ch) => {
                            raw.push(ch);
                            i += 1;
                        }
                    }
                }
                match serde_json::from_str::<String>(&raw) {
                    Ok(s) => Tok::Quoted(s),
                    Err(_) => return err("invalid quoted identifier", start),
                }
            }
            '`' => {
                i += 1;
                let mut s = String::new();
                loop {
                    match cs.get(i) {
                        None => return err("unterminated JSON literal `…`", start),
                        Some('\\') if cs.get(i + 1) == Some(&'`') => {
                            s.push('`');
                            i += 2;
                        }
                        Some('`') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                match serde_json::from_str::<Value>(s.trim()) {
                    Ok(v) => Tok::Lit(v),
                    // JMESPath's legacy rule: an invalid JSON literal is a string.
                    Err(_) => Tok::Lit(Value::String(s.trim().to_string())),
                }
            }
            c if c.is_ascii_digit() || (c == '-' && next.is_some_and(|n| n.is_ascii_digit())) => {
                let mut s = String::new();
                s.push(c);
                i += 1;
                let mut float = false;
                while let Some(&d) = cs.get(i) {
                    if d.is_ascii_digit()
                        || (lenient && d == '.' && !float && cs.get(i + 1).is_some_and(char::is_ascii_digit))
                    {
                        float |= d == '.';
                        s.push(d);
                        i += 1;
                    } else {
                        break;
                    }
                }
                if float {
                    Tok::Float(s.parse().unwrap_or(0.0))
                } else {
                    match s.parse::<i64>() {
                        Ok(n) => Tok::Num(n),
                        Err(_) => return err("number out of range", start),
                    }
                }
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut s = String::new();
                while let Some(&d) = cs.get(i) {
                    if d.is_ascii_alphanumeric() || d == '_' {
                        s.push(d);
                        i += 1;
                    } else {
                        break;
                    }
                }
                Tok::Ident(s)
            }
            other => return err(&format!("unexpected character '{other}'"), start),
        };
        out.push((tok, start));
    }
    out.push((Tok::Eof, cs.len()));
    Ok(out)
}

fn bp(t: &Tok) -> u8 {
    match t {
        Tok::Pipe => 1,
        Tok::Or => 2,
        Tok::And => 3,
        Tok::Cmp(_) => 5,
        Tok::Flatten => 9,
        Tok::Star => 20,
        Tok::Filter => 21,
        Tok::Dot => 40,
        Tok::Not => 45,
        Tok::LBrace => 50,
        Tok::LBracket => 55,
        Tok::LParen => 60,
        _ => 0,
    }
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    i: usize,
    lenient: bool,
    depth: u32,
}

/// Parses a `--query` expression.
pub fn parse(src: &str) -> Result<Expr, JmesError> {
    parse_with(src, false)
}

/// Parses an `expect` expression (lenient mode).
pub fn parse_lenient(src: &str) -> Result<Expr, JmesError> {
    parse_with(src, true)
}

fn parse_with(src: &str, lenient: bool) -> Result<Expr, JmesError> {
    let toks = lex(src, lenient)?;
    let mut p = Parser { toks, i: 0, lenient, depth: 0 };
    let e = p.expr(0)?;
    match p.peek() {
        Tok::Eof => Ok(e),
        t => p.err(&format!("unexpected {}", describe(t))),
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("identifier '{s}'"),
        Tok::Eof => "end of expression".to_string(),
        other => format!("token {other:?}"),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        self.toks.get(self.i).map(|t| &t.0).unwrap_or(&Tok::Eof)
    }
    fn peek_at(&self, k: usize) -> &Tok {
        self.toks.get(self.i + k).map(|t| &t.0).unwrap_or(&Tok::Eof)
    }
    fn offset(&self) -> usize {
        self.toks.get(self.i).map(|t| t.1).unwrap_or(0)
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        self.i += 1;
        t
    }
    fn err<T>(&self, m: &str) -> Result<T, JmesError> {
        Err(JmesError { message: m.to_string(), offset: self.offset() })
    }
    fn expect(&mut self, t: Tok) -> Result<(), JmesError> {
        if *self.peek() == t {
            self.i += 1;
            Ok(())
        } else {
            let found = describe(self.peek());
            self.err(&format!("expected {t:?}, found {found}"))
        }
    }

    fn expr(&mut self, rbp: u8) -> Result<Expr, JmesError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("expression nested too deeply");
        }
        let t = self.next();
        let mut left = self.nud(t)?;
        while rbp < bp(self.peek()) {
            let t = self.next();
            left = self.led(t, left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    fn nud(&mut self, t: Tok) -> Result<Expr, JmesError> {
        Ok(match t {
            Tok::Lit(v) => Expr::Literal(v),
            Tok::Raw(s) => Expr::Literal(Value::String(s)),
            Tok::Num(n) if self.lenient => Expr::Literal(Value::from(n)),
            Tok::Float(f) if self.lenient => {
                Expr::Literal(serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null))
            }
            Tok::Ident(name) => {
                if self.lenient
                    && *self.peek() != Tok::LParen
                    && FUNCTIONS_ON_CURRENT.contains(&name.as_str())
                {
                    Expr::Function(name, alloc::vec![Expr::Current])
                } else if self.lenient
                    && (name == "true" || name == "false" || name == "null")
                    && *self.peek() != Tok::LParen
                {
                    Expr::Literal(serde_json::from_str(&name).unwrap_or(Value::Null))
                } else {
                    Expr::Field(name)
                }
            }
            Tok::Quoted(s) => {
                if *self.peek() == Tok::LParen {
                    return self.err("quoted identifiers cannot be function names");
                }
                Expr::Field(s)
            }
            Tok::Star => {
                let rhs = self.projection_rhs(bp(&Tok::Star))?;
                Expr::ValueProjection(Box::new(Expr::Current), Box::new(rhs))
            }
            Tok::Filter => self.filter(Expr::Current)?,
            Tok::LBrace => self.multi_hash()?,
            Tok::LParen => {
                let e = self.expr(0)?;
                self.expect(Tok::RParen)?;
                e
            }
            Tok::Flatten => {
                let rhs = self.projection_rhs(bp(&Tok::Flatten))?;
                Expr::Projection(Box::new(Expr::Flatten(Box::new(Expr::Current))), Box::new(rhs))
            }
            Tok::Not => Expr::Not(Box::new(self.expr(bp(&Tok::Not))?)),
            Tok::LBracket => match self.peek() {
                Tok::Num(_) | Tok::Colon => {
                    let idx = self.index_expr()?;
                    self.project_if_slice(Expr::Current, idx)?
                }
                Tok::Star if *self.peek_at(1) == Tok::RBracket => {
                    self.i += 2;
                    let rhs = self.projection_rhs(bp(&Tok::Star))?;
                    Expr::Projection(Box::new(Expr::Current), Box::new(rhs))
                }
                _ => self.multi_list()?,
            },
            Tok::At => Expr::Current,
            Tok::Amp => Expr::ExpRef(Box::new(self.expr(0)?)),
            other => return self.err(&format!("unexpected {}", describe(&other))),
        })
    }

    fn led(&mut self, t: Tok, left: Expr) -> Result<Expr, JmesError> {
        Ok(match t {
            Tok::Dot => {
                if *self.peek() == Tok::Star {
                    self.i += 1;
                    let rhs = self.projection_rhs(bp(&Tok::Dot))?;
                    Expr::ValueProjection(Box::new(left), Box::new(rhs))
                } else {
                    let rhs = self.dot_rhs(bp(&Tok::Dot))?;
                    Expr::Sub(Box::new(left), Box::new(rhs))
                }
            }
            Tok::Pipe => Expr::Pipe(Box::new(left), Box::new(self.expr(bp(&Tok::Pipe))?)),
            Tok::Or => Expr::Or(Box::new(left), Box::new(self.expr(bp(&Tok::Or))?)),
            Tok::And => Expr::And(Box::new(left), Box::new(self.expr(bp(&Tok::And))?)),
            Tok::Cmp(op) => {
                let right = match self.peek().clone() {
                    Tok::Quoted(s) if self.lenient => {
                        self.i += 1;
                        Expr::Literal(Value::String(s))
                    }
                    _ => self.expr(bp(&Tok::Cmp(op)))?,
                };
                Expr::Compare(op, Box::new(left), Box::new(right))
            }
            Tok::LParen => {
                let Expr::Field(name) = left else {
                    return self.err("only a name can be called as a function");
                };
                let mut args = Vec::new();
                while *self.peek() != Tok::RParen {
                    args.push(self.expr(0)?);
                    if *self.peek() == Tok::Comma {
                        self.i += 1;
                    } else if *self.peek() != Tok::RParen {
                        return self.err("expected ',' or ')' in function arguments");
                    }
                }
                self.i += 1;
                Expr::Function(name, args)
            }
            Tok::Filter => self.filter(left)?,
            Tok::Flatten => {
                let rhs = self.projection_rhs(bp(&Tok::Flatten))?;
                Expr::Projection(Box::new(Expr::Flatten(Box::new(left))), Box::new(rhs))
            }
            Tok::LBracket => match self.peek() {
                Tok::Num(_) | Tok::Colon => {
                    let idx = self.index_expr()?;
                    self.project_if_slice(left, idx)?
                }
                Tok::Star => {
                    self.i += 1;
                    self.expect(Tok::RBracket)?;
                    let rhs = self.projection_rhs(bp(&Tok::Star))?;
                    Expr::Projection(Box::new(left), Box::new(rhs))
                }
                _ => return self.err("expected a number, ':' or '*' after '['"),
            },
            other => return self.err(&format!("unexpected {}", describe(&other))),
        })
    }

    fn filter(&mut self, left: Expr) -> Result<Expr, JmesError> {
        let cond = self.expr(0)?;
        self.expect(Tok::RBracket)?;
        let rhs =
            if *self.peek() == Tok::Flatten { Expr::Current } else { self.projection_rhs(bp(&Tok::Filter))? };
        Ok(Expr::FilterProjection(Box::new(left), Box::new(rhs), Box::new(cond)))
    }

    fn index_expr(&mut self) -> Result<Expr, JmesError> {
        let mut parts: [Option<i64>; 3] = [None, None, None];
        let mut k = 0usize;
        loop {
            match self.peek().clone() {
                Tok::Num(n) => {
                    if let Some(slot) = parts.get_mut(k) {
                        *slot = Some(n);
                    }
                    self.i += 1;
                }
                Tok::Colon => {
                    k += 1;
                    if k > 2 {
                        return self.err("too many ':' in slice");
                    }
                    self.i += 1;
                }
                Tok::RBracket => {
                    self.i += 1;
                    break;
                }
                _ => return self.err("expected a number, ':' or ']'"),
            }
        }
        if k == 0 {
            match parts[0] {
                Some(n) => Ok(Expr::Index(n)),
                None => self.err("empty index"),
            }
        } else {
            if parts[2] == Some(0) {
                return self.err("slice step cannot be 0");
            }
            Ok(Expr::Slice(parts[0], parts[1], parts[2]))
        }
    }

    fn project_if_slice(&mut self, left: Expr, idx: Expr) -> Result<Expr, JmesError> {
        let is_slice = matches!(idx, Expr::Slice(..));
        let indexed = Expr::Sub(Box::new(left), Box::new(idx));
        if is_slice {
            let rhs = self.projection_rhs(bp(&Tok::Star))?;
            Ok(Expr::Projection(Box::new(indexed), Box::new(rhs)))
        } else {
            Ok(indexed)
        }
    }

    fn projection_rhs(&mut self, rbp: u8) -> Result<Expr, JmesError> {
        match self.peek() {
            t if bp(t) < 10 => Ok(Expr::Current),
            Tok::LBracket | Tok::Filter => self.expr(rbp),
            Tok::Dot => {
                self.i += 1;
                self.dot_rhs(rbp)
            }
            t => {
                let d = describe(t);
                self.err(&format!("unexpected {d} after a projection"))
            }
        }
    }

    fn dot_rhs(&mut self, rbp: u8) -> Result<Expr, JmesError> {
        match self.peek() {
            Tok::Ident(_) | Tok::Quoted(_) | Tok::Star => self.expr(rbp),
            Tok::LBracket => {
                self.i += 1;
                self.multi_list()
            }
            Tok::LBrace => {
                self.i += 1;
                self.multi_hash()
            }
            t => {
                let d = describe(t);
                self.err(&format!("expected a name after '.', found {d}"))
            }
        }
    }

    fn multi_list(&mut self) -> Result<Expr, JmesError> {
        let mut items = Vec::new();
        loop {
            items.push(self.expr(0)?);
            match self.next() {
                Tok::Comma => continue,
                Tok::RBracket => break,
                _ => return self.err("expected ',' or ']' in a multiselect list"),
            }
        }
        Ok(Expr::MultiList(items))
    }

    fn multi_hash(&mut self) -> Result<Expr, JmesError> {
        let mut items = Vec::new();
        loop {
            let key = match self.next() {
                Tok::Ident(s) | Tok::Quoted(s) => s,
                _ => return self.err("expected a key name in a multiselect hash"),
            };
            self.expect(Tok::Colon)?;
            let v = self.expr(0)?;
            items.push((key, v));
            match self.next() {
                Tok::Comma => continue,
                Tok::RBrace => break,
                _ => return self.err("expected ',' or '}' in a multiselect hash"),
            }
        }
        Ok(Expr::MultiHash(items))
    }
}

/// Functions a lenient expression may name without `(@)`: `.Messages | length`.
const FUNCTIONS_ON_CURRENT: &[&str] =
    &["length", "keys", "values", "sort", "reverse", "sum", "min", "max", "avg"];

/// JMESPath truthiness.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// Deep equality with numbers compared by value.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

/// Compares two values: numbers numerically; ordering of anything else is null.
pub fn compare(op: Cmp, a: &Value, b: &Value) -> Value {
    match op {
        Cmp::Eq => Value::Bool(equal(a, b)),
        Cmp::Ne => Value::Bool(!equal(a, b)),
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => Value::Bool(match op {
                Cmp::Lt => x < y,
                Cmp::Le => x <= y,
                Cmp::Gt => x > y,
                _ => x >= y,
            }),
            _ => Value::Null,
        },
    }
}

/// Evaluates `e` against `v`. Function errors (wrong argument types) evaluate to an error.
pub fn eval(e: &Expr, v: &Value) -> Result<Value, String> {
    Ok(match e {
        Expr::Current => v.clone(),
        Expr::Field(name) => v.get(name.as_str()).cloned().unwrap_or(Value::Null),
        Expr::Literal(l) => l.clone(),
        Expr::Sub(a, b) => {
            let x = eval(a, v)?;
            if x.is_null() {
                Value::Null
            } else {
                eval(b, &x)?
            }
        }
        Expr::Index(i) => match v {
            Value::Array(a) => {
                let len = a.len() as i64;
                let k = if *i < 0 { len + i } else { *i };
                if k < 0 {
                    Value::Null
                } else {
                    a.get(k as usize).cloned().unwrap_or(Value::Null)
                }
            }
            _ => Value::Null,
        },
        Expr::Slice(s, e2, st) => match v {
            Value::Array(a) => Value::Array(slice(a, *s, *e2, st.unwrap_or(1))),
            _ => Value::Null,
        },
        Expr::Projection(l, r) => match eval(l, v)? {
            Value::Array(items) => {
                let mut out = Vec::new();
                for it in &items {
                    let x = eval(r, it)?;
                    if !x.is_null() {
                        out.push(x);
                    }
                }
                Value::Array(out)
            }
            _ => Value::Null,
        },
        Expr::ValueProjection(l, r) => match eval(l, v)? {
            Value::Object(o) => {
                let mut out = Vec::new();
                for it in o.values() {
                    let x = eval(r, it)?;
                    if !x.is_null() {
                        out.push(x);
                    }
                }
                Value::Array(out)
            }
            _ => Value::Null,
        },
        Expr::Flatten(x) => match eval(x, v)? {
            Value::Array(items) => {
                let mut out = Vec::new();
                for it in items {
                    match it {
                        Value::Array(inner) => out.extend(inner),
                        other => out.push(other),
                    }
                }
                Value::Array(out)
            }
            _ => Value::Null,
        },
        Expr::FilterProjection(l, r, c) => match eval(l, v)? {
            Value::Array(items) => {
                let mut out = Vec::new();
                for it in &items {
                    if truthy(&eval(c, it)?) {
                        let x = eval(r, it)?;
                        if !x.is_null() {
                            out.push(x);
                        }
                    }
                }
                Value::Array(out)
            }
            _ => Value::Null,
        },
        Expr::Pipe(a, b) => eval(b, &eval(a, v)?)?,
        Expr::Or(a, b) => {
            let x = eval(a, v)?;
            if truthy(&x) {
                x
            } else {
                eval(b, v)?
            }
        }
        Expr::And(a, b) => {
            let x = eval(a, v)?;
            if truthy(&x) {
                eval(b, v)?
            } else {
                x
            }
        }
        Expr::Not(a) => Value::Bool(!truthy(&eval(a, v)?)),
        Expr::Compare(op, a, b) => compare(*op, &eval(a, v)?, &eval(b, v)?),
        Expr::MultiList(items) => {
            if v.is_null() {
                return Ok(Value::Null);
            }
            Value::Array(items.iter().map(|x| eval(x, v)).collect::<Result<_, _>>()?)
        }
        Expr::MultiHash(items) => {
            if v.is_null() {
                return Ok(Value::Null);
            }
            let mut m = Map::new();
            for (k, x) in items {
                m.insert(k.clone(), eval(x, v)?);
            }
            Value::Object(m)
        }
        Expr::ExpRef(_) => Value::Null,
        Expr::Function(name, args) => call(name, args, v)?,
    })
}

fn slice(a: &[Value], start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<Value> {
    let len = a.len() as i64;
    let norm = |x: i64, dflt: i64| -> i64 {
        if x < 0 {
            (len + x).max(if step < 0 { -1 } else { 0 })
        } else {
            x.min(if step < 0 { len - 1 } else { len }).max(dflt.min(0))
        }
    };
    let (mut i, end) = if step > 0 {
        (start.map_or(0, |s| norm(s, 0)), stop.map_or(len, |s| norm(s, 0)))
    } else {
        (start.map_or(len - 1, |s| norm(s, -1)), stop.map_or(-1, |s| norm(s, -1)))
    };
    let mut out = Vec::new();
    while (step > 0 && i < end) || (step < 0 && i > end) {
        if let Some(x) = usize::try_from(i).ok().and_then(|k| a.get(k)) {
            out.push(x.clone());
        }
        i += step;
    }
    out
}

fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn call(name: &str, args: &[Expr], v: &Value) -> Result<Value, String> {
    let arity = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!("{name}() takes {n} argument(s), {} given", args.len()))
        }
    };
    let arg = |i: usize| -> Result<Value, String> {
        match args.get(i) {
            Some(e) => eval(e, v),
            None => Err(format!("{name}(): missing argument")),
        }
    };
    let bad = |x: &Value| format!("{name}(): invalid type for argument: {}", type_of(x));
    let key_of = |i: usize| -> Result<&Expr, String> {
        match args.get(i) {
            Some(Expr::ExpRef(e)) => Ok(e),
            _ => Err(format!("{name}(): expected an expression reference (&field)")),
        }
    };
    Ok(match name {
        "length" => {
            arity(1)?;
            match arg(0)? {
                Value::String(s) => Value::from(s.chars().count()),
                Value::Array(a) => Value::from(a.len()),
                Value::Object(o) => Value::from(o.len()),
                x => return Err(bad(&x)),
            }
        }
        "keys" | "values" => {
            arity(1)?;
            match arg(0)? {
                Value::Object(o) if name == "keys" => {
                    Value::Array(o.keys().map(|k| Value::String(k.clone())).collect())
                }
                Value::Object(o) => Value::Array(o.values().cloned().collect()),
                x => return Err(bad(&x)),
            }
        }
        "contains" => {
            arity(2)?;
            let (s, x) = (arg(0)?, arg(1)?);
            Value::Bool(match (&s, &x) {
                (Value::String(h), Value::String(n)) => h.contains(n.as_str()),
                (Value::Array(a), _) => a.iter().any(|e| equal(e, &x)),
                _ => return Err(bad(&s)),
            })
        }
        "starts_with" | "ends_with" => {
            arity(2)?;
            match (arg(0)?, arg(1)?) {
                (Value::String(a), Value::String(b)) => {
                    Value::Bool(if name == "starts_with" { a.starts_with(&b) } else { a.ends_with(&b) })
                }
                (x, _) => return Err(bad(&x)),
            }
        }
        "join" => {
            arity(2)?;
            match (arg(0)?, arg(1)?) {
                (Value::String(sep), Value::Array(a)) => {
                    let parts: Option<Vec<&str>> = a.iter().map(Value::as_str).collect();
                    Value::String(parts.ok_or_else(|| bad(&Value::Array(a.clone())))?.join(&sep))
                }
                (x, _) => return Err(bad(&x)),
            }
        }
        "abs" | "floor" | "ceil" => {
            arity(1)?;
            let x = arg(0)?;
            let n = num(&x).ok_or_else(|| bad(&x))?;
            let r = match name {
                "abs" => libm_abs(n),
                "floor" => floor(n),
                _ => -floor(-n),
            };
            float_value(r)
        }
        "sum" | "avg" => {
            arity(1)?;
            let x = arg(0)?;
            let a = x.as_array().ok_or_else(|| bad(&x))?;
            let nums: Option<Vec<f64>> = a.iter().map(num).collect();
            let nums = nums.ok_or_else(|| bad(&x))?;
            let s: f64 = nums.iter().sum();
            if name == "sum" {
                float_value(s)
            } else if nums.is_empty() {
                Value::Null
            } else {
                float_value(s / nums.len() as f64)
            }
        }
        "min" | "max" => {
            arity(1)?;
            let x = arg(0)?;
            let a = x.as_array().ok_or_else(|| bad(&x))?;
            extreme(a.iter().cloned(), name == "max")
        }
        "sort" => {
            arity(1)?;
            let x = arg(0)?;
            let mut a = x.as_array().cloned().ok_or_else(|| bad(&x))?;
            a.sort_by(order);
            Value::Array(a)
        }
        "reverse" => {
            arity(1)?;
            match arg(0)? {
                Value::Array(mut a) => {
                    a.reverse();
                    Value::Array(a)
                }
                Value::String(s) => Value::String(s.chars().rev().collect()),
                x => return Err(bad(&x)),
            }
        }
        "sort_by" | "min_by" | "max_by" => {
            arity(2)?;
            let x = arg(0)?;
            let a = x.as_array().cloned().ok_or_else(|| bad(&x))?;
            let key = key_of(1)?;
            let mut keyed: Vec<(Value, Value)> =
                a.into_iter().map(|e| Ok((eval(key, &e)?, e))).collect::<Result<_, String>>()?;
            keyed.sort_by(|p, q| order(&p.0, &q.0));
            match name {
                "sort_by" => Value::Array(keyed.into_iter().map(|p| p.1).collect()),
                "min_by" => keyed.first().map(|p| p.1.clone()).unwrap_or(Value::Null),
                _ => keyed.last().map(|p| p.1.clone()).unwrap_or(Value::Null),
            }
        }
        "to_string" => {
            arity(1)?;
            match arg(0)? {
                Value::String(s) => Value::String(s),
                x => Value::String(x.to_string()),
            }
        }
        "to_number" => {
            arity(1)?;
            match arg(0)? {
                Value::Number(n) => Value::Number(n),
                Value::String(s) => match s.parse::<i64>() {
                    Ok(i) => Value::from(i),
                    Err(_) => s.parse::<f64>().ok().map(float_value).unwrap_or(Value::Null),
                },
                _ => Value::Null,
            }
        }
        "type" => {
            arity(1)?;
            Value::String(type_of(&arg(0)?).to_string())
        }
        "not_null" => {
            for i in 0..args.len() {
                let x = arg(i)?;
                if !x.is_null() {
                    return Ok(x);
                }
            }
            Value::Null
        }
        other => return Err(format!("unknown function: {other}()")),
    })
}

fn libm_abs(n: f64) -> f64 {
    if n < 0.0 {
        -n
    } else {
        n
    }
}

fn floor(n: f64) -> f64 {
    let t = n as i64 as f64;
    if t > n {
        t - 1.0
    } else {
        t
    }
}

fn float_value(f: f64) -> Value {
    if crate::num::is_whole(f) {
        Value::from(f as i64)
    } else {
        serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
    }
}

fn order(a: &Value, b: &Value) -> core::cmp::Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&y.as_f64().unwrap_or(0.0))
            .unwrap_or(core::cmp::Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ => core::cmp::Ordering::Equal,
    }
}

fn extreme(items: impl Iterator<Item = Value>, max: bool) -> Value {
    let mut best: Option<Value> = None;
    for x in items {
        best = match best {
            None => Some(x),
            Some(b) => {
                let o = order(&x, &b);
                if (max && o == core::cmp::Ordering::Greater) || (!max && o == core::cmp::Ordering::Less) {
                    Some(x)
                } else {
                    Some(b)
                }
            }
        };
    }
    best.unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(e: &str, v: &Value) -> Value {
        eval(&parse(e).unwrap_or_else(|err| panic!("{e}: {err:?}")), v).unwrap()
    }

    #[test]
    fn aws_cli_query_examples() {
        let v = json!({"Messages": [{"Body": "a", "MessageId": "1", "Attributes": {"ApproximateReceiveCount": "1"}},
                                     {"Body": "b", "MessageId": "2", "Attributes": {"ApproximateReceiveCount": "3"}}],
                       "QueueUrl": "u"});
        assert_eq!(q("QueueUrl", &v), json!("u"));
        assert_eq!(q("Messages[0].Body", &v), json!("a"));
        assert_eq!(q("Messages[-1].Body", &v), json!("b"));
        assert_eq!(q("Messages[*].Body", &v), json!(["a", "b"]));
        assert_eq!(q("Messages[].[MessageId, Body]", &v), json!([["1", "a"], ["2", "b"]]));
        assert_eq!(
            q("Messages[].{Id: MessageId, N: Attributes.ApproximateReceiveCount}", &v),
            json!([{"Id": "1", "N": "1"}, {"Id": "2", "N": "3"}])
        );
        assert_eq!(q("length(Messages)", &v), json!(2));
        assert_eq!(q("Messages[?Body=='b'].MessageId", &v), json!(["2"]));
        assert_eq!(q("Messages[?Attributes.ApproximateReceiveCount!='1'] | length(@)", &v), json!(1));
        assert_eq!(q("Messages[0:1].Body", &v), json!(["a"]));
        assert_eq!(q("Messages[*].Body | [0]", &v), json!("a"));
        assert_eq!(q("sort_by(Messages, &Body)[-1].Body", &v), json!("b"));
        assert_eq!(q("Messages[?contains(Body, 'a')] | [0].MessageId", &v), json!("1"));
        assert_eq!(q("Shards[*].ShardId", &json!({"Shards": [{"ShardId": "s0"}]})), json!(["s0"]));
        assert_eq!(q("*.Body", &json!({"x": {"Body": 1}})), json!([1]));
        assert_eq!(q("`5` > `3`", &v), json!(true));
    }

    #[test]
    fn lenient_expect_syntax() {
        let v = json!({"Messages": [{"Body": "hello"}]});
        let t = |e: &str| eval(&parse_lenient(e).unwrap_or_else(|err| panic!("{e}: {err:?}")), &v).unwrap();
        assert_eq!(t(".Messages | length == 1"), json!(true));
        assert_eq!(t(".Messages[0].Body == \"hello\""), json!(true));
        assert_eq!(t("length(Messages) >= 1 && Messages[0].Body == 'hello'"), json!(true));
        assert_eq!(t(". | keys"), json!(["Messages"]));
    }

    #[test]
    fn errors_have_offsets() {
        assert_eq!(parse("Messages[").unwrap_err().offset, 9);
        assert!(parse("a.").is_err());
        assert!(parse("foo(").is_err());
    }
}
