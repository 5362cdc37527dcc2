//! Queue access policies: AddPermission / RemovePermission (spec/sqs.md §4.16) and the one
//! evaluation the simulator needs — may a service principal (SNS) send to this queue
//! (spec/sns.md §6; <https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html>).
//! The Policy itself, compiled once, is [`super::access_policy::QueuePolicy`].
//!
//! # Fidelity
//! * Policies are otherwise not enforced: API callers are the queue owner.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Value};

use super::access_policy::{statements, QueuePolicy};
use crate::{ApiError, Cloud};

/// Actions per AddPermission statement.
pub const MAX_ACTIONS: usize = 7;
const LABEL_MAX: usize = 80;

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct AddPermissionInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub label: Option<String> = "Label",
        pub aws_account_ids: Option<Vec<String>> = "AWSAccountIds",
        pub actions: Option<Vec<String>> = "Actions",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct RemovePermissionInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub label: Option<String> = "Label",
    }
}

const OWNER_ONLY: &[&str] = &[
    "AddPermission",
    "CreateQueue",
    "DeleteQueue",
    "RemovePermission",
    "SetQueueAttributes",
    "TagQueue",
    "UntagQueue",
];
const GRANTABLE: &[&str] = &[
    "*",
    "SendMessage",
    "ReceiveMessage",
    "DeleteMessage",
    "ChangeMessageVisibility",
    "GetQueueAttributes",
    "GetQueueUrl",
    "ListDeadLetterSourceQueues",
    "PurgeQueue",
    "ListQueueTags",
    "StartMessageMoveTask",
    "ListMessageMoveTasks",
    "CancelMessageMoveTask",
];

/// Writes JSON with AWS's key order for policies (Version, Id, Statement; Sid, Effect,
/// Principal, Action, Resource, Condition), other keys after, sorted.
fn write_ordered(v: &Value, out: &mut String) {
    const ORDER: &[&str] =
        &["Version", "Id", "Statement", "Sid", "Effect", "Principal", "Action", "Resource", "Condition"];
    match v {
        Value::Object(m) => {
            out.push('{');
            let mut keys: Vec<&String> = m.keys().collect();
            let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
            crate::collections::sort_by(&mut keys, &|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                if let Some(x) = m.get(*k) {
                    write_ordered(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_ordered(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn one_or_many(mut items: Vec<String>) -> Value {
    if items.len() == 1 {
        Value::String(items.remove(0))
    } else {
        Value::Array(items.into_iter().map(Value::String).collect())
    }
}

impl Cloud {
    /// AddPermission (spec §4.16).
    pub fn add_permission(&mut self, input: AddPermissionInput) -> Result<(), ApiError> {
        let account = self.ctx.account().to_string();
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), &account)?;
        let label = input.label.ok_or_else(|| ApiError::sqs_missing_parameter("Label"))?;
        if !crate::batch::is_valid_id(&label) || label.len() > LABEL_MAX {
            return Err(ApiError::sqs_invalid_value(
                &label,
                "Label",
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.",
            ));
        }
        let accounts = input
            .aws_account_ids
            .filter(|a| !a.is_empty())
            .ok_or_else(|| ApiError::sqs_missing_parameter("AWSAccountIds"))?;
        let actions = input
            .actions
            .filter(|a| !a.is_empty())
            .ok_or_else(|| ApiError::sqs_missing_parameter("Actions"))?;
        if actions.len() > MAX_ACTIONS {
            return Err(ApiError::over_limit(format!(
                "{} Actions were found, maximum allowed is {MAX_ACTIONS}.",
                actions.len()
            )));
        }
        for a in &actions {
            if OWNER_ONLY.contains(&a.as_str()) {
                return Err(ApiError::sqs_invalid_value(
                    &format!("SQS:{a}"),
                    "ActionName",
                    "Only the queue owner is allowed to invoke this action.",
                ));
            }
            if !GRANTABLE.contains(&a.as_str()) {
                return Err(ApiError::sqs_invalid_value(
                    &format!("SQS:{a}"),
                    "ActionName",
                    "Please refer to the appropriate WSDL for a list of valid actions.",
                ));
            }
        }
        let mut policy: Value = match &q.attributes.policy {
            Some(p) => crate::json_text::from_str(p.as_str()).unwrap_or(Value::Object(Map::new())),
            None => {
                serde_json::json!({"Version": "2008-10-17", "Id": format!("{}/SQSDefaultPolicy", q.arn), "Statement": []})
            }
        };
        if statements(&policy).iter().any(|s| s.get("Sid").and_then(Value::as_str) == Some(label.as_str())) {
            return Err(ApiError::sqs_invalid_value(&label, "Label", "Already exists."));
        }
        let principals = accounts.iter().map(|a| format!("arn:aws:iam::{a}:root")).collect();
        let statement = serde_json::json!({
            "Sid": label,
            "Effect": "Allow",
            "Principal": {"AWS": one_or_many(principals)},
            "Action": one_or_many(actions.iter().map(|a| format!("SQS:{a}")).collect()),
            "Resource": q.arn,
        });
        if let Value::Object(m) = &mut policy {
            match m.get_mut("Statement") {
                Some(Value::Array(a)) => a.push(statement),
                Some(other) => *other = Value::Array(alloc::vec![other.clone(), statement]),
                None => {
                    m.insert("Statement".into(), Value::Array(alloc::vec![statement]));
                }
            }
        }
        let mut text = String::new();
        write_ordered(&policy, &mut text);
        q.attributes.policy = Some(QueuePolicy::from_document(text, &policy));
        q.last_modified_at = self.ctx.now;
        Ok(())
    }

    /// RemovePermission (spec §4.16): removing the last statement removes the Policy.
    pub fn remove_permission(&mut self, input: RemovePermissionInput) -> Result<(), ApiError> {
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        let label = input.label.ok_or_else(|| ApiError::sqs_missing_parameter("Label"))?;
        let not_found = || ApiError::sqs_invalid_value(&label, "Label", "can't find label.");
        let mut policy: Value = q
            .attributes
            .policy
            .as_ref()
            .and_then(|p| crate::json_text::from_str(p.as_str()).ok())
            .ok_or_else(not_found)?;
        let Some(Value::Array(list)) = policy.get_mut("Statement") else { return Err(not_found()) };
        let before = list.len();
        list.retain(|s| s.get("Sid").and_then(Value::as_str) != Some(label.as_str()));
        if list.len() == before {
            return Err(not_found());
        }
        if list.is_empty() {
            q.attributes.policy = None;
        } else {
            let mut text = String::new();
            write_ordered(&policy, &mut text);
            q.attributes.policy = Some(QueuePolicy::from_document(text, &policy));
        }
        Ok(())
    }

    /// May `principal_service` (`"sns.amazonaws.com"`; `""` for a same-account caller) send
    /// to the queue `queue_arn` on behalf of `source_arn` (e.g. a topic ARN)?
    pub fn queue_allows_send_from(&self, queue_arn: &str, principal_service: &str, source_arn: &str) -> bool {
        let Some(q) = self.sqs.queue_by_arn(queue_arn) else { return false };
        q.allows_send_from(principal_service, source_arn, self.ctx.account())
    }
}

impl super::queue::Queue {
    /// [`Cloud::queue_allows_send_from`] for this queue, in account `account`.
    pub fn allows_send_from(&self, principal_service: &str, source_arn: &str, account: &str) -> bool {
        match &self.attributes.policy {
            None => principal_service.is_empty(),
            Some(p) => p.allows_send(&self.arn, principal_service, source_arn, account),
        }
    }
}
