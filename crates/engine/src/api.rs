//! The JSON edge: [`Cloud::call_json`] and the `decouple api` JSON-lines [`Runner`]
//! (`api-contract.md`). The CLI, the conformance suite and the playground all go through
//! here, so they see the same answers.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{json, Map, Value};

use crate::event::{Event, SimEvent};
use crate::json::{obj, ToJson};
use crate::metrics::MetricKey;
use crate::time::{Instant, SECOND};
use crate::{ApiError, Cloud, Config};

impl Cloud {
    /// Calls `service.action` with an AWS-shaped JSON `input`; returns the AWS output shape.
    ///
    /// `service` is `sqs`, `sns`, `kinesis`, `firehose`, `lambda`, or a pseudo service
    /// (`sim`, `s3`, `cloudwatch`).
    pub fn call_json(&mut self, service: &str, action: &str, input: Value) -> Result<Value, ApiError> {
        if !input.is_object() {
            return Err(ApiError::serialization("The request body must be a JSON object."));
        }
        match service {
            "sqs" => crate::sqs::json::dispatch(self, action, input),
            "sns" => crate::sns::json::dispatch(self, action, input),
            "kinesis" => crate::kinesis::json::dispatch(self, action, input),
            "firehose" => crate::firehose::json::dispatch(self, action, input),
            "s3" => crate::s3::json::dispatch(self, action, input),
            "lambda" => crate::lambda::json::dispatch(self, action, input),
            "kinesisanalytics" => crate::analytics::json::dispatch(self, action, input),
            "sim" => sim_dispatch(self, action, input),
            "cloudwatch" => cloudwatch_dispatch(self, action, input),
            _ => Err(ApiError::unknown_operation(service, action)),
        }
    }
}

/// `sim.*`: the simulator's own controls.
fn sim_dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    match action {
        "SetClock" => {
            let ms = input.get("EpochMillis").and_then(Value::as_u64).ok_or_else(|| {
                ApiError::client("ValidationError", 400, "EpochMillis must be a non-negative integer.")
            })?;
            let from = cloud.now();
            if Instant(ms) < from {
                return Err(ApiError::client(
                    "ValidationError",
                    400,
                    format!(
                        "The clock may only move forward: it is at {} and {} is earlier.",
                        from.millis(),
                        ms
                    ),
                ));
            }
            cloud.advance_to(Instant(ms));
            cloud.ctx.emit(SimEvent::ClockSet { from, to: Instant(ms) });
            Ok(json!({}))
        }
        "GetClock" => Ok(obj(&[("EpochMillis", &cloud.now().millis())])),
        _ => Err(ApiError::unknown_operation("sim", action)),
    }
}

/// `cloudwatch.GetMetricStatistics` and `cloudwatch.ListMetrics` over the engine's metrics
/// (shapes as in the CloudWatch API Reference; timestamps in epoch seconds).
fn cloudwatch_dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    let invalid = |m: &str| ApiError::client("InvalidParameterValue", 400, m.to_string());
    let missing =
        |m: &str| ApiError::client("MissingParameter", 400, format!("The parameter {m} is required."));
    let str_of = |k: &str| input.get(k).and_then(Value::as_str);
    match action {
        "ListMetrics" => {
            let ns = str_of("Namespace");
            let name = str_of("MetricName");
            let metrics: Vec<Value> = cloud
                .ctx
                .metrics
                .keys()
                .filter(|k| ns.is_none_or(|n| n == k.namespace) && name.is_none_or(|n| n == k.name))
                .map(|k| {
                    obj(&[
                        ("Namespace", &k.namespace),
                        ("MetricName", &k.name),
                        (
                            "Dimensions",
                            &serde_json::json!([{"Name": k.dimension_name, "Value": k.dimension_value}]),
                        ),
                    ])
                })
                .collect();
            Ok(obj(&[("Metrics", &metrics)]))
        }
        "GetMetricStatistics" => {
            let ns = str_of("Namespace").ok_or_else(|| missing("Namespace"))?;
            let name = str_of("MetricName").ok_or_else(|| missing("MetricName"))?;
            let start = input.get("StartTime").and_then(Value::as_f64).ok_or_else(|| missing("StartTime"))?;
            let end = input.get("EndTime").and_then(Value::as_f64).ok_or_else(|| missing("EndTime"))?;
            let period = input.get("Period").and_then(Value::as_u64).ok_or_else(|| missing("Period"))?;
            if period == 0 || period % 60 != 0 {
                return Err(invalid("The parameter Period must be a multiple of 60."));
            }
            let dim = input.get("Dimensions").and_then(Value::as_array).and_then(|d| d.first());
            let (dn, dv) = match dim {
                Some(d) => (
                    d.get("Name").and_then(Value::as_str).unwrap_or_default(),
                    d.get("Value").and_then(Value::as_str).unwrap_or_default(),
                ),
                None => ("", ""),
            };
            let stats: Vec<&str> = input
                .get("Statistics")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if stats.is_empty() {
                return Err(invalid("Either Statistics or ExtendedStatistics must be specified."));
            }
            let key = MetricKey::new(ns, name, dn, dv);
            let to_ms = |s: f64| if s <= 0.0 { 0 } else { (s * SECOND as f64) as u64 };
            let points = cloud.ctx.metrics.statistics(
                &key,
                Instant(to_ms(start)),
                Instant(to_ms(end)),
                period * SECOND,
            );
            let datapoints: Vec<Value> = points
                .iter()
                .map(|(t, d)| {
                    let mut o = Map::new();
                    o.insert("Timestamp".into(), ToJson::to_json(&t.secs()));
                    for s in &stats {
                        let v = match *s {
                            "Sum" => d.sum,
                            "SampleCount" => d.sample_count as f64,
                            "Average" => d.average(),
                            "Minimum" => d.minimum,
                            "Maximum" => d.maximum,
                            _ => continue,
                        };
                        o.insert((*s).to_string(), ToJson::to_json(&v));
                    }
                    o.insert("Unit".into(), ToJson::to_json(&unit_of(name)));
                    Value::Object(o)
                })
                .collect();
            Ok(obj(&[("Label", &name), ("Datapoints", &datapoints)]))
        }
        _ => Err(ApiError::unknown_operation("cloudwatch", action)),
    }
}

fn unit_of(metric: &str) -> &'static str {
    if metric.ends_with("Size") || metric.contains("Bytes") {
        "Bytes"
    } else if metric.contains("Age") || metric.contains("Millis") {
        if metric.contains("Millis") {
            "Milliseconds"
        } else {
            "Seconds"
        }
    } else {
        "Count"
    }
}

/// The `decouple api` protocol: one JSON object in, exactly one JSON object out.
#[derive(Clone, Debug)]
pub struct Runner {
    pub cloud: Cloud,
    /// When true, events are kept in [`Runner::events`] instead of being dropped each line.
    pub keep_events: bool,
    pub events: Vec<Event>,
}

impl Runner {
    pub fn new(config: Config) -> Self {
        Self { cloud: Cloud::new(config), keep_events: false, events: Vec::new() }
    }

    /// Answers one input line (any text, never panics).
    pub fn handle_line(&mut self, line: &str) -> String {
        let answer = match crate::json_text::from_str::<Value>(line) {
            Ok(v) => self.handle(v),
            Err(e) => error_line(&ApiError::serialization(format!("Input line is not valid JSON: {e}"))),
        };
        // Through `Display`, as the playground writes JSON: one instance of serde_json's writer.
        answer.to_string()
    }

    /// Answers one parsed input line: `{"call": "svc.Action", "input": {...}}` or
    /// `{"advance_ms": N}`.
    pub fn handle(&mut self, line: Value) -> Value {
        let answer = match self.dispatch(line) {
            Ok(v) => obj(&[("ok", &v)]),
            Err(e) => error_line(&e),
        };
        let events = self.cloud.drain_events();
        if self.keep_events {
            self.events.extend(events);
        }
        answer
    }

    fn dispatch(&mut self, line: Value) -> Result<Value, ApiError> {
        let Value::Object(mut obj) = line else {
            return Err(ApiError::malformed_line("Each input line must be a JSON object."));
        };
        if let Some(ms) = obj.get("advance_ms") {
            let ms = ms
                .as_u64()
                .ok_or_else(|| ApiError::malformed_line("advance_ms must be a non-negative integer."))?;
            self.cloud.advance_by(ms);
            return Ok(json!({}));
        }
        let call = match obj.get("call") {
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(ApiError::malformed_line("call must be a string \"service.Action\".")),
            None => return Err(ApiError::malformed_line("An input line needs \"call\" or \"advance_ms\".")),
        };
        let Some((service, action)) = call.split_once('.') else {
            return Err(ApiError::unknown_operation(&call, ""));
        };
        let input = match obj.remove("input") {
            None | Some(Value::Null) => Value::Object(Map::new()),
            Some(v) => v,
        };
        self.cloud.call_json(service, action, input)
    }
}

/// `{"error": {...}}` for an [`ApiError`].
pub fn error_line(e: &ApiError) -> Value {
    obj(&[(
        "error",
        &obj(&[
            ("code", &e.code),
            ("query_code", &e.query_code),
            ("type", &e.type_name),
            ("message", &e.message),
            ("http_status", &e.http_status),
            ("sender_fault", &e.sender_fault),
        ]),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_get_error_lines() {
        let mut r = Runner::new(Config::default());
        for line in ["", "nope", "[]", "{}", "{\"call\": 3}", "{\"call\": \"x\"}", "{\"advance_ms\": -1}"] {
            let out: Value = crate::json_text::from_str(&r.handle_line(line)).unwrap();
            assert!(out.get("error").is_some(), "{line} → {out}");
        }
        let out: Value = crate::json_text::from_str(&r.handle_line("{\"call\": \"nosuch.Thing\"}")).unwrap();
        assert_eq!(out["error"]["code"], "UnknownOperationException");
    }

    #[test]
    fn advance_and_set_clock_move_time_forward_only() {
        let mut r = Runner::new(Config::default());
        assert_eq!(r.handle_line("{\"advance_ms\": 1500}"), "{\"ok\":{}}");
        assert_eq!(r.cloud.now(), crate::time::WORLD_START.plus(1500));
        let back = r.handle_line("{\"call\": \"sim.SetClock\", \"input\": {\"EpochMillis\": 5}}");
        assert!(back.contains("ValidationError"));
        let fwd = r.handle_line("{\"call\": \"sim.SetClock\", \"input\": {\"EpochMillis\": 1704067300000}}");
        assert_eq!(fwd, "{\"ok\":{}}");
        assert_eq!(r.cloud.now(), Instant(1_704_067_300_000));
    }
}
