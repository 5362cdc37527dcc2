//! A queue's `Policy` attribute, kept as the text the caller set and compiled once for the one
//! question the simulator asks of it: may a principal send to the queue (spec/sns.md §6;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html>).
//!
//! A statement applies when its `Action` covers `sqs:SendMessage` (`sqs:SendMessage`, `sqs:*`,
//! `*`, any case), its `Principal` is `"*"`, `{"AWS": "*"}` or names the service
//! (`{"Service": "sns.amazonaws.com"}`), its `Resource` (if any) matches the queue, and its
//! `Condition` holds (`aws:SourceArn` with `ArnEquals`, `ArnLike`, `StringEquals`,
//! `StringLike`; `aws:SourceAccount` with `StringEquals`). An applying `Deny` wins over any
//! `Allow`.
//!
//! The text is compiled when it is set (SetQueueAttributes, CreateQueue, AddPermission,
//! RemovePermission), so deliveries never re-parse it; text and compiled form travel together,
//! so a change of one is a change of both. The last send question and its answer are
//! remembered: a topic asks the same one for every message it delivers.
//!
//! # Fidelity
//! * No Policy: same-account callers (`principal_service = ""`) may send; service
//!   principals such as SNS may not (the queue owner must grant them, as on AWS).
//! * Unknown condition operators or keys make a statement not apply.

use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::RefCell;
use serde_json::Value;

use crate::arn::glob_match;

/// A stored queue Policy: the text as set, and its compiled statements.
#[derive(Clone, Debug)]
pub struct QueuePolicy {
    text: String,
    statements: Arc<[Statement]>,
    last: LastAnswer,
}

/// The last [`QueuePolicy::allows_send`] question (queue ARN, service, source ARN, account)
/// and its answer: a pure function of the statements and the question, so remembering it
/// changes nothing but the time taken.
#[derive(Clone, Default)]
struct LastAnswer(RefCell<Option<([String; 4], bool)>>);

impl core::fmt::Debug for LastAnswer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("LastAnswer")
    }
}

impl LastAnswer {
    fn get(&self, question: [&str; 4]) -> Option<bool> {
        let last = self.0.try_borrow().ok()?;
        let (asked, answer) = last.as_ref()?;
        asked.iter().zip(question).all(|(a, q)| a == q).then_some(*answer)
    }

    fn set(&self, question: [&str; 4], answer: bool) {
        if let Ok(mut last) = self.0.try_borrow_mut() {
            match &mut *last {
                Some((asked, a)) => {
                    for (slot, q) in asked.iter_mut().zip(question) {
                        slot.clear();
                        slot.push_str(q);
                    }
                    *a = answer;
                }
                None => *last = Some((question.map(String::from), answer)),
            }
        }
    }
}

impl PartialEq for QueuePolicy {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// `Effect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Effect {
    Allow,
    Deny,
    /// Missing or another value: the statement neither allows nor denies.
    Neither,
}

/// `Principal`.
#[derive(Clone, Debug)]
enum Principal {
    /// `"*"`.
    Anyone,
    /// `{"AWS": …, "Service": …}`.
    Named { aws: Vec<String>, service: Vec<String> },
    /// Anything else: never matches.
    Invalid,
}

/// One `Condition` entry: operator, then per key the wanted values (`None`: not an object).
#[derive(Clone, Debug)]
struct Condition {
    operator: String,
    keys: Option<Vec<(String, Vec<String>)>>,
}

/// A statement that covers `sqs:SendMessage` (others never apply and are dropped).
#[derive(Clone, Debug)]
struct Statement {
    effect: Effect,
    principal: Principal,
    /// `None` when the statement has no `Resource`.
    resources: Option<Vec<String>>,
    /// `None`: no `Condition`; `Some(Err(()))`: a `Condition` that is not an object.
    conditions: Option<Result<Vec<Condition>, ()>>,
}

/// A string or the strings of an array (other values: none).
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => alloc::vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// The statements of a policy document (`Statement` as an array or a single object).
pub(crate) fn statements(policy: &Value) -> Vec<&Value> {
    match policy.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s @ Value::Object(_)) => alloc::vec![s],
        _ => Vec::new(),
    }
}

fn compile_statement(s: &Value) -> Option<Statement> {
    let covers_send = strings(s.get("Action"))
        .iter()
        .any(|a| a.eq_ignore_ascii_case("sqs:SendMessage") || a.eq_ignore_ascii_case("sqs:*") || a == "*");
    if !covers_send {
        return None;
    }
    let effect = match s.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        _ => Effect::Neither,
    };
    let principal = match s.get("Principal") {
        Some(Value::String(p)) if p == "*" => Principal::Anyone,
        Some(Value::Object(p)) => {
            Principal::Named { aws: strings(p.get("AWS")), service: strings(p.get("Service")) }
        }
        _ => Principal::Invalid,
    };
    let resources = s.get("Resource").map(|r| strings(Some(r)));
    let conditions = s.get("Condition").map(|c| match c {
        Value::Object(ops) => Ok(ops
            .iter()
            .map(|(op, kv)| Condition {
                operator: op.clone(),
                keys: match kv {
                    Value::Object(kv) => {
                        Some(kv.iter().map(|(k, v)| (k.clone(), strings(Some(v)))).collect())
                    }
                    _ => None,
                },
            })
            .collect()),
        _ => Err(()),
    });
    Some(Statement { effect, principal, resources, conditions })
}

impl QueuePolicy {
    /// Compiles a Policy value; `None` unless it is a JSON object (SetQueueAttributes answers
    /// `InvalidAttributeValue` then).
    pub fn parse(text: &str) -> Option<Self> {
        match crate::json_text::from_str::<Value>(text) {
            Ok(v @ Value::Object(_)) => Some(Self::from_document(text.to_string(), &v)),
            _ => None,
        }
    }

    /// A policy from its text and the document it parses to.
    pub(crate) fn from_document(text: String, document: &Value) -> Self {
        let statements = statements(document).into_iter().filter_map(compile_statement).collect();
        Self { text, statements, last: LastAnswer::default() }
    }

    /// The text as set (GetQueueAttributes answers it unchanged).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// May `service` (`"sns.amazonaws.com"`; `""` for a same-account caller) send to the
    /// queue `queue_arn` on behalf of `source_arn`, in account `account`?
    pub fn allows_send(&self, queue_arn: &str, service: &str, source_arn: &str, account: &str) -> bool {
        let question = [queue_arn, service, source_arn, account];
        if let Some(answer) = self.last.get(question) {
            return answer;
        }
        let answer = self.evaluate_send(queue_arn, service, source_arn, account);
        self.last.set(question, answer);
        answer
    }

    /// [`allows_send`](Self::allows_send), evaluated.
    fn evaluate_send(&self, queue_arn: &str, service: &str, source_arn: &str, account: &str) -> bool {
        let mut allowed = false;
        for s in self.statements.iter() {
            if !s.applies(queue_arn, service, source_arn, account) {
                continue;
            }
            match s.effect {
                Effect::Deny => return false,
                Effect::Allow => allowed = true,
                Effect::Neither => {}
            }
        }
        allowed || service.is_empty()
    }
}

impl Statement {
    fn applies(&self, queue_arn: &str, service: &str, source_arn: &str, account: &str) -> bool {
        let principal_ok = match &self.principal {
            Principal::Anyone => true,
            Principal::Named { aws, service: services } => {
                aws.iter().any(|a| {
                    a == "*"
                        || (service.is_empty()
                            && (a == account
                                || a.strip_prefix("arn:aws:iam::").and_then(|r| r.strip_suffix(":root"))
                                    == Some(account)))
                }) || (!service.is_empty() && services.iter().any(|s| s == service))
            }
            Principal::Invalid => false,
        };
        if !principal_ok {
            return false;
        }
        if let Some(resources) = &self.resources {
            if !resources.iter().any(|r| glob_match(r, queue_arn)) {
                return false;
            }
        }
        let conditions = match &self.conditions {
            None => return true,
            Some(Err(())) => return false,
            Some(Ok(c)) => c,
        };
        conditions.iter().all(|c| {
            let Some(keys) = &c.keys else { return false };
            keys.iter().all(|(key, wanted)| {
                let actual = if key.eq_ignore_ascii_case("aws:SourceArn") {
                    source_arn
                } else if key.eq_ignore_ascii_case("aws:SourceAccount") {
                    account
                } else {
                    return false;
                };
                match c.operator.as_str() {
                    "ArnEquals" | "StringEquals" => wanted.iter().any(|w| w == actual),
                    "ArnLike" | "StringLike" => wanted.iter().any(|w| glob_match(w, actual)),
                    _ => false,
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: &str = "arn:aws:sqs:us-east-1:000000000000:q";
    const T: &str = "arn:aws:sns:us-east-1:000000000000:t";
    const ACCOUNT: &str = "000000000000";

    fn allows(policy: &str, service: &str, source: &str) -> bool {
        QueuePolicy::parse(policy).expect("object").allows_send(Q, service, source, ACCOUNT)
    }

    #[test]
    fn service_principal_with_source_condition() {
        let p = r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
            "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:*:*:q",
            "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:000000000000:t"}}}]}"#;
        assert!(allows(p, "sns.amazonaws.com", T));
        assert!(!allows(p, "sns.amazonaws.com", "arn:aws:sns:us-east-1:000000000000:other"));
        assert!(!allows(p, "lambda.amazonaws.com", T));
        assert!(allows(p, "", ""), "the owner may always send without a Deny");
    }

    #[test]
    fn a_remembered_answer_is_only_reused_for_the_same_question() {
        let p = QueuePolicy::parse(
            r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
            "Action":"sqs:SendMessage","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:t"}}}]}"#,
        )
        .expect("object");
        let other = "arn:aws:sns:us-east-1:000000000000:other";
        let sns = "sns.amazonaws.com";
        for _ in 0..2 {
            assert!(p.allows_send(Q, sns, T, ACCOUNT));
            assert!(p.allows_send(Q, sns, T, ACCOUNT));
            assert!(!p.allows_send(Q, sns, other, ACCOUNT));
            assert!(!p.allows_send(Q, "lambda.amazonaws.com", T, ACCOUNT));
            assert!(p.allows_send(Q, "", "", ACCOUNT));
            assert!(p.clone().allows_send(Q, "", "", ACCOUNT));
        }
    }

    #[test]
    fn deny_wins_and_unknown_operators_do_not_apply() {
        let p = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*"},
            {"Effect":"Deny","Principal":{"AWS":"*"},"Action":"SQS:SENDMESSAGE"}]}"#;
        assert!(!allows(p, "sns.amazonaws.com", T));
        assert!(!allows(p, "", ""));
        let p = r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:*",
            "Condition":{"NumericEquals":{"aws:SourceArn":"x"}}}}"#;
        assert!(!allows(p, "sns.amazonaws.com", T));
        let p = r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:ReceiveMessage"}}"#;
        assert!(!allows(p, "sns.amazonaws.com", T));
    }

    #[test]
    fn account_principals_and_non_objects() {
        let p = r#"{"Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"*"}]}"#;
        assert!(!allows(p, "", ""));
        assert!(!allows(p, "sns.amazonaws.com", T), "no Allow for the service");
        assert!(QueuePolicy::parse("[1]").is_none());
        assert!(QueuePolicy::parse("{").is_none());
        assert_eq!(QueuePolicy::parse("{ }").map(|p| p.as_str().to_string()), Some("{ }".into()));
    }
}
