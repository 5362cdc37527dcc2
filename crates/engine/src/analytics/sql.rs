//! The SQL subset of Kinesis Data Analytics for SQL applications that the simulator runs
//! (<https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/analytics-sql-reference.html>):
//!
//! ```sql
//! CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), n INTEGER);
//! CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
//!   SELECT STREAM ticker, COUNT(*) FROM "SOURCE_SQL_STREAM_001"
//!   WHERE price > 10
//!   GROUP BY ticker, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
//! ```
//!
//! * Tumbling windows: `GROUP BY <columns>, STEP(ROWTIME BY INTERVAL 'n' SECOND|MINUTE|HOUR)`.
//! * Sliding windows: `<aggregate> OVER (PARTITION BY <column> RANGE INTERVAL 'n' <unit>
//!   PRECEDING)`, or `OVER w` with `WINDOW w AS (…)` after the `FROM`/`WHERE`.
//! * Aggregates `COUNT(*)`, `COUNT(col)`, `SUM`, `AVG`, `MIN`, `MAX`; `WHERE` comparisons
//!   (`=`, `<>`, `!=`, `<`, `<=`, `>`, `>=`) joined by `AND`; `ROWTIME` in the select list.
//! * Unquoted identifiers are upper-cased (SQL rules); `"quoted"` ones keep their case.
//!
//! Errors carry the 1-based line and column of the offending token.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// A syntax or validation error at a position of the application code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlError {
    /// Byte offset into the code.
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl core::fmt::Display for SqlError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "SQL error at line {}, column {}: {}", self.line, self.column, self.message)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Quoted(String),
    Str(String),
    Num(f64),
    Sym(&'static str),
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    at: usize,
}

const SYMBOLS: [&str; 13] = ["<=", ">=", "<>", "!=", "(", ")", ",", ".", "*", ";", "=", "<", ">"];

fn lex(code: &str) -> Result<Vec<Token>, (usize, String)> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i]; // ok: i < len
        let rest = code.get(i..).unwrap_or("");
        if c.is_ascii_whitespace() {
            i += 1;
        } else if rest.starts_with("--") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'"' || c == b'\'' {
            let start = i;
            i += 1;
            let mut s = String::new();
            loop {
                let rest = code.get(i..).unwrap_or("");
                let Some(ch) = rest.chars().next() else {
                    return Err((start, "unterminated quoted text".into()));
                };
                i += ch.len_utf8();
                if ch as u32 == c as u32 {
                    if code.as_bytes().get(i) == Some(&c) {
                        s.push(ch);
                        i += 1;
                        continue;
                    }
                    break;
                }
                s.push(ch);
            }
            out.push(Token { tok: if c == b'"' { Tok::Quoted(s) } else { Tok::Str(s) }, at: start });
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            let n = crate::float::parse_f64(code.get(start..i).unwrap_or(""))
                .ok_or_else(|| (start, "malformed number".to_string()))?;
            out.push(Token { tok: Tok::Num(n), at: start });
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Ident(code.get(start..i).unwrap_or("").to_ascii_uppercase()),
                at: start,
            });
        } else if let Some(sym) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            out.push(Token { tok: Tok::Sym(sym), at: i });
            i += sym.len();
        } else {
            let ch = rest.chars().next().unwrap_or('?');
            return Err((i, format!("unexpected character '{ch}'")));
        }
    }
    Ok(out)
}

/// An aggregate function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agg {
    Count,
    Sum,
    Avg,
    Min,
    Max,
}

/// A `RANGE INTERVAL 'n' unit PRECEDING` window, partitioned by some columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Sliding {
    pub partition_by: Vec<String>,
    pub range_ms: u64,
}

/// One item of the select list.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Column { name: String, alias: String },
    Rowtime { alias: String },
    Aggregate { agg: Agg, column: Option<String>, alias: String },
}

/// A comparison of the `WHERE` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub column: String,
    pub op: &'static str,
    pub value: Literal,
}

/// A literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Num(f64),
    Str(String),
}

/// How rows are windowed.
#[derive(Clone, Debug, PartialEq)]
pub enum Window {
    /// `GROUP BY …, STEP(ROWTIME BY INTERVAL …)`.
    Tumbling { group_by: Vec<String>, step_ms: u64 },
    /// `… OVER (PARTITION BY … RANGE INTERVAL … PRECEDING)`.
    Sliding(Sliding),
}

/// A parsed application: one continuous query.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The in-application stream it reads (`SOURCE_SQL_STREAM_001`).
    pub source: String,
    /// The in-application stream it writes (`DESTINATION_SQL_STREAM`), if a pump names one.
    pub destination: Option<String>,
    /// Column names of `CREATE OR REPLACE STREAM` for the destination, when given.
    pub destination_columns: Vec<String>,
    pub items: Vec<Item>,
    pub conditions: Vec<Condition>,
    pub window: Window,
}

struct Parser<'a> {
    code: &'a str,
    toks: Vec<Token>,
    pos: usize,
}

type R<T> = Result<T, SqlError>;

fn position(code: &str, offset: usize) -> (usize, usize) {
    let before = code.get(..offset).unwrap_or(code);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn error_at(code: &str, offset: usize, message: String) -> SqlError {
    let (line, column) = position(code, offset);
    SqlError { offset, line, column, message }
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }
    fn err<T>(&self, message: impl Into<String>) -> R<T> {
        let offset = self.toks.get(self.pos).map_or(self.code.len(), |t| t.at);
        let found = match self.peek() {
            None => "end of input".to_string(),
            Some(Tok::Ident(s)) => format!("'{s}'"),
            Some(Tok::Quoted(s)) => format!("\"{s}\""),
            Some(Tok::Str(s)) => format!("'{s}'"),
            Some(Tok::Num(n)) => format!("{n}"),
            Some(Tok::Sym(s)) => format!("'{s}'"),
        };
        Err(error_at(self.code, offset, format!("{}, found {found}", message.into())))
    }
    fn keyword(&mut self, kw: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(s)) if s == kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect_kw(&mut self, kw: &str) -> R<()> {
        if self.keyword(kw) {
            Ok(())
        } else {
            self.err(format!("expected {kw}"))
        }
    }
    fn sym(&mut self, s: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(x)) if *x == s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect_sym(&mut self, s: &str) -> R<()> {
        if self.sym(s) {
            Ok(())
        } else {
            self.err(format!("expected '{s}'"))
        }
    }
    fn name(&mut self) -> R<String> {
        match self.peek().cloned() {
            Some(Tok::Ident(s)) | Some(Tok::Quoted(s)) => {
                self.pos += 1;
                Ok(s)
            }
            _ => self.err("expected a name"),
        }
    }
    /// `name` or `stream.name` (the qualifier is dropped).
    fn column(&mut self) -> R<String> {
        let first = self.name()?;
        if self.sym(".") {
            return self.name();
        }
        Ok(first)
    }
    fn interval(&mut self) -> R<u64> {
        self.expect_kw("INTERVAL")?;
        let n = match self.peek().cloned() {
            Some(Tok::Str(s)) => s.trim().parse::<u64>().ok(),
            Some(Tok::Num(n)) if n >= 0.0 && n == (n as u64) as f64 => Some(n as u64),
            _ => None,
        };
        let Some(n) = n.filter(|n| *n > 0) else {
            return self.err("expected a positive interval such as '60'");
        };
        self.pos += 1;
        let unit = if self.keyword("SECOND") {
            1_000
        } else if self.keyword("MINUTE") {
            60_000
        } else if self.keyword("HOUR") {
            3_600_000
        } else {
            return self.err("expected SECOND, MINUTE or HOUR");
        };
        Ok(n.saturating_mul(unit))
    }
    fn sliding_spec(&mut self) -> R<Sliding> {
        self.expect_sym("(")?;
        let mut partition_by = Vec::new();
        if self.keyword("PARTITION") {
            self.expect_kw("BY")?;
            partition_by.push(self.column()?);
            while self.sym(",") {
                partition_by.push(self.column()?);
            }
        }
        self.expect_kw("RANGE")?;
        let range_ms = self.interval()?;
        self.expect_kw("PRECEDING")?;
        self.expect_sym(")")?;
        Ok(Sliding { partition_by, range_ms })
    }
    fn skip_stream_definition(&mut self) -> R<(String, Vec<String>)> {
        let name = self.name()?;
        let mut cols = Vec::new();
        self.expect_sym("(")?;
        loop {
            cols.push(self.name()?);
            let mut depth = 0;
            loop {
                match self.peek() {
                    None => return self.err("expected ')'"),
                    Some(Tok::Sym("(")) => depth += 1,
                    Some(Tok::Sym(")")) if depth == 0 => break,
                    Some(Tok::Sym(")")) => depth -= 1,
                    Some(Tok::Sym(",")) if depth == 0 => break,
                    _ => {}
                }
                self.pos += 1;
            }
            if self.sym(",") {
                continue;
            }
            self.expect_sym(")")?;
            return Ok((name, cols));
        }
    }
}

fn default_alias(agg: Agg, column: &Option<String>) -> String {
    let f = match agg {
        Agg::Count => "COUNT",
        Agg::Sum => "SUM",
        Agg::Avg => "AVG",
        Agg::Min => "MIN",
        Agg::Max => "MAX",
    };
    match column {
        Some(c) => format!("{f}_{c}"),
        None => f.to_string(),
    }
}

/// Parses application code into its one continuous query.
pub fn parse(code: &str) -> Result<Query, SqlError> {
    let toks = lex(code).map_err(|(at, m)| error_at(code, at, m))?;
    let mut p = Parser { code, toks, pos: 0 };
    let mut destination = None;
    let mut streams: Vec<(String, Vec<String>)> = Vec::new();
    let mut query = None;
    while p.peek().is_some() {
        if p.sym(";") {
            continue;
        }
        if p.keyword("CREATE") {
            if p.keyword("OR") {
                p.expect_kw("REPLACE")?;
            }
            if p.keyword("STREAM") {
                streams.push(p.skip_stream_definition()?);
                continue;
            }
            p.expect_kw("PUMP")?;
            p.name()?;
            p.expect_kw("AS")?;
            p.expect_kw("INSERT")?;
            p.expect_kw("INTO")?;
            destination = Some(p.name()?);
            if p.sym("(") {
                while !p.sym(")") {
                    if p.peek().is_none() {
                        return p.err("expected ')'");
                    }
                    p.pos += 1;
                }
            }
        }
        if query.is_some() {
            return p.err("only one SELECT STREAM query is supported");
        }
        query = Some(select(&mut p)?);
    }
    let Some(mut q) = query else { return p.err("expected SELECT STREAM") };
    if let Some(d) = &destination {
        q.destination_columns =
            streams.iter().find(|(n, _)| n == d).map(|(_, c)| c.clone()).unwrap_or_default();
    }
    q.destination = destination;
    Ok(q)
}

fn select(p: &mut Parser) -> R<Query> {
    p.expect_kw("SELECT")?;
    p.expect_kw("STREAM")?;
    let mut items = Vec::new();
    let mut over: Vec<(usize, Option<String>, Option<Sliding>)> = Vec::new();
    loop {
        let start = p.pos;
        let agg = match p.peek() {
            Some(Tok::Ident(s)) => match s.as_str() {
                "COUNT" => Some(Agg::Count),
                "SUM" => Some(Agg::Sum),
                "AVG" => Some(Agg::Avg),
                "MIN" => Some(Agg::Min),
                "MAX" => Some(Agg::Max),
                _ => None,
            },
            _ => None,
        };
        let is_call = matches!(p.toks.get(p.pos + 1).map(|t| &t.tok), Some(Tok::Sym("(")));
        let mut item = if let (Some(agg), true) = (agg, is_call) {
            p.pos += 2;
            let column = if p.sym("*") {
                if agg != Agg::Count {
                    p.pos -= 1;
                    return p.err("only COUNT accepts *");
                }
                None
            } else {
                Some(p.column()?)
            };
            p.expect_sym(")")?;
            if p.keyword("OVER") {
                if p.sym("(") {
                    p.pos -= 1;
                    over.push((start, None, Some(p.sliding_spec()?)));
                } else {
                    over.push((start, Some(p.name()?), None));
                }
            }
            let alias = default_alias(agg, &column);
            Item::Aggregate { agg, column, alias }
        } else if matches!(p.peek(), Some(Tok::Ident(s)) if s == "STEP") {
            return p.err("STEP belongs in GROUP BY");
        } else {
            let name = p.column()?;
            if name == "ROWTIME" {
                Item::Rowtime { alias: name }
            } else {
                Item::Column { alias: name.clone(), name }
            }
        };
        if p.keyword("AS") {
            let a = p.name()?;
            match &mut item {
                Item::Column { alias, .. } | Item::Rowtime { alias } | Item::Aggregate { alias, .. } => {
                    *alias = a
                }
            }
        }
        items.push(item);
        if !p.sym(",") {
            break;
        }
    }
    p.expect_kw("FROM")?;
    let source = p.name()?;
    let mut conditions = Vec::new();
    if p.keyword("WHERE") {
        loop {
            let column = p.column()?;
            let op = match p.peek() {
                Some(Tok::Sym(s @ ("=" | "<>" | "!=" | "<" | "<=" | ">" | ">="))) => *s,
                _ => return p.err("expected a comparison operator"),
            };
            p.pos += 1;
            let value = match p.peek().cloned() {
                Some(Tok::Num(n)) => Literal::Num(n),
                Some(Tok::Str(s)) => Literal::Str(s),
                _ => return p.err("expected a number or a 'string'"),
            };
            p.pos += 1;
            conditions.push(Condition { column, op, value });
            if !p.keyword("AND") {
                break;
            }
        }
    }
    let mut group_by = Vec::new();
    let mut step_ms = None;
    if p.keyword("GROUP") {
        p.expect_kw("BY")?;
        loop {
            if p.keyword("STEP") {
                p.expect_sym("(")?;
                let col = p.column()?;
                if col != "ROWTIME" {
                    return p.err("STEP windows are over ROWTIME");
                }
                p.expect_kw("BY")?;
                let ms = p.interval()?;
                p.expect_sym(")")?;
                if step_ms.replace(ms).is_some() {
                    return p.err("only one STEP per GROUP BY");
                }
            } else {
                group_by.push(p.column()?);
            }
            if !p.sym(",") {
                break;
            }
        }
    }
    let mut named: Vec<(String, Sliding)> = Vec::new();
    if p.keyword("WINDOW") {
        loop {
            let n = p.name()?;
            p.expect_kw("AS")?;
            named.push((n, p.sliding_spec()?));
            if !p.sym(",") {
                break;
            }
        }
    }
    if !matches!(p.peek(), None | Some(Tok::Sym(";"))) {
        return p.err("expected the end of the statement");
    }
    let window = match (step_ms, over.first()) {
        (Some(_), Some(_)) => return p.err("a query uses either STEP (tumbling) or OVER (sliding) windows, not both"),
        (Some(step_ms), None) => {
            for it in &items {
                if let Item::Column { name, .. } = it {
                    if !group_by.contains(name) {
                        return Err(error_at(p.code, p.toks.get(p.pos.saturating_sub(1)).map_or(0, |t| t.at),
                            format!("column {name} must appear in GROUP BY")));
                    }
                }
            }
            Window::Tumbling { group_by, step_ms }
        }
        (None, Some((at, name, spec))) => {
            let spec = match (name, spec) {
                (_, Some(s)) => s.clone(),
                (Some(n), None) => match named.iter().find(|(w, _)| w == n) {
                    Some((_, s)) => s.clone(),
                    None => {
                        let offset = p.toks.get(*at).map_or(0, |t| t.at);
                        return Err(error_at(p.code, offset, format!("window {n} is not defined")));
                    }
                },
                (None, None) => return p.err("OVER needs a window"),
            };
            if over.iter().any(|(_, n, s)| s.as_ref().is_some_and(|s| *s != spec) || n.as_ref().is_some_and(|n| named.iter().all(|(w, ws)| w != n || *ws != spec))) {
                return p.err("all aggregates must use the same OVER window");
            }
            if !group_by.is_empty() {
                return p.err("GROUP BY without STEP is not supported with OVER windows");
            }
            Window::Sliding(spec)
        }
        (None, None) => {
            return p.err(
                "a streaming aggregate needs a window: GROUP BY ..., STEP(ROWTIME BY INTERVAL 'n' SECOND) or OVER (RANGE INTERVAL 'n' SECOND PRECEDING)",
            )
        }
    };
    if !items.iter().any(|i| matches!(i, Item::Aggregate { .. })) {
        return p.err("the query needs at least one aggregate (COUNT, SUM, AVG, MIN, MAX)");
    }
    Ok(Query { source, destination: None, destination_columns: Vec::new(), items, conditions, window })
}

/// Fuzz harness: parsing arbitrary bytes never panics (driven by proptest in
/// `tests/analytics_props.rs`).
pub fn fuzz_sql(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = parse(&text) {
        let _ = e.offset <= text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn the_study_note_query_parses_as_a_tumbling_window() {
        let q = parse(
            "SELECT STREAM ticker, COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY ticker, STEP(ROWTIME BY INTERVAL '60' SECOND)",
        )
        .unwrap();
        assert_eq!(q.source, "SOURCE_SQL_STREAM_001");
        assert_eq!(q.window, Window::Tumbling { group_by: vec!["TICKER".into()], step_ms: 60_000 });
        assert_eq!(q.items.len(), 2);
    }

    #[test]
    fn pumps_streams_and_sliding_windows() {
        let q = parse(
            r#"CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), avg_price DOUBLE);
               CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
               SELECT STREAM ticker_symbol, AVG(price) OVER W1 AS avg_price
               FROM "SOURCE_SQL_STREAM_001"
               WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '10' SECOND PRECEDING);"#,
        )
        .unwrap();
        assert_eq!(q.destination.as_deref(), Some("DESTINATION_SQL_STREAM"));
        assert_eq!(q.destination_columns, ["TICKER_SYMBOL", "AVG_PRICE"]);
        assert_eq!(
            q.window,
            Window::Sliding(Sliding { partition_by: vec!["TICKER_SYMBOL".into()], range_ms: 10_000 })
        );
    }

    #[test]
    fn errors_point_at_the_token() {
        let e = parse("SELECT STREAM x,\n  COUNT(*) FORM s GROUP BY x, STEP(ROWTIME BY INTERVAL '1' SECOND)")
            .unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
        assert!(e.message.starts_with("expected FROM"), "{e}");
        let e = parse("SELECT STREAM COUNT(*) FROM s").unwrap_err();
        assert!(e.message.contains("needs a window"), "{e}");
        let e = parse("SELECT STREAM a, COUNT(*) FROM s GROUP BY b, STEP(ROWTIME BY INTERVAL '1' MINUTE)")
            .unwrap_err();
        assert!(e.message.contains("GROUP BY"), "{e}");
        assert!(parse("SELECT STREAM 'unterminated").is_err());
        for junk in
            ["", ";", "SELECT", "\"", "SELECT STREAM SUM(*) FROM s", "é", "SELECT STREAM x FROM s WHERE x > "]
        {
            fuzz_sql(junk.as_bytes());
            assert!(parse(junk).is_err(), "{junk}");
        }
    }
}
