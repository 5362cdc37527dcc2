//! Runs conformance cases (format in `api-contract.md`, "The project's own conformance
//! suite") through the same JSON path as `decouple api`: [`Runner`].
//!
//! A file is a JSON array of cases (or `{"cases": [...]}`); a case is
//! `{"name", "source", "steps": [...]}`; a step is `{"advance_ms": N}` or
//! `{"call", "input", "expect", "save"}`.

use base64::Engine as _;
use decouple_engine::api::Runner;
use decouple_engine::Config;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The outcome of one case.
#[derive(Debug)]
pub struct CaseResult {
    pub name: String,
    /// Empty when the case passed.
    pub failure: Option<String>,
}

/// Parses a case file and runs every case in a fresh world (seed 0).
pub fn run_file(text: &str) -> Result<Vec<CaseResult>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let cases = match &doc {
        Value::Array(a) => a,
        Value::Object(o) => {
            o.get("cases").and_then(Value::as_array).ok_or("object without \"cases\" array")?
        }
        _ => return Err("a case file is an array of cases".into()),
    };
    Ok(cases.iter().map(run_case).collect())
}

/// Runs one case in a fresh world.
pub fn run_case(case: &Value) -> CaseResult {
    let name = case.get("name").and_then(Value::as_str).unwrap_or("(unnamed)").to_string();
    let failure = run_steps(case).err();
    CaseResult { name, failure }
}

fn run_steps(case: &Value) -> Result<(), String> {
    let steps = case.get("steps").and_then(Value::as_array).ok_or("case has no \"steps\" array")?;
    let seed = case.get("seed").and_then(Value::as_u64).unwrap_or(0);
    let mut runner = Runner::new(Config { seed, ..Default::default() });
    let mut vars: BTreeMap<String, Value> = BTreeMap::new();
    for (i, step) in steps.iter().enumerate() {
        let at = |msg: String| format!("step {i}: {msg}");
        let line = if let Some(ms) = step.get("advance_ms") {
            serde_json::json!({ "advance_ms": ms })
        } else {
            let call = step.get("call").ok_or_else(|| at("no \"call\" or \"advance_ms\"".into()))?;
            let input = step.get("input").cloned().unwrap_or(Value::Object(Map::new()));
            let input = generate(&substitute(&input, &vars).map_err(at)?).map_err(at)?;
            serde_json::json!({ "call": call, "input": input })
        };
        let answer = runner.handle(line.clone());
        if let Some(expect) = step.get("expect") {
            let expect = substitute(expect, &vars).map_err(at)?;
            check_expect(&expect, &answer).map_err(|e| {
                at(format!("{e}\n    request:  {}\n    answer:   {}", short(&line), short(&answer)))
            })?;
        }
        if let Some(Value::Object(save)) = step.get("save") {
            let ok = answer
                .get("ok")
                .ok_or_else(|| at(format!("cannot save from an error: {}", short(&answer))))?;
            for (var, path) in save {
                let path = path.as_str().ok_or_else(|| at(format!("save path of {var} is not a string")))?;
                let v = lookup(ok, path)
                    .ok_or_else(|| at(format!("save {var}: nothing at {path} in {}", short(ok))))?;
                vars.insert(var.clone(), v.clone());
            }
        }
    }
    Ok(())
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 600 {
        let cut = (0..=600).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        format!("{}… ({} bytes)", &s[..cut], s.len())
    } else {
        s
    }
}

fn check_expect(expect: &Value, answer: &Value) -> Result<(), String> {
    if let Some(code) = expect.get("error") {
        let Some(err) = answer.get("error") else {
            return Err(format!("expected error {code}, got success"));
        };
        let code = code.as_str().ok_or("expect.error must be a string")?;
        let codes = ["code", "query_code", "type"].map(|k| err.get(k).and_then(Value::as_str).unwrap_or(""));
        if !codes.contains(&code) {
            return Err(format!("expected error {code}, got {}", err));
        }
        // An exact text, or a matcher such as {"$regex": …} for texts with parts AWS does not
        // fix (Jackson column numbers).
        if let Some(msg) = expect.get("message") {
            if matches(msg, err.get("message"), "error.message").is_err() {
                return Err(format!(
                    "expected message {msg}, got {}",
                    err.get("message").unwrap_or(&Value::Null)
                ));
            }
        }
        return Ok(());
    }
    if let Some(ok) = expect.get("ok") {
        let Some(actual) = answer.get("ok") else {
            return Err(format!("expected success, got {}", answer.get("error").unwrap_or(answer)));
        };
        if ok == &Value::Bool(true) {
            return Ok(());
        }
        return matches(ok, Some(actual), "ok");
    }
    Err("expect needs \"ok\" or \"error\"".into())
}

/// Subset matching with the contract's matchers.
pub fn matches(expected: &Value, actual: Option<&Value>, path: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("at {path}: {why} (expected {expected}, got {})", show(actual)));
    if let Value::Object(o) = expected {
        if o.len() == 1 {
            let (k, arg) = o.iter().next().ok_or("empty")?;
            if k.starts_with('$') {
                return matcher(k, arg, actual, path);
            }
        }
    }
    match (expected, actual) {
        (Value::Null, None | Some(Value::Null)) => Ok(()),
        (Value::Null, _) => fail("should be absent"),
        (_, None) => fail("missing"),
        (Value::Object(e), Some(Value::Object(a))) => {
            for (k, ev) in e {
                matches(ev, a.get(k), &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Some(Value::Array(a))) => {
            if e.len() != a.len() {
                return fail(&format!("length {} ≠ {}", a.len(), e.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, Some(av), &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(e), Some(Value::Number(a))) => {
            if e == a || e.as_f64() == a.as_f64() {
                Ok(())
            } else {
                fail("different number")
            }
        }
        (e, Some(a)) if e == a => Ok(()),
        _ => fail("different value"),
    }
}

fn show(v: Option<&Value>) -> String {
    v.map_or("(absent)".into(), short)
}

fn matcher(name: &str, arg: &Value, actual: Option<&Value>, path: &str) -> Result<(), String> {
    let fail = |why: String| Err(format!("at {path}: {name} {arg}: {why} (got {})", show(actual)));
    match name {
        "$len" => {
            let want = arg.as_u64().ok_or("$len needs a number")? as usize;
            let got = match actual {
                None | Some(Value::Null) => 0,
                Some(Value::Array(a)) => a.len(),
                Some(Value::Object(o)) => o.len(),
                Some(Value::String(s)) => s.chars().count(),
                Some(_) => return fail("not a list".into()),
            };
            if got == want {
                Ok(())
            } else {
                fail(format!("length is {got}"))
            }
        }
        "$absent" => {
            let absent = matches!(actual, None | Some(Value::Null));
            if absent == arg.as_bool().unwrap_or(true) {
                Ok(())
            } else {
                fail("presence differs".into())
            }
        }
        "$regex" => {
            let re =
                regex::Regex::new(arg.as_str().ok_or("$regex needs a string")?).map_err(|e| e.to_string())?;
            match actual {
                Some(Value::String(s)) if re.is_match(s) => Ok(()),
                Some(Value::Number(n)) if re.is_match(&n.to_string()) => Ok(()),
                _ => fail("no match".into()),
            }
        }
        "$contains" => match (actual, arg) {
            (Some(Value::String(s)), Value::String(needle)) if s.contains(needle.as_str()) => Ok(()),
            (Some(Value::Array(a)), want) if a.iter().any(|v| matches(want, Some(v), path).is_ok()) => Ok(()),
            _ => fail("not contained".into()),
        },
        "$ne" => match actual {
            Some(a) if matches(arg, Some(a), path).is_ok() => fail("equal".into()),
            None if arg.is_null() => fail("equal".into()),
            _ => Ok(()),
        },
        "$gt" => {
            let bound = arg.as_str().map(str::to_string).unwrap_or_else(|| arg.to_string());
            let value = match actual {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => return fail("not a number".into()),
            };
            if big_gt(&value, &bound) {
                Ok(())
            } else {
                fail(format!("{value} ≤ {bound}"))
            }
        }
        "$unordered" => {
            let want = arg.as_array().ok_or("$unordered needs a list")?;
            let Some(Value::Array(got)) = actual else { return fail("not a list".into()) };
            if want.len() != got.len() {
                return fail(format!("length {} ≠ {}", got.len(), want.len()));
            }
            let mut used = vec![false; got.len()];
            if assign(want, got, &mut used, path) {
                Ok(())
            } else {
                fail("no element-wise assignment".into())
            }
        }
        "$json" => {
            let Some(Value::String(s)) = actual else { return fail("not a JSON string".into()) };
            let parsed: Value = serde_json::from_str(s).map_err(|e| format!("at {path}: $json: {e}"))?;
            matches(arg, Some(&parsed), &format!("{path}$json"))
        }
        _ => Err(format!("at {path}: unknown matcher {name}")),
    }
}

fn assign(want: &[Value], got: &[Value], used: &mut [bool], path: &str) -> bool {
    let Some((first, rest)) = want.split_first() else { return true };
    for i in 0..got.len() {
        if !used[i] && matches(first, Some(&got[i]), path).is_ok() {
            used[i] = true;
            if assign(rest, got, used, path) {
                return true;
            }
            used[i] = false;
        }
    }
    false
}

/// `a > b` for non-negative decimal integers of any length.
fn big_gt(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim_start_matches('0').to_string();
    let (a, b) = (norm(a), norm(b));
    if !a.bytes().all(|c| c.is_ascii_digit()) || !b.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    (a.len(), a.as_str()) > (b.len(), b.as_str())
}

/// Replaces `${var}` in every string; a string that is exactly `${var}` becomes the saved value.
fn substitute(v: &Value, vars: &BTreeMap<String, Value>) -> Result<Value, String> {
    Ok(match v {
        Value::String(s) if s.contains("${") => {
            if let Some(name) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
                if !name.contains("${") && !name.contains('}') {
                    return vars.get(name).cloned().ok_or_else(|| format!("unknown variable ${{{name}}}"));
                }
            }
            let mut out = String::new();
            let mut rest = s.as_str();
            while let Some(start) = rest.find("${") {
                out.push_str(&rest[..start]);
                let end = rest[start..].find('}').ok_or_else(|| format!("unclosed ${{ in {s:?}"))? + start;
                let name = &rest[start + 2..end];
                match vars.get(name).ok_or_else(|| format!("unknown variable ${{{name}}}"))? {
                    Value::String(x) => out.push_str(x),
                    other => write!(out, "{other}").map_err(|e| e.to_string())?,
                }
                rest = &rest[end + 1..];
            }
            out.push_str(rest);
            Value::String(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| substitute(x, vars)).collect::<Result<_, _>>()?),
        Value::Object(o) => Value::Object(
            o.iter().map(|(k, x)| Ok((k.clone(), substitute(x, vars)?))).collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// Expands the input generators `$repeat` and `$b64repeat`.
fn generate(v: &Value) -> Result<Value, String> {
    Ok(match v {
        Value::Object(o) if o.len() == 1 && o.contains_key("$repeat") => match &o["$repeat"] {
            Value::Array(a) if a.len() == 2 => {
                let text = a[0].as_str().ok_or("$repeat text must be a string")?;
                let n = a[1].as_u64().ok_or("$repeat count must be a number")? as usize;
                Value::String(text.repeat(n))
            }
            Value::Object(spec) => {
                let item = spec.get("item").ok_or("$repeat needs item")?;
                let n = spec.get("count").and_then(Value::as_u64).ok_or("$repeat needs count")? as usize;
                let item = generate(item)?;
                Value::Array(vec![item; n])
            }
            _ => return Err("bad $repeat".into()),
        },
        Value::Object(o) if o.len() == 1 && o.contains_key("$b64repeat") => {
            let spec = &o["$b64repeat"];
            let text = spec.get("text").and_then(Value::as_str).ok_or("$b64repeat needs text")?;
            let n = spec.get("count").and_then(Value::as_u64).ok_or("$b64repeat needs count")? as usize;
            let bytes: Vec<u8> = text.bytes().cycle().take(n).collect();
            Value::String(base64::engine::general_purpose::STANDARD.encode(bytes))
        }
        Value::Array(a) => Value::Array(a.iter().map(generate).collect::<Result<_, _>>()?),
        Value::Object(o) => Value::Object(
            o.iter().map(|(k, x)| Ok((k.clone(), generate(x)?))).collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// Looks up `Messages[0].ReceiptHandle`-style paths.
pub fn lookup<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = root;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            cur = cur.get(key)?;
        }
        for idx in indexes.split('[').filter(|s| !s.is_empty()) {
            let n: usize = idx.strip_suffix(']')?.parse().ok()?;
            cur = cur.get(n)?;
        }
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matchers() {
        let a = json!({"Messages": [{"Body": "hi", "N": 1}], "S": "18849496460467696128"});
        assert!(matches(&json!({"Messages": [{"Body": "hi"}]}), Some(&a), "ok").is_ok());
        assert!(
            matches(&json!({"Messages": {"$len": 1}, "Missing": {"$absent": true}}), Some(&a), "ok").is_ok()
        );
        assert!(matches(&json!({"S": {"$gt": "18849496460467696127"}}), Some(&a), "ok").is_ok());
        assert!(matches(&json!({"S": {"$gt": "18849496460467696128"}}), Some(&a), "ok").is_err());
        assert!(matches(&json!({"Messages": [{"N": 1.0}]}), Some(&a), "ok").is_ok());
        assert!(matches(&json!({"Messages": []}), Some(&a), "ok").is_err());
        assert!(matches(&json!({"X": null}), Some(&a), "ok").is_ok());
        assert!(matches(&json!([1, 2]), Some(&json!([2, 1])), "ok").is_err());
        assert!(matches(&json!({"$unordered": [1, 2]}), Some(&json!([2, 1])), "ok").is_ok());
        assert!(matches(&json!({"$json": {"a": 1}}), Some(&json!("{\"a\":1,\"b\":2}")), "ok").is_ok());
        assert!(matches(&json!({"$regex": "^h"}), Some(&json!("hi")), "ok").is_ok());
        assert!(matches(&json!({"$contains": "i"}), Some(&json!("hi")), "ok").is_ok());
        assert!(matches(&json!({"$ne": "x"}), Some(&json!("hi")), "ok").is_ok());
        assert!(matches(&json!({"$ne": "hi"}), Some(&json!("hi")), "ok").is_err());
    }

    #[test]
    fn substitution_and_generators() {
        let mut vars = BTreeMap::new();
        vars.insert("h".to_string(), json!("abc"));
        vars.insert("n".to_string(), json!(3));
        let v = substitute(&json!({"a": "${h}", "b": "x-${h}-${n}", "c": "${n}"}), &vars).unwrap();
        assert_eq!(v, json!({"a": "abc", "b": "x-abc-3", "c": 3}));
        assert!(substitute(&json!("${nope}"), &vars).is_err());
        let g = generate(&json!({"a": {"$repeat": ["ab", 2]}, "b": {"$repeat": {"item": 1, "count": 3}},
                                 "c": {"$b64repeat": {"text": "A", "count": 3}}}))
        .unwrap();
        assert_eq!(g, json!({"a": "abab", "b": [1, 1, 1], "c": "QUFB"}));
    }

    #[test]
    fn lookup_paths() {
        let v = json!({"Messages": [{"ReceiptHandle": "h"}], "a": [[1, 2]]});
        assert_eq!(lookup(&v, "Messages[0].ReceiptHandle"), Some(&json!("h")));
        assert_eq!(lookup(&v, "a[0][1]"), Some(&json!(2)));
        assert_eq!(lookup(&v, "Messages[3]"), None);
    }

    #[test]
    fn runs_a_case_through_the_runner() {
        let file = json!([{"name": "clock", "source": "api-contract.md", "steps": [
            {"advance_ms": 1000},
            {"call": "sim.GetClock", "expect": {"ok": {"EpochMillis": 1704067201000u64}}, "save": {"t": "EpochMillis"}},
            {"call": "sim.SetClock", "input": {"EpochMillis": "${t}"}, "expect": {"ok": {}}},
            {"call": "nosuch.Action", "expect": {"error": "UnknownOperationException"}}
        ]}]);
        let results = run_file(&file.to_string()).unwrap();
        assert!(results[0].failure.is_none(), "{:?}", results[0].failure);
    }
}
