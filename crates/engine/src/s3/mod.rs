//! (placeholder: this service is not modelled yet)

/// State of the service.
#[derive(Clone, Debug, Default)]
pub struct S3 {}

/// Events of the service.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "type"))]
pub enum S3Event {}

#[cfg(feature = "serde")]
pub(crate) mod json {
    use crate::{ApiError, Cloud};
    use serde_json::Value;

    pub(crate) fn dispatch(_cloud: &mut Cloud, action: &str, _input: Value) -> Result<Value, ApiError> {
        Err(ApiError::unknown_operation("s3", action))
    }
}
