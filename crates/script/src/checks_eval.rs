//! Evaluating `expect` checks against the session: the last output, resource state (read
//! on a snapshot of the cloud, so a check never changes the scenario) and the event log.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{json, Value};

use crate::check::{fmt_num, ActorCount, Check, QueueMetric, Verdict};
use crate::error::{Pos, ScriptError};
use crate::jmespath::{self, Expr};
use crate::parse::Stmt;
use crate::session::Session;
use crate::trace::Trace;
use crate::world::World;

/// Limit on GetRecords calls when counting a stream's records.
const MAX_READS: u32 = 10_000;

pub(crate) fn evaluate(
    s: &mut Session,
    check: &Check,
    stmt: &Stmt,
) -> Result<(Verdict, String), ScriptError> {
    let text = stmt.text.strip_prefix("expect").map(str::trim).unwrap_or(&stmt.text).to_string();
    let v = match check {
        Check::Output { src, expr, pos } => output(s, src, expr.as_ref(), *pos)?,
        Check::Queue { name, metric, cmp, n } => {
            let q = s.expand_word(name)?;
            let mut cloud = s.world().cloud.clone();
            let url = queue_url(&mut cloud, &q).map_err(|m| ScriptError::new(name.pos, m))?;
            let (vis, inflight, delayed) = World::queue_depth(&mut cloud, &url)
                .map_err(|e| ScriptError::new(name.pos, format!("{}: {}", e.code, e.message)))?;
            let actual = match metric {
                QueueMetric::Visible => vis,
                QueueMetric::InFlight => inflight,
                QueueMetric::Delayed => delayed,
                QueueMetric::Count => vis + inflight + delayed,
            };
            Verdict::compare(*cmp, actual as f64, *n)
        }
        Check::Stream { name, shard, cmp, n } => {
            let stream = s.expand_word(name)?;
            let shard = match shard {
                Some(w) => Some(s.expand_word(w)?),
                None => None,
            };
            let mut cloud = s.world().cloud.clone();
            let count = stream_records(&mut cloud, &stream, shard.as_deref())
                .map_err(|m| ScriptError::new(name.pos, m))?;
            Verdict::compare(*cmp, count as f64, *n)
        }
        Check::Bucket { name, cmp, n } => {
            let b = s.expand_word(name)?;
            let mut cloud = s.world().cloud.clone();
            let out = World::peek(&mut cloud, "s3", "ListObjectsV2", json!({ "Bucket": b }))
                .map_err(|e| ScriptError::new(name.pos, format!("{}: {}", e.code, e.message)))?;
            let count = out
                .get("KeyCount")
                .and_then(Value::as_u64)
                .or_else(|| out.get("Contents").and_then(Value::as_array).map(|a| a.len() as u64))
                .unwrap_or(0);
            Verdict::compare(*cmp, count as f64, *n)
        }
        Check::NoneProcessedTwice { on } => {
            let on = match on {
                Some(w) => Some(s.expand_word(w)?),
                None => None,
            };
            let (total, twice) = duplicates(s, on.as_deref());
            Verdict {
                passed: twice.is_empty(),
                expected: "every message processed at most once".to_string(),
                actual: if twice.is_empty() {
                    format!("{total} messages, none twice")
                } else {
                    format!(
                        "{} processed more than once (first: {})",
                        twice.len(),
                        twice.first().map(String::as_str).unwrap_or("")
                    )
                },
            }
        }
        Check::Duplicates { on, cmp, n } => {
            let on = match on {
                Some(w) => Some(s.expand_word(w)?),
                None => None,
            };
            let (_, twice) = duplicates(s, on.as_deref());
            Verdict::compare(*cmp, twice.len() as f64, *n)
        }
        Check::InOrder { name } => {
            if !s.actor_names().contains(name) {
                let names = s.actor_names();
                return Err(ScriptError::new(stmt.pos, format!("no actor named `{name}`"))
                    .suggest(name, names.iter().map(String::as_str)));
            }
            let bodies = s.world().processed_bodies.get(name).cloned().unwrap_or_default();
            match out_of_order(&bodies) {
                None => Verdict {
                    passed: true,
                    expected: "each key's messages in order".into(),
                    actual: format!("{} messages in order", bodies.len()),
                },
                Some((key, prev, next)) => Verdict {
                    passed: false,
                    expected: "each key's messages in order".into(),
                    actual: format!("{key}: {next} was processed after {prev}"),
                },
            }
        }
        Check::Subscription { name, cmp, n } => {
            let who = s.expand_word(name)?;
            let count = s.all_traces().filter(|t| delivered_to(t, &who)).count();
            Verdict::compare(*cmp, count as f64, *n)
        }
        Check::Actor { name, what, cmp, n } => {
            if !s.actor_names().contains(name) {
                let names = s.actor_names();
                return Err(ScriptError::new(stmt.pos, format!("no actor named `{name}`"))
                    .suggest(name, names.iter().map(String::as_str)));
            }
            let key = match what {
                ActorCount::Received => "received",
                ActorCount::Processed => "processed",
                ActorCount::Failed => "failed",
            };
            let count = s.world().counts.get(&(name.clone(), key)).copied().unwrap_or(0);
            Verdict::compare(*cmp, count as f64, *n)
        }
        Check::Group { name, cmp, n } => {
            let size = s
                .group_size(name)
                .ok_or_else(|| ScriptError::new(stmt.pos, format!("no autoscale group named `{name}`")))?;
            Verdict::compare(*cmp, size as f64, *n)
        }
        Check::Event { kind, cmp, n } => {
            let count = s.all_traces().filter(|t| t.type_name() == *kind).count();
            Verdict::compare(*cmp, count as f64, *n)
        }
        Check::Error { code } => match (s.last_error(), code) {
            (None, _) => Verdict {
                passed: false,
                expected: code.clone().unwrap_or_else(|| "an error".into()),
                actual: "the previous command succeeded".into(),
            },
            (Some(e), None) => {
                Verdict { passed: true, expected: "an error".into(), actual: e.code.to_string() }
            }
            (Some(e), Some(c)) => Verdict {
                passed: e.code == c || e.query_code == c || e.type_name == c,
                expected: c.clone(),
                actual: format!("{} ({})", e.code, e.message),
            },
        },
    };
    Ok((v, text))
}

fn output(s: &mut Session, src: &str, expr: Option<&Expr>, pos: Pos) -> Result<Verdict, ScriptError> {
    let parsed;
    let expr = match expr {
        Some(e) => e,
        None => {
            let text = s.expand_text(src, pos)?;
            parsed = jmespath::parse_lenient(&text).map_err(|e| {
                ScriptError::new(
                    Pos::new(pos.line, pos.col + e.offset as u32),
                    format!("bad expression: {}", e.message),
                )
            })?;
            &parsed
        }
    };
    let Some(last) = s.last_output().cloned() else {
        return Err(ScriptError::new(pos, "expect <expression> needs the output of an earlier aws command"));
    };
    let eval = |e: &Expr| jmespath::eval(e, &last);
    // An evaluation error (`length(null)`) fails the check; it is not a script error.
    let failed =
        |m: String| Verdict { passed: false, expected: "an expression that evaluates".into(), actual: m };
    Ok(match expr {
        Expr::Compare(op, lhs, rhs) => {
            let (actual, expected) = match (eval(lhs), eval(rhs)) {
                (Ok(a), Ok(e)) => (a, e),
                (Err(m), _) | (_, Err(m)) => return Ok(failed(m)),
            };
            let passed = jmespath::truthy(&jmespath::compare(*op, &actual, &expected));
            Verdict {
                passed,
                expected: format!("{} {}", op.symbol(), show(&expected)),
                actual: show(&actual),
            }
        }
        other => {
            let v = match eval(other) {
                Ok(v) => v,
                Err(m) => return Ok(failed(m)),
            };
            Verdict { passed: jmespath::truthy(&v), expected: "a true value".to_string(), actual: show(&v) }
        }
    })
}

fn show(v: &Value) -> String {
    match v {
        Value::Number(n) => n.as_f64().map(fmt_num).unwrap_or_else(|| n.to_string()),
        other => other.to_string(),
    }
}

fn queue_url(cloud: &mut decouple_engine::Cloud, q: &str) -> Result<String, String> {
    if q.starts_with("https://") || q.starts_with("http://") {
        return Ok(q.to_string());
    }
    let name = if q.starts_with("arn:") { q.rsplit(':').next().unwrap_or(q) } else { q };
    World::peek(cloud, "sqs", "GetQueueUrl", json!({ "QueueName": name }))
        .map(|o| o.get("QueueUrl").and_then(Value::as_str).unwrap_or_default().to_string())
        .map_err(|e| format!("queue `{q}`: {}: {}", e.code, e.message))
}

/// Counts the records of a stream (or one shard) on a snapshot, from the trim horizon.
fn stream_records(
    cloud: &mut decouple_engine::Cloud,
    stream: &str,
    only: Option<&str>,
) -> Result<u64, String> {
    let shards = World::peek(cloud, "kinesis", "ListShards", json!({ "StreamName": stream }))
        .map_err(|e| format!("stream `{stream}`: {}: {}", e.code, e.message))?;
    let ids: Vec<String> = shards
        .get("Shards")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter().filter_map(|s| s.get("ShardId").and_then(Value::as_str).map(String::from)).collect()
        })
        .unwrap_or_default();
    if let Some(o) = only {
        if !ids.iter().any(|i| i == o) {
            let hint = crate::error::closest(o, ids.iter().map(String::as_str))
                .map(|c| format!(" (did you mean {c}?)"))
                .unwrap_or_default();
            return Err(format!("stream `{stream}` has no shard {o}{hint}"));
        }
    }
    let mut total = 0u64;
    let mut reads = 0u32;
    for id in ids.iter().filter(|i| only.is_none_or(|o| o == i.as_str())) {
        let it = World::peek(
            cloud,
            "kinesis",
            "GetShardIterator",
            json!({"StreamName": stream, "ShardId": id, "ShardIteratorType": "TRIM_HORIZON"}),
        )
        .map_err(|e| format!("{}: {}", e.code, e.message))?;
        let mut iter = it.get("ShardIterator").and_then(Value::as_str).map(String::from);
        while let Some(i) = iter.take() {
            reads += 1;
            if reads > MAX_READS {
                return Err("too many records to count".into());
            }
            match World::peek(cloud, "kinesis", "GetRecords", json!({"ShardIterator": i, "Limit": 10000})) {
                Ok(out) => {
                    let n = out.get("Records").and_then(Value::as_array).map(|a| a.len() as u64).unwrap_or(0);
                    total += n;
                    let behind = out.get("MillisBehindLatest").and_then(Value::as_u64).unwrap_or(0);
                    if n == 0 && behind == 0 {
                        break;
                    }
                    iter = out.get("NextShardIterator").and_then(Value::as_str).map(String::from);
                }
                Err(e) if e.code == "ProvisionedThroughputExceededException" => {
                    // The snapshot is thrown away: let its clock move past the read limit.
                    cloud.advance_by(1000);
                    cloud.drain_events();
                    iter = Some(i);
                }
                Err(e) => return Err(format!("{}: {}", e.code, e.message)),
            }
        }
    }
    Ok(total)
}

/// Whether an event is a delivery to `who` (a subscription's queue, endpoint or ARN).
fn delivered_to(t: &Trace, who: &str) -> bool {
    let Trace::Engine(_) = t else {
        return false;
    };
    let v = t.to_json();
    let ty = v.get("type").and_then(Value::as_str).unwrap_or("");
    if v.get("service").and_then(Value::as_str) != Some("sns")
        || !ty.contains("Deliver")
        || ty.contains("Fail")
    {
        return false;
    }
    let matches = |s: &str| {
        s == who
            || s.ends_with(&format!(":{who}"))
            || s.ends_with(&format!("/{who}"))
            || s.contains(&format!(":{who}:"))
    };
    v.as_object().is_some_and(|o| o.values().any(|x| x.as_str().is_some_and(matches)))
}

/// (messages processed, ids processed more than once) for one source or all.
fn duplicates(s: &Session, on: Option<&str>) -> (usize, Vec<String>) {
    let matches = |src: &str| match on {
        None => true,
        Some(o) => src == o || src.starts_with(&format!("{o}/")) || src.ends_with(&format!("/{o}")),
    };
    let mut total = 0;
    let mut twice = Vec::new();
    for (key, n) in &s.world().processed {
        let (src, id) = crate::world::split_pair_key(key);
        if matches(src) {
            total += 1;
            if *n > 1 {
                twice.push(id.to_string());
            }
        }
    }
    (total, twice)
}

/// The first key whose numbers go down: (key, previous number, next number). The key is the
/// body's first word, the number its last number (`truck-1 position 3`).
fn out_of_order(bodies: &[String]) -> Option<(String, u64, u64)> {
    let mut last: alloc::collections::BTreeMap<String, u64> = alloc::collections::BTreeMap::new();
    for b in bodies {
        let key = b.split_whitespace().next().unwrap_or("").to_string();
        let rev: Vec<char> =
            b.chars().rev().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
        let digits: String = rev.into_iter().rev().collect();
        let Ok(n) = digits.parse::<u64>() else { continue };
        if let Some(prev) = last.get(&key) {
            if n < *prev {
                return Some((key, *prev, n));
            }
        }
        last.insert(key, n);
    }
    None
}
