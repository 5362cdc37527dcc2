//! `--output text`: awscli's `text.py` (scalars of a dict on one tab-separated line, keys
//! sorted; nested lists and dicts on following lines, prefixed by their upper-cased key).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::Value;

use super::{is_scalar, py_str};

/// awscli `text.format_text`.
pub fn text(v: &Value) -> String {
    let mut out = String::new();
    text_item(v, None, None, &mut out);
    out
}

fn text_item(v: &Value, id: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    match v {
        Value::Object(_) => text_dict(scalar_keys, v, id, out),
        Value::Array(items) => text_list(items, id, out),
        other => {
            out.push_str(&py_str(other));
            out.push('\n');
        }
    }
}

fn text_list(items: &[Value], id: Option<&str>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        let mut keys: Vec<String> = Vec::new();
        for it in items {
            if let Value::Object(o) = it {
                for (k, x) in o {
                    if is_scalar(x) && !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
        }
        decouple_engine::collections::sort_by(&mut keys, &String::cmp);
        for it in items {
            text_item(it, id, Some(&keys), out);
        }
    } else if items.iter().any(Value::is_array) {
        let (scalars, rest): (Vec<&Value>, Vec<&Value>) = items.iter().partition(|x| is_scalar(x));
        if !scalars.is_empty() {
            scalar_list(&scalars, id, out);
        }
        for x in rest {
            text_item(x, id, None, out);
        }
    } else {
        let all: Vec<&Value> = items.iter().collect();
        scalar_list(&all, id, out);
    }
}

fn scalar_list(items: &[&Value], id: Option<&str>, out: &mut String) {
    match id {
        Some(id) => {
            for x in items {
                out.push_str(&format!("{}\t{}\n", decouple_engine::case::str_to_uppercase(id), py_str(x)));
            }
        }
        None => {
            let parts: Vec<String> = items.iter().map(|x| py_str(x)).collect();
            out.push_str(&parts.join("\t"));
            out.push('\n');
        }
    }
}

fn text_dict(scalar_keys: Option<&[String]>, v: &Value, id: Option<&str>, out: &mut String) {
    let Value::Object(o) = v else { return };
    let mut scalars: Vec<String> = Vec::new();
    let mut rest: Vec<(&String, &Value)> = Vec::new();
    match scalar_keys {
        None => {
            for (k, x) in o {
                if is_scalar(x) {
                    scalars.push(py_str(x));
                } else {
                    rest.push((k, x));
                }
            }
        }
        Some(keys) => {
            for k in keys {
                scalars.push(o.get(k).map(py_str).unwrap_or_default());
            }
            for (k, x) in o {
                if !keys.contains(k) {
                    rest.push((k, x));
                }
            }
        }
    }
    if !scalars.is_empty() {
        if let Some(id) = id {
            scalars.insert(0, decouple_engine::case::str_to_uppercase(id));
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (k, x) in rest {
        text_item(x, Some(k), None, out);
    }
}
