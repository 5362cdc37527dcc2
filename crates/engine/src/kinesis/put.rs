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
use super::record::{Record, MAX_RECORD_BYTES, PARTITION_KEY_MAX, PARTITION_KEY_MIN};
use super::sequence_number::SequenceNumber;
use super::shapes::{input, output};
use super::shard::shard_id;
use super::KinesisEvent;
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
        pub stream_name: Option<String>,
        #[cfg_attr(feature = "serde", serde(rename = "StreamARN"))]
        pub stream_arn: Option<String>,
        #[cfg_attr(feature = "serde", serde(default, with = "crate::blob::opt"))]
        pub data: Option<Vec<u8>>,
        pub partition_key: Option<String>,
        pub explicit_hash_key: Option<String>,
        pub sequence_number_for_ordering: Option<String>,
    }
}

output! {
    /// PutRecord's answer.
    pub struct PutRecordOutput {
        pub shard_id: String,
        pub sequence_number: Option<SequenceNumber>,
        pub encryption_type: &'static str,
    }
}

input! {
    /// One entry of PutRecords.
    pub struct PutRecordsRequestEntry {
        #[cfg_attr(feature = "serde", serde(default, with = "crate::blob::opt"))]
        pub data: Option<Vec<u8>>,
        pub partition_key: Option<String>,
        pub explicit_hash_key: Option<String>,
    }
}

input! {
    /// PutRecords.
    pub struct PutRecordsInput {
        pub stream_name: Option<String>,
        #[cfg_attr(feature = "serde", serde(rename = "StreamARN"))]
        pub stream_arn: Option<String>,
        pub records: Option<Vec<PutRecordsRequestEntry>>,
    }
}

output! {
    /// One result of PutRecords: a sequence number and shard, or an error.
    pub struct PutRecordsResultEntry {
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        pub sequence_number: Option<SequenceNumber>,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        pub shard_id: Option<super::shard::ShardId>,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        pub error_code: Option<&'static str>,
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        pub error_message: Option<String>,
    }
}

output! {
    /// PutRecords' answer.
    pub struct PutRecordsOutput {
        pub failed_record_count: u32,
        pub records: Vec<PutRecordsResultEntry>,
        pub encryption_type: &'static str,
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

/// A record ready to store: routed, not yet sequenced.
pub(crate) struct Pending {
    pub partition_key: Arc<str>,
    pub data: Vec<u8>,
    pub hash: u128,
    pub explicit: bool,
}

/// Where a record was stored.
pub(crate) struct Stored {
    pub shard: u32,
    pub sequence_number: SequenceNumber,
    pub size: u64,
}

fn oversize(stream: &str, total: usize) -> ApiError {
    ApiError::kinesis_invalid_argument(alloc::format!(
        "The size of the record (data + partition key: {total} bytes) put to stream {stream} exceeds the \
         maximum record size of {MAX_RECORD_BYTES} bytes."
    ))
}

impl Cloud {
    /// Stores records in stream `name` (which is readable) in order, each routed and
    /// throttled on its own. Answers per record the shard index, sequence number and counted
    /// size, or why it was refused. Request metrics are recorded by the callers (one
    /// CloudWatch sample per API call, as AWS aggregates them).
    pub(crate) fn kinesis_store(&mut self, name: &str, items: Vec<Pending>) -> Vec<Result<Stored, ApiError>> {
        let now = self.ctx.now;
        let throttling = self.kinesis.settings.throttling;
        let Cloud { ctx, kinesis, .. } = self;
        let Some(stream) = kinesis.streams.get_mut(name) else {
            return items.iter().map(|_| Err(ApiError::stream_not_found(name, ctx.account()))).collect();
        };
        let encrypted = stream.encryption_key.is_some();
        let stream_name: Arc<str> = Arc::from(name);
        let mut out = Vec::with_capacity(items.len());
        let mut throttled = 0u32;
        for Pending { partition_key, data, hash, explicit } in items {
            let Some(shard) = stream.shards.values_mut().find(|s| s.is_open() && s.range.contains(hash))
            else {
                out.push(Err(ApiError::kinesis_internal_failure())); // ok: open shards cover the key space
                continue;
            };
            let size = (data.len() + partition_key.len()) as u64;
            if throttling && !shard.write.try_accept(now, size) {
                throttled += 1;
                let id = shard.id();
                out.push(Err(ApiError::rate_exceeded(&id, name, &ctx.config.account_id)));
                ctx.emit(KinesisEvent::ThroughputExceeded {
                    stream: name.into(),
                    shard: id,
                    operation: "PutRecord",
                });
                continue;
            }
            let seq = shard.next_sequence_number(now);
            shard.next_seq_ix += 1;
            let index = shard.index;
            ctx.emit(KinesisEvent::RecordPut {
                stream: stream_name.clone(),
                shard: super::shard::ShardId(index),
                sequence_number: seq,
                partition_key: partition_key.clone(),
                hash_key: hash,
                explicit_hash_key: explicit,
                size,
            });
            shard.records.push_back(Record {
                sequence_number: seq,
                partition_key,
                data,
                arrival: now,
                encrypted,
            });
            out.push(Ok(Stored { shard: index, sequence_number: seq, size }));
        }
        if throttled > 0 {
            self.kinesis_metric(name, "WriteProvisionedThroughputExceeded", f64::from(throttled));
        }
        if out.iter().any(Result::is_ok) {
            self.kinesis_ensure_trim_timer(name, now);
        }
        out
    }

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
        let stored = self.kinesis_store(&name, alloc::vec![Pending { partition_key, data, hash, explicit }]);
        let Stored { shard, sequence_number: seq, size } =
            stored.into_iter().next().unwrap_or_else(|| Err(ApiError::kinesis_internal_failure()))?;
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
        // One MD5 per record routed by its partition key, computed together (digest::md5_each).
        // A record whose key repeats the previous such record's key (a producer batching per
        // key) shares that record's digest and stored key instead.
        let mut previous: Option<&str> = None;
        let mut keys: Vec<&[u8]> = Vec::new();
        let repeats: Vec<bool> = records
            .iter()
            .map(|r| {
                if r.explicit_hash_key.is_some() {
                    return false;
                }
                let k = r.partition_key.as_deref().unwrap_or_default();
                let repeat = previous.replace(k) == Some(k);
                if !repeat {
                    keys.push(k.as_bytes());
                }
                repeat
            })
            .collect();
        let mut digests = crate::digest::md5_each(&keys).into_iter();
        let mut total = 0usize;
        let mut routed: Vec<Pending> = Vec::with_capacity(n);
        let mut last_keyed: Option<(Arc<str>, u128)> = None;
        for (r, repeat) in records.into_iter().zip(repeats) {
            let pk = r.partition_key.unwrap_or_default();
            let data = r.data.unwrap_or_default();
            let size = data.len() + pk.len();
            if size > MAX_RECORD_BYTES {
                return Err(oversize(&name, size));
            }
            total += size;
            let item = match (r.explicit_hash_key.as_deref(), &last_keyed) {
                (None, Some((key, hash))) if repeat => {
                    Pending { partition_key: key.clone(), data, hash: *hash, explicit: false }
                }
                (None, _) => {
                    // ok: one digest was computed for each record that does not repeat a key
                    let hash = digests.next().map_or(0, u128::from_be_bytes);
                    let partition_key: Arc<str> = Arc::from(pk);
                    last_keyed = Some((partition_key.clone(), hash));
                    Pending { partition_key, data, hash, explicit: false }
                }
                (Some(text), _) => {
                    let (hash, explicit) = route_key(&pk, Some(text))?;
                    Pending { partition_key: Arc::from(pk), data, hash, explicit }
                }
            };
            routed.push(item);
        }
        if total > PUT_RECORDS_MAX_BYTES {
            return Err(ApiError::kinesis_invalid_argument(alloc::format!(
                "Records size exceeds 5 MB limit: the request holds {total} bytes of data and partition keys."
            )));
        }
        let mut failed = 0u32;
        let mut stored_bytes = 0u64;
        let mut out = Vec::with_capacity(n);
        for stored in self.kinesis_store(&name, routed) {
            match stored {
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
            }
        }
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
