//! A Pratt parser with the binding powers of the JMESPath reference implementation.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::lex::{lex, Tok};
use super::*;

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
                    Expr::Literal(decouple_engine::json_text::from_str(&name).unwrap_or(Value::Null))
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
