//! Built-in functions (`length`, `sort_by`, …).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::eval::{num, type_of};
use super::*;
use decouple_engine::float::parse_f64;

pub(super) fn call(name: &str, args: &[Expr], v: &Value) -> Result<Value, String> {
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
            decouple_engine::collections::sort_by(&mut a, &order);
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
            decouple_engine::collections::sort_by(&mut keyed, &|p, q| order(&p.0, &q.0));
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
                    Err(_) => parse_f64(&s).map(float_value).unwrap_or(Value::Null),
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
