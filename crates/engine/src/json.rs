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
//! Kinesis and Firehose decode through [`parse_coral`] instead, which answers wrong types in
//! Coral's words and converts what Coral converts ([`crate::wire_type`]).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use serde::de::{Error as _, Unexpected};
use serde_json::{Map, Value};

use crate::collections::VecMap;
use crate::wire_type::{coral_boolean, coral_integer, mismatch_text, Dialect, WireType};
use crate::ApiError;

/// A value decoded from JSON, answering a wrong type in a service's words ([`Dialect`]).
pub trait FromJson: Sized {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError>;

    /// Decodes as serde_json decodes, answering its error texts.
    fn from_json(v: Value) -> Result<Self, ApiError> {
        Self::from_json_in(v, Dialect::Serde)
    }
}

/// Decodes an action's input. Unknown members are ignored, as AWS ignores them.
pub fn parse<T: FromJson>(input: Value) -> Result<T, ApiError> {
    T::from_json(input)
}

/// [`parse`] for the AWS JSON 1.1 services read by Coral (Kinesis, Firehose).
pub fn parse_coral<T: FromJson>(input: Value) -> Result<T, ApiError> {
    T::from_json_in(input, Dialect::Coral)
}

/// An action's output as JSON.
pub fn output(value: &dyn ToJson) -> Result<Value, ApiError> {
    Ok(value.to_json())
}

/// `v` is not of the type `want`.
#[cold]
fn mismatch(v: &Value, want: WireType, dialect: Dialect) -> ApiError {
    ApiError::serialization(mismatch_text(v, want, dialect))
}

#[cold]
fn invalid_value(u: u64, expected: &str) -> ApiError {
    let e = serde_json::Error::invalid_value(Unexpected::Unsigned(u), &expected);
    ApiError::serialization(format!("{e}"))
}

/// The members of the structure `name`.
pub fn object(v: Value, name: &'static str, dialect: Dialect) -> Result<Map<String, Value>, ApiError> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(mismatch(&other, WireType::Structure(name), dialect)),
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

/// Member `key` of `m` through `T`'s [`FromJson`], as [`member_with`].
pub fn member<T: FromJson + Default>(
    m: &mut Map<String, Value>,
    key: &'static str,
    first: &mut FirstError,
    dialect: Dialect,
) -> T {
    match m.remove(key).map(|v| T::from_json_in(v, dialect)) {
        None => T::default(),
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            first.note(key, e);
            T::default()
        }
    }
}

impl FromJson for Value {
    fn from_json_in(v: Value, _: Dialect) -> Result<Self, ApiError> {
        Ok(v)
    }
}

impl FromJson for String {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        match v {
            Value::String(s) => Ok(s),
            other => Err(mismatch(&other, WireType::String, dialect)),
        }
    }
}

impl FromJson for bool {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        match (&v, dialect) {
            (Value::Bool(b), _) => Ok(*b),
            (Value::String(s), Dialect::Coral) => {
                coral_boolean(s).ok_or_else(|| mismatch(&v, WireType::Boolean, dialect))
            }
            _ => Err(mismatch(&v, WireType::Boolean, dialect)),
        }
    }
}

impl FromJson for i64 {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        match (&v, dialect) {
            (Value::Number(n), Dialect::Coral) => Ok(coral_integer(n)),
            (Value::Number(n), Dialect::Serde) => n.as_i64().ok_or_else(|| match n.as_u64() {
                Some(u) => invalid_value(u, "i64"),
                None => mismatch(&v, WireType::Integer, dialect),
            }),
            _ => Err(mismatch(&v, WireType::Integer, dialect)),
        }
    }
}

impl FromJson for f64 {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        v.as_f64().ok_or_else(|| mismatch(&v, WireType::Timestamp, dialect))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        match v {
            Value::Null => Ok(None),
            v => T::from_json_in(v, dialect).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        T::from_json_in(v, dialect).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        match v {
            // A loop, not `collect` into a `Result`: that instantiates ~700 bytes of iterator
            // adapters per element type.
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for e in a {
                    out.push(T::from_json_in(e, dialect)?);
                }
                Ok(out)
            }
            other => Err(mismatch(&other, WireType::List, dialect)),
        }
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        match v {
            // Inserted one by one: `collect` would instantiate a sort per value type.
            Value::Object(m) => {
                let mut out = BTreeMap::new();
                for (k, v) in m {
                    out.insert(k, T::from_json_in(v, dialect)?);
                }
                Ok(out)
            }
            other => Err(mismatch(&other, WireType::Map, dialect)),
        }
    }
}

impl<T: FromJson> FromJson for VecMap<String, T> {
    fn from_json_in(v: Value, dialect: Dialect) -> Result<Self, ApiError> {
        match v {
            // serde_json's objects are ordered by key: appending keeps the map sorted.
            Value::Object(m) => {
                let mut out = VecMap::new();
                for (k, v) in m {
                    out.insert(k, T::from_json_in(v, dialect)?);
                }
                Ok(out)
            }
            other => Err(mismatch(&other, WireType::Map, dialect)),
        }
    }
}

/// A value written as JSON by one small function per type, called through `&dyn ToJson`
/// ([`Fields::put`]): what serde's `Serialize` would write, without an instance of the
/// serializer's generic code per type and per caller.
pub trait ToJson {
    fn to_json(&self) -> Value;
}

/// The members of a JSON object being written.
#[derive(Default)]
pub struct Fields(Map<String, Value>);

impl Fields {
    /// Sets member `key` (a later `put` of the same key replaces it, as serde_json does).
    pub fn put(&mut self, key: &str, value: &dyn ToJson) {
        self.0.insert(String::from(key), value.to_json());
    }

    /// Sets member `key` to a value already written.
    pub fn put_value(&mut self, key: &str, value: Value) {
        self.0.insert(String::from(key), value);
    }

    /// Adds the members of `value` (a structure), as serde's `flatten` does.
    pub fn merge(&mut self, value: &dyn ToJson) {
        if let Value::Object(m) = value.to_json() {
            self.0.extend(m);
        }
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// A JSON object of `members`, in order (a later duplicate key wins), as `json!({...})`
/// writes it but in one non-generic call: `json!` instantiates serde's `to_value` per member
/// type and per call site.
pub fn obj(members: &[(&str, &dyn ToJson)]) -> Value {
    let mut out = Fields::default();
    for (key, value) in members {
        out.put(key, *value);
    }
    out.into_value()
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for Map<String, Value> {
    fn to_json(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(String::from(self))
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        self.as_str().to_json()
    }
}

impl ToJson for Rc<str> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl ToJson for Arc<str> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

/// [`ToJson`] through serde_json's `From` (as serde writes them; a non-finite `f64` is `null`).
macro_rules! to_json_via_from {
    ($($t:ty),*) => {
        $(impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(*self)
            }
        })*
    };
}

to_json_via_from!(bool, u16, u32, u64, usize, i32, i64, f64);

/// The members of a map (inserted one by one: `collect` would instantiate a sort).
fn map_object<'a>(entries: impl Iterator<Item = (&'a String, &'a dyn ToJson)>) -> Value {
    let mut out = Fields::default();
    for (k, v) in entries {
        out.put(k, v);
    }
    out.into_value()
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self) -> Value {
        map_object(self.iter().map(|(k, v)| (k, v as &dyn ToJson)))
    }
}

impl<T: ToJson> ToJson for VecMap<String, T> {
    fn to_json(&self) -> Value {
        map_object(self.iter().map(|(k, v)| (k, v as &dyn ToJson)))
    }
}

impl ToJson for crate::digest::Md5Hex {
    fn to_json(&self) -> Value {
        self.as_str().to_json()
    }
}

/// In decimal digits, as a string: a JSON number does not hold 128 bits.
impl ToJson for u128 {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for crate::time::Instant {
    fn to_json(&self) -> Value {
        self.millis().to_json()
    }
}

/// `None` is `null`.
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        match self {
            Some(v) => v.to_json(),
            None => Value::Null,
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        let mut out = Vec::with_capacity(self.len());
        for v in self {
            out.push(v.to_json());
        }
        Value::Array(out)
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl ToJson for crate::sns::lazy_explanation::LazyExplanation {
    fn to_json(&self) -> Value {
        self.get().to_json()
    }
}

/// [`ToJson`] for types that keep their `serde::Serialize` (also used by outputs).
macro_rules! to_json_via_serialize {
    ($($t:ty),* $(,)?) => {
        $(impl $crate::json::ToJson for $t {
            fn to_json(&self) -> serde_json::Value {
                serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
            }
        })*
    };
}

to_json_via_serialize!(
    crate::sqs::message::SequenceNumber,
    crate::kinesis::SequenceNumber,
    crate::kinesis::shard::ShardId,
    crate::firehose::buffer::FlushReason,
    crate::message_attributes::MessageAttributeValue,
    crate::kinesis::shapes::StreamModeDetails,
    crate::sns::tags::Tag,
);

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

    #[test]
    fn outputs_write_what_serde_wrote() {
        use crate::kinesis::record::RecordOutput;
        use crate::sqs::batch_actions::SendMessageBatchResultEntry;
        let record = RecordOutput {
            sequence_number: crate::kinesis::SequenceNumber::new(0, 0, 1, 0),
            approximate_arrival_timestamp: 1.5,
            data: b"hi".to_vec(),
            partition_key: "k".into(),
            encryption_type: None,
        };
        let v = output(&record).unwrap();
        assert_eq!(
            (v["Data"].as_str(), v["ApproximateArrivalTimestamp"].as_f64()),
            (Some("aGk="), Some(1.5))
        );
        assert!(v.get("EncryptionType").is_none());
        let entry = SendMessageBatchResultEntry { id: "a".into(), ..Default::default() };
        let v = output(&entry).unwrap();
        assert_eq!(v["Id"], "a");
        assert!(v.get("MessageId").is_some() && v.get("SequenceNumber").is_none(), "{v}");
        assert_eq!(f64::NAN.to_json(), Value::Null);
        assert_eq!(u128::MAX.to_json(), json!("340282366920938463463374607431768211455"));
    }
}
