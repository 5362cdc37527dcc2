//! The built-in functions: a small, deterministic set of handlers that stand in for user
//! code. A function is created with `Handler` set to one of them:
//!
//! | handler | what it does |
//! | --- | --- |
//! | `pass-through` | returns every record unchanged (Firehose: `Ok`); a direct invoke echoes its payload |
//! | `uppercase-field:<field>` | upper-cases the string member `<field>` of each JSON record (Firehose: non-JSON records are `ProcessingFailed`) |
//! | `add-newline` | appends `\n` to each Firehose record (the classic "one JSON object per line" transform) |
//! | `drop-when:<text>` | Firehose: records containing `<text>` are `Dropped`; other sources: consumes them |
//! | `fail-when:<text>` | per-item failure: Firehose `ProcessingFailed`; SQS/Kinesis: listed in `batchItemFailures`; a direct/SNS invoke throws |
//! | `throw-when:<text>` | the whole invocation throws when any record contains `<text>` |
//! | `slow:<ms>` | pass-through that runs `<ms>` of virtual time (beyond the function `Timeout` it times out) |
//! | `crash-every:<n>` | every `n`-th invocation of the function throws (1st…: counts from the function's creation) |
//!
//! A handler sees "items": Firehose transform records (`records[].data`, base64-decoded),
//! SQS messages (`Records[].body`), Kinesis records (`Records[].kinesis.data`, decoded), SNS
//! notifications (`Records[].Sns.Message`), or, for any other payload, the payload text.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;
use serde_json::{json, Value};

/// One built-in handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Handler {
    PassThrough,
    UppercaseField(String),
    AddNewline,
    DropWhen(String),
    FailWhen(String),
    ThrowWhen(String),
    Slow(u64),
    CrashEvery(u64),
}

/// Every handler name, as shown in errors and the playground's function picker.
pub const HANDLERS: &str = "pass-through, uppercase-field:<field>, add-newline, drop-when:<text>, \
fail-when:<text>, throw-when:<text>, slow:<ms>, crash-every:<n>";

impl Handler {
    /// Parses a `Handler` string (None when it names no built-in function).
    pub fn parse(s: &str) -> Option<Handler> {
        let (name, arg) = match s.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (s, None),
        };
        let text = |a: Option<&str>| a.filter(|a| !a.is_empty()).map(String::from);
        let num = |a: Option<&str>| a.and_then(|a| a.parse::<u64>().ok());
        Some(match name {
            "pass-through" if arg.is_none() => Handler::PassThrough,
            "add-newline" if arg.is_none() => Handler::AddNewline,
            "uppercase-field" => Handler::UppercaseField(text(arg)?),
            "drop-when" => Handler::DropWhen(text(arg)?),
            "fail-when" => Handler::FailWhen(text(arg)?),
            "throw-when" => Handler::ThrowWhen(text(arg)?),
            "slow" => Handler::Slow(num(arg)?),
            "crash-every" => Handler::CrashEvery(num(arg).filter(|n| *n > 0)?),
            _ => return None,
        })
    }

    /// Virtual milliseconds one invocation runs.
    pub fn duration_ms(&self) -> u64 {
        match self {
            Handler::Slow(ms) => *ms,
            _ => 1,
        }
    }
}

/// What an invocation returned.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The function returned this response.
    Returned(Value),
    /// The function threw (`FunctionError: Unhandled`) with this error payload.
    Threw { error_type: String, error_message: String },
}

impl Outcome {
    fn threw(message: impl Into<String>) -> Self {
        Outcome::Threw { error_type: "Error".into(), error_message: message.into() }
    }
    /// The response payload as Lambda returns it (the error document when it threw).
    pub fn payload(&self) -> Value {
        match self {
            Outcome::Returned(v) => v.clone(),
            Outcome::Threw { error_type, error_message } => {
                json!({ "errorMessage": error_message, "errorType": error_type })
            }
        }
    }
    pub fn is_error(&self) -> bool {
        matches!(self, Outcome::Threw { .. })
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(v: Option<&Value>) -> Vec<u8> {
    v.and_then(Value::as_str)
        .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
        .unwrap_or_default()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty() && hay.windows(n.len()).any(|w| w == n)
}

/// The text items of an SQS, Kinesis or SNS event, with their failure identifiers.
fn source_items(event: &Value) -> Option<Vec<(Vec<u8>, String)>> {
    let records = event.get("Records")?.as_array()?;
    let items = records
        .iter()
        .map(|r| {
            if let Some(k) = r.get("kinesis") {
                (unb64(k.get("data")), k.get("sequenceNumber").and_then(Value::as_str).unwrap_or("").into())
            } else if let Some(sns) = r.get("Sns") {
                let msg = sns.get("Message").and_then(Value::as_str).unwrap_or("");
                (msg.as_bytes().to_vec(), sns.get("MessageId").and_then(Value::as_str).unwrap_or("").into())
            } else {
                let body = r.get("body").and_then(Value::as_str).unwrap_or("");
                (body.as_bytes().to_vec(), r.get("messageId").and_then(Value::as_str).unwrap_or("").into())
            }
        })
        .collect();
    Some(items)
}

fn uppercase_member(data: &[u8], field: &str) -> Option<Vec<u8>> {
    let mut v: Value = serde_json::from_slice(data).ok()?;
    let obj = v.as_object_mut()?;
    if let Some(Value::String(s)) = obj.get_mut(field) {
        *s = crate::case::str_to_uppercase(s);
    }
    Some(v.to_string().into_bytes())
}

/// Runs `handler` on `event`; `invocation` counts this function's invocations from 1.
pub fn run(handler: &Handler, event: &Value, invocation: u64) -> Outcome {
    if let Handler::CrashEvery(n) = handler {
        if invocation % n == 0 {
            return Outcome::threw(format!("Crashed on invocation {invocation} (crash-every:{n})"));
        }
    }
    if event.get("records").is_some() && event.get("deliveryStreamArn").is_some() {
        return firehose_transform(handler, event);
    }
    if let Some(items) = source_items(event) {
        return batch(handler, &items);
    }
    let text = event.to_string().into_bytes();
    match handler {
        Handler::FailWhen(s) | Handler::ThrowWhen(s) if contains(&text, s) => {
            Outcome::threw(format!("Payload contains \"{s}\""))
        }
        Handler::UppercaseField(f) => match uppercase_member(&text, f) {
            Some(out) => Outcome::Returned(serde_json::from_slice(&out).unwrap_or(Value::Null)),
            None => Outcome::Returned(event.clone()),
        },
        _ => Outcome::Returned(event.clone()),
    }
}

/// SQS / Kinesis / SNS batches: success, per-item failures, or a thrown error.
fn batch(handler: &Handler, items: &[(Vec<u8>, String)]) -> Outcome {
    match handler {
        Handler::ThrowWhen(s) => match items.iter().position(|(d, _)| contains(d, s)) {
            Some(i) => Outcome::threw(format!("Record {i} contains \"{s}\"")),
            None => Outcome::Returned(Value::Null),
        },
        Handler::FailWhen(s) => {
            let failures: Vec<Value> = items
                .iter()
                .filter(|(d, _)| contains(d, s))
                .map(|(_, id)| json!({ "itemIdentifier": id }))
                .collect();
            Outcome::Returned(json!({ "batchItemFailures": failures }))
        }
        _ => Outcome::Returned(Value::Null),
    }
}

/// Firehose data transformation: every `recordId` back with `result` and base64 `data`.
fn firehose_transform(handler: &Handler, event: &Value) -> Outcome {
    let records = event.get("records").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    if let Handler::ThrowWhen(s) = handler {
        if records.iter().any(|r| contains(&unb64(r.get("data")), s)) {
            return Outcome::threw(format!("A record contains \"{s}\""));
        }
    }
    let out: Vec<Value> = records
        .iter()
        .map(|r| {
            let id = r.get("recordId").cloned().unwrap_or(Value::Null);
            let data = unb64(r.get("data"));
            let (result, data) = match handler {
                Handler::AddNewline => {
                    let mut d = data;
                    d.push(b'\n');
                    ("Ok", d)
                }
                Handler::UppercaseField(f) => match uppercase_member(&data, f) {
                    Some(d) => ("Ok", d),
                    None => ("ProcessingFailed", data),
                },
                Handler::DropWhen(s) if contains(&data, s) => ("Dropped", data),
                Handler::FailWhen(s) if contains(&data, s) => ("ProcessingFailed", data),
                _ => ("Ok", data),
            };
            json!({ "recordId": id, "result": result, "data": b64(&data) })
        })
        .collect();
    Outcome::Returned(json!({ "records": out }))
}

/// The `Sandbox.Timedout` error a function that ran past its `Timeout` returns.
pub fn timed_out(request_id: &str, timeout_s: u64) -> Outcome {
    Outcome::Threw {
        error_type: "Sandbox.Timedout".into(),
        error_message: format!("RequestId: {request_id} Error: Task timed out after {timeout_s}.00 seconds"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handlers_parse_and_reject_unknown_names() {
        assert_eq!(Handler::parse("pass-through"), Some(Handler::PassThrough));
        assert_eq!(Handler::parse("slow:2500"), Some(Handler::Slow(2500)));
        assert_eq!(Handler::parse("uppercase-field:name"), Some(Handler::UppercaseField("name".into())));
        for bad in ["", "index.handler", "slow:", "slow:x", "crash-every:0", "drop-when:", "pass-through:1"] {
            assert_eq!(Handler::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn firehose_transform_marks_each_record() {
        let ev = json!({"deliveryStreamArn": "arn", "records": [
            {"recordId": "1", "data": b64(b"{\"a\":\"x\"}")},
            {"recordId": "2", "data": b64(b"drop me")},
            {"recordId": "3", "data": b64(b"not json")},
        ]});
        let Outcome::Returned(out) = run(&Handler::DropWhen("drop".into()), &ev, 1) else { panic!() };
        let results: Vec<_> =
            out["records"].as_array().unwrap().iter().map(|r| r["result"].clone()).collect();
        assert_eq!(results, [json!("Ok"), json!("Dropped"), json!("Ok")]);
        let Outcome::Returned(out) = run(&Handler::UppercaseField("a".into()), &ev, 1) else { panic!() };
        assert_eq!(out["records"][0]["data"], json!(b64(b"{\"a\":\"X\"}")));
        assert_eq!(out["records"][2]["result"], json!("ProcessingFailed"));
    }

    #[test]
    fn sqs_batches_report_item_failures_and_crashes_count_invocations() {
        let ev = json!({"Records": [{"messageId": "m1", "body": "ok"}, {"messageId": "m2", "body": "bad"}]});
        let out = run(&Handler::FailWhen("bad".into()), &ev, 1);
        assert_eq!(out, Outcome::Returned(json!({"batchItemFailures": [{"itemIdentifier": "m2"}]})));
        assert!(run(&Handler::ThrowWhen("bad".into()), &ev, 1).is_error());
        assert!(!run(&Handler::CrashEvery(2), &ev, 1).is_error());
        assert!(run(&Handler::CrashEvery(2), &ev, 2).is_error());
    }
}
