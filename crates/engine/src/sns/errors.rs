//! SNS errors: Query-protocol codes, HTTP statuses and AWS's texts (spec/sns.md §2).
//!
//! SNS answers with the Query code in `code` and `query_code`, and the modelled exception
//! shape in `type_name` (botocore `service-2.json`).

use alloc::format;
use alloc::string::String;

use crate::ApiError;

fn sns(code: &'static str, type_name: &'static str, status: u16, message: impl Into<String>) -> ApiError {
    ApiError::client_with(code, code, type_name, status, message)
}

impl ApiError {
    /// `InvalidParameter` (400) with the full message text.
    pub fn sns_invalid_parameter(message: impl Into<String>) -> Self {
        sns("InvalidParameter", "InvalidParameterException", 400, message)
    }

    /// `InvalidParameter` `Invalid parameter: <what>`.
    pub fn sns_invalid(what: &str) -> Self {
        Self::sns_invalid_parameter(format!("Invalid parameter: {what}"))
    }

    /// `ParameterValueInvalid` (400): message-attribute validation (§4.3).
    pub fn sns_parameter_value_invalid(message: impl Into<String>) -> Self {
        sns("ParameterValueInvalid", "InvalidParameterValueException", 400, message)
    }

    /// `ValidationError` (400): a required member is null (§4.3).
    pub fn sns_validation_error(message: impl Into<String>) -> Self {
        sns("ValidationError", "ValidationError", 400, message)
    }

    /// `NotFound` (404) `Topic does not exist`.
    pub fn sns_topic_not_found() -> Self {
        sns("NotFound", "NotFoundException", 404, "Topic does not exist")
    }

    /// `NotFound` (404) `Subscription does not exist`.
    pub fn sns_subscription_not_found() -> Self {
        sns("NotFound", "NotFoundException", 404, "Subscription does not exist")
    }

    /// `ResourceNotFound` (404) for the tagging APIs.
    pub fn sns_resource_not_found() -> Self {
        sns("ResourceNotFound", "ResourceNotFoundException", 404, "Resource does not exist")
    }

    /// `TagLimitExceeded` (400): more than 50 tags on a topic.
    pub fn sns_tag_limit_exceeded() -> Self {
        sns(
            "TagLimitExceeded",
            "TagLimitExceededException",
            400,
            "Could not complete request: tag quota of per resource exceeded",
        )
    }

    /// `TopicLimitExceeded` (403).
    pub fn sns_topic_limit_exceeded() -> Self {
        sns("TopicLimitExceeded", "TopicLimitExceededException", 403, "Topic limit exceeded")
    }

    /// `SubscriptionLimitExceeded` (403).
    pub fn sns_subscription_limit_exceeded() -> Self {
        sns(
            "SubscriptionLimitExceeded",
            "SubscriptionLimitExceededException",
            403,
            "Subscription limit exceeded",
        )
    }

    /// `FilterPolicyLimitExceeded` (403): 200 filter policies per topic.
    pub fn sns_filter_policy_limit_exceeded() -> Self {
        sns(
            "FilterPolicyLimitExceeded",
            "FilterPolicyLimitExceededException",
            403,
            "Filter policy limit exceeded",
        )
    }

    /// `TooManyEntriesInBatchRequest` (400).
    pub fn sns_too_many_entries() -> Self {
        sns(
            "TooManyEntriesInBatchRequest",
            "TooManyEntriesInBatchRequestException",
            400,
            "The batch request contains more entries than permissible.",
        )
    }

    /// `EmptyBatchRequest` (400).
    pub fn sns_empty_batch() -> Self {
        sns(
            "EmptyBatchRequest",
            "EmptyBatchRequestException",
            400,
            "The batch request doesn't contain any entries.",
        )
    }

    /// `BatchEntryIdsNotDistinct` (400).
    pub fn sns_batch_ids_not_distinct() -> Self {
        sns(
            "BatchEntryIdsNotDistinct",
            "BatchEntryIdsNotDistinctException",
            400,
            "Two or more batch entries in the request have the same Id.",
        )
    }

    /// `InvalidBatchEntryId` (400) with AWS's text.
    pub fn sns_invalid_batch_entry_id(message: String) -> Self {
        sns("InvalidBatchEntryId", "InvalidBatchEntryIdException", 400, message)
    }

    /// `BatchRequestTooLong` (400).
    pub fn sns_batch_too_long() -> Self {
        sns(
            "BatchRequestTooLong",
            "BatchRequestTooLongException",
            400,
            "The length of all the messages put together is more than the limit.",
        )
    }
}
