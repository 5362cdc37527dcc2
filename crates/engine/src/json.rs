//! Helpers for the JSON edge: typed inputs in, typed outputs out.
//!
//! Input members are optional in the typed structs so that each action validates them itself
//! and answers with AWS's own error (`MissingParameter`, `ValidationError`, …); a member of
//! the wrong JSON type is a `SerializationException`, as the AWS JSON protocols answer.

use alloc::format;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::ApiError;

/// Deserialises an action's input. Unknown members are ignored, as AWS ignores them.
pub fn parse<T: DeserializeOwned>(input: Value) -> Result<T, ApiError> {
    serde_json::from_value(input).map_err(|e| ApiError::serialization(format!("{e}")))
}

/// Serialises an action's output.
pub fn output<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::serialization(format!("{e}")))
}
