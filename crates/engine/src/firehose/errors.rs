//! Firehose's error responses (FH-API model; texts per kinesis.md §2.1–2.2). JSON 1.1
//! protocol: the code is the exception shape.

use alloc::format;
use alloc::string::String;

use crate::ApiError;

impl ApiError {
    /// `ResourceNotFoundException`: `Firehose <name> under account <acct> not found.`
    pub fn delivery_stream_not_found(name: &str, account: &str) -> Self {
        ApiError::client(
            "ResourceNotFoundException",
            400,
            format!("Firehose {name} under account {account} not found."),
        )
    }

    /// `ResourceInUseException`: `Firehose <name> under accountId <acct> already exists`
    pub fn delivery_stream_exists(name: &str, account: &str) -> Self {
        ApiError::client(
            "ResourceInUseException",
            400,
            format!("Firehose {name} under accountId {account} already exists"),
        )
    }

    /// `ResourceInUseException`: the delivery stream is not in a state that allows the call.
    pub fn delivery_stream_in_use(name: &str, account: &str, status: &str) -> Self {
        ApiError::client(
            "ResourceInUseException",
            400,
            format!(
                "Firehose {name} under account {account} is in {status} state and cannot be modified now."
            ),
        )
    }

    /// `InvalidArgumentException` with a message.
    pub fn firehose_invalid_argument(message: impl Into<String>) -> Self {
        ApiError::client("InvalidArgumentException", 400, message)
    }

    /// `InvalidArgumentException` for Put* on a stream fed by Kinesis (real AWS text,
    /// aws/aws-cli#7010).
    pub fn not_permitted_on_kinesis_source() -> Self {
        ApiError::firehose_invalid_argument(
            "This operation is not permitted on KinesisStreamAsSource delivery stream type.",
        )
    }

    /// `ValidationException` in the model's constraint wording.
    pub fn firehose_validation(value: &str, member: &str, constraint: &str) -> Self {
        ApiError::client(
            "ValidationException",
            400,
            format!(
                "1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"
            ),
        )
    }

    /// `ValidationException` for a missing required member.
    pub fn firehose_missing(member: &str) -> Self {
        ApiError::client(
            "ValidationException",
            400,
            format!("1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"),
        )
    }

    /// `LimitExceededException` (too many delivery streams or tags).
    pub fn firehose_limit_exceeded(message: impl Into<String>) -> Self {
        ApiError::client("LimitExceededException", 400, message)
    }

    /// `ConcurrentModificationException`: `CurrentDeliveryStreamVersionId` is stale.
    pub fn firehose_concurrent_modification(current: u64, given: &str) -> Self {
        ApiError::client(
            "ConcurrentModificationException",
            400,
            format!("Invalid CurrentDeliveryStreamVersionId {given}; the current version is {current}."),
        )
    }
}
