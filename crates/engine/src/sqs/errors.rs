//! Every SQS error: AWS's JSON shape (`code`), the legacy Query code sent in
//! `x-amzn-query-error` (`query_code`), the exception shape (`type`), the HTTP status and the
//! message text recorded on AWS (spec/sqs.md §1.1, §4).
//!
//! # Fidelity
//! * `MessageNotInflight` is never returned (spec §14 Q2: AWS answered 200 where the docs
//!   promise it).
//! * `AccessDenied` is what a denied SNS delivery fails with internally; AWS does not show
//!   the text to anyone, so it is ours.

use alloc::format;
use alloc::string::String;

use crate::batch::BatchProblem;
use crate::ApiError;

const NON_EXISTENT: &str = "AWS.SimpleQueueService.NonExistentQueue";

impl ApiError {
    /// `QueueDoesNotExist`: any action on an unknown or deleted queue.
    pub fn queue_does_not_exist() -> Self {
        Self::client_with(
            "QueueDoesNotExist",
            NON_EXISTENT,
            "QueueDoesNotExist",
            400,
            "The specified queue does not exist.",
        )
    }

    /// `QueueNameExists`: CreateQueue of an existing name with a differing attribute.
    pub fn queue_name_exists(attribute: &str) -> Self {
        Self::client_with(
            "QueueNameExists",
            "QueueAlreadyExists",
            "QueueNameExists",
            400,
            format!(
                "A queue already exists with the same name and a different value for attribute {attribute}"
            ),
        )
    }

    /// `QueueDeletedRecently`: CreateQueue within 60 s of deleting the name.
    pub fn queue_deleted_recently() -> Self {
        Self::client_with(
            "QueueDeletedRecently",
            "AWS.SimpleQueueService.QueueDeletedRecently",
            "QueueDeletedRecently",
            400,
            "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
        )
    }

    /// `InvalidAttributeName` with AWS's `Unknown Attribute <Name>.`
    pub fn unknown_attribute(name: &str) -> Self {
        Self::invalid_attribute_name(format!("Unknown Attribute {name}."))
    }

    /// `InvalidAttributeName` with a given text.
    pub fn invalid_attribute_name(message: impl Into<String>) -> Self {
        Self::client("InvalidAttributeName", 400, message)
    }

    /// `InvalidAttributeValue`: `Invalid value for the parameter <Name>.` (+ reason).
    pub fn invalid_attribute_value(name: &str, reason: Option<&str>) -> Self {
        let message = match reason {
            Some(r) => format!("Invalid value for the parameter {name}. Reason: {r}"),
            None => format!("Invalid value for the parameter {name}."),
        };
        Self::client("InvalidAttributeValue", 400, message)
    }

    /// The generic `InvalidParameterValue` (`InvalidParameterValueException` shape).
    pub fn sqs_invalid_parameter(message: impl Into<String>) -> Self {
        Self::client_with(
            "InvalidParameterValue",
            "InvalidParameterValue",
            "InvalidParameterValueException",
            400,
            message,
        )
    }

    /// `Value <v> for parameter <p> is invalid. Reason: <r>`
    pub fn sqs_invalid_value(value: &str, parameter: &str, reason: &str) -> Self {
        Self::sqs_invalid_parameter(format!(
            "Value {value} for parameter {parameter} is invalid. Reason: {reason}"
        ))
    }

    /// `MissingParameter` (`MissingRequiredParameterException` shape).
    pub fn sqs_missing_parameter(parameter: &str) -> Self {
        Self::client_with(
            "MissingParameter",
            "MissingParameter",
            "MissingRequiredParameterException",
            400,
            format!("The request must contain the parameter {parameter}."),
        )
    }

    /// The batch-level errors, worded as SQS words them. `entry` is the entry shape name
    /// (`SendMessageBatchRequestEntry`).
    pub fn sqs_batch(problem: BatchProblem, entry: &str) -> Self {
        match problem {
            BatchProblem::Empty => Self::client_with(
                "EmptyBatchRequest",
                "AWS.SimpleQueueService.EmptyBatchRequest",
                "EmptyBatchRequest",
                400,
                format!("There should be at least one {entry} in the request."),
            ),
            BatchProblem::TooMany(n) => Self::client_with(
                "TooManyEntriesInBatchRequest",
                "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                "TooManyEntriesInBatchRequest",
                400,
                format!("Maximum number of entries per request are 10. You have sent {n}."),
            ),
            BatchProblem::InvalidId(_) => Self::client_with(
                "InvalidBatchEntryId",
                "AWS.SimpleQueueService.InvalidBatchEntryId",
                "InvalidBatchEntryId",
                400,
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
            ),
            BatchProblem::NotDistinct(id) => Self::client_with(
                "BatchEntryIdsNotDistinct",
                "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                "BatchEntryIdsNotDistinct",
                400,
                format!("Id {id} repeated."),
            ),
        }
    }

    /// `BatchRequestTooLong`: the entries together exceed 1 MiB.
    pub fn batch_request_too_long(sent: usize) -> Self {
        Self::client_with(
            "BatchRequestTooLong",
            "AWS.SimpleQueueService.BatchRequestTooLong",
            "BatchRequestTooLong",
            400,
            format!("Batch requests cannot be longer than 1048576 bytes. You have sent {sent} bytes."),
        )
    }

    /// `PurgeQueueInProgress` (403): a second purge within 60 s.
    pub fn purge_queue_in_progress(queue_name: &str) -> Self {
        Self::client_with(
            "PurgeQueueInProgress",
            "AWS.SimpleQueueService.PurgeQueueInProgress",
            "PurgeQueueInProgress",
            403,
            format!("Only one PurgeQueue operation on {queue_name} is allowed every 60 seconds."),
        )
    }

    /// `ReceiptHandleIsInvalid` (404): a handle this queue never issued.
    pub fn receipt_handle_is_invalid(handle: &str) -> Self {
        Self::client(
            "ReceiptHandleIsInvalid",
            404,
            format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
        )
    }

    /// `InvalidParameterValue` for a FIFO handle whose visibility timeout ended.
    pub fn receipt_handle_expired(handle: &str) -> Self {
        Self::sqs_invalid_value(handle, "ReceiptHandle", "The receipt handle has expired.")
    }

    /// `InvalidMessageContents`: characters outside the allowed set (spec §5.9).
    pub fn invalid_message_contents() -> Self {
        Self::client(
            "InvalidMessageContents",
            400,
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
        )
    }

    /// `OverLimit` (403).
    pub fn over_limit(message: impl Into<String>) -> Self {
        Self::client("OverLimit", 403, message)
    }

    /// `ResourceNotFoundException` (404), for move tasks.
    pub fn sqs_resource_not_found(message: impl Into<String>) -> Self {
        Self::client("ResourceNotFoundException", 404, message)
    }

    /// `AccessDenied` (403): the queue's Policy does not let the sender in (SNS delivery).
    pub fn sqs_access_denied(queue_arn: &str, source: &str) -> Self {
        Self::client_with(
            "AccessDenied",
            "AccessDenied",
            "AccessDeniedException",
            403,
            format!("Access to the resource {queue_arn} is denied: the queue policy does not allow sqs:SendMessage from {source}."),
        )
    }
}
