//! Topic attributes: which exist, which are settable, their defaults and validation
//! (spec/sns.md §1.2; API_GetTopicAttributes, API_SetTopicAttributes).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use serde_json::Value;

use super::delivery_policy::TopicDeliveryPolicy;
use super::topic::Topic;
use crate::ApiError;

/// Protocols with delivery-status feedback attributes (`<Proto>SuccessFeedbackRoleArn`, …).
const FEEDBACK_PROTOCOLS: [&str; 5] = ["HTTP", "Firehose", "Lambda", "Application", "SQS"];
/// Days an `ArchivePolicy` may keep messages (§1.2: 1–365).
pub const ARCHIVE_DAYS: core::ops::RangeInclusive<u64> = 1..=365;

/// The default `Policy` of a topic (§1.2, aws-snapshot), compact JSON.
pub fn default_policy(topic_arn: &str, account: &str) -> String {
    format!(
        "{{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{{\"Sid\":\"__default_statement_ID\",\
         \"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"*\"}},\"Action\":[\"SNS:GetTopicAttributes\",\
         \"SNS:SetTopicAttributes\",\"SNS:AddPermission\",\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\
         \"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"],\"Resource\":\"{topic_arn}\",\
         \"Condition\":{{\"StringEquals\":{{\"AWS:SourceOwner\":\"{account}\"}}}}}}]}}"
    )
}

fn is_feedback_attribute(name: &str) -> bool {
    FEEDBACK_PROTOCOLS.iter().any(|p| {
        name.strip_prefix(p).is_some_and(|rest| {
            matches!(rest, "SuccessFeedbackRoleArn" | "SuccessFeedbackSampleRate" | "FailureFeedbackRoleArn")
        })
    })
}

fn invalid_value(name: &str) -> ApiError {
    ApiError::sns_invalid(&format!("Attributes Reason: {name}: invalid value"))
}

/// Validates one settable attribute for a topic (`fifo` tells its type); returns the value to
/// store, or `None` to remove it (an empty `DeliveryPolicy` or `ArchivePolicy`).
pub fn validate(name: &str, value: &str, fifo: bool) -> Result<Option<String>, ApiError> {
    let fifo_only =
        |what: &str| ApiError::sns_invalid(&format!("{name} Reason: {what} can only be set for FIFO topics"));
    match name {
        "DisplayName" | "KmsMasterKeyId" => Ok(Some(value.to_string())),
        "Policy" => match crate::json_text::from_str::<Value>(value) {
            Ok(Value::Object(_)) => Ok(Some(value.to_string())),
            _ => Err(ApiError::sns_invalid("Policy Error: failed to parse JSON")),
        },
        "DeliveryPolicy" => {
            if value.is_empty() {
                return Ok(None);
            }
            TopicDeliveryPolicy::parse(value)?;
            Ok(Some(value.to_string()))
        }
        "SignatureVersion" => match value {
            "1" | "2" => Ok(Some(value.to_string())),
            _ => Err(invalid_value(name)),
        },
        "TracingConfig" => match value {
            "PassThrough" => Ok(Some(value.to_string())),
            "Active" if !fifo => Ok(Some(value.to_string())),
            "Active" => Err(ApiError::sns_invalid(
                "TracingConfig Reason: Active tracing is only supported for standard topics",
            )),
            _ => Err(invalid_value(name)),
        },
        "ContentBasedDeduplication" => {
            if !fifo {
                return Err(fifo_only("Content-based deduplication"));
            }
            match value.to_ascii_lowercase().as_str() {
                v @ ("true" | "false") => Ok(Some(v.to_string())),
                _ => Err(invalid_value(name)),
            }
        }
        "FifoThroughputScope" => {
            if !fifo {
                return Err(fifo_only("FifoThroughputScope"));
            }
            match value {
                "Topic" | "MessageGroup" => Ok(Some(value.to_string())),
                _ => Err(invalid_value(name)),
            }
        }
        "ArchivePolicy" => {
            if !fifo {
                return Err(fifo_only("Message archiving"));
            }
            if value.is_empty() || value == "{}" {
                return Ok(None);
            }
            archive_days(value)?;
            Ok(Some(value.to_string()))
        }
        _ if is_feedback_attribute(name) => {
            if name.ends_with("SampleRate") && !value.parse::<u8>().is_ok_and(|n| n <= 100) {
                return Err(invalid_value(name));
            }
            Ok(Some(value.to_string()))
        }
        _ => Err(ApiError::sns_invalid("AttributeName")),
    }
}

/// `MessageRetentionPeriod` (days) of an `ArchivePolicy`.
pub fn archive_days(policy: &str) -> Result<u64, ApiError> {
    let bad = || {
        ApiError::sns_invalid("ArchivePolicy Reason: MessageRetentionPeriod must be between 1 and 365 days")
    };
    let v: Value = crate::json_text::from_str(policy).map_err(|_| ApiError::sns_invalid("ArchivePolicy"))?;
    let days = match v.get("MessageRetentionPeriod") {
        Some(Value::String(s)) => s.parse::<u64>().map_err(|_| bad())?,
        Some(Value::Number(n)) => n.as_u64().ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if !ARCHIVE_DAYS.contains(&days) {
        return Err(bad());
    }
    Ok(days)
}

/// Subscription counts a topic reports.
pub struct Counts {
    pub confirmed: usize,
    pub pending: usize,
    pub deleted: u64,
}

/// The map `GetTopicAttributes` returns (§1.2).
pub fn render(topic: &Topic, account: &str, counts: &Counts) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        out.insert(k.to_string(), v);
    };
    put("TopicArn", topic.arn.to_string());
    put("Owner", account.to_string());
    put("DisplayName", String::new());
    put("Policy", default_policy(&topic.arn, account));
    put("EffectiveDeliveryPolicy", topic.delivery_policy.render());
    put("SubscriptionsConfirmed", counts.confirmed.to_string());
    put("SubscriptionsPending", counts.pending.to_string());
    put("SubscriptionsDeleted", counts.deleted.to_string());
    if topic.fifo {
        put("FifoTopic", "true".into());
        put("ContentBasedDeduplication", "false".into());
    }
    for (k, v) in &topic.attributes {
        put(k, v.clone());
    }
    if let Some(at) = topic.archive_started {
        put("BeginningArchiveTime", at.iso8601_millis());
    }
    out
}
