//! The one error type every API call returns.
//!
//! Each service builds its errors through named constructors (`ApiError::queue_does_not_exist`
//! in `sqs::errors`, `ApiError::topic_not_found` in `sns::errors`, …) so that codes, HTTP
//! statuses and AWS's message texts live in one place per service. This file holds the
//! protocol-level errors shared by all services.

use alloc::format;
use alloc::string::String;
use core::fmt;

/// An AWS error response.
///
/// * `code`: the error code a JSON-protocol SDK exposes (SQS: the modelled shape such as
///   `QueueDoesNotExist`; SNS: the Query code such as `InvalidParameter`; Kinesis and
///   Firehose: the exception shape such as `ResourceNotFoundException`).
/// * `query_code`: the legacy Query-protocol code (SQS sends it in `x-amzn-query-error`;
///   for the other services it equals `code`).
/// * `type_name`: the exception shape name (`InvalidParameterValueException`,
///   `NotFoundException`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ApiError {
    pub code: &'static str,
    pub query_code: &'static str,
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub type_name: &'static str,
    pub message: String,
    pub http_status: u16,
    pub sender_fault: bool,
}

impl ApiError {
    /// A client (4xx, `Sender`) error whose three codes are equal.
    pub fn client(code: &'static str, http_status: u16, message: impl Into<String>) -> Self {
        Self {
            code,
            query_code: code,
            type_name: code,
            message: message.into(),
            http_status,
            sender_fault: true,
        }
    }

    /// A client error with distinct JSON code, Query code and exception shape.
    pub fn client_with(
        code: &'static str,
        query_code: &'static str,
        type_name: &'static str,
        http_status: u16,
        message: impl Into<String>,
    ) -> Self {
        Self { code, query_code, type_name, message: message.into(), http_status, sender_fault: true }
    }

    /// The request body is not valid JSON or a member has the wrong JSON type
    /// (`SerializationException`, as the AWS JSON protocols answer).
    pub fn serialization(message: impl Into<String>) -> Self {
        Self::client("SerializationException", 400, message)
    }

    /// The service or action does not exist (`UnknownOperationException`).
    pub fn unknown_operation(service: &str, action: &str) -> Self {
        Self::client(
            "UnknownOperationException",
            400,
            format!("The action {action} is not valid for service {service}."),
        )
    }

    /// The request is valid JSON but not an object (or a non-call line of the runner).
    pub fn malformed_line(message: impl Into<String>) -> Self {
        Self::serialization(message)
    }

    /// A simulator limit (for example the number of resources a world may hold) was reached.
    pub fn simulator_limit(message: impl Into<String>) -> Self {
        Self::client("LimitExceededException", 400, message)
    }

    /// Replaces the message, keeping codes and status.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

#[cfg(feature = "std")]
extern crate std;
#[cfg(feature = "std")]
impl std::error::Error for ApiError {}
