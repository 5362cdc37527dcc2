//! Printing a response as the AWS CLI does for `--output json|text|table`.
//!
//! * json: 4-space indentation, non-ASCII kept; an empty response (`{}`) prints nothing.
//! * text: awscli's `text.py`: scalars of a dict on one tab-separated line (keys sorted),
//!   nested lists and dicts on following lines, prefixed by their upper-cased key.
//! * table: awscli's `table.py`: a title section named after the operation, one section per
//!   nested list or dict, columns sized to the widest section.
//!
//! Timestamps in responses are printed as ISO 8601, as the AWS CLI v2 does by default.

use alloc::format;
use alloc::string::{String, ToString};
use serde_json::Value;

use crate::value::format_timestamp;

/// `--output`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Text,
    Table,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "json" | "yaml" | "yaml-stream" => Some(Format::Json),
            "text" => Some(Format::Text),
            "table" => Some(Format::Table),
            _ => None,
        }
    }
}

/// Output members that are timestamps (epoch seconds in the JSON edge).
const TIMESTAMP_MEMBERS: &[&str] = &[
    "ApproximateArrivalTimestamp",
    "StreamCreationTimestamp",
    "ConsumerCreationTimestamp",
    "CreateTimestamp",
    "LastUpdateTimestamp",
    "DeliveryStartTimestamp",
    "LastModified",
    "Timestamp",
    "CreationDate",
];

/// Rewrites epoch-second timestamps to ISO 8601 strings, as the AWS CLI prints them.
pub fn humanize(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if TIMESTAMP_MEMBERS.contains(&k.as_str()) {
                    if let Some(secs) = x.as_f64() {
                        *x = Value::String(format_timestamp(secs));
                        continue;
                    }
                }
                humanize(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(humanize),
        _ => {}
    }
}

/// Prints `v` (already filtered by `--query`) for the operation `title`.
pub fn render(v: &Value, format: Format, title: &str, queried: bool) -> String {
    match format {
        Format::Json => json(v, queried),
        Format::Text => text(v),
        Format::Table => table(v, title),
    }
}

/// Python's `json.dumps(v, indent=4, ensure_ascii=False)` plus a newline; nothing for `{}`.
pub fn json(v: &Value, queried: bool) -> String {
    if !queried && v.as_object().is_some_and(|o| o.is_empty()) {
        return String::new();
    }
    let mut out = String::new();
    write_json(v, 0, &mut out);
    out.push('\n');
    out
}

fn write_json(v: &Value, indent: usize, out: &mut String) {
    let pad = |n: usize, out: &mut String| (0..n).for_each(|_| out.push_str("    "));
    match v {
        Value::Array(a) if !a.is_empty() => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                pad(indent + 1, out);
                write_json(x, indent + 1, out);
                if i + 1 < a.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(indent, out);
            out.push(']');
        }
        Value::Object(o) if !o.is_empty() => {
            out.push_str("{\n");
            for (i, (k, x)) in o.iter().enumerate() {
                pad(indent + 1, out);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_json(x, indent + 1, out);
                if i + 1 < o.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(indent, out);
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Python's `str()` of a scalar.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            if n.is_f64() {
                let f = n.as_f64().unwrap_or(0.0);
                if crate::num::is_whole(f) {
                    format!("{f:.1}")
                } else {
                    n.to_string()
                }
            } else {
                n.to_string()
            }
        }
        other => other.to_string(),
    }
}

pub(crate) fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

mod table;
mod text;

pub use table::table;
pub use text::text;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_like_python() {
        assert_eq!(json(&json!({}), false), "");
        assert_eq!(
            json(&json!({"QueueUrl": "u", "L": [], "N": 1}), false),
            "{\n    \"L\": [],\n    \"N\": 1,\n    \"QueueUrl\": \"u\"\n}\n"
        );
        assert_eq!(json(&json!("u"), true), "\"u\"\n");
    }

    #[test]
    fn text_like_awscli() {
        assert_eq!(text(&json!("https://q")), "https://q\n");
        assert_eq!(text(&json!({"QueueUrls": ["a", "b"]})), "QUEUEURLS\ta\nQUEUEURLS\tb\n");
        assert_eq!(
            text(&json!({"Messages": [{"Body": "x", "MessageId": "1", "Attributes": {"A": "1"}}]})),
            "MESSAGES\tx\t1\nATTRIBUTES\t1\n"
        );
        assert_eq!(text(&json!(["a", "b"])), "a\tb\n");
        assert_eq!(text(&json!([["a", 1], ["b", true]])), "a\t1\nb\tTrue\n");
    }

    #[test]
    fn table_like_awscli() {
        let t = table(
            &json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/000000000000/orders"}),
            "CreateQueue",
        );
        let expected = "\
-------------------------------------------------------------------------
|                              CreateQueue                              |
+----------+------------------------------------------------------------+
|  QueueUrl|  https://sqs.us-east-1.amazonaws.com/000000000000/orders   |
+----------+------------------------------------------------------------+
";
        assert_eq!(t, expected);
        let t = table(&json!({"QueueUrls": ["a", "b"]}), "ListQueues");
        assert_eq!(t, "-------------\n|ListQueues |\n+-----------+\n||QueueUrls||\n|+---------+|\n||  a      ||\n||  b      ||\n|+---------+|\n");
    }
}
