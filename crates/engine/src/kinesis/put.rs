//! Writing: PutRecord and PutRecords.
//!
//! AWS: a record goes to the open shard whose `HashKeyRange` holds the MD5 of its partition
//! key (or its `ExplicitHashKey`); partition keys are 1–256 characters; a record is at most
//! 1 MiB including its partition key; PutRecords takes 1–500 records and at most 5 MiB, and
//! answers per record (`SequenceNumber`/`ShardId`, or `ErrorCode`/`ErrorMessage`) with a
//! `FailedRecordCount`; a shard takes 1 MiB/s and 1,000 records/s
//! (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html>,
//! spec/kinesis.md §1.3, §1.5, §1.7, §1.8).

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use super::hash_key::{self, KeyProblem, HASH_KEY_PATTERN};
use super::record::{MAX_RECORD_BYTES, PARTITION_KEY_MAX, PARTITION_KEY_MIN};
use super::sequence_number::SequenceNumber;
use super::shapes::{input, output};
use super::shard::shard_id;
use super::store::{route_records, Pending, Stored};
use crate::coral::Violations;
use crate::{ApiError, Cloud};

/// Records per PutRecords request.
pub const PUT_RECORDS_MAX_ENTRIES: usize = 500;
/// Bytes per PutRecords request (data + partition keys).
pub const PUT_RECORDS_MAX_BYTES: usize = 5 * 1_048_576;
/// Pattern of sequence numbers in the API model.
pub const SEQUENCE_NUMBER_PATTERN: &str = "0|([1-9]\\d{0,128})";

/// True when `s` matches [`SEQUENCE_NUMBER_PATTERN`].
pub fn is_sequence_number_text(s: &str) -> bool {
    match s.as_bytes() {
        [b'0'] => true,
        [first, rest @ ..] => {
            (b'1'..=b'9').contains(first) && rest.len() <= 128 && rest.iter().all(u8::is_ascii_digit)
        }
        [] => false,
    }
}

input! {
    /// PutRecord.
    pub struct PutRecordInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub data: Option<Vec<u8>> = "Data" with crate::blob::opt::from_json,
        pub partition_key: Option<String> = "PartitionKey",
        pub explicit_hash_key: Option<String> = "ExplicitHashKey",
        pub sequence_number_for_ordering: Option<String> = "SequenceNumberForOrdering",
    }
}

output! {
    /// PutRecord's answer.
    pub struct PutRecordOutput {
        pub shard_id: String = "ShardId",
        pub sequence_number: Option<SequenceNumber> = "SequenceNumber",
        pub encryption_type: &'static str = "EncryptionType",
    }
}

input! {
    /// One entry of PutRecords.
    pub struct PutRecordsRequestEntry {
        pub data: Option<Vec<u8>> = "Data" with crate::blob::opt::from_json,
        pub partition_key: Option<String> = "PartitionKey",
        pub explicit_hash_key: Option<String> = "ExplicitHashKey",
    }
}

input! {
    /// PutRecords.
    pub struct PutRecordsInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub records: Option<Vec<PutRecordsRequestEntry>> = "Records",
    }
}

output! {
    /// One result of PutRecords: a sequence number and shard, or an error.
    pub struct PutRecordsResultEntry {
        pub sequence_number: Option<SequenceNumber> = "SequenceNumber" skip_none,
        pub shard_id: Option<super::shard::ShardId> = "ShardId" skip_none,
        pub error_code: Option<&'static str> = "ErrorCode" skip_none,
        pub error_message: Option<String> = "ErrorMessage" skip_none,
    }
}

output! {
    /// PutRecords' answer.
    pub struct PutRecordsOutput {
        pub failed_record_count: u32 = "FailedRecordCount",
        pub records: Vec<PutRecordsResultEntry> = "Records",
        pub encryption_type: &'static str = "EncryptionType",
    }
}

/// True when a record passes every model check (the common case, checked without building
/// member names).
fn record_is_valid(data: &Option<Vec<u8>>, pk: Option<&str>, ehk: Option<&str>) -> bool {
    data.as_ref().is_some_and(|d| d.len() <= MAX_RECORD_BYTES)
        && pk.is_some_and(|k| (PARTITION_KEY_MIN..=PARTITION_KEY_MAX).contains(&k.chars().count()))
        && ehk.is_none_or(hash_key::matches_pattern)
}

/// Model checks of one record (`prefix` is `""` or `records.N.member.`).
fn check_record(
    v: &mut Violations,
    prefix: &str,
    data: &Option<Vec<u8>>,
    pk: Option<&str>,
    ehk: Option<&str>,
) {
    if record_is_valid(data, pk, ehk) {
        return;
    }
    let m = |s: &str| alloc::format!("{prefix}{s}");
    v.not_null(&m("data"), data);
    v.blob_max(&m("data"), data.as_deref(), MAX_RECORD_BYTES);
    v.not_null(&m("partitionKey"), &pk);
    v.length(&m("partitionKey"), pk, PARTITION_KEY_MIN, PARTITION_KEY_MAX);
    v.pattern(&m("explicitHashKey"), ehk, HASH_KEY_PATTERN, hash_key::matches_pattern);
}

/// The hash key a record is routed by, and whether it was explicit.
fn route_key(pk: &str, ehk: Option<&str>) -> Result<(u128, bool), ApiError> {
    match ehk {
        None => Ok((hash_key::hash_of(pk), false)),
        Some(text) => match hash_key::parse(text) {
            Ok(k) => Ok((k, true)),
            Err(KeyProblem::OutOfRange | KeyProblem::Pattern) => {
                Err(ApiError::explicit_hash_key_out_of_range(text))
            }
        },
    }
}

fn oversize(stream: &str, total: usize) -> ApiError {
    ApiError::kinesis_invalid_argument(alloc::format!(
        "The size of the record (data + partition key: {total} bytes) put to stream {stream} exceeds the \
         maximum record size of {MAX_RECORD_BYTES} bytes."
    ))
}

impl Cloud {
    /// The stream a data-plane call names, which must be `ACTIVE` or `UPDATING`.
    pub(crate) fn kinesis_writable(
        &self,
        name: Option<&str>,
        arn: Option<&str>,
    ) -> Result<(String, &'static str), ApiError> {
        let s = self.kinesis_stream(name, arn)?;
        if !s.is_readable() {
            return Err(ApiError::stream_not_found(&s.name, self.ctx.account()));
        }
        Ok((s.name.clone(), s.encryption_type()))
    }

    /// PutRecord.
    pub fn put_record(&mut self, input: PutRecordInput) -> Result<PutRecordOutput, ApiError> {
        let mut v = Violations::new();
        let pk = input.partition_key.as_deref();
        check_record(&mut v, "", &input.data, pk, input.explicit_hash_key.as_deref());
        let sfo = input.sequence_number_for_ordering.as_deref();
        v.pattern("sequenceNumberForOrdering", sfo, SEQUENCE_NUMBER_PATTERN, is_sequence_number_text);
        super::stream::check_stream_ref(&mut v, input.stream_name.as_deref(), input.stream_arn.as_deref());
        v.finish()?;
        let (name, encryption_type) =
            self.kinesis_writable(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let partition_key = input.partition_key.unwrap_or_default();
        let data = input.data.unwrap_or_default();
        if data.len() + partition_key.len() > MAX_RECORD_BYTES {
            return Err(oversize(&name, data.len() + partition_key.len()));
        }
        let (hash, explicit) = route_key(&partition_key, input.explicit_hash_key.as_deref())?;
        if let Some(s) = sfo {
            if SequenceNumber::parse(s).is_none() {
                return Err(ApiError::kinesis_invalid_argument(alloc::format!(
                    "ExclusiveMinimumSequenceNumber {s} used in PutRecord on stream {name} under account {} is invalid.",
                    self.ctx.account()
                )));
            }
        }
        let partition_key = Arc::from(partition_key);
        let mut stored = Err(ApiError::kinesis_internal_failure()); // kinesis_store answers once per item
        self.kinesis_store(&name, [Pending { partition_key, data, hash, explicit }], |a| stored = a);
        let Stored { shard, sequence_number: seq, size } = stored?;
        self.kinesis_metric(&name, "IncomingBytes", size as f64);
        self.kinesis_metric(&name, "IncomingRecords", 1.0);
        self.kinesis_metric(&name, "PutRecord.Bytes", size as f64);
        self.kinesis_metric(&name, "PutRecord.Success", 1.0);
        Ok(PutRecordOutput { shard_id: shard_id(shard), sequence_number: Some(seq), encryption_type })
    }

    /// PutRecords: each record is routed and throttled on its own, in request order; a
    /// throttled record gets `ProvisionedThroughputExceededException` and is not stored.
    pub fn put_records(&mut self, input: PutRecordsInput) -> Result<PutRecordsOutput, ApiError> {
        let mut v = Violations::new();
        v.not_null("records", &input.records);
        let records = input.records.unwrap_or_default();
        let n = records.len();
        if input_present_and_empty(n, &v) {
            v.push("records", Some("[]"), "Member must have length greater than or equal to 1");
        } else if n > PUT_RECORDS_MAX_ENTRIES {
            v.push("records", None, "Member must have length less than or equal to 500");
        }
        for (i, r) in records.iter().enumerate() {
            let (data, pk, ehk) = (&r.data, r.partition_key.as_deref(), r.explicit_hash_key.as_deref());
            if !record_is_valid(data, pk, ehk) {
                check_record(&mut v, &alloc::format!("records.{}.member.", i + 1), data, pk, ehk);
            }
        }
        super::stream::check_stream_ref(&mut v, input.stream_name.as_deref(), input.stream_arn.as_deref());
        v.finish()?;
        let (name, encryption_type) =
            self.kinesis_writable(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        // Whole-request checks come first: a refused request stores nothing.
        let mut total = 0usize;
        let mut explicit_keys = Vec::new();
        for r in &records {
            let size = r.data.as_ref().map_or(0, Vec::len) + r.partition_key.as_ref().map_or(0, String::len);
            if size > MAX_RECORD_BYTES {
                return Err(oversize(&name, size));
            }
            total += size;
            if let Some(text) = r.explicit_hash_key.as_deref() {
                explicit_keys.push(route_key("", Some(text))?.0);
            }
        }
        if total > PUT_RECORDS_MAX_BYTES {
            return Err(ApiError::kinesis_invalid_argument(alloc::format!(
                "Records size exceeds 5 MB limit: the request holds {total} bytes of data and partition keys."
            )));
        }
        let routed = route_records(records, explicit_keys);
        let mut failed = 0u32;
        let mut stored_bytes = 0u64;
        let mut out = Vec::with_capacity(n);
        self.kinesis_store(&name, routed, |stored| match stored {
            Ok(Stored { shard, sequence_number: seq, size }) => {
                stored_bytes += size;
                out.push(PutRecordsResultEntry {
                    sequence_number: Some(seq),
                    shard_id: Some(super::shard::ShardId(shard)),
                    error_code: None,
                    error_message: None,
                })
            }
            Err(e) => {
                failed += 1;
                out.push(PutRecordsResultEntry {
                    sequence_number: None,
                    shard_id: None,
                    error_code: Some(e.code),
                    error_message: Some(e.message),
                });
            }
        });
        let ok = (n as u32 - failed) as f64;
        if ok > 0.0 {
            self.kinesis_metric(&name, "IncomingBytes", stored_bytes as f64);
            self.kinesis_metric(&name, "IncomingRecords", ok);
            self.kinesis_metric(&name, "PutRecords.Bytes", stored_bytes as f64);
        }
        self.kinesis_metric(&name, "PutRecords.TotalRecords", n as f64);
        self.kinesis_metric(&name, "PutRecords.SuccessfulRecords", ok);
        self.kinesis_metric(&name, "PutRecords.FailedRecords", f64::from(failed));
        Ok(PutRecordsOutput { failed_record_count: failed, records: out, encryption_type })
    }
}

/// True when `Records` was given as an empty list (a null list is reported as null instead).
fn input_present_and_empty(n: usize, v: &Violations) -> bool {
    n == 0 && v.is_empty()
}
