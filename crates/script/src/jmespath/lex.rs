//! Tokens of a JMESPath expression.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::*;
use decouple_engine::float::parse_f64;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
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

pub(super) fn lex(src: &str, lenient: bool) -> Result<Vec<(Tok, usize)>, JmesError> {
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
                match decouple_engine::json_text::from_str::<String>(&raw) {
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
                match decouple_engine::json_text::from_str::<Value>(s.trim()) {
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
                    Tok::Float(parse_f64(&s).unwrap_or(0.0))
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
