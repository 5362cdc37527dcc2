//! Queue attributes: names, defaults, ranges and validation (spec/sqs.md §3; API Reference
//! `SetQueueAttributes`,
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html>).
//!
//! Every value travels as a string; numbers are decimal integers, booleans are read
//! case-insensitively and written lowercase.
//!
//! # Fidelity
//! * Changes take effect at once (AWS: up to 60 s, retention up to 15 min).
//! * Out-of-range messages follow `Invalid value for the parameter <Name>.` for every
//!   attribute (only the VisibilityTimeout text is AWS-recorded, spec §14 Q10).
//! * `FifoQueue` on a standard queue is rejected as `Unknown Attribute FifoQueue.` in
//!   CreateQueue too, even with `"false"` (spec §3 table).

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};

use super::access_policy::QueuePolicy;
use super::redrive::{RedriveAllowPolicy, RedrivePolicy};
use crate::ApiError;

/// `DelaySeconds`: 0–900 s, default 0.
pub const MAX_DELAY_SECONDS: u64 = 900;
/// `MaximumMessageSize`: 1,024–1,048,576 bytes, default 1,048,576 (spec §3.1).
pub const MIN_MESSAGE_SIZE_LIMIT: u64 = 1_024;
pub const MAX_MESSAGE_SIZE: u64 = 1_048_576;
/// `MessageRetentionPeriod`: 60 s – 14 days, default 4 days.
pub const MIN_RETENTION: u64 = 60;
pub const MAX_RETENTION: u64 = 1_209_600;
pub const DEFAULT_RETENTION: u64 = 345_600;
/// `ReceiveMessageWaitTimeSeconds`: 0–20 s.
pub const MAX_WAIT_SECONDS: u64 = 20;
/// `VisibilityTimeout`: 0–43,200 s (12 h), default 30.
pub const MAX_VISIBILITY_TIMEOUT: u64 = 43_200;
pub const DEFAULT_VISIBILITY_TIMEOUT: u64 = 30;
/// `KmsDataKeyReusePeriodSeconds`: 60–86,400 s, implicit 300.
pub const KMS_REUSE_RANGE: (u64, u64) = (60, 86_400);
pub const KMS_REUSE_DEFAULT: u64 = 300;

/// `DeduplicationScope`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeduplicationScope {
    Queue,
    MessageGroup,
}

/// `FifoThroughputLimit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FifoThroughputLimit {
    PerQueue,
    PerMessageGroupId,
}

/// The settable attributes of one queue.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueAttributes {
    pub delay_seconds: u64,
    pub maximum_message_size: u64,
    pub message_retention_period: u64,
    pub receive_message_wait_time_seconds: u64,
    pub visibility_timeout: u64,
    pub policy: Option<QueuePolicy>,
    pub redrive_policy: Option<RedrivePolicy>,
    pub redrive_allow_policy: Option<RedriveAllowPolicy>,
    pub kms_master_key_id: Option<String>,
    pub kms_data_key_reuse_period_seconds: Option<u64>,
    pub sqs_managed_sse_enabled: bool,
    pub fifo_queue: bool,
    pub content_based_deduplication: bool,
    pub deduplication_scope: DeduplicationScope,
    pub fifo_throughput_limit: FifoThroughputLimit,
}

impl QueueAttributes {
    /// The defaults of a new queue (spec §3, `test_set_queue_attributes_default_values`).
    pub fn defaults(fifo: bool) -> Self {
        Self {
            delay_seconds: 0,
            maximum_message_size: MAX_MESSAGE_SIZE,
            message_retention_period: DEFAULT_RETENTION,
            receive_message_wait_time_seconds: 0,
            visibility_timeout: DEFAULT_VISIBILITY_TIMEOUT,
            policy: None,
            redrive_policy: None,
            redrive_allow_policy: None,
            kms_master_key_id: None,
            kms_data_key_reuse_period_seconds: None,
            sqs_managed_sse_enabled: true,
            fifo_queue: fifo,
            content_based_deduplication: false,
            deduplication_scope: DeduplicationScope::Queue,
            fifo_throughput_limit: FifoThroughputLimit::PerQueue,
        }
    }

    /// The settable attributes that currently have a value, as strings (for `All`). Keyed by
    /// `String`, as every attribute map: a `BTreeMap<&str, String>` was one more B-tree type in
    /// the wasm.
    pub fn to_strings(&self) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        let mut out = Put(&mut map);
        let num = |v: u64| v.to_string();
        out.insert("DelaySeconds", num(self.delay_seconds));
        out.insert("MaximumMessageSize", num(self.maximum_message_size));
        out.insert("MessageRetentionPeriod", num(self.message_retention_period));
        out.insert("ReceiveMessageWaitTimeSeconds", num(self.receive_message_wait_time_seconds));
        out.insert("VisibilityTimeout", num(self.visibility_timeout));
        if let Some(p) = &self.policy {
            out.insert("Policy", p.as_str().to_string());
        }
        if let Some(p) = &self.redrive_policy {
            out.insert("RedrivePolicy", p.to_json());
        }
        if let Some(p) = &self.redrive_allow_policy {
            out.insert("RedriveAllowPolicy", p.to_json());
        }
        if let Some(k) = &self.kms_master_key_id {
            out.insert("KmsMasterKeyId", k.clone());
        }
        if let Some(r) = self.kms_data_key_reuse_period_seconds {
            out.insert("KmsDataKeyReusePeriodSeconds", num(r));
        }
        out.insert("SqsManagedSseEnabled", bool_str(self.sqs_managed_sse_enabled));
        if self.fifo_queue {
            out.insert("FifoQueue", "true".into());
            out.insert("ContentBasedDeduplication", bool_str(self.content_based_deduplication));
            out.insert(
                "DeduplicationScope",
                match self.deduplication_scope {
                    DeduplicationScope::Queue => "queue",
                    DeduplicationScope::MessageGroup => "messageGroup",
                }
                .into(),
            );
            out.insert(
                "FifoThroughputLimit",
                match self.fifo_throughput_limit {
                    FifoThroughputLimit::PerQueue => "perQueue",
                    FifoThroughputLimit::PerMessageGroupId => "perMessageGroupId",
                }
                .into(),
            );
        }
        map
    }

    /// Applies `name = value` after validating it. `creating` is true inside CreateQueue.
    /// Redrive policies are validated for shape here; the target checks need the other
    /// queues and happen in [`super::redrive`].
    pub fn apply(&mut self, name: &str, value: &str, creating: bool) -> Result<(), ApiError> {
        let fifo_only = |a: &Self| {
            if a.fifo_queue {
                Ok(())
            } else {
                Err(match name {
                    "DeduplicationScope" | "FifoThroughputLimit" => ApiError::invalid_attribute_name(
                        alloc::format!("You can specify the {name} only when FifoQueue is set to true."),
                    ),
                    _ => ApiError::unknown_attribute(name),
                })
            }
        };
        match name {
            "DelaySeconds" => self.delay_seconds = number(name, value, 0, MAX_DELAY_SECONDS)?,
            "MaximumMessageSize" => {
                self.maximum_message_size = number(name, value, MIN_MESSAGE_SIZE_LIMIT, MAX_MESSAGE_SIZE)?
            }
            "MessageRetentionPeriod" => {
                self.message_retention_period = number(name, value, MIN_RETENTION, MAX_RETENTION)?
            }
            "ReceiveMessageWaitTimeSeconds" => {
                self.receive_message_wait_time_seconds = number(name, value, 0, MAX_WAIT_SECONDS)?
            }
            "VisibilityTimeout" => self.visibility_timeout = number(name, value, 0, MAX_VISIBILITY_TIMEOUT)?,
            "Policy" => {
                if value.is_empty() {
                    self.policy = None;
                } else {
                    let policy = QueuePolicy::parse(value)
                        .ok_or_else(|| ApiError::invalid_attribute_value("Policy", None))?;
                    self.policy = Some(policy);
                }
            }
            "RedrivePolicy" => {
                self.redrive_policy = if value.is_empty() { None } else { Some(RedrivePolicy::parse(value)?) }
            }
            "RedriveAllowPolicy" => {
                self.redrive_allow_policy =
                    if value.is_empty() { None } else { Some(RedriveAllowPolicy::parse(value)?) }
            }
            "KmsMasterKeyId" => {
                if value.is_empty() {
                    self.kms_master_key_id = None;
                } else {
                    self.kms_master_key_id = Some(value.to_string());
                    self.sqs_managed_sse_enabled = false;
                }
            }
            "KmsDataKeyReusePeriodSeconds" => {
                let v = number(name, value, KMS_REUSE_RANGE.0, KMS_REUSE_RANGE.1)?;
                self.kms_data_key_reuse_period_seconds = if v == KMS_REUSE_DEFAULT { None } else { Some(v) };
            }
            "SqsManagedSseEnabled" => {
                let on = boolean(name, value)?;
                if on && self.kms_master_key_id.is_some() {
                    self.kms_master_key_id = None;
                }
                self.sqs_managed_sse_enabled = on;
            }
            "FifoQueue" => {
                if !self.fifo_queue {
                    return Err(ApiError::unknown_attribute(name));
                }
                if !boolean(name, value)? {
                    return Err(ApiError::invalid_attribute_value(
                        name,
                        Some("Modifying queue type is not supported."),
                    ));
                }
                let _ = creating;
            }
            "ContentBasedDeduplication" => {
                fifo_only(self)?;
                self.content_based_deduplication = boolean(name, value)?;
            }
            "DeduplicationScope" => {
                fifo_only(self)?;
                self.deduplication_scope = match value {
                    "queue" => DeduplicationScope::Queue,
                    "messageGroup" => DeduplicationScope::MessageGroup,
                    _ => return Err(ApiError::invalid_attribute_value(name, None)),
                };
            }
            "FifoThroughputLimit" => {
                fifo_only(self)?;
                self.fifo_throughput_limit = match value {
                    "perQueue" => FifoThroughputLimit::PerQueue,
                    "perMessageGroupId" => FifoThroughputLimit::PerMessageGroupId,
                    _ => return Err(ApiError::invalid_attribute_value(name, None)),
                };
            }
            _ => return Err(ApiError::unknown_attribute(name)),
        }
        Ok(())
    }

    /// Cross-attribute rule: `perMessageGroupId` needs `DeduplicationScope=messageGroup`
    /// (API Reference, FifoThroughputLimit).
    pub fn check_combination(&self) -> Result<(), ApiError> {
        if self.fifo_queue
            && self.fifo_throughput_limit == FifoThroughputLimit::PerMessageGroupId
            && self.deduplication_scope != DeduplicationScope::MessageGroup
        {
            return Err(ApiError::invalid_attribute_value(
                "FifoThroughputLimit",
                Some("FifoThroughputLimit perMessageGroupId can be set only when DeduplicationScope is messageGroup."),
            ));
        }
        Ok(())
    }

    /// High-throughput FIFO: both settings per message group (spec §6.4).
    pub fn high_throughput(&self) -> bool {
        self.deduplication_scope == DeduplicationScope::MessageGroup
            && self.fifo_throughput_limit == FifoThroughputLimit::PerMessageGroupId
    }
}

/// Every attribute name GetQueueAttributes knows (settable and read-only).
pub const READ_ONLY: &[&str] = &[
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
];

/// Settable attribute names.
pub const SETTABLE: &[&str] = &[
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "Policy",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "RedrivePolicy",
    "RedriveAllowPolicy",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
];

/// True for a name GetQueueAttributes accepts.
pub fn is_known(name: &str) -> bool {
    name == "All" || READ_ONLY.contains(&name) || SETTABLE.contains(&name)
}

fn bool_str(b: bool) -> String {
    if b { "true" } else { "false" }.into()
}

/// A decimal integer attribute within `min..=max`.
pub fn number(name: &str, value: &str, min: u64, max: u64) -> Result<u64, ApiError> {
    let v: u64 = value.trim().parse().map_err(|_| ApiError::invalid_attribute_value(name, None))?;
    if v < min || v > max {
        return Err(ApiError::invalid_attribute_value(name, None));
    }
    Ok(v)
}

/// `true`/`false`, any case.
pub fn boolean(name: &str, value: &str) -> Result<bool, ApiError> {
    if value.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(ApiError::invalid_attribute_value(name, None))
    }
}

/// Inserts under a `&str` key into a map of owned strings (one function, not a `to_string`
/// at each of the attributes).
struct Put<'a>(&'a mut BTreeMap<String, String>);

impl Put<'_> {
    fn insert(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
}
