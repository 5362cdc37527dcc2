//! The JSON form of an [`Explanation`] (the `explanation` of SNS delivery events, read by the
//! playground's filter view), written through [`ToJson`] rather than serde's derive (see
//! [`crate::json`]): members in camelCase, absent ones left out; outcomes tagged by
//! `"result"`, message issues by `"kind"`, seen values as `{"type": …, "value": …}`.

use serde_json::Value;

use super::explain::{
    Absence, BodyProblem, BranchExplanation, Explanation, Hint, KeyExplanation, KeyOutcome, MessageIssue,
    SeenValue, Text,
};
use super::FilterPolicyScope;
use crate::json::{obj, Fields, ToJson};

impl ToJson for Explanation {
    fn to_json(&self) -> Value {
        let mut out = Fields::default();
        out.put("matched", &self.matched);
        out.put("scope", &self.scope);
        if let Some(issue) = &self.message_issue {
            out.put("messageIssue", issue);
        }
        out.put_value("keys", Value::Array(self.keys().map(|k| k.to_json()).collect()));
        if !self.branches.is_empty() {
            out.put("branches", &self.branches);
        }
        if self.array_elements_differ {
            out.put("arrayElementsDiffer", &true);
        }
        out.into_value()
    }
}

impl ToJson for FilterPolicyScope {
    fn to_json(&self) -> Value {
        Value::from(match self {
            FilterPolicyScope::MessageAttributes => "MessageAttributes",
            FilterPolicyScope::MessageBody => "MessageBody",
        })
    }
}

impl ToJson for MessageIssue {
    fn to_json(&self) -> Value {
        match self {
            MessageIssue::NoMessageAttributes => obj(&[("kind", &"NoMessageAttributes")]),
            MessageIssue::InvalidAttributes { attribute } => {
                obj(&[("kind", &"InvalidAttributes"), ("attribute", attribute)])
            }
            MessageIssue::InvalidMessageBody { problem } => {
                obj(&[("kind", &"InvalidMessageBody"), ("problem", problem)])
            }
        }
    }
}

impl ToJson for BodyProblem {
    fn to_json(&self) -> Value {
        Value::from(match self {
            BodyProblem::NotJson => "notJson",
            BodyProblem::NotAnObject => "notAnObject",
        })
    }
}

impl ToJson for KeyExplanation<'_> {
    fn to_json(&self) -> Value {
        let mut out = Fields::default();
        out.put("key", &self.key);
        if !self.group.is_empty() {
            out.put("group", &self.group);
        }
        out.put("conditions", &self.conditions);
        out.put("values", &self.values);
        out.put("valueCount", &self.value_count);
        out.put("outcome", &self.outcome);
        out.into_value()
    }
}

impl ToJson for Text {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl ToJson for KeyOutcome {
    fn to_json(&self) -> Value {
        match self {
            KeyOutcome::Matched { condition, value } => {
                obj(&[("result", &"matched"), ("condition", condition), ("value", value)])
            }
            KeyOutcome::NoConditionMatched { hint: Some(hint) } => {
                obj(&[("result", &"noConditionMatched"), ("hint", hint)])
            }
            KeyOutcome::NoConditionMatched { hint: None } => obj(&[("result", &"noConditionMatched")]),
            KeyOutcome::Missing { absence } => obj(&[("result", &"missing"), ("absence", absence)]),
        }
    }
}

impl ToJson for Hint {
    fn to_json(&self) -> Value {
        Value::from(match self {
            Hint::QuotedPolicyValueAgainstNumber => "quotedPolicyValueAgainstNumber",
            Hint::NumberAgainstString => "numberAgainstString",
            Hint::NumericAgainstString => "numericAgainstString",
            Hint::StringConditionAgainstNumber => "stringConditionAgainstNumber",
            Hint::LiteralAgainstString => "literalAgainstString",
            Hint::NeedsDoubleEscape => "needsDoubleEscape",
            Hint::CaseDiffers => "caseDiffers",
        })
    }
}

impl ToJson for Absence {
    fn to_json(&self) -> Value {
        Value::from(match self {
            Absence::Absent => "Absent",
            Absence::BinaryIgnored => "BinaryIgnored",
            Absence::NotALeaf => "NotALeaf",
            Absence::EmptyArray => "EmptyArray",
        })
    }
}

impl ToJson for SeenValue {
    fn to_json(&self) -> Value {
        match self {
            SeenValue::String(s) => obj(&[("type", &"String"), ("value", &&**s)]),
            SeenValue::Number(n) => obj(&[("type", &"Number"), ("value", n)]),
            SeenValue::Boolean(b) => obj(&[("type", &"Boolean"), ("value", b)]),
            SeenValue::Null => obj(&[("type", &"Null")]),
        }
    }
}

impl ToJson for BranchExplanation {
    fn to_json(&self) -> Value {
        let mut out = Fields::default();
        out.put("matched", &self.matched);
        out.put("keys", &self.keys);
        if self.array_elements_differ {
            out.put("arrayElementsDiffer", &true);
        }
        out.into_value()
    }
}
