//! (placeholder: this service is not modelled yet)

pub mod filter_policy;

use crate::Cloud;

/// State of the service.
#[derive(Clone, Debug, Default)]
pub struct Sns {}

/// Events of the service.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "type"))]
pub enum SnsEvent {}

/// Timers of the service.
#[derive(Clone, Debug, PartialEq)]
pub enum SnsTimer {}

impl Cloud {
    pub(crate) fn sns_on_timer(&mut self, timer: SnsTimer) {
        match timer {}
    }
}

#[cfg(feature = "serde")]
pub(crate) mod json {
    use crate::{ApiError, Cloud};
    use serde_json::Value;

    pub(crate) fn dispatch(_cloud: &mut Cloud, action: &str, _input: Value) -> Result<Value, ApiError> {
        Err(ApiError::unknown_operation("sns", action))
    }
}
