//! S3's error responses (<https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html>,
//! "List of error codes"): code, HTTP status and message text as S3 sends them.

use alloc::format;

use crate::ApiError;

impl ApiError {
    /// `NoSuchBucket` (404): "The specified bucket does not exist".
    pub fn no_such_bucket() -> Self {
        ApiError::client("NoSuchBucket", 404, "The specified bucket does not exist")
    }

    /// `NoSuchKey` (404): "The specified key does not exist.".
    pub fn no_such_key() -> Self {
        ApiError::client("NoSuchKey", 404, "The specified key does not exist.")
    }

    /// `BucketAlreadyOwnedByYou` (409), every region except us-east-1 (see `s3` docs).
    pub fn bucket_already_owned_by_you() -> Self {
        ApiError::client(
            "BucketAlreadyOwnedByYou",
            409,
            "Your previous request to create the named bucket succeeded and you already own it.",
        )
    }

    /// `BucketNotEmpty` (409): "The bucket you tried to delete is not empty".
    pub fn bucket_not_empty() -> Self {
        ApiError::client("BucketNotEmpty", 409, "The bucket you tried to delete is not empty")
    }

    /// `InvalidBucketName` (400): "The specified bucket is not valid.".
    pub fn invalid_bucket_name() -> Self {
        ApiError::client("InvalidBucketName", 400, "The specified bucket is not valid.")
    }

    /// `InvalidArgument` (400) for a missing or malformed member (S3 SDKs reject these
    /// before sending; the runner answers in S3's code for a bad argument).
    pub fn s3_invalid_argument(member: &str, why: &str) -> Self {
        ApiError::client("InvalidArgument", 400, format!("{member}: {why}"))
    }
}
