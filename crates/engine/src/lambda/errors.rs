//! Lambda's error responses (Lambda API Reference, "Errors" of each action): the exception
//! shape is the code (REST-JSON protocol), with Lambda's message texts where known.

use alloc::format;

use crate::ApiError;

impl ApiError {
    /// `ResourceNotFoundException` (404): `Function not found: <arn>`.
    pub fn function_not_found(arn: &str) -> Self {
        ApiError::client("ResourceNotFoundException", 404, format!("Function not found: {arn}"))
    }

    /// `ResourceConflictException` (409): `Function already exist: <name>` (AWS's wording).
    pub fn function_already_exists(name: &str) -> Self {
        ApiError::client("ResourceConflictException", 409, format!("Function already exist: {name}"))
    }

    /// `ResourceNotFoundException` (404) for an unknown event source mapping UUID.
    pub fn mapping_not_found() -> Self {
        ApiError::client("ResourceNotFoundException", 404, "The resource you requested does not exist.")
    }

    /// `ResourceConflictException` (409): a mapping for the same source and function exists.
    pub fn mapping_already_exists(kind: &str, source_arn: &str, function: &str, uuid: &str) -> Self {
        ApiError::client(
            "ResourceConflictException",
            409,
            format!(
                "An event source mapping with {kind} arn (\" {source_arn} \") and function (\" {function} \") \
                 already exists. Please update or delete the existing mapping with UUID {uuid}"
            ),
        )
    }

    /// `ResourceInUseException` (400): the mapping is being created, updated or deleted.
    pub fn mapping_in_use(uuid: &str, state: &str) -> Self {
        ApiError::client(
            "ResourceInUseException",
            400,
            format!("Cannot update the event source mapping {uuid} because it is in use. State: {state}"),
        )
    }

    /// `InvalidParameterValueException` (400).
    pub fn lambda_invalid_parameter(message: impl Into<alloc::string::String>) -> Self {
        ApiError::client("InvalidParameterValueException", 400, message)
    }

    /// `ValidationException` (400), the model's constraint text:
    /// `1 validation error detected: Value '<v>' at '<member>' failed to satisfy constraint: <c>`.
    pub fn lambda_validation(value: &str, member: &str, constraint: &str) -> Self {
        ApiError::client(
            "ValidationException",
            400,
            format!(
                "1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"
            ),
        )
    }

    /// `InvalidRequestContentException` (400): the `Payload` is not JSON.
    pub fn invalid_request_content() -> Self {
        ApiError::client(
            "InvalidRequestContentException",
            400,
            "Could not parse request body into json: Could not parse payload into json",
        )
    }

    /// `RequestTooLargeException` (413): a payload over the invocation limit.
    pub fn request_too_large(limit: usize) -> Self {
        ApiError::client(
            "RequestTooLargeException",
            413,
            format!("Request must be smaller than {limit} bytes for the InvokeFunction operation"),
        )
    }
}
