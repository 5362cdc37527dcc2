//! Evaluation: projections, filters, comparisons.

use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value};

use super::functions::call;
use super::*;

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

pub(super) fn num(v: &Value) -> Option<f64> {
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

pub(super) fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
