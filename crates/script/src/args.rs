//! `aws <service> <command> --option value …` → an API call for the JSON edge.
//!
//! Follows the AWS CLI v2's argument processing: global options anywhere
//! (`--query`, `--output`, `--cli-binary-format`, `--region`, …), `--name value` and
//! `--name=value`, `--flag`/`--no-flag` for booleans, several words for lists
//! (`--attribute-names All`, `Key=a,Value=b Key=c,Value=d`), JSON when a value starts with
//! `{` or `[`, shorthand otherwise, `file://` and `fileb://` parameter files, and
//! `--cli-input-json`. Error texts are the AWS CLI's (`aws: error: …`), with a suggestion.
//! <https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters.html>

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use decouple_engine::collections::VecMap;
use serde_json::{Map, Value};

use crate::error::{Pos, ScriptError};
use crate::jmespath::{self, Expr};
use crate::output::Format;
use crate::shape::{xform_name, Action, Member, Service, Shape};
use crate::shorthand;
use crate::tables;
use crate::value::{b64, coerce, BinaryFormat, Cx, Source};

/// An expanded word: its text and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpWord {
    pub text: String,
    pub pos: Pos,
    /// The source word began with a quote, so a column inside its text is one further right.
    pub quoted: bool,
}

/// Embedded and side-by-side files, by name (`file://name`): a handful, in a sorted `Vec`.
pub type Files = decouple_engine::collections::VecMap<String, Vec<u8>>;

/// A fully parsed `aws` command.
#[derive(Clone, Debug)]
pub struct AwsCall {
    pub service: &'static Service,
    pub action: &'static Action,
    pub input: Value,
    pub query: Option<Expr>,
    pub output: Option<Format>,
    pub outfile: Option<String>,
    /// Notes for standard error (a blob that was not base64).
    pub warnings: Vec<String>,
}

const GLOBAL_WITH_VALUE: &[&str] = &[
    "region",
    "profile",
    "endpoint-url",
    "output",
    "query",
    "cli-binary-format",
    "color",
    "cli-read-timeout",
    "cli-connect-timeout",
    "ca-bundle",
    "cli-input-json",
    "max-items",
    "starting-token",
    "page-size",
];
const GLOBAL_FLAGS: &[&str] = &[
    "debug",
    "no-verify-ssl",
    "no-paginate",
    "no-sign-request",
    "no-cli-pager",
    "cli-auto-prompt",
    "no-cli-auto-prompt",
];
const UNSUPPORTED: &[&str] = &["generate-cli-skeleton", "cli-input-yaml"];

fn cli_err(pos: Pos, msg: impl Into<String>) -> ScriptError {
    ScriptError::new(pos, format!("aws: error: {}", msg.into()))
}

/// The column of character `offset` inside a word's text.
fn at(w: &ExpWord, offset: usize) -> Pos {
    Pos::new(w.pos.line, w.pos.col + offset as u32 + u32::from(w.quoted))
}

/// Parses the words of an `aws` command (the first word is `aws`).
pub fn parse(words: &[ExpWord], files: &Files) -> Result<AwsCall, ScriptError> {
    let Some(first) = words.first() else {
        return Err(ScriptError::new(Pos::default(), "empty command"));
    };
    let mut globals: VecMap<&str, (String, Pos)> = VecMap::new();
    let mut service: Option<&'static Service> = None;
    let mut action: Option<&'static Action> = None;
    let mut ops: Vec<(String, &ExpWord, Option<String>, Vec<&ExpWord>)> = Vec::new();
    let mut positional: Vec<&ExpWord> = Vec::new();
    let mut i = 1;
    while let Some(w) = words.get(i) {
        i += 1;
        if let Some(opt) = w.text.strip_prefix("--") {
            let (name, inline) = match opt.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (opt, None),
            };
            if UNSUPPORTED.contains(&name) {
                return Err(ScriptError::new(w.pos, format!("--{name} is not supported by the simulator")));
            }
            if GLOBAL_WITH_VALUE.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => match words.get(i) {
                        Some(v) => {
                            i += 1;
                            v.text.clone()
                        }
                        None => {
                            return Err(cli_err(w.pos, format!("argument --{name}: expected one argument")))
                        }
                    },
                };
                globals.insert(
                    GLOBAL_WITH_VALUE.iter().find(|g| **g == name).copied().unwrap_or("x"),
                    (value, w.pos),
                );
                continue;
            }
            if GLOBAL_FLAGS.contains(&name) {
                continue;
            }
            let Some(act) = action else {
                return Err(cli_err(w.pos, format!("Unknown options: --{name}"))
                    .suggest(&format!("--{name}"), GLOBAL_WITH_VALUE.iter().copied()));
            };
            // Values: following words up to the next `--option`.
            let mut values = Vec::new();
            let member = find_member(act, name);
            let takes = member.map(|(_, m)| arity(m.shape)).unwrap_or(Arity::Many);
            if inline.is_none() {
                while let Some(v) = words.get(i) {
                    if v.text.starts_with("--") && v.text.len() > 2 {
                        break;
                    }
                    if takes == Arity::Zero || (takes == Arity::One && !values.is_empty()) {
                        break;
                    }
                    values.push(v);
                    i += 1;
                }
            }
            ops.push((name.to_string(), w, inline, values));
            continue;
        }
        if service.is_none() {
            service = tables::service(&w.text);
            if service.is_none() {
                let names: Vec<&str> = tables::SERVICES.iter().map(|s| s.cli).collect();
                return Err(cli_err(
                    w.pos,
                    format!(
                        "argument command: Invalid choice '{}', valid choices are: {}",
                        w.text,
                        names.join(", ")
                    ),
                )
                .suggest(&w.text, names.iter().copied()));
            }
        } else if action.is_none() {
            let svc = service.ok_or_else(|| ScriptError::new(w.pos, "no service"))?;
            action = tables::command(svc, &w.text);
            if action.is_none() {
                let names = tables::command_names(svc);
                let msg = format!("argument operation: Invalid choice '{}' for `aws {}`", w.text, svc.cli);
                let mut e = cli_err(w.pos, msg).suggest(&w.text, names.iter().map(String::as_str));
                if e.suggestion.is_none() {
                    e = e.with_suggestion(format!("valid choices are: {}", names.join(", ")));
                }
                return Err(e);
            }
        } else {
            positional.push(w);
        }
    }
    let Some(service) = service else {
        return Err(cli_err(first.pos, "the following arguments are required: command"));
    };
    let Some(action) = action else {
        return Err(cli_err(first.pos, "the following arguments are required: operation").with_suggestion(
            format!("commands of `aws {}`: {}", service.cli, tables::command_names(service).join(", ")),
        ));
    };

    let bin_format = match globals.get("cli-binary-format") {
        None => BinaryFormat::Base64,
        Some((v, _)) if v == "base64" => BinaryFormat::Base64,
        Some((v, _)) if v == "raw-in-base64-out" => BinaryFormat::RawInBase64Out,
        Some((v, p)) => {
            return Err(cli_err(
                *p,
                format!("argument --cli-binary-format: Invalid choice '{v}', valid choices are: base64, raw-in-base64-out"),
            ))
        }
    };
    let output = match globals.get("output") {
        None => None,
        Some((v, p)) => Some(Format::parse(v).ok_or_else(|| {
            cli_err(*p, format!("argument --output: Invalid choice '{v}', valid choices are: json, text, table, yaml, yaml-stream"))
                .suggest(v, ["json", "text", "table"])
        })?),
    };
    let query = match globals.get("query") {
        None => None,
        Some((q, p)) => Some(jmespath::parse(q).map_err(|e| {
            ScriptError::new(
                *p,
                format!("Bad value for --query {q}: {} (at character {})", e.message, e.offset),
            )
        })?),
    };

    let mut cx = Cx::new(bin_format);
    let mut input = Map::new();
    if let Some((json, p)) = globals.get("cli-input-json") {
        let text = load_param(json, files, "--cli-input-json", *p)?;
        let v: Value = decouple_engine::json_text::from_str(&text).map_err(|e| {
            ScriptError::new(*p, format!("Error parsing parameter '--cli-input-json': Invalid JSON: {e}"))
        })?;
        let v = coerce(v, &Shape::Open(action.members), "", Source::Json, &mut cx)
            .map_err(|m| ScriptError::new(*p, format!("Parameter validation failed: {m}")))?;
        if let Value::Object(o) = v {
            input.extend(o);
        }
    }
    for (name, w, inline, values) in ops {
        if name == "zip-file" && action.name == "CreateFunction" {
            // The simulator runs built-in handlers, not code: a missing package is empty.
            let text = inline.clone().or_else(|| values.first().map(|v| v.text.clone())).unwrap_or_default();
            let bytes = load_bytes(&text, files, "--zip-file", w.pos).unwrap_or_default();
            let mut code = Map::new();
            code.insert("ZipFile".into(), Value::String(b64(&bytes)));
            input.insert("Code".into(), Value::Object(code));
            continue;
        }
        let Some((negated, member)) = find_member(action, &name) else {
            let names: Vec<String> =
                action.members.iter().map(|m| format!("--{}", option_name(action, m))).collect();
            let globals: Vec<String> = GLOBAL_WITH_VALUE.iter().map(|g| format!("--{g}")).collect();
            let wrong = format!("--{name}");
            let mut e = cli_err(w.pos, format!("Unknown options: --{name}"))
                .suggest(&wrong, names.iter().map(String::as_str));
            if e.suggestion.is_none() {
                e = e.suggest(&wrong, globals.iter().map(String::as_str));
            }
            if e.suggestion.is_none() {
                e = e.with_suggestion(format!("options of {}: {}", xform_name(action.name), names.join(" ")));
            }
            return Err(e);
        };
        let opt = format!("--{}", option_name(action, member));
        if action.name == "PutObject" && member.name == "Body" {
            // `s3api put-object --body` names a file (awscli's streaming blob argument).
            let text = inline.clone().or_else(|| values.first().map(|v| v.text.clone())).unwrap_or_default();
            let name =
                text.strip_prefix("fileb://").or_else(|| text.strip_prefix("file://")).unwrap_or(&text);
            let bytes = files.get(name).cloned().ok_or_else(|| {
                ScriptError::new(
                    w.pos,
                    format!("Error parsing parameter '--body': Blob values must be a path to a file: {name}"),
                )
                .with_suggestion(format!("embed it with `file {name} <<EOF` … `EOF`"))
            })?;
            input.insert("Body".into(), Value::String(b64(&bytes)));
            continue;
        }
        let value = if let Shape::Bool = member.shape {
            if inline.is_some() || !values.is_empty() {
                let v = inline.clone().or_else(|| values.first().map(|v| v.text.clone())).unwrap_or_default();
                return Err(cli_err(w.pos, format!("argument {opt}: ignored explicit argument '{v}'")));
            }
            Value::Bool(!negated)
        } else if let Some(v) = inline {
            let tmp = ExpWord { text: v, pos: w.pos, quoted: false };
            option_value(member, &opt, &[&tmp], files, &mut cx)?
        } else {
            if values.is_empty() {
                let need = if arity(member.shape) == Arity::Many {
                    "expected at least one argument"
                } else {
                    "expected one argument"
                };
                return Err(cli_err(w.pos, format!("argument {opt}: {need}")));
            }
            option_value(member, &opt, &values, files, &mut cx)?
        };
        input.insert(member.name.to_string(), value);
    }
    let mut outfile = None;
    match (action.positional, positional.as_slice()) {
        (Some(_), [w]) => outfile = Some(w.text.clone()),
        (Some(p), []) => {
            return Err(cli_err(first.pos, format!("the following arguments are required: {p}")))
        }
        (_, [w, ..]) => return Err(cli_err(w.pos, format!("Unknown options: {}", w.text))),
        (None, []) => {}
    }
    let missing: Vec<String> = action
        .members
        .iter()
        .filter(|m| m.required && !input.contains_key(m.name))
        .map(|m| format!("--{}", option_name(action, m)))
        .collect();
    if !missing.is_empty() {
        return Err(cli_err(
            first.pos,
            format!("the following arguments are required: {}", missing.join(", ")),
        ));
    }
    Ok(AwsCall {
        service,
        action,
        input: Value::Object(input),
        query,
        output,
        outfile,
        warnings: cx.warnings,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arity {
    Zero,
    One,
    Many,
}

fn arity(shape: &Shape) -> Arity {
    match shape {
        Shape::Bool => Arity::Zero,
        Shape::List(_) => Arity::Many,
        _ => Arity::One,
    }
}

/// Options the AWS CLI renames (awscli `customizations/argrename.py`): (action, member,
/// option name).
const RENAMES: &[(&str, &str, &str)] = &[("Subscribe", "Endpoint", "notification-endpoint")];

/// The option name of a member of `action`.
pub fn option_name(action: &Action, member: &Member) -> String {
    match RENAMES.iter().find(|r| r.0 == action.name && r.1 == member.name) {
        Some(r) => r.2.to_string(),
        None => xform_name(member.name),
    }
}

/// The member an option names; `true` when it is `--no-<flag>`.
fn find_member(action: &Action, name: &str) -> Option<(bool, &'static Member)> {
    let members: &'static [Member] = action.members;
    if let Some(m) = members.iter().find(|m| option_name(action, m) == name) {
        return Some((false, m));
    }
    let flag = name.strip_prefix("no-")?;
    members
        .iter()
        .find(|m| matches!(m.shape, Shape::Bool) && option_name(action, m) == flag)
        .map(|m| (true, m))
}

fn load_bytes(text: &str, files: &Files, opt: &str, pos: Pos) -> Result<Vec<u8>, ScriptError> {
    let name = text.strip_prefix("fileb://").or_else(|| text.strip_prefix("file://"));
    match name {
        Some(n) => files.get(n).cloned().ok_or_else(|| no_file(opt, text, n, pos)),
        None => Ok(text.as_bytes().to_vec()),
    }
}

fn no_file(opt: &str, text: &str, name: &str, pos: Pos) -> ScriptError {
    ScriptError::new(
        pos,
        format!("Error parsing parameter '{opt}': Unable to load paramfile {text}: [Errno 2] No such file or directory: '{name}'"),
    )
    .with_suggestion(format!("embed it with `file {name} <<EOF` … `EOF`, or put it beside the script"))
}

/// A `file://` parameter's text, or the text itself.
fn load_param(text: &str, files: &Files, opt: &str, pos: Pos) -> Result<String, ScriptError> {
    match text.strip_prefix("file://").or_else(|| text.strip_prefix("fileb://")) {
        Some(n) => files
            .get(n)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| no_file(opt, text, n, pos)),
        None => Ok(text.to_string()),
    }
}

fn option_value(
    member: &Member,
    opt: &str,
    values: &[&ExpWord],
    files: &Files,
    cx: &mut Cx,
) -> Result<Value, ScriptError> {
    let first = values.first().copied().ok_or_else(|| ScriptError::new(Pos::default(), "missing value"))?;
    let path = member.name;
    let fail = |w: &ExpWord, m: String| ScriptError::new(w.pos, format!("Parameter validation failed: {m}"));
    if values.len() > 1 && arity(member.shape) != Arity::Many {
        let w = values.get(1).copied().unwrap_or(first);
        return Err(cli_err(w.pos, format!("Unknown options: {}", w.text)));
    }
    match member.shape {
        Shape::Blob => {
            if first.text.starts_with("fileb://") {
                return Ok(Value::String(b64(&load_bytes(&first.text, files, opt, first.pos)?)));
            }
            let text = load_param(&first.text, files, opt, first.pos)?;
            coerce(Value::String(text), member.shape, path, Source::Shorthand, cx).map_err(|m| fail(first, m))
        }
        Shape::Str | Shape::Int | Shape::Timestamp | Shape::Bool => {
            let text = load_param(&first.text, files, opt, first.pos)?;
            coerce(Value::String(text), member.shape, path, Source::Shorthand, cx).map_err(|m| fail(first, m))
        }
        Shape::List(item) => {
            let text = load_param(&first.text, files, opt, first.pos)?;
            if values.len() == 1 && text.trim_start().starts_with('[') {
                let v = parse_json(&text, opt, first)?;
                return coerce(v, member.shape, path, Source::Json, cx).map_err(|m| fail(first, m));
            }
            let mut out = Vec::new();
            for (k, w) in values.iter().enumerate() {
                let text = if k == 0 { text.clone() } else { load_param(&w.text, files, opt, w.pos)? };
                let elem = if is_complex(item) {
                    complex(&text, opt, w)?
                } else {
                    (Value::String(text), Source::Shorthand)
                };
                let v = coerce(elem.0, item, &format!("{path}[{k}]"), elem.1, cx).map_err(|m| fail(w, m))?;
                out.push(v);
            }
            Ok(Value::Array(out))
        }
        Shape::Map(_) | Shape::Struct(_) | Shape::Open(_) => {
            let text = load_param(&first.text, files, opt, first.pos)?;
            let (v, src) = complex(&text, opt, first)?;
            coerce(v, member.shape, path, src, cx).map_err(|m| fail(first, m))
        }
    }
}

fn is_complex(s: &Shape) -> bool {
    matches!(s, Shape::Map(_) | Shape::Struct(_) | Shape::Open(_) | Shape::List(_))
}

/// JSON when the text starts with `{` or `[`, shorthand otherwise.
fn complex(text: &str, opt: &str, w: &ExpWord) -> Result<(Value, Source), ScriptError> {
    let t = text.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        return Ok((parse_json(text, opt, w)?, Source::Json));
    }
    match shorthand::parse(text) {
        Ok(v) => Ok((v, Source::Shorthand)),
        Err(e) => Err(ScriptError::new(
            at(w, e.offset),
            format!("Error parsing parameter '{opt}': {} for input: {text}", e.message),
        )
        .with_suggestion("shorthand is Key=Value,Key2=Value2; JSON must start with { or [")),
    }
}

fn parse_json(text: &str, opt: &str, w: &ExpWord) -> Result<Value, ScriptError> {
    decouple_engine::json_text::from_str(text).map_err(|e| {
        let pos = if e.line() == 1 && !w.text.starts_with("file") {
            at(w, e.column().saturating_sub(1))
        } else {
            w.pos
        };
        ScriptError::new(
            pos,
            format!("Error parsing parameter '{opt}': Invalid JSON: {e}\nJSON received: {text}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn words(s: &str) -> Vec<ExpWord> {
        let mut col = 1;
        s.split(' ')
            .map(|t| {
                let w = ExpWord { text: t.replace('~', " "), pos: Pos::new(1, col), quoted: false };
                col += t.chars().count() as u32 + 1;
                w
            })
            .collect()
    }

    fn call(s: &str) -> Result<AwsCall, ScriptError> {
        let mut files = Files::new();
        files.insert("attrs.json".into(), br#"{"DelaySeconds": "5"}"#.to_vec());
        parse(&words(s), &files)
    }

    #[test]
    fn builds_api_inputs() {
        let c = call("aws sqs send-message --queue-url u --message-body hi --delay-seconds 5 --message-attributes City={DataType=String,StringValue=Seoul}").unwrap();
        assert_eq!(c.action.name, "SendMessage");
        assert_eq!(
            c.input,
            json!({"QueueUrl": "u", "MessageBody": "hi", "DelaySeconds": 5,
                   "MessageAttributes": {"City": {"DataType": "String", "StringValue": "Seoul"}}})
        );
        let c = call("aws sqs receive-message --queue-url u --attribute-names All --message-attribute-names All --max-number-of-messages 10 --query Messages[0].Body --output text").unwrap();
        assert_eq!(
            c.input,
            json!({"QueueUrl": "u", "AttributeNames": ["All"], "MessageAttributeNames": ["All"], "MaxNumberOfMessages": 10})
        );
        assert_eq!(c.output, Some(Format::Text));
        let c = call("aws sqs create-queue --queue-name q --attributes file://attrs.json").unwrap();
        assert_eq!(c.input["Attributes"], json!({"DelaySeconds": "5"}));
        let c = call(
            "aws sqs delete-message-batch --queue-url u --entries Id=1,ReceiptHandle=a Id=2,ReceiptHandle=b",
        )
        .unwrap();
        assert_eq!(
            c.input["Entries"],
            json!([{"Id": "1", "ReceiptHandle": "a"}, {"Id": "2", "ReceiptHandle": "b"}])
        );
        let c = call("aws kinesis put-record --stream-name s --partition-key p --data hello --cli-binary-format raw-in-base64-out").unwrap();
        assert_eq!(c.input["Data"], json!("aGVsbG8="));
        let c = call("aws sns subscribe --topic-arn t --protocol sqs --endpoint q");
        assert_eq!(c.unwrap_err().suggestion.as_deref(), Some("did you mean --notification-endpoint?"));
        let c = call("aws sns subscribe --topic-arn t --protocol sqs --notification-endpoint q --no-return-subscription-arn").unwrap();
        assert_eq!(c.input["Endpoint"], json!("q"));
        assert_eq!(c.input["ReturnSubscriptionArn"], json!(false));
        let c = call("aws s3api get-object --bucket b --key k out.txt").unwrap();
        assert_eq!(c.outfile.as_deref(), Some("out.txt"));
    }

    #[test]
    fn errors_point_and_suggest() {
        let e = call("aws sqs send-message --queue-ur u --message-body x").unwrap_err();
        assert_eq!(e.pos, Pos::new(1, 22));
        assert_eq!(e.suggestion.as_deref(), Some("did you mean --queue-url?"));
        let e = call("aws sqs send-mesage --queue-url u").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("did you mean send-message?"));
        let e = call("aws sqs send-message --queue-url u").unwrap_err();
        assert!(e.message.contains("required: --message-body"), "{e}");
        let e = call("aws sqs create-queue --queue-name q --attributes {\"a\":}").unwrap_err();
        assert!(e.message.contains("Invalid JSON"), "{e}");
        let e = call("aws sqs create-queue --queue-name q --attributes nokey").unwrap_err();
        assert!(e.message.contains("Expected: '='"), "{e}");
        let c = call("aws kinesis put-record --stream-name s --partition-key p --data hello!").unwrap();
        assert!(c.warnings[0].contains("Invalid base64"), "{:?}", c.warnings);
        let e = call("aws sqs create-queue --queue-name q --attributes file://nope.json").unwrap_err();
        assert!(e.message.contains("Unable to load paramfile"), "{e}");
    }
}
