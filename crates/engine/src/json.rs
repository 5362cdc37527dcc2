//! Helpers for the JSON edge: typed inputs in, typed outputs out.
//!
//! Input members are optional in the typed structs so that each action validates them itself
//! and answers with AWS's own error (`MissingParameter`, `ValidationError`, …); a member of
//! the wrong JSON type is a `SerializationException`, as the AWS JSON protocols answer.
//!
//! Inputs decode through [`FromJson`] (structures declare it with
//! [`crate::shape::input_shape!`]) rather than serde's derive, which costs a visitor per
//! structure in the playground's WebAssembly. The answers are those serde_json gave for the
//! derive: the same error texts (built by serde_json's own `invalid_type`/`invalid_value`),
//! and when several members are wrong, the first in key order is reported, as serde reads a
//! JSON object's members in that order. A structure given as a JSON array is a wrong type.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::de::{Error as _, Unexpected};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::collections::VecMap;
use crate::ApiError;

/// A value decoded from JSON as serde_json decodes it, answering its error texts.
pub trait FromJson: Sized {
    fn from_json(v: Value) -> Result<Self, ApiError>;
}

/// Decodes an action's input. Unknown members are ignored, as AWS ignores them.
pub fn parse<T: FromJson>(input: Value) -> Result<T, ApiError> {
    T::from_json(input)
}

/// Serialises an action's output.
pub fn output<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::serialization(format!("{e}")))
}

fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// `invalid type: <what v is>, expected <expected>`.
#[cold]
pub fn invalid_type(v: &Value, expected: &str) -> ApiError {
    ApiError::serialization(format!("{}", serde_json::Error::invalid_type(unexpected(v), &expected)))
}

#[cold]
fn invalid_value(u: u64, expected: &str) -> ApiError {
    let e = serde_json::Error::invalid_value(Unexpected::Unsigned(u), &expected);
    ApiError::serialization(format!("{e}"))
}

/// The members of a structure (`expecting`: `struct Name`, as serde words it).
pub fn object(v: Value, expecting: &str) -> Result<Map<String, Value>, ApiError> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(invalid_type(&other, expecting)),
    }
}

/// The error of the first member, in key order, that failed to decode.
#[derive(Default)]
pub struct FirstError(Option<(&'static str, ApiError)>);

impl FirstError {
    fn note(&mut self, key: &'static str, e: ApiError) {
        if self.0.as_ref().is_none_or(|(k, _)| key < *k) {
            self.0 = Some((key, e));
        }
    }

    /// `out`, unless a member failed.
    pub fn or<T>(self, out: T) -> Result<T, ApiError> {
        match self.0 {
            Some((_, e)) => Err(e),
            None => Ok(out),
        }
    }
}

/// Member `key` of `m` decoded with `decode`; its default when absent; on failure the default,
/// and the error noted in `first`.
pub fn member_with<T: Default>(
    m: &mut Map<String, Value>,
    key: &'static str,
    first: &mut FirstError,
    decode: fn(Value) -> Result<T, ApiError>,
) -> T {
    match m.remove(key).map(decode) {
        None => T::default(),
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            first.note(key, e);
            T::default()
        }
    }
}

/// [`member_with`] through `T`'s [`FromJson`].
pub fn member<T: FromJson + Default>(
    m: &mut Map<String, Value>,
    key: &'static str,
    first: &mut FirstError,
) -> T {
    member_with(m, key, first, T::from_json)
}

impl FromJson for Value {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        Ok(v)
    }
}

impl FromJson for String {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        match v {
            Value::String(s) => Ok(s),
            other => Err(invalid_type(&other, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        match v {
            Value::Bool(b) => Ok(b),
            other => Err(invalid_type(&other, "a boolean")),
        }
    }
}

impl FromJson for i64 {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        match &v {
            Value::Number(n) => n.as_i64().ok_or_else(|| match n.as_u64() {
                Some(u) => invalid_value(u, "i64"),
                None => invalid_type(&v, "i64"),
            }),
            _ => Err(invalid_type(&v, "i64")),
        }
    }
}

impl FromJson for f64 {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        v.as_f64().ok_or_else(|| invalid_type(&v, "f64"))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        match v {
            Value::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        T::from_json(v).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        match v {
            Value::Array(a) => a.into_iter().map(T::from_json).collect(),
            other => Err(invalid_type(&other, "a sequence")),
        }
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        match v {
            // Inserted one by one: `collect` would instantiate a sort per value type.
            Value::Object(m) => {
                let mut out = BTreeMap::new();
                for (k, v) in m {
                    out.insert(k, T::from_json(v)?);
                }
                Ok(out)
            }
            other => Err(invalid_type(&other, "a map")),
        }
    }
}

impl<T: FromJson> FromJson for VecMap<String, T> {
    fn from_json(v: Value) -> Result<Self, ApiError> {
        match v {
            // serde_json's objects are ordered by key: appending keeps the map sorted.
            Value::Object(m) => {
                let mut out = VecMap::new();
                for (k, v) in m {
                    out.insert(k, T::from_json(v)?);
                }
                Ok(out)
            }
            other => Err(invalid_type(&other, "a map")),
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;
    use serde_json::json;

    use super::*;
    use crate::sqs::batch_actions::SendMessageBatchInput;
    use crate::sqs::send::SendMessageInput;

    fn message<T: FromJson>(v: Value) -> String {
        match T::from_json(v) {
            Ok(_) => "ok".to_string(),
            Err(e) => e.message,
        }
    }

    #[test]
    fn wrong_types_answer_serde_json_texts() {
        let cases = [
            (json!({"QueueUrl": 5}), "invalid type: integer `5`, expected a string"),
            (json!({"QueueUrl": -3}), "invalid type: integer `-3`, expected a string"),
            (json!({"QueueUrl": 1.5}), "invalid type: floating point `1.5`, expected a string"),
            (json!({"QueueUrl": true}), "invalid type: boolean `true`, expected a string"),
            (json!({"QueueUrl": []}), "invalid type: sequence, expected a string"),
            (json!({"QueueUrl": {}}), "invalid type: map, expected a string"),
            (json!({"DelaySeconds": "x"}), "invalid type: string \"x\", expected i64"),
            (json!({"DelaySeconds": 1e20}), "invalid type: floating point `1e+20`, expected i64"),
            (
                json!({"DelaySeconds": 9_223_372_036_854_775_808_u64}),
                "invalid value: integer `9223372036854775808`, expected i64",
            ),
            (json!({"MessageAttributes": []}), "invalid type: sequence, expected a map"),
            (
                json!({"MessageAttributes": {"a": 5}}),
                "invalid type: integer `5`, expected struct MessageAttributeValue",
            ),
            (
                json!({"MessageAttributes": {"a": {"BinaryValue": "!"}}}),
                "invalid base64 BinaryValue: Invalid symbol 33, offset 0.",
            ),
            (json!({"QueueUrl": null, "DelaySeconds": null, "Unknown": 5}), "ok"),
        ];
        for (input, want) in cases {
            assert_eq!(message::<SendMessageInput>(input.clone()), want, "{input}");
        }
    }

    #[test]
    fn the_first_wrong_member_in_key_order_is_reported() {
        let input = json!({"QueueUrl": 1, "MessageBody": 2, "DelaySeconds": "x"});
        assert_eq!(message::<SendMessageInput>(input), "invalid type: string \"x\", expected i64");
        let input = json!({"QueueUrl": 1, "Entries": [{"Id": 1}, 5]});
        assert_eq!(message::<SendMessageBatchInput>(input), "invalid type: integer `1`, expected a string");
        let input = json!({"Entries": [{"Id": "a"}, 5]});
        assert_eq!(
            message::<SendMessageBatchInput>(input),
            "invalid type: integer `5`, expected struct SendMessageBatchRequestEntry"
        );
    }
}
