//! Click-driven AWS calls. Each form names its fields exactly as the AWS API does, shows
//! AWS's defaults and ranges, and sends only what differs from the default (so a scenario
//! reads like the calls a person would write). Answers and AWS errors appear under the forms.

use decouple_engine::collections::VecMap;

use base64::Engine;
use serde_json::{json, Map, Value};
use web_sys::Element;
use yew::prelude::*;

use crate::app::{input_value, Props};
use crate::el::el;
use crate::i18n::{t, Lang};
use crate::world::World;
use decouple_engine::float::parse_f64;

#[derive(Clone, PartialEq)]
enum Kind {
    Text,
    /// A number member. AWS's range is only a hint: the form never blocks a value, so a
    /// wrong one reaches the engine and the learner reads AWS's own error.
    Number,
    Select(Vec<(String, String)>),
    Check,
    /// JSON, validated as you type.
    Json,
    Area,
}

#[derive(Clone, PartialEq)]
struct Field {
    name: &'static str,
    kind: Kind,
    default: String,
    hint: &'static str,
}

fn f(name: &'static str, kind: Kind, default: &str, hint: &'static str) -> Field {
    Field { name, kind, default: default.into(), hint }
}

/// A number as the learner typed it: an integer or a decimal as a JSON number, anything else
/// as a string, so AWS's validation (or the JSON protocol's type check) answers it.
pub fn number_value(s: &str) -> Value {
    let t = s.trim();
    if let Ok(n) = t.parse::<i64>() {
        return json!(n);
    }
    if let Some(n) = parse_f64(t).and_then(serde_json::Number::from_f64) {
        return Value::Number(n);
    }
    Value::String(s.to_string())
}

struct Spec {
    id: &'static str,
    title: &'static str,
    fields: Vec<Field>,
}

fn opts(items: impl Iterator<Item = (String, String)>) -> Kind {
    Kind::Select(items.collect())
}

/// A shard in a menu: `clicks · shard 3` (the value is its ShardId).
fn shard_option(lang: Lang, stream: &str, id: &str) -> String {
    let n = id.trim_start_matches("shardId-").trim_start_matches('0');
    format!("{stream} · {} {}", t(lang, "stream.shard"), if n.is_empty() { "0" } else { n })
}

fn queue_opts(w: &World) -> Kind {
    opts(w.queues.values().map(|q| (q.url.clone(), q.name.clone())))
}

fn specs(w: &World, lang: Lang) -> Vec<Spec> {
    let none = (String::new(), t(lang, "form.none").to_string());
    let dlq =
        opts(std::iter::once(none.clone()).chain(w.queues.values().map(|q| (q.arn.clone(), q.name.clone()))));
    let topics = opts(w.topics.values().map(|t| (t.arn.clone(), t.name.clone())));
    let streams = opts(w.streams.values().map(|s| (s.name.clone(), s.name.clone())));
    let shards = opts(w.streams.values().flat_map(|s| {
        s.shards
            .iter()
            .filter(|sh| !sh.closed)
            .map(move |sh| (sh.id.clone(), shard_option(lang, &s.name, &sh.id)))
    }));
    // MergeShards: the first pair of open shards of the first stream whose hash-key ranges
    // touch (after a split, the two children).
    let (merge_first, adjacent) = w
        .streams
        .values()
        .next()
        .and_then(|s| {
            let mut open: Vec<_> = s.shards.iter().filter(|sh| !sh.closed).collect();
            decouple_engine::collections::sort_by(&mut open, &|a, b| a.start.cmp(&b.start));
            open.windows(2)
                .find(|p| p[0].end.checked_add(1) == Some(p[1].start))
                .map(|p| (p[0].id.clone(), p[1].id.clone()))
        })
        .unwrap_or_default();
    let all_shards =
        opts(w.streams.values().flat_map(|s| {
            s.shards.iter().map(move |sh| (sh.id.clone(), shard_option(lang, &s.name, &sh.id)))
        }));
    let readers = opts(w.streams.values().flat_map(|s| {
        s.readers.iter().filter_map(move |r| {
            let it = r.iterator.clone()?;
            let label = crate::world::reader_label(lang, r);
            let shard = r.shard.trim_start_matches("shardId-").trim_start_matches('0');
            let shard = format!("{} {}", t(lang, "stream.shard"), if shard.is_empty() { "0" } else { shard });
            Some((it, format!("{} · {label} · {shard} ({}: {})", s.name, t(lang, "readers.read"), r.read)))
        })
    }));
    let buckets = opts(w.buckets.values().map(|b| (format!("arn:aws:s3:::{}", b.name), b.name.clone())));
    let firehoses = opts(w.firehoses.values().map(|f| (f.name.clone(), f.name.clone())));
    let mut endpoints: Vec<(String, String)> =
        w.queues.values().map(|q| (q.arn.clone(), format!("sqs: {}", q.name))).collect();
    endpoints.extend(w.functions.values().map(|f| {
        (format!("arn:aws:lambda:us-east-1:000000000000:function:{}", f.name), format!("lambda: {}", f.name))
    }));
    vec![
        Spec {
            id: "sqs.CreateQueue",
            title: "form.queue",
            fields: vec![
                f("QueueName", Kind::Text, "orders", "1–80: A–Z a–z 0–9 - _ (.fifo)"),
                f("FifoQueue", Kind::Check, "", "FIFO"),
                f("VisibilityTimeout", Kind::Number, "30", "0–43200 s"),
                f("DelaySeconds", Kind::Number, "0", "0–900 s"),
                f("MessageRetentionPeriod", Kind::Number, "345600", "60–1209600 s"),
                f("ReceiveMessageWaitTimeSeconds", Kind::Number, "0", "0–20 s"),
                f("ContentBasedDeduplication", Kind::Check, "", "FIFO"),
                f("deadLetterTargetArn", dlq, "", "RedrivePolicy"),
                f("maxReceiveCount", Kind::Number, "3", "RedrivePolicy 1–1000"),
            ],
        },
        Spec {
            id: "sqs.SendMessage",
            title: "form.send",
            fields: vec![
                f("QueueUrl", queue_opts(w), "", ""),
                f("MessageBody", Kind::Area, "hello", "≤ 1 MiB"),
                f("MessageGroupId", Kind::Text, "", "FIFO"),
                f("MessageDeduplicationId", Kind::Text, "", "FIFO"),
                f("DelaySeconds", Kind::Number, "", "0–900 s"),
                f("MessageAttributes", Kind::Json, "", "{\"color\": \"red\"}"),
            ],
        },
        Spec {
            id: "sqs.ReceiveMessage",
            title: "form.receive",
            fields: vec![
                f("QueueUrl", queue_opts(w), "", ""),
                f("MaxNumberOfMessages", Kind::Number, "1", "1–10"),
                f("VisibilityTimeout", Kind::Number, "", "0–43200 s"),
                f("WaitTimeSeconds", Kind::Number, "", "0–20 s"),
            ],
        },
        Spec {
            id: "sqs.SetQueueAttributes",
            title: "form.set_attributes",
            fields: vec![
                f("QueueUrl", queue_opts(w), "", ""),
                f(
                    "PolicyForTopic",
                    opts(
                        std::iter::once(none.clone())
                            .chain(w.topics.values().map(|t| (t.arn.clone(), t.name.clone()))),
                    ),
                    "",
                    "Policy: sns.amazonaws.com → sqs:SendMessage, aws:SourceArn",
                ),
                f("Policy", Kind::Json, "", "{\"Version\": \"2012-10-17\", \"Statement\": […]}"),
                f("VisibilityTimeout", Kind::Number, "", "0–43200 s"),
                f("DelaySeconds", Kind::Number, "", "0–900 s"),
                f("MessageRetentionPeriod", Kind::Number, "", "60–1209600 s"),
                f("ReceiveMessageWaitTimeSeconds", Kind::Number, "", "0–20 s"),
            ],
        },
        Spec {
            id: "sqs.PurgeQueue",
            title: "form.purge",
            fields: vec![f("QueueUrl", queue_opts(w), "", "")],
        },
        Spec {
            id: "sqs.DeleteQueue",
            title: "form.delete_queue",
            fields: vec![f("QueueUrl", queue_opts(w), "", "")],
        },
        Spec {
            id: "sqs.StartMessageMoveTask",
            title: "form.movetask",
            fields: vec![
                f("SourceArn", opts(w.queues.values().map(|q| (q.arn.clone(), q.name.clone()))), "", "DLQ"),
                f(
                    "DestinationArn",
                    opts(
                        std::iter::once(none.clone())
                            .chain(w.queues.values().map(|q| (q.arn.clone(), q.name.clone()))),
                    ),
                    "",
                    "",
                ),
                f("MaxNumberOfMessagesPerSecond", Kind::Number, "", "1–500"),
            ],
        },
        Spec {
            id: "sns.CreateTopic",
            title: "form.topic",
            fields: vec![
                f("Name", Kind::Text, "events", "1–256 (.fifo)"),
                f("ContentBasedDeduplication", Kind::Check, "", "FIFO"),
            ],
        },
        Spec {
            id: "sns.Subscribe",
            title: "form.subscribe",
            fields: vec![
                f("TopicArn", topics.clone(), "", ""),
                f(
                    "Protocol",
                    opts(
                        ["sqs", "lambda", "http", "https", "email", "email-json", "sms"]
                            .iter()
                            .map(|p| (p.to_string(), p.to_string())),
                    ),
                    "sqs",
                    "",
                ),
                f("Endpoint", opts(endpoints.into_iter()), "", "sqs / lambda"),
                f("EndpointText", Kind::Text, "", "http(s) URL, email, +phone"),
                f("FilterPolicy", Kind::Json, "", "{\"color\": [\"red\"]}"),
                f(
                    "FilterPolicyScope",
                    opts(["MessageAttributes", "MessageBody"].iter().map(|p| (p.to_string(), p.to_string()))),
                    "MessageAttributes",
                    "",
                ),
                f("RawMessageDelivery", Kind::Check, "", ""),
                f("AllowInQueuePolicy", Kind::Check, "true", "sqs: SetQueueAttributes Policy first"),
            ],
        },
        Spec {
            id: "sns.Publish",
            title: "form.publish",
            fields: vec![
                f("TopicArn", topics, "", ""),
                f("Message", Kind::Area, "hello", "≤ 256 KiB"),
                f("Subject", Kind::Text, "", ""),
                f("MessageAttributes", Kind::Json, "", "{\"color\": \"red\"}"),
                f("MessageGroupId", Kind::Text, "", "FIFO"),
                f("MessageDeduplicationId", Kind::Text, "", "FIFO"),
            ],
        },
        Spec {
            id: "kinesis.CreateStream",
            title: "form.stream",
            fields: vec![
                f("StreamName", Kind::Text, "clicks", "1–128"),
                f("ShardCount", Kind::Number, "2", "≥ 1"),
            ],
        },
        Spec {
            id: "kinesis.PutRecord",
            title: "form.put",
            fields: vec![
                f("StreamName", streams.clone(), "", ""),
                f("PartitionKey", Kind::Text, "user-1", "1–256"),
                f("Data", Kind::Area, "click", "≤ 1 MiB"),
                f("ExplicitHashKey", Kind::Text, "", "0 … 2¹²⁸−1"),
            ],
        },
        Spec {
            id: "kinesis.GetShardIterator",
            title: "form.iterator",
            fields: vec![
                f("StreamName", streams.clone(), "", ""),
                f("ShardId", all_shards, "", ""),
                f(
                    "ShardIteratorType",
                    opts(
                        [
                            "TRIM_HORIZON",
                            "LATEST",
                            "AT_SEQUENCE_NUMBER",
                            "AFTER_SEQUENCE_NUMBER",
                            "AT_TIMESTAMP",
                        ]
                        .iter()
                        .map(|p| (p.to_string(), p.to_string())),
                    ),
                    "TRIM_HORIZON",
                    "",
                ),
                f("StartingSequenceNumber", Kind::Text, "", "AT_/AFTER_ SEQUENCE_NUMBER"),
                f("Timestamp", Kind::Text, "", "AT_TIMESTAMP: epoch s or ISO 8601"),
            ],
        },
        Spec {
            id: "kinesis.GetRecords",
            title: "form.get_records",
            fields: vec![
                f("ShardIterator", readers, "", "← GetShardIterator"),
                f("Limit", Kind::Number, "", "1–10000"),
            ],
        },
        Spec {
            id: "kinesis.SplitShard",
            title: "form.split",
            fields: vec![
                f("StreamName", streams.clone(), "", ""),
                f("ShardToSplit", shards.clone(), "", ""),
                f("NewStartingHashKey", Kind::Text, "", "midpoint if empty"),
            ],
        },
        Spec {
            id: "kinesis.MergeShards",
            title: "form.merge",
            fields: vec![
                f("StreamName", streams, "", ""),
                f("ShardToMerge", shards.clone(), &merge_first, ""),
                f("AdjacentShardToMerge", shards, &adjacent, ""),
            ],
        },
        Spec {
            id: "lambda.CreateFunction",
            title: "form.function",
            fields: vec![
                f("FunctionName", Kind::Text, "worker", "1–64"),
                f(
                    "Handler",
                    opts(
                        [
                            "pass-through",
                            "add-newline",
                            "fail-when:error",
                            "throw-when:error",
                            "slow:2000",
                            "crash-every:3",
                        ]
                        .iter()
                        .map(|h| (h.to_string(), h.to_string())),
                    ),
                    "pass-through",
                    "built-in handler",
                ),
                f("Timeout", Kind::Number, "3", "1–900 s"),
            ],
        },
        Spec {
            id: "s3.CreateBucket",
            title: "form.bucket",
            fields: vec![f("Bucket", Kind::Text, "archive", "3–63")],
        },
        Spec {
            id: "firehose.CreateDeliveryStream",
            title: "form.firehose",
            fields: vec![
                f("DeliveryStreamName", Kind::Text, "to-s3", "1–64"),
                f("BucketARN", buckets, "", ""),
                f("SizeInMBs", Kind::Number, "5", "1–128 MiB"),
                f("IntervalInSeconds", Kind::Number, "300", "0–900 s"),
            ],
        },
        Spec {
            id: "firehose.PutRecord",
            title: "form.put",
            fields: vec![
                f("DeliveryStreamName", firehoses, "", ""),
                f("Data", Kind::Area, "{\"click\":1}\n", "≤ 1000 KiB"),
            ],
        },
    ]
}

/// Turns `{"k": "v", "n": 3}` or AWS's full shape into AWS `MessageAttributes`.
fn message_attributes(v: &Value) -> Value {
    let Value::Object(m) = v else { return v.clone() };
    let mut out = Map::new();
    for (k, val) in m {
        let attr = match val {
            Value::Object(o) if o.contains_key("DataType") => val.clone(),
            Value::Number(n) => json!({"DataType": "Number", "StringValue": n.to_string()}),
            Value::Array(_) => json!({"DataType": "String.Array", "StringValue": val.to_string()}),
            Value::String(s) => json!({"DataType": "String", "StringValue": s}),
            other => json!({"DataType": "String", "StringValue": other.to_string()}),
        };
        out.insert(k.clone(), attr);
    }
    Value::Object(out)
}

/// The queue policy AWS requires before a topic can deliver to a queue: the SNS service
/// principal may `sqs:SendMessage` when `aws:SourceArn` is the topic
/// (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html).
fn topic_policy(queue_arn: &str, topic_arn: &str) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "AllowTopicToSendMessage",
            "Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": queue_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}}
        }]
    })
}

/// The queue (by ARN) Policy with a statement letting `topic_arn` send added, unless one
/// already does: (QueueUrl, Policy text).
fn policy_with_topic(w: &World, queue_arn: &str, topic_arn: &str) -> Option<(String, String)> {
    let q = w.queues.values().find(|q| q.arn == queue_arn)?;
    if topic_arn.is_empty() {
        return None;
    }
    let fresh = topic_policy(queue_arn, topic_arn);
    let mut policy = q
        .attributes
        .get("Policy")
        .and_then(|p| decouple_engine::json_text::from_str::<Value>(p).ok())
        .filter(|p| p.get("Statement").is_some_and(Value::is_array))
        .unwrap_or_else(|| json!({"Version": "2012-10-17", "Statement": []}));
    let statements = policy.get_mut("Statement")?.as_array_mut()?;
    let allows = statements.iter().any(|st| {
        let text = st.to_string();
        st.get("Effect").and_then(Value::as_str) == Some("Allow")
            && text.contains("sns.amazonaws.com")
            && (text.contains(&format!("\"{topic_arn}\"")) || st.get("Condition").is_none())
    });
    if allows {
        return None;
    }
    let mut st = fresh.get("Statement")?.get(0)?.clone();
    let n = statements.len();
    if n > 0 {
        st["Sid"] = json!(format!("AllowTopicToSendMessage{}", n + 1));
    }
    statements.push(st);
    Some((q.url.clone(), policy.to_string()))
}

/// Members whose choice carries over to the next form (resources; not per-call details
/// such as a dead-letter target or a shard).
const STICKY: &[&str] = &["QueueUrl", "TopicArn", "StreamName", "DeliveryStreamName", "Endpoint", "Protocol"];

/// Keeps the resources a successful call used or created for the next forms.
fn remember(sticky: &mut VecMap<&'static str, String>, id: &str, values: &VecMap<&str, String>, w: &World) {
    for name in STICKY {
        if let Some(v) = values.get(name).filter(|v| !v.is_empty()) {
            sticky.insert(name, v.clone());
        }
    }
    let made = |member: &str| values.get(member).cloned().unwrap_or_default();
    match id {
        "sqs.CreateQueue" => {
            if let Some(q) = w.queues.get(&made("QueueName")) {
                sticky.insert("QueueUrl", q.url.clone());
                sticky.insert("Endpoint", q.arn.clone());
            }
        }
        "sns.CreateTopic" => {
            if let Some(t) = w.topics.values().find(|t| t.name == made("Name")) {
                sticky.insert("TopicArn", t.arn.clone());
            }
        }
        "kinesis.CreateStream" => {
            sticky.insert("StreamName", made("StreamName"));
        }
        "firehose.CreateDeliveryStream" => {
            sticky.insert("DeliveryStreamName", made("DeliveryStreamName"));
        }
        _ => {}
    }
}

/// The option a select starts on: the default if it is one of them, else the first. (Said
/// explicitly: yew inserts a list's elements last first, so the browser would otherwise keep
/// the last option selected.)
fn pick<'a>(options: &'a [(String, String)], default: &'a str) -> &'a str {
    if options.iter().any(|(v, _)| v == default) {
        default
    } else {
        options.first().map(|(v, _)| v.as_str()).unwrap_or("")
    }
}

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
}

/// Builds the AWS input of a form from its values (only non-default members).
fn build(id: &str, v: &VecMap<&str, String>, w: &World) -> Result<Value, String> {
    let mut m = Map::new();
    let get = |k: &str| v.get(k).cloned().unwrap_or_default();
    let put_str = |m: &mut Map<String, Value>, k: &str| {
        let s = get(k);
        if !s.is_empty() {
            m.insert(k.to_string(), Value::String(s));
        }
    };
    let put_num = |m: &mut Map<String, Value>, k: &str| {
        let s = get(k);
        if !s.trim().is_empty() {
            m.insert(k.to_string(), number_value(&s));
        }
    };
    let parse_json = |k: &str| -> Result<Option<Value>, String> {
        let s = get(k);
        if s.trim().is_empty() {
            return Ok(None);
        }
        decouple_engine::json_text::from_str(&s).map(Some).map_err(|e| format!("{k}: {e}"))
    };
    match id {
        "sqs.CreateQueue" => {
            let mut name = get("QueueName");
            let fifo = !get("FifoQueue").is_empty();
            if fifo && !name.ends_with(".fifo") {
                name.push_str(".fifo");
            }
            m.insert("QueueName".into(), json!(name));
            let mut attrs = Map::new();
            if fifo {
                attrs.insert("FifoQueue".into(), json!("true"));
            }
            if !get("ContentBasedDeduplication").is_empty() {
                attrs.insert("ContentBasedDeduplication".into(), json!("true"));
            }
            for (k, d) in [
                ("VisibilityTimeout", "30"),
                ("DelaySeconds", "0"),
                ("MessageRetentionPeriod", "345600"),
                ("ReceiveMessageWaitTimeSeconds", "0"),
            ] {
                let s = get(k);
                if !s.is_empty() && s != d {
                    attrs.insert(k.into(), json!(s));
                }
            }
            let dlq = get("deadLetterTargetArn");
            if !dlq.is_empty() {
                let max = get("maxReceiveCount");
                let max = if max.trim().is_empty() { json!(3) } else { number_value(&max) };
                attrs.insert(
                    "RedrivePolicy".into(),
                    json!(json!({"deadLetterTargetArn": dlq, "maxReceiveCount": max}).to_string()),
                );
            }
            if !attrs.is_empty() {
                m.insert("Attributes".into(), Value::Object(attrs));
            }
        }
        "sqs.SendMessage" => {
            put_str(&mut m, "QueueUrl");
            m.insert("MessageBody".into(), json!(get("MessageBody")));
            put_str(&mut m, "MessageGroupId");
            put_str(&mut m, "MessageDeduplicationId");
            put_num(&mut m, "DelaySeconds");
            if let Some(a) = parse_json("MessageAttributes")? {
                m.insert("MessageAttributes".into(), message_attributes(&a));
            }
        }
        "sqs.ReceiveMessage" => {
            put_str(&mut m, "QueueUrl");
            if get("MaxNumberOfMessages") != "1" {
                put_num(&mut m, "MaxNumberOfMessages");
            }
            put_num(&mut m, "VisibilityTimeout");
            put_num(&mut m, "WaitTimeSeconds");
            m.insert("MessageSystemAttributeNames".into(), json!(["All"]));
            m.insert("MessageAttributeNames".into(), json!(["All"]));
        }
        "sqs.DeleteQueue" | "sqs.PurgeQueue" => put_str(&mut m, "QueueUrl"),
        "sqs.SetQueueAttributes" => {
            put_str(&mut m, "QueueUrl");
            let mut attrs = Map::new();
            // The Policy as typed: SQS answers malformed JSON with its own error.
            let policy = get("Policy");
            if !policy.trim().is_empty() {
                attrs.insert("Policy".into(), json!(policy));
            } else if !get("PolicyForTopic").is_empty() {
                let url = get("QueueUrl");
                let queue_arn =
                    w.queues.values().find(|q| q.url == url).map(|q| q.arn.clone()).unwrap_or_default();
                attrs.insert(
                    "Policy".into(),
                    json!(topic_policy(&queue_arn, &get("PolicyForTopic")).to_string()),
                );
            }
            for k in [
                "VisibilityTimeout",
                "DelaySeconds",
                "MessageRetentionPeriod",
                "ReceiveMessageWaitTimeSeconds",
            ] {
                let s = get(k);
                if !s.trim().is_empty() {
                    attrs.insert(k.into(), json!(s.trim()));
                }
            }
            m.insert("Attributes".into(), Value::Object(attrs));
        }
        "lambda.CreateFunction" => {
            put_str(&mut m, "FunctionName");
            put_str(&mut m, "Handler");
            m.insert("Runtime".into(), json!("provided.al2023"));
            m.insert("Role".into(), json!("arn:aws:iam::000000000000:role/lambda"));
            if get("Timeout") != "3" {
                put_num(&mut m, "Timeout");
            }
        }
        "sqs.StartMessageMoveTask" => {
            put_str(&mut m, "SourceArn");
            put_str(&mut m, "DestinationArn");
            put_num(&mut m, "MaxNumberOfMessagesPerSecond");
        }
        "sns.CreateTopic" => {
            let name = get("Name");
            let mut attrs = Map::new();
            if name.ends_with(".fifo") {
                attrs.insert("FifoTopic".into(), json!("true"));
            }
            // Sent as ticked, even for a standard topic: SNS answers that with its own error.
            if !get("ContentBasedDeduplication").is_empty() {
                attrs.insert("ContentBasedDeduplication".into(), json!("true"));
            }
            if !attrs.is_empty() {
                m.insert("Attributes".into(), Value::Object(attrs));
            }
            m.insert("Name".into(), json!(name));
        }
        "sns.Subscribe" => {
            put_str(&mut m, "TopicArn");
            let protocol = get("Protocol");
            let endpoint = if matches!(protocol.as_str(), "sqs" | "lambda") {
                get("Endpoint")
            } else {
                get("EndpointText")
            };
            m.insert("Protocol".into(), json!(protocol));
            m.insert("Endpoint".into(), json!(endpoint));
            let mut attrs = Map::new();
            // The policy as typed: SNS answers malformed JSON with its own error.
            let policy = get("FilterPolicy");
            if !policy.trim().is_empty() {
                attrs.insert("FilterPolicy".into(), json!(policy));
                if get("FilterPolicyScope") == "MessageBody" {
                    attrs.insert("FilterPolicyScope".into(), json!("MessageBody"));
                }
            }
            if !get("RawMessageDelivery").is_empty() {
                attrs.insert("RawMessageDelivery".into(), json!("true"));
            }
            if !attrs.is_empty() {
                m.insert("Attributes".into(), Value::Object(attrs));
            }
            m.insert("ReturnSubscriptionArn".into(), json!(true));
        }
        "sns.Publish" => {
            put_str(&mut m, "TopicArn");
            m.insert("Message".into(), json!(get("Message")));
            put_str(&mut m, "Subject");
            put_str(&mut m, "MessageGroupId");
            put_str(&mut m, "MessageDeduplicationId");
            if let Some(a) = parse_json("MessageAttributes")? {
                m.insert("MessageAttributes".into(), message_attributes(&a));
            }
        }
        "kinesis.CreateStream" => {
            put_str(&mut m, "StreamName");
            put_num(&mut m, "ShardCount");
        }
        "kinesis.PutRecord" => {
            put_str(&mut m, "StreamName");
            m.insert("PartitionKey".into(), json!(get("PartitionKey")));
            m.insert("Data".into(), json!(b64(&get("Data"))));
            put_str(&mut m, "ExplicitHashKey");
        }
        "kinesis.GetShardIterator" => {
            put_str(&mut m, "StreamName");
            put_str(&mut m, "ShardId");
            put_str(&mut m, "ShardIteratorType");
            put_str(&mut m, "StartingSequenceNumber");
            // Epoch seconds or ISO 8601, as the AWS CLI takes it; anything else goes as typed,
            // for Kinesis to answer.
            let ts = get("Timestamp");
            if !ts.trim().is_empty() {
                match decouple_script::value::parse_timestamp(&ts) {
                    Some(n) => m.insert("Timestamp".into(), json!(n)),
                    None => m.insert("Timestamp".into(), json!(ts)),
                };
            }
        }
        "kinesis.GetRecords" => {
            put_str(&mut m, "ShardIterator");
            put_num(&mut m, "Limit");
        }
        "kinesis.SplitShard" => {
            put_str(&mut m, "StreamName");
            put_str(&mut m, "ShardToSplit");
            let mut key = get("NewStartingHashKey");
            if key.is_empty() {
                let shard = get("ShardToSplit");
                if let Some(sh) =
                    w.streams.get(&get("StreamName")).and_then(|s| s.shards.iter().find(|sh| sh.id == shard))
                {
                    key = (sh.start + (sh.end - sh.start) / 2 + 1).to_string();
                }
            }
            m.insert("NewStartingHashKey".into(), json!(key));
        }
        "kinesis.MergeShards" => {
            put_str(&mut m, "StreamName");
            put_str(&mut m, "ShardToMerge");
            put_str(&mut m, "AdjacentShardToMerge");
        }
        "s3.CreateBucket" => put_str(&mut m, "Bucket"),
        "firehose.CreateDeliveryStream" => {
            put_str(&mut m, "DeliveryStreamName");
            let or = |k: &str, d: u64| {
                let s = get(k);
                if s.trim().is_empty() {
                    json!(d)
                } else {
                    number_value(&s)
                }
            };
            let (size, interval) = (or("SizeInMBs", 5), or("IntervalInSeconds", 300));
            m.insert("DeliveryStreamType".into(), json!("DirectPut"));
            m.insert(
                "ExtendedS3DestinationConfiguration".into(),
                json!({
                    "RoleARN": "arn:aws:iam::000000000000:role/firehose",
                    "BucketARN": get("BucketARN"),
                    "BufferingHints": {"SizeInMBs": size, "IntervalInSeconds": interval},
                }),
            );
        }
        "firehose.PutRecord" => {
            put_str(&mut m, "DeliveryStreamName");
            m.insert("Record".into(), json!({"Data": b64(&get("Data"))}));
        }
        _ => {}
    }
    Ok(Value::Object(m))
}

/// A filter policy checked by SNS's own rules (JSON, then the policy language) for the scope
/// chosen in the same form; the error is the one Subscribe would answer.
fn filter_policy_check(el: &web_sys::HtmlTextAreaElement, text: &str) -> Result<(), String> {
    use decouple_engine::sns::filter_policy::{FilterPolicy, FilterPolicyScope, PolicyOrigin};
    let body_scope = el.form().is_some_and(|f| input_value(&f, "FilterPolicyScope") == "MessageBody");
    let scope =
        if body_scope { FilterPolicyScope::MessageBody } else { FilterPolicyScope::MessageAttributes };
    FilterPolicy::parse(text, scope, PolicyOrigin::Subscribe)
        .map(|_| ())
        .map_err(|e| format!("{}: {}", e.code, e.message))
}

#[derive(Properties, PartialEq)]
struct JsonFieldProps {
    name: &'static str,
    hint: &'static str,
    lang: Lang,
}

/// A JSON editor validated as you type (filter policies, message attributes).
#[function_component(JsonField)]
fn json_field(p: &JsonFieldProps) -> Html {
    let state = use_state(|| None::<Result<(), String>>);
    let oninput = {
        let state = state.clone();
        let name = p.name;
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let v = el.value();
            state.set(if v.trim().is_empty() {
                None
            } else if name == "FilterPolicy" {
                Some(filter_policy_check(&el, &v))
            } else {
                Some(decouple_engine::json_text::from_str::<Value>(&v).map(|_| ()).map_err(|e| e.to_string()))
            });
        })
    };
    // A filter policy says so; other JSON members (attributes, a queue Policy) are just JSON.
    let (ok, bad) = if p.name == "FilterPolicy" {
        ("form.policy_ok", "form.policy_bad")
    } else {
        ("form.json_ok", "form.json_bad")
    };
    let (class, msg) = match &*state {
        None => ("json", String::new()),
        Some(Ok(())) => ("json valid", format!("✓ {}", t(p.lang, ok))),
        Some(Err(e)) => ("json invalid", format!("✗ {}: {e}", t(p.lang, bad))),
    };
    html! {
        <>
            <textarea name={p.name} class={class} rows="3" placeholder={p.hint} spellcheck="false" {oninput}
                aria-invalid={matches!(&*state, Some(Err(_))).to_string()} />
            <span class="validation" aria-live="polite">{msg}</span>
        </>
    }
}

#[function_component(Forms)]
pub fn forms(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    let open = use_state(|| "sqs.CreateQueue".to_string());
    // The resource last used or created, per member (a queue made, then sent to and
    // received from, stays chosen across forms).
    let sticky = use_mut_ref(VecMap::<&'static str, String>::new);
    let specs = {
        let sim = ctl.sim.borrow();
        specs(&sim.world, lang)
    };
    let flash = ctl.flash.borrow().clone();
    let tabs = specs.iter().map(|s| {
        let open = open.clone();
        let id = s.id.to_string();
        let active = *open == id;
        let onclick = Callback::from(move |_| open.set(id.clone()));
        html! {
            <button class={classes!("tab", active.then_some("active"))} aria-pressed={active.to_string()} data-form={s.id} {onclick}>
                {t(lang, s.title)}<small>{format!(" {}", s.id.split('.').next().unwrap_or(""))}</small>
            </button>
        }
    }).collect::<Vec<Html>>();
    let body = specs.into_iter().find(|s| *open == s.id).map(|spec| {
        let id = spec.id;
        let field_names: Vec<&'static str> = spec.fields.iter().map(|f| f.name).collect();
        let onsubmit = {
            let ctl = ctl.clone();
            let sticky = sticky.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let Some(form) = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok()) else { return };
                let values: VecMap<&str, String> =
                    decouple_engine::collections::btree_map(field_names.iter().map(|n| (*n, input_value(&form, n))));
                let input = {
                    let sim = ctl.sim.borrow();
                    build(id, &values, &sim.world)
                };
                match input {
                    Ok(input) => {
                        let (svc, action) = id.split_once('.').unwrap_or(("", ""));
                        // An SQS subscription: the queue Policy must let the topic send; set
                        // it first when asked (as the SQS console does), keeping what is there.
                        let policy = (id == "sns.Subscribe"
                            && values.get("AllowInQueuePolicy").is_some_and(|v| v == "true")
                            && values.get("Protocol").is_some_and(|v| v == "sqs"))
                        .then(|| {
                            let sim = ctl.sim.borrow();
                            policy_with_topic(
                                &sim.world,
                                values.get("Endpoint").map_or("", String::as_str),
                                values.get("TopicArn").map_or("", String::as_str),
                            )
                        })
                        .flatten();
                        let set_policy = policy.is_some();
                        if let Some((url, policy)) = policy {
                            ctl.call("sqs", "SetQueueAttributes", json!({"QueueUrl": url, "Attributes": {"Policy": policy}}));
                        }
                        let answer = ctl.call(svc, action, input);
                        if answer.get("error").is_none() {
                            remember(&mut sticky.borrow_mut(), id, &values, &ctl.sim.borrow().world);
                            if set_policy {
                                // Say both calls happened (the Policy one is easy to miss).
                                *ctl.flash.borrow_mut() = Some((true, format!("sqs.SetQueueAttributes (Policy) · {id}")));
                                ctl.refresh_views();
                            }
                        }
                    }
                    Err(msg) => {
                        *ctl.flash.borrow_mut() = Some((false, msg));
                        ctl.refresh_views();
                    }
                }
            })
        };
        let fields = spec.fields.into_iter().map(|fd| {
            // Hints in words come from the catalog; ranges and AWS names stay as they are.
            let hint = crate::i18n::t_opt(lang, &format!("hint.{}", fd.hint)).unwrap_or(fd.hint);
            let label = html! { <span class="fname">{camel_breaks(fd.name)}<small>{format!(" {hint}")}</small></span> };
            let control = match fd.kind {
                // Defaults, not values: a re-render (the log catching up, a frame while
                // playing) must never undo what the learner typed.
                Kind::Text => html! { <input type="text" name={fd.name} ~defaultValue={fd.default.clone()} /> },
                // Text, not type=number: the browser would refuse out-of-range or non-integer
                // values before AWS could answer them.
                Kind::Number => html! {
                    <input type="text" class="num" name={fd.name} ~defaultValue={fd.default.clone()} placeholder={fd.hint} autocomplete="off" />
                },
                Kind::Check => html! { <input type="checkbox" name={fd.name} ~defaultChecked={fd.default == "true"} /> },
                Kind::Area => html! { <textarea name={fd.name} rows="2" defaultvalue={fd.default.clone()} /> },
                Kind::Json => html! { <JsonField name={fd.name} hint={fd.hint} lang={lang} /> },
                Kind::Select(options) => {
                    let default = sticky
                        .borrow()
                        .get(fd.name)
                        .filter(|v| options.iter().any(|(o, _)| o == *v))
                        .cloned()
                        .unwrap_or(fd.default);
                    html! {
                        <select name={fd.name}>
                            { for options.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == pick(&options, &default)}>{l.clone()}</option> }) }
                        </select>
                    }
                }
            };
            html! { <label class="field">{label}{control}</label> }
        });
        // A filter policy is checked for its scope: choosing another scope checks it again.
        let onchange = Callback::from(|e: Event| {
            let Some(select) = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok()) else { return };
            if select.get_attribute("name").as_deref() != Some("FilterPolicyScope") {
                return;
            }
            let policy = select.closest("form").ok().flatten().and_then(|f| f.query_selector("[name=FilterPolicy]").ok().flatten());
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let (Some(policy), Ok(input)) = (policy, Event::new_with_event_init_dict("input", &init)) {
                let _ = policy.dispatch_event(&input);
            }
        });
        html! {
            <form key={id} class="call-form" data-call={id} novalidate=true {onsubmit} {onchange}>
                <div class="call-name">{el("code", None, id.into())}</div>
                { for fields }
                <button type="submit" class="primary">{t(lang, "form.run")}</button>
            </form>
        }
    });
    html! {
        <section class="panel forms" aria-label={t(lang, "panel.act")}>
            {el("h2", None, t(lang, "panel.act").into())}
            <div class="tabs">{ for tabs }</div>
            { for body }
            if let Some((ok, text)) = flash {
                <p class={classes!("flash", if ok { "ok" } else { "error" })} role="status">
                    <strong>{ if ok { t(lang, "form.ok") } else { t(lang, "form.error") } }</strong>{" "}{text}
                    if ok && ctl.paused_hint.get() && !ctl.playing.get() {
                        <span class="paused-hint">{" "}{t(lang, "time.paused_hint")}</span>
                    }
                </p>
            }
        </section>
    }
}

/// An AWS member name with a line-break opportunity before each inner capital
/// (`MessageRetention⁠Period` breaks as `MessageRetention` / `Period`, never mid-word).
pub fn camel_breaks(name: &str) -> Html {
    let mut parts: Vec<String> = Vec::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            parts.push(String::new());
        }
        prev_lower = c.is_ascii_lowercase();
        match parts.last_mut() {
            Some(p) => p.push(c),
            None => parts.push(c.to_string()),
        }
    }
    let pieces = parts.into_iter().enumerate().map(|(i, p)| {
        if i > 0 {
            html! { <><wbr />{p}</> }
        } else {
            html! { {p} }
        }
    });
    html! { <>{ for pieces }</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_queue_sends_only_non_defaults() {
        let w = World::default();
        let mut v = VecMap::new();
        v.insert("QueueName", "q".to_string());
        v.insert("VisibilityTimeout", "30".to_string());
        v.insert("DelaySeconds", "5".to_string());
        let input = build("sqs.CreateQueue", &v, &w).unwrap();
        assert_eq!(input, json!({"QueueName": "q", "Attributes": {"DelaySeconds": "5"}}));
    }

    #[test]
    fn set_queue_attributes_builds_the_topic_policy() {
        let w = World::default();
        let mut v = VecMap::new();
        v.insert("QueueUrl", "http://q".to_string());
        v.insert("PolicyForTopic", "arn:aws:sns:us-east-1:000000000000:t".to_string());
        v.insert("DelaySeconds", "5".to_string());
        let input = build("sqs.SetQueueAttributes", &v, &w).unwrap();
        let policy: Value =
            decouple_engine::json_text::from_str(input["Attributes"]["Policy"].as_str().unwrap()).unwrap();
        assert_eq!(policy["Statement"][0]["Principal"]["Service"], "sns.amazonaws.com");
        assert_eq!(
            policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"],
            "arn:aws:sns:us-east-1:000000000000:t"
        );
        assert_eq!(input["Attributes"]["DelaySeconds"], "5");
    }

    #[test]
    fn numbers_pass_through_as_typed() {
        assert_eq!(number_value("901"), json!(901));
        assert_eq!(number_value(" -1 "), json!(-1));
        assert_eq!(number_value("1.5"), json!(1.5));
        assert_eq!(number_value("ten"), json!("ten"));
        let w = World::default();
        let mut v = VecMap::new();
        v.insert("QueueUrl", "http://q".to_string());
        v.insert("DelaySeconds", "901".to_string());
        assert_eq!(build("sqs.SendMessage", &v, &w).unwrap()["DelaySeconds"], json!(901));
    }

    #[test]
    fn short_message_attributes_become_aws_shape() {
        let a = message_attributes(&json!({"color": "red", "n": 3}));
        assert_eq!(a["color"], json!({"DataType": "String", "StringValue": "red"}));
        assert_eq!(a["n"], json!({"DataType": "Number", "StringValue": "3"}));
    }
}
