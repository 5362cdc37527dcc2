//! Temporary stand-in for `sns::filter_policy` until it lands: exact string and number
//! matching on top-level keys only. Deleted when the real module is on main.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use crate::message_attributes::{base_type, BaseType, MessageAttributes};
use crate::ApiError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterPolicyScope {
    MessageAttributes,
    MessageBody,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyOrigin {
    Subscribe,
    SetSubscriptionAttributes,
}

pub enum MessageView<'a> {
    Attributes(&'a MessageAttributes),
    Body(&'a str),
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Explanation {
    pub matched: bool,
}

#[derive(Clone, Debug)]
pub struct FilterPolicy {
    keys: Vec<(String, Vec<Value>)>,
}

impl FilterPolicy {
    pub fn parse(text: &str, _scope: FilterPolicyScope, origin: PolicyOrigin) -> Result<Self, ApiError> {
        let prefix = match origin {
            PolicyOrigin::Subscribe => "Invalid parameter: Attributes Reason: FilterPolicy: ",
            PolicyOrigin::SetSubscriptionAttributes => "Invalid parameter: FilterPolicy: ",
        };
        let fail = |m: &str| ApiError::sns_invalid_parameter(alloc::format!("{prefix}{m}"));
        let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) else {
            return Err(fail("failed to parse JSON."));
        };
        let mut keys = Vec::new();
        for (k, v) in o {
            let Value::Array(a) = v else { return Err(fail("\"k\" must be an object or an array")) };
            keys.push((k, a));
        }
        Ok(Self { keys })
    }

    pub fn evaluate(&self, view: &MessageView<'_>) -> Explanation {
        let matched = match view {
            MessageView::Attributes(attrs) => {
                !attrs.is_empty()
                    && self.keys.iter().all(|(k, conds)| {
                        let Some(v) = attrs.get(k) else { return false };
                        let text = v.string_value.as_deref().unwrap_or_default();
                        conds.iter().any(|c| match (c, base_type(v.data_type())) {
                            (Value::String(s), Some(BaseType::String)) => s == text,
                            (Value::Number(n), Some(BaseType::Number)) => n.to_string() == text,
                            _ => false,
                        })
                    })
            }
            MessageView::Body(body) => match serde_json::from_str::<Value>(body) {
                Ok(Value::Object(o)) => {
                    self.keys.iter().all(|(k, conds)| o.get(k).is_some_and(|v| conds.contains(v)))
                }
                _ => false,
            },
        };
        Explanation { matched }
    }
}
