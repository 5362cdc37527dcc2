//! The Kinesis side of event source mappings (kinesis.md §1.11;
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html>).
//!
//! Every [`POLL_MS`] the mapping reads each ready shard (parents before children) and
//! invokes the function synchronously with up to `BatchSize` records as
//! `{"Records": [{"kinesis": {…}, "eventSource": "aws:kinesis", "eventID": "<shard>:<seq>", …}]}`.
//! A failing batch **blocks its shard** (records stay in order) and is retried at the next
//! poll until it succeeds, `MaximumRetryAttempts` is exhausted or a record is older than
//! `MaximumRecordAgeInSeconds`; then it is discarded and, with `DestinationConfig.OnFailure`,
//! a metadata document (not the data) goes to the destination. `BisectBatchOnFunctionError`
//! splits a failed batch in two (splitting does not consume retry attempts). With
//! `ReportBatchItemFailures` the function returns `{"batchItemFailures": [{"itemIdentifier":
//! "<sequenceNumber>"}]}` and Lambda retries from the lowest failed sequence number.

use alloc::collections::VecDeque;

use crate::collections::VecMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;
use serde_json::{json, Value};

use super::handler::Outcome;
use super::LambdaEvent;
use crate::stream_reader::{ReadRecord, StreamReader};
use crate::time::SECOND;
use crate::Cloud;

/// Time between polls of each shard (Lambda polls a shard about once a second).
pub const POLL_MS: u64 = SECOND;

/// Batches of one shard waiting for a successful invocation (head first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShardBatches {
    pub queue: VecDeque<Vec<ReadRecord>>,
    /// Failed invocations of the head batch.
    pub attempts: u32,
}

/// Kinesis polling state of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct KinesisPollState {
    pub reader: StreamReader,
    pub shards: VecMap<String, ShardBatches>,
}

impl KinesisPollState {
    pub fn new(reader: StreamReader) -> Self {
        Self { reader, shards: VecMap::new() }
    }
}

fn event(records: &[ReadRecord], source_arn: &str, region: &str, role: &str) -> Value {
    let recs: Vec<Value> = records
        .iter()
        .map(|r| {
            json!({
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": r.partition_key,
                    "sequenceNumber": r.sequence_number,
                    "data": base64::engine::general_purpose::STANDARD.encode(&r.data),
                    "approximateArrivalTimestamp": r.arrival.secs_f64(),
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": format!("{}:{}", r.shard_id, r.sequence_number),
                "eventName": "aws:kinesis:record",
                "invokeIdentityArn": role,
                "awsRegion": region,
                "eventSourceARN": source_arn,
            })
        })
        .collect();
    json!({ "Records": recs })
}

/// What one invocation of a batch came to.
enum Verdict {
    Success,
    /// Retry from this index of the batch (ReportBatchItemFailures), or 0 for the whole batch.
    RetryFrom(usize),
}

fn verdict(outcome: &Outcome, records: &[ReadRecord], report: bool) -> (Verdict, Vec<String>) {
    match outcome {
        Outcome::Threw { .. } => (Verdict::RetryFrom(0), Vec::new()),
        Outcome::Returned(v) if report => {
            let Some(items) = v.get("batchItemFailures") else { return (Verdict::Success, Vec::new()) };
            let Some(items) = items.as_array() else {
                return (if items.is_null() { Verdict::Success } else { Verdict::RetryFrom(0) }, Vec::new());
            };
            let mut ids = Vec::new();
            let mut lowest = None;
            for it in items {
                let id = it.get("itemIdentifier").and_then(Value::as_str).filter(|s| !s.is_empty());
                let Some(pos) = id.and_then(|id| records.iter().position(|r| r.sequence_number == id)) else {
                    return (Verdict::RetryFrom(0), ids); // invalid report: the whole batch failed
                };
                ids.push(records.get(pos).map(|r| r.sequence_number.clone()).unwrap_or_default());
                lowest = Some(lowest.map_or(pos, |l: usize| l.min(pos)));
            }
            match lowest {
                None => (Verdict::Success, ids),
                Some(p) => (Verdict::RetryFrom(p), ids),
            }
        }
        Outcome::Returned(_) => (Verdict::Success, Vec::new()),
    }
}

impl Cloud {
    fn take_kinesis_state(&mut self, uuid: &str) -> Option<KinesisPollState> {
        self.lambda.mappings.get_mut(uuid).and_then(|m| m.kinesis.take())
    }

    /// One polling round of a Kinesis mapping; returns the delay to the next.
    pub(crate) fn kinesis_mapping_poll(&mut self, uuid: &str) -> u64 {
        let Some(mut st) = self.take_kinesis_state(uuid) else { return POLL_MS };
        let batch_size = self.lambda.mappings.get(uuid).map_or(100, |m| m.batch_size) as i64;
        if self.reader_sync(&mut st.reader).is_ok() {
            let mut shards: Vec<String> =
                st.shards.iter().filter(|(_, b)| !b.queue.is_empty()).map(|(s, _)| s.clone()).collect();
            for s in st.reader.ready() {
                if !shards.contains(&s) {
                    shards.push(s);
                }
            }
            for shard in shards {
                let pending = st.shards.get(&shard).is_some_and(|b| !b.queue.is_empty());
                if !pending {
                    match self.reader_read(&mut st.reader, &shard, batch_size) {
                        Ok(records) if !records.is_empty() => {
                            if let Some(last) = records.last() {
                                st.reader.commit(&shard, &last.sequence_number);
                            }
                            st.shards.entry(shard.clone()).or_default().queue.push_back(records);
                        }
                        _ => continue,
                    }
                }
                if let Some(b) = st.shards.get_mut(&shard) {
                    let mut taken = core::mem::take(b);
                    self.kinesis_process_head(uuid, &shard, &mut taken);
                    if let Some(b) = st.shards.get_mut(&shard) {
                        *b = taken;
                    }
                }
            }
        }
        if let Some(m) = self.lambda.mappings.get_mut(uuid) {
            m.kinesis = Some(st);
        }
        POLL_MS
    }

    /// Invokes the head batch of a shard once and applies the result.
    fn kinesis_process_head(&mut self, uuid: &str, shard: &str, b: &mut ShardBatches) {
        let Some(m) = self.lambda.mappings.get(uuid) else { return };
        let (function, source_arn, report, bisect, max_retry, max_age) = (
            m.function.clone(),
            m.source_arn.clone(),
            m.report_batch_item_failures,
            m.bisect,
            m.max_retry_attempts,
            m.max_record_age_s,
        );
        let Some(head) = b.queue.front().cloned() else { return };
        let now = self.ctx.now;
        let too_old = |recs: &[ReadRecord]| {
            max_age >= 0
                && recs.iter().any(|r| now.since(r.arrival) > (max_age as u64).saturating_mul(SECOND))
        };
        if too_old(&head) {
            self.kinesis_discard(uuid, shard, b, "RecordAgeExceeded");
            return;
        }
        let role = self.lambda.functions.get(&function).map(|f| f.role.clone()).unwrap_or_default();
        let ev = event(&head, &source_arn, self.ctx.region(), &role);
        let outcome = match self.lambda_execute(&function, &ev, uuid, head.len()) {
            Ok(inv) => inv.outcome,
            Err(_) => Outcome::Threw {
                error_type: "ResourceNotFoundException".into(),
                error_message: "Function not found".into(),
            },
        };
        let (v, ids) = verdict(&outcome, &head, report);
        if !ids.is_empty() {
            self.ctx.emit(LambdaEvent::BatchItemFailuresReported {
                uuid: uuid.into(),
                function: function.clone(),
                item_identifiers: ids,
            });
        }
        match v {
            Verdict::Success => {
                b.queue.pop_front();
                b.attempts = 0;
                self.set_result(uuid, "OK");
            }
            Verdict::RetryFrom(from) => {
                self.set_result(uuid, "PROBLEM: Function call failed");
                if let Some(h) = b.queue.front_mut() {
                    if from > 0 {
                        h.drain(..from.min(h.len()));
                    }
                }
                let len = b.queue.front().map_or(0, Vec::len);
                if bisect && len > 1 {
                    if let Some(mut h) = b.queue.pop_front() {
                        let second = h.split_off(len / 2);
                        self.ctx.emit(LambdaEvent::BatchBisected {
                            uuid: uuid.into(),
                            shard_id: shard.into(),
                            sizes: [h.len(), second.len()],
                        });
                        b.queue.push_front(second);
                        b.queue.push_front(h);
                    }
                    return;
                }
                b.attempts += 1;
                if max_retry >= 0 && i64::from(b.attempts) > max_retry {
                    self.kinesis_discard(uuid, shard, b, "RetryAttemptsExhausted");
                }
            }
        }
    }

    fn set_result(&mut self, uuid: &str, r: &str) {
        if let Some(m) = self.lambda.mappings.get_mut(uuid) {
            m.last_processing_result = r.into();
        }
    }

    /// Drops the head batch; with an on-failure destination, sends its metadata there.
    fn kinesis_discard(&mut self, uuid: &str, shard: &str, b: &mut ShardBatches, condition: &str) {
        let attempts = b.attempts;
        b.attempts = 0;
        let Some(head) = b.queue.pop_front() else { return };
        let Some(m) = self.lambda.mappings.get(uuid) else { return };
        let (destination, function_arn, source_arn) =
            (m.on_failure.clone(), m.function_arn.clone(), m.source_arn.clone());
        let (first, last) = (head.first(), head.last());
        let doc = json!({
            "requestContext": {
                "requestId": self.ctx.rng.uuid(),
                "functionArn": function_arn,
                "condition": condition,
                "approximateInvokeCount": attempts,
            },
            "responseContext": { "statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled" },
            "version": "1.0",
            "timestamp": crate::kinesis::errors::amz_utc(self.ctx.now),
            "KinesisBatchInfo": {
                "shardId": shard,
                "startSequenceNumber": first.map(|r| r.sequence_number.clone()),
                "endSequenceNumber": last.map(|r| r.sequence_number.clone()),
                "approximateArrivalOfFirstRecord": first.map(|r| crate::kinesis::errors::amz_utc(r.arrival)),
                "approximateArrivalOfLastRecord": last.map(|r| crate::kinesis::errors::amz_utc(r.arrival)),
                "batchSize": head.len(),
                "streamArn": source_arn,
            },
        });
        let delivered = match &destination {
            Some(d) => self.lambda_send_to_destination(d, &doc.to_string(), &format!("{uuid}/{shard}")),
            None => false,
        };
        self.ctx.emit(LambdaEvent::BatchDiscarded {
            uuid: uuid.into(),
            shard_id: shard.into(),
            records: head.len(),
            condition: condition.into(),
            destination,
            delivered,
        });
    }

    /// Sends an on-failure record to an SQS queue, SNS topic or S3 bucket.
    /// `path` is `<mapping UUID>/<shard id>` (the S3 key's folder).
    pub(crate) fn lambda_send_to_destination(&mut self, destination: &str, doc: &str, path: &str) -> bool {
        let service = destination.split(':').nth(2).unwrap_or("");
        match service {
            "sns" => self
                .publish(crate::sns::publish::PublishInput {
                    topic_arn: Some(destination.into()),
                    message: Some(doc.into()),
                    ..Default::default()
                })
                .is_ok(),
            "s3" => match crate::s3::bucket_of_arn(destination) {
                Some(bucket) => {
                    // Lambda's key: aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<UUID>
                    let bucket = String::from(bucket);
                    let c = self.ctx.now.civil();
                    let key = format!(
                        "aws/lambda/{path}/{:04}/{:02}/{:02}/{:04}-{:02}-{:02}T{:02}.{:02}.{:02}-{}",
                        c.year,
                        c.month,
                        c.day,
                        c.year,
                        c.month,
                        c.day,
                        c.hour,
                        c.minute,
                        c.second,
                        self.ctx.rng.uuid()
                    );
                    self.s3_put_object(&bucket, &key, doc.as_bytes().to_vec(), "lambda").is_ok()
                }
                None => false,
            },
            "sqs" => self.lambda_send_to_queue(destination, doc),
            _ => false,
        }
    }
}
