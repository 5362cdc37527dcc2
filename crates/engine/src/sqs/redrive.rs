//! Dead-letter queues: `RedrivePolicy` on a source queue, `RedriveAllowPolicy` on the
//! would-be DLQ, and the move that happens inside ReceiveMessage (spec/sqs.md §7;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html>).
//!
//! A receive that would raise a message's receive count above `maxReceiveCount` moves it to
//! the DLQ instead of returning it. The moved message keeps its id, body, attributes,
//! `SentTimestamp` and receive count and gains `DeadLetterQueueSourceArn`; in a FIFO DLQ its
//! deduplication id becomes its message id and its retention restarts (spec §5.5).
//!
//! # Fidelity
//! AWS's redrive-policy error texts are not recorded (spec §14 Q6). Ours: missing keys and
//! `maxReceiveCount` outside 1–1000 use LocalStack's wording; a missing target queue is
//! `Dead letter target does not exist.` and a type mismatch
//! `Dead-letter queue must be same type of queue as the source.` (both
//! `InvalidParameterValue`); a target whose RedriveAllowPolicy refuses the source is
//! `InvalidParameterValue` too. `maxReceiveCount` is required (the API Reference's
//! "Default: 10" is not applied).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use crate::arn::Arn;
use crate::ApiError;

/// `maxReceiveCount` range (LocalStack validation; spec §3).
pub const MAX_RECEIVE_COUNT: u64 = 1_000;
/// At most this many `sourceQueueArns` in a RedriveAllowPolicy.
pub const MAX_SOURCE_QUEUE_ARNS: usize = 10;

/// `{"deadLetterTargetArn": "<arn>", "maxReceiveCount": n}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedrivePolicy {
    pub dead_letter_target_arn: String,
    pub max_receive_count: u32,
}

fn invalid(param: &str, value: &str, reason: &str) -> ApiError {
    ApiError::sqs_invalid_value(value, param, reason)
}

impl RedrivePolicy {
    /// Parses and checks the shape (the target queue is checked by the caller).
    pub fn parse(text: &str) -> Result<Self, ApiError> {
        let v: Value = crate::json_text::from_str(text)
            .map_err(|_| invalid("RedrivePolicy", text, "Redrive policy is not a valid JSON map."))?;
        let Value::Object(map) = v else {
            return Err(invalid("RedrivePolicy", text, "Redrive policy is not a valid JSON map."));
        };
        let arn = match map.get("deadLetterTargetArn") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Err(ApiError::sqs_invalid_parameter(
                    "The required parameter 'deadLetterTargetArn' is missing",
                ))
            }
        };
        let count = match map.get("maxReceiveCount") {
            Some(Value::Number(n)) => n.as_i64().map(|n| n.to_string()).unwrap_or_else(|| n.to_string()),
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Err(ApiError::sqs_invalid_parameter(
                    "The required parameter 'maxReceiveCount' is missing",
                ))
            }
        };
        let n: i64 = count.trim().parse().map_err(|_| {
            invalid(
                "RedrivePolicy",
                text,
                &alloc::format!(
                    "Invalid value for maxReceiveCount: {count}, valid values are from 1 to 1000 both inclusive."
                ),
            )
        })?;
        if n < 1 || n > MAX_RECEIVE_COUNT as i64 {
            return Err(invalid(
                "RedrivePolicy",
                text,
                &alloc::format!(
                    "Invalid value for maxReceiveCount: {n}, valid values are from 1 to 1000 both inclusive."
                ),
            ));
        }
        if Arn::parse(&arn).is_none_or(|a| a.service != "sqs") {
            return Err(invalid("RedrivePolicy", text, "Invalid value for deadLetterTargetArn."));
        }
        Ok(Self { dead_letter_target_arn: arn, max_receive_count: n as u32 })
    }

    /// The policy as GetQueueAttributes shows it.
    pub fn to_json(&self) -> String {
        let arn = Value::from(self.dead_letter_target_arn.as_str());
        alloc::format!("{{\"deadLetterTargetArn\":{arn},\"maxReceiveCount\":{}}}", self.max_receive_count)
    }
}

/// `redrivePermission`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedrivePermission {
    AllowAll,
    DenyAll,
    ByQueue,
}

/// `{"redrivePermission": …, "sourceQueueArns": [...]}` on a would-be DLQ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedriveAllowPolicy {
    pub permission: RedrivePermission,
    pub source_queue_arns: Vec<String>,
}

impl RedriveAllowPolicy {
    pub fn parse(text: &str) -> Result<Self, ApiError> {
        let bad = |reason: &str| invalid("RedriveAllowPolicy", text, reason);
        let v: Value = crate::json_text::from_str(text)
            .map_err(|_| bad("Redrive allow policy is not a valid JSON map."))?;
        let Value::Object(map) = v else { return Err(bad("Redrive allow policy is not a valid JSON map.")) };
        let permission = match map.get("redrivePermission").and_then(Value::as_str) {
            Some("allowAll") => RedrivePermission::AllowAll,
            Some("denyAll") => RedrivePermission::DenyAll,
            Some("byQueue") => RedrivePermission::ByQueue,
            Some(_) => return Err(bad("Invalid value for redrivePermission.")),
            None => return Err(bad("The required parameter 'redrivePermission' is missing.")),
        };
        let arns: Vec<String> = match map.get("sourceQueueArns") {
            None => Vec::new(),
            Some(Value::Array(a)) => {
                let mut out = Vec::new();
                for x in a {
                    match x.as_str() {
                        Some(s) if Arn::parse(s).is_some() => out.push(s.to_string()),
                        _ => return Err(bad("Invalid value for sourceQueueArns.")),
                    }
                }
                out
            }
            Some(_) => return Err(bad("Invalid value for sourceQueueArns.")),
        };
        match permission {
            RedrivePermission::ByQueue if arns.is_empty() => {
                return Err(bad("sourceQueueArns must be specified when redrivePermission is byQueue."))
            }
            RedrivePermission::ByQueue if arns.len() > MAX_SOURCE_QUEUE_ARNS => {
                return Err(bad("sourceQueueArns can contain at most 10 queue ARNs."))
            }
            RedrivePermission::AllowAll | RedrivePermission::DenyAll
                if map.contains_key("sourceQueueArns") =>
            {
                return Err(bad("sourceQueueArns may only be specified when redrivePermission is byQueue."))
            }
            _ => {}
        }
        Ok(Self { permission, source_queue_arns: arns })
    }

    /// True when `source_arn` may use the queue carrying this policy as its DLQ.
    pub fn allows(&self, source_arn: &str) -> bool {
        match self.permission {
            RedrivePermission::AllowAll => true,
            RedrivePermission::DenyAll => false,
            RedrivePermission::ByQueue => self.source_queue_arns.iter().any(|a| a == source_arn),
        }
    }

    pub fn to_json(&self) -> String {
        let perm = match self.permission {
            RedrivePermission::AllowAll => "allowAll",
            RedrivePermission::DenyAll => "denyAll",
            RedrivePermission::ByQueue => "byQueue",
        };
        if self.source_queue_arns.is_empty() {
            alloc::format!("{{\"redrivePermission\":\"{perm}\"}}")
        } else {
            let arns = Value::from(self.source_queue_arns.clone());
            alloc::format!("{{\"redrivePermission\":\"{perm}\",\"sourceQueueArns\":{arns}}}")
        }
    }
}
