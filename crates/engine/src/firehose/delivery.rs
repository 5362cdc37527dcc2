//! Delivery of sealed buffers to S3 (kinesis.md §2.4–2.7).
//!
//! For each batch, in order:
//! 1. **Transformation** (when a Lambda processor is enabled): records go to the function in
//!    invocations of at most the processor's `BufferSizeInMBs` (default 1 MB) as
//!    `{"invocationId", "deliveryStreamArn", "region", "records": [{"recordId",
//!    "approximateArrivalTimestamp", "data"}]}`; a failed invocation is retried
//!    `NumberOfRetries` times (default 3), then its records fail with `Lambda.FunctionError`.
//!    Each returned record is `Ok` (delivered with its new data), `Dropped`, or
//!    `ProcessingFailed` (`Lambda.ProcessingFailedStatus`); a record id missing from the
//!    response fails with `Lambda.MissingRecordId`.
//! 2. `AppendDelimiterToRecord` adds its delimiter to each record.
//! 3. One object of the concatenated records (no delimiter added otherwise), compressed per
//!    `CompressionFormat`, at `<evaluated Prefix><suffix>`; failed records go as JSON lines
//!    (`attemptsMade`, `arrivalTimestamp`, `errorCode`, `errorMessage`,
//!    `attemptEndingTimestamp`, `rawData`, `lambdaArn`) to the evaluated `ErrorOutputPrefix`
//!    with `error-output-type` = `processing-failed`; with `S3BackupMode: Enabled` the source
//!    records also go to the backup destination.
//!
//! When a bucket is missing, nothing of the batch is written: the batch stays queued and is
//! retried every [`RETRY_MS`] ("Firehose retries to deliver data every 5 seconds for up to a
//! maximum period of 24 hours", FH-DG data-delivery failure handling); records older than
//! [`RETENTION_MS`] are then dropped. Once written, records are gone from Firehose (no replay).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;
use serde_json::{json, Value};

use super::buffer::BufferedRecord;
use super::config::{Compression, S3Destination};
use super::{prefix, FirehoseEvent, FirehoseTimer};
use crate::lambda::Outcome;
use crate::time::{Instant, DAY, SECOND};
use crate::Cloud;

/// Wait between delivery attempts to a failing S3 destination.
pub const RETRY_MS: u64 = 5 * SECOND;
/// How long Firehose keeps undelivered records.
pub const RETENTION_MS: u64 = DAY;
/// Default Lambda processor buffer (FH-DG: 1 MB; `BufferSizeInMBs` 0.2–3).
pub const LAMBDA_BUFFER_DEFAULT_BYTES: usize = 1_048_576;

/// A record that failed processing.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedRecord {
    pub raw: Vec<u8>,
    pub arrival: Instant,
    pub error_code: String,
    pub error_message: String,
    pub attempts: u32,
    pub ended: Instant,
}

/// A batch after transformation.
#[derive(Clone, Debug, PartialEq)]
pub struct Transformed {
    /// Records to deliver: (data, arrival).
    pub delivered: Vec<(Vec<u8>, Instant)>,
    pub failed: Vec<FailedRecord>,
    pub lambda_arn: Option<String>,
}

fn b64(d: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(d)
}

impl Cloud {
    /// Transforms one batch (once: the result is kept across S3 retries).
    fn firehose_transform(
        &mut self,
        name: &str,
        dest: &S3Destination,
        stream_arn: &str,
        records: &[BufferedRecord],
    ) -> Transformed {
        let mut out = Transformed { delivered: Vec::new(), failed: Vec::new(), lambda_arn: None };
        let Some((arn, retries)) = dest.lambda() else {
            out.delivered = records.iter().map(|r| (r.data.clone(), r.arrival)).collect();
            return out;
        };
        out.lambda_arn = Some(arn.to_string());
        let chunk_bytes = dest
            .processors
            .iter()
            .find_map(|p| match p {
                super::config::Processor::Lambda { params, .. } => params
                    .iter()
                    .find(|(k, _)| k == "BufferSizeInMBs")
                    .and_then(|(_, v)| crate::float::parse_f64(v)),
                _ => None,
            })
            .map(|mb| (mb * 1_048_576.0) as usize)
            .filter(|b| *b > 0)
            .unwrap_or(LAMBDA_BUFFER_DEFAULT_BYTES);
        let mut start = 0;
        while start < records.len() {
            let mut end = start;
            let mut bytes = 0;
            while let Some(r) = records.get(end) {
                if end > start && bytes + r.data.len() > chunk_bytes {
                    break;
                }
                bytes += r.data.len();
                end += 1;
            }
            let chunk = records.get(start..end).unwrap_or(&[]);
            self.firehose_invoke_chunk(name, arn, retries, stream_arn, chunk, &mut out);
            start = end;
        }
        out
    }

    fn firehose_invoke_chunk(
        &mut self,
        name: &str,
        arn: &str,
        retries: u32,
        stream_arn: &str,
        chunk: &[BufferedRecord],
        out: &mut Transformed,
    ) {
        let mut event = json!({
            "invocationId": self.ctx.rng.uuid(),
            "deliveryStreamArn": stream_arn,
            "region": self.ctx.region(),
            "records": chunk.iter().map(|r| {
                let mut rec = json!({
                    "recordId": r.record_id,
                    "approximateArrivalTimestamp": r.arrival.millis(),
                    "data": b64(&r.data),
                });
                if let Some(k) = &r.kinesis {
                    rec["kinesisRecordMetadata"] = json!({
                        "shardId": k.shard_id, "partitionKey": k.partition_key,
                        "approximateArrivalTimestamp": r.arrival.millis(),
                        "sequenceNumber": k.sequence_number, "subsequenceNumber": 0,
                    });
                }
                rec
            }).collect::<Vec<_>>(),
        });
        if let Some(super::delivery_stream::Source::Kinesis(k)) =
            self.firehose.streams.get(name).map(|s| &s.source)
        {
            event["sourceKinesisStreamArn"] = json!(k.stream_arn);
        }
        let source = alloc::format!("firehose:{name}");
        let mut attempts = 0;
        let mut response = None;
        let mut error = (String::from("Lambda.FunctionError"), String::new());
        while attempts <= retries {
            attempts += 1;
            let inv = self
                .resolve_function(arn)
                .and_then(|f| self.lambda_execute(&f, &event, &source, chunk.len()));
            match inv {
                Ok(inv) => {
                    match inv.outcome {
                        Outcome::Returned(v) => {
                            response = Some(v);
                            break;
                        }
                        Outcome::Threw { .. } => error = (
                            "Lambda.FunctionError".into(),
                            "The Lambda function was successfully invoked but it returned an error result."
                                .into(),
                        ),
                    }
                }
                Err(e) => error = ("Lambda.FunctionNotFound".into(), e.message),
            }
        }
        let now = self.ctx.now;
        let fail = |r: &BufferedRecord, code: &str, msg: &str| FailedRecord {
            raw: r.data.clone(),
            arrival: r.arrival,
            error_code: code.into(),
            error_message: msg.into(),
            attempts,
            ended: now,
        };
        let (mut ok, mut dropped, mut failed) = (0, 0, 0);
        match response {
            None => {
                failed = chunk.len();
                out.failed.extend(chunk.iter().map(|r| fail(r, &error.0, &error.1)));
            }
            Some(v) => {
                let returned = v.get("records").and_then(Value::as_array).cloned().unwrap_or_default();
                let by_id: crate::collections::VecMap<_, _> = crate::collections::btree_map(
                    returned.iter().filter_map(|x| Some((x.get("recordId").and_then(Value::as_str)?, x))),
                );
                for r in chunk {
                    let found = by_id.get(r.record_id.as_str()).copied();
                    let result = found.and_then(|x| x.get("result")).and_then(Value::as_str);
                    let data = found
                        .and_then(|x| x.get("data"))
                        .and_then(Value::as_str)
                        .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok());
                    match (found, result, data) {
                        (None, _, _) => {
                            failed += 1;
                            out.failed.push(fail(
                                r,
                                "Lambda.MissingRecordId",
                                "One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids.",
                            ));
                        }
                        (_, Some("Dropped"), _) => dropped += 1,
                        (_, Some("Ok"), Some(d)) => {
                            ok += 1;
                            out.delivered.push((d, r.arrival));
                        }
                        (_, Some("ProcessingFailed"), _) => {
                            failed += 1;
                            out.failed.push(fail(
                                r,
                                "Lambda.ProcessingFailedStatus",
                                "ProcessingFailed status set for record",
                            ));
                        }
                        _ => {
                            failed += 1;
                            out.failed.push(fail(
                                r,
                                "Lambda.InvalidReturnFormat",
                                "The record returned by the Lambda function has an invalid result or data.",
                            ));
                        }
                    }
                }
            }
        }
        self.firehose_metric(
            name,
            "ExecuteProcessing.Success",
            if failed == chunk.len() && ok == 0 && dropped == 0 { 0.0 } else { 1.0 },
        );
        self.firehose_metric(name, "SucceedProcessing.Records", ok as f64);
        self.ctx.emit(FirehoseEvent::TransformInvoked {
            stream: name.into(),
            function: arn.into(),
            records: chunk.len(),
            ok,
            dropped,
            failed,
            attempts,
        });
    }

    /// Delivers the pending batches of `name` in order (timer); on a missing bucket, keeps
    /// them and retries in [`RETRY_MS`].
    pub(crate) fn firehose_deliver(&mut self, name: &str) {
        if let Some(s) = self.firehose.streams.get_mut(name) {
            s.deliver_timer = None;
        }
        loop {
            let now = self.ctx.now;
            let Some(s) = self.firehose.streams.get_mut(name) else { return };
            let serial = s.serial;
            // Records past the retention period are lost.
            if let Some(front) = s.pending.front_mut() {
                let before = front.records.len();
                front.records.retain(|r| now.since(r.arrival) < RETENTION_MS);
                let expired = before - front.records.len();
                if front.records.is_empty() {
                    s.pending.pop_front();
                }
                if expired > 0 {
                    self.ctx.emit(FirehoseEvent::RecordsExpired { stream: name.into(), records: expired });
                    continue;
                }
            }
            let Some(batch) = s.pending.front() else { return };
            let (dest, arn, records, reason) =
                (s.destination.clone(), s.arn.clone(), batch.records.clone(), batch.reason);
            let outcome = match batch.outcome.clone() {
                Some(o) => o,
                None => {
                    let o = self.firehose_transform(name, &dest, &arn, &records);
                    if let Some(b) = self.firehose.streams.get_mut(name).and_then(|s| s.pending.front_mut()) {
                        b.outcome = Some(o.clone());
                    }
                    o
                }
            };
            let mut buckets = Vec::from([dest.bucket.as_str()]);
            if let Some(b) = &dest.backup {
                buckets.push(b.bucket.as_str());
            }
            if let Some(missing) = buckets.iter().find(|b| !self.s3.buckets.contains_key(**b)) {
                let retry_at = now.plus(RETRY_MS);
                self.ctx.emit(FirehoseEvent::DeliveryFailed {
                    stream: name.into(),
                    bucket: (*missing).into(),
                    error_code: "S3.NoSuchBucket".into(),
                    error_message: "The specified bucket does not exist".into(),
                    records: records.len(),
                    retry_at,
                });
                self.firehose_metric(name, "DeliveryToS3.Success", 0.0);
                let id = self.ctx.schedule(retry_at, FirehoseTimer::Deliver { stream: name.into(), serial });
                if let Some(s) = self.firehose.streams.get_mut(name) {
                    s.deliver_timer = Some(id);
                }
                return;
            }
            self.firehose_write_batch(name, &dest, &records, &outcome, reason);
            if let Some(s) = self.firehose.streams.get_mut(name) {
                s.pending.pop_front();
            }
        }
    }

    fn firehose_write_batch(
        &mut self,
        name: &str,
        dest: &S3Destination,
        records: &[BufferedRecord],
        outcome: &Transformed,
        reason: super::buffer::FlushReason,
    ) {
        let version = self.firehose.streams.get(name).map_or(1, |s| s.version_id);
        let now = self.ctx.now;
        let writer = alloc::format!("firehose:{name}");
        if !outcome.delivered.is_empty() {
            let mut data = Vec::new();
            for (d, _) in &outcome.delivered {
                data.extend_from_slice(d);
                if let Some(delim) = dest.delimiter() {
                    data.extend_from_slice(delim);
                }
            }
            let oldest = outcome.delivered.iter().map(|(_, a)| *a).min().unwrap_or(now);
            let key = self.firehose_object_key(name, version, dest, &dest.prefix_parts, oldest, "");
            let body = match dest.compression {
                Compression::Gzip => super::gzip::gzip(&data),
                Compression::Uncompressed => data.clone(),
            };
            let object_size = body.len();
            if self.s3_put_object(&dest.bucket, &key, body, &writer).is_ok() {
                self.ctx.emit(FirehoseEvent::BufferFlushed {
                    stream: name.into(),
                    bucket: dest.bucket.clone(),
                    object_key: key,
                    records: outcome.delivered.len(),
                    bytes: data.len(),
                    object_size,
                    reason,
                });
                self.firehose_metric(name, "DeliveryToS3.Records", outcome.delivered.len() as f64);
                self.firehose_metric(name, "DeliveryToS3.Bytes", data.len() as f64);
                self.firehose_metric(name, "DeliveryToS3.Success", 1.0);
                self.firehose_metric(name, "DeliveryToS3.DataFreshness", (now.since(oldest) / SECOND) as f64);
            }
        }
        if !outcome.failed.is_empty() {
            let mut lines = Vec::new();
            for f in &outcome.failed {
                let mut line = json!({
                    "attemptsMade": f.attempts,
                    "arrivalTimestamp": f.arrival.millis(),
                    "errorCode": f.error_code,
                    "errorMessage": f.error_message,
                    "attemptEndingTimestamp": f.ended.millis(),
                    "rawData": b64(&f.raw),
                });
                if let Some(arn) = &outcome.lambda_arn {
                    line["lambdaArn"] = json!(arn);
                }
                lines.extend_from_slice(line.to_string().as_bytes());
                lines.push(b'\n');
            }
            let oldest = outcome.failed.iter().map(|f| f.arrival).min().unwrap_or(now);
            let key = self.firehose_object_key(
                name,
                version,
                dest,
                &dest.error_prefix_parts,
                oldest,
                "processing-failed",
            );
            let count = outcome.failed.len();
            if self.s3_put_object(&dest.bucket, &key, lines, &writer).is_ok() {
                self.ctx.emit(FirehoseEvent::ErrorOutputDelivered {
                    stream: name.into(),
                    bucket: dest.bucket.clone(),
                    object_key: key,
                    records: count,
                    error_code: outcome.failed.first().map(|f| f.error_code.clone()).unwrap_or_default(),
                });
            }
        }
        if let Some(backup) = &dest.backup {
            let data: Vec<u8> = records.iter().flat_map(|r| r.data.iter().copied()).collect();
            let oldest = records.iter().map(|r| r.arrival).min().unwrap_or(now);
            let key = self.firehose_object_key(name, version, backup, &backup.prefix_parts, oldest, "");
            let body = match backup.compression {
                Compression::Gzip => super::gzip::gzip(&data),
                Compression::Uncompressed => data,
            };
            if self.s3_put_object(&backup.bucket, &key, body, &writer).is_ok() {
                self.ctx.emit(FirehoseEvent::SourceRecordsBackedUp {
                    stream: name.into(),
                    bucket: backup.bucket.clone(),
                    object_key: key,
                    records: records.len(),
                });
            }
        }
    }

    fn firehose_object_key(
        &mut self,
        name: &str,
        version: u64,
        dest: &S3Destination,
        parts: &[prefix::Part],
        at: Instant,
        error_type: &str,
    ) -> String {
        let mut key = prefix::evaluate(parts, at, &mut self.ctx.rng, error_type);
        if key.len() > prefix::PREFIX_MAX {
            let mut cut = prefix::PREFIX_MAX;
            while !key.is_char_boundary(cut) {
                cut -= 1;
            }
            key.truncate(cut);
        }
        let uuid = self.ctx.rng.uuid();
        key.push_str(&prefix::suffix(name, version, at, &uuid, dest.extension()));
        key
    }
}
