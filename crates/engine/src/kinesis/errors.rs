//! Kinesis Data Streams errors: AWS's exception shapes and message texts
//! (spec/kinesis.md §1.2–§1.10; texts recorded against AWS by kinesalite unless noted).
//! JSON 1.1 errors carry one code (`__type`), so `code`, `query_code` and `type` are equal.

use alloc::format;
use alloc::string::String;

use crate::time::Instant;
use crate::ApiError;

fn e400(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::client(code, 400, message)
}

/// AWS's timestamp text in iterator errors: `Thu Jan 22 01:22:02 UTC 2015`.
pub fn amz_utc(t: Instant) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let secs = t.secs();
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let weekday = DAYS.get((days % 7) as usize).copied().unwrap_or("Thu");
    let month_name = MONTHS.get((month - 1) as usize).copied().unwrap_or("Jan");
    format!(
        "{weekday} {month_name} {day:02} {:02}:{:02}:{:02} UTC {year}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

impl ApiError {
    /// `InvalidArgumentException` with `message`.
    pub fn kinesis_invalid_argument(message: impl Into<String>) -> Self {
        e400("InvalidArgumentException", message)
    }

    /// `Stream S under account A not found.`
    pub fn stream_not_found(stream: &str, account: &str) -> Self {
        e400("ResourceNotFoundException", format!("Stream {stream} under account {account} not found."))
    }

    /// `Stream S under account A already exists.`
    pub fn stream_already_exists(stream: &str, account: &str) -> Self {
        e400("ResourceInUseException", format!("Stream {stream} under account {account} already exists."))
    }

    /// `Stream S under account A not ACTIVE, instead in state CREATING`.
    pub fn stream_not_active(stream: &str, account: &str, state: &str) -> Self {
        e400(
            "ResourceInUseException",
            format!("Stream {stream} under account {account} not ACTIVE, instead in state {state}"),
        )
    }

    /// `Shard shardId-… in stream S under account A does not exist` (reads).
    pub fn shard_does_not_exist(shard: &str, stream: &str, account: &str) -> Self {
        e400(
            "ResourceNotFoundException",
            format!("Shard {shard} in stream {stream} under account {account} does not exist"),
        )
    }

    /// `Could not find shard <id> in stream S under account A.` (resharding, bad ids).
    pub fn could_not_find_shard(shard: &str, stream: &str, account: &str) -> Self {
        e400(
            "ResourceNotFoundException",
            format!("Could not find shard {shard} in stream {stream} under account {account}."),
        )
    }

    /// The account's shard quota would be exceeded.
    pub fn shard_limit_exceeded(account: &str, region: &str, current: u64, limit: u64, more: u64) -> Self {
        e400(
            "LimitExceededException",
            format!(
                "This request would exceed the shard limit for the account {account} in {region}. \
                 Current shard count for the account: {current}. Limit: {limit}. Number of additional \
                 shards that would have resulted from this request: {more}. Refer to the AWS Service \
                 Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for \
                 current limits and how to request higher limits."
            ),
        )
    }

    /// `LimitExceededException` with `message`.
    pub fn kinesis_limit_exceeded(message: impl Into<String>) -> Self {
        e400("LimitExceededException", message)
    }

    /// `ResourceInUseException` with `message`.
    pub fn kinesis_resource_in_use(message: impl Into<String>) -> Self {
        e400("ResourceInUseException", message)
    }

    /// `ResourceNotFoundException` with `message`.
    pub fn kinesis_not_found(message: impl Into<String>) -> Self {
        e400("ResourceNotFoundException", message)
    }

    /// Per-shard throughput exceeded (AWS's PutRecords `ErrorMessage` text).
    pub fn rate_exceeded(shard: &str, stream: &str, account: &str) -> Self {
        e400(
            "ProvisionedThroughputExceededException",
            format!("Rate exceeded for shard {shard} in stream {stream} under account {account}."),
        )
    }

    /// `Invalid ShardIterator.`
    pub fn invalid_shard_iterator() -> Self {
        Self::kinesis_invalid_argument("Invalid ShardIterator.")
    }

    /// An iterator older than 300,000 ms.
    pub fn expired_iterator(issued: Instant, now: Instant) -> Self {
        e400(
            "ExpiredIteratorException",
            format!(
                "Iterator expired. The iterator was created at time {} while right now it is {} which is \
                 further in the future than the tolerated delay of 300000 milliseconds.",
                amz_utc(issued),
                amz_utc(now)
            ),
        )
    }

    /// A `NextToken` older than its 300-second life.
    pub fn expired_next_token() -> Self {
        e400("ExpiredNextTokenException", "The timestamp of the NextToken has expired.")
    }

    /// A `NextToken` that was not issued by this service.
    pub fn invalid_next_token() -> Self {
        Self::kinesis_invalid_argument("Invalid NextToken.")
    }

    /// Retention below 24 hours.
    pub fn retention_too_short(hours: i64) -> Self {
        Self::kinesis_invalid_argument(format!(
            "Minimum allowed retention period is 24 hours. Requested retention period ({hours} hours) is too short."
        ))
    }

    /// Retention above 8,760 hours.
    pub fn retention_too_long(hours: i64) -> Self {
        Self::kinesis_invalid_argument(format!(
            "Maximum allowed retention period is 8760 hours. Requested retention period ({hours} hours) is too long."
        ))
    }

    /// `Invalid ExplicitHashKey. …`
    pub fn explicit_hash_key_out_of_range(value: &str) -> Self {
        Self::kinesis_invalid_argument(format!(
            "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was {value}"
        ))
    }

    /// `Internal Service Failure` (HTTP 500).
    pub fn kinesis_internal_failure() -> Self {
        Self {
            code: "InternalFailure",
            query_code: "InternalFailure",
            type_name: "InternalFailure",
            message: "Internal Service Failure".into(),
            http_status: 500,
            sender_fault: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amz_dates() {
        assert_eq!(amz_utc(Instant(1_421_889_722_000)), "Thu Jan 22 01:22:02 UTC 2015");
        assert_eq!(amz_utc(crate::time::WORLD_START), "Mon Jan 01 00:00:00 UTC 2024");
    }
}
