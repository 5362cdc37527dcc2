//! The SQS side of event source mappings (sqs.md §11;
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html>).
//!
//! Lambda polls the queue (here every [`POLL_MS`] with short receives, so it never moves the
//! clock), gathers up to `BatchSize` messages, or for `MaximumBatchingWindowInSeconds` when
//! the batch is not full, and invokes the function synchronously with
//! `{"Records": [{"messageId", "receiptHandle", "body", "attributes", "messageAttributes",
//! "md5OfBody", "md5OfMessageAttributes", "eventSource": "aws:sqs", "eventSourceARN",
//! "awsRegion"}]}`. When the invocation ends (after the function's run time) Lambda deletes
//! the batch on success; on a function error it deletes nothing, and the messages become
//! visible again after the **queue's** visibility timeout, so the queue's redrive policy, not
//! the function, decides when they go to a dead-letter queue. With `ReportBatchItemFailures`
//! only the reported `itemIdentifier`s stay; an invalid report (unknown, empty or missing
//! id) fails the whole batch. Up to `ScalingConfig.MaximumConcurrency` batches (default 5)
//! run at once; FIFO queues never hand out a message group's next messages while a batch
//! of that group is in flight, which keeps each group in order.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;
use serde_json::{json, Map, Value};

use super::handler::Outcome;
use super::{LambdaEvent, LambdaTimer};
use crate::sqs::delete::DeleteMessageInput;
use crate::sqs::receive::{ReceiveMessageInput, ReceivedMessage};
use crate::time::{Instant, SECOND};
use crate::Cloud;

/// Time between polls when the queue was empty.
pub const POLL_MS: u64 = SECOND;
/// Messages per ReceiveMessage call.
const RECEIVE_MAX: u64 = 10;
/// System attributes of the event record (FIFO adds the last three).
const EVENT_ATTRIBUTES: [&str; 7] = [
    "ApproximateReceiveCount",
    "SentTimestamp",
    "SenderId",
    "ApproximateFirstReceiveTimestamp",
    "SequenceNumber",
    "MessageGroupId",
    "MessageDeduplicationId",
];

/// SQS polling state of a mapping.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqsPollState {
    /// Messages received for the next batch (batching window).
    pub gathering: Vec<ReceivedMessage>,
    pub gather_started: Option<Instant>,
    /// Batches being processed.
    pub in_flight: u64,
}

/// How a finished batch is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settle {
    /// Delete every message.
    All,
    /// Delete all but these message ids.
    AllBut(Vec<String>),
    /// Delete nothing (function error): the visibility timeout returns them.
    Nothing,
}

fn record(m: &ReceivedMessage, source_arn: &str, region: &str) -> Value {
    let mut attrs = Map::new();
    for k in EVENT_ATTRIBUTES {
        if let Some(v) = m.attributes.as_ref().and_then(|a| a.get(k)) {
            attrs.insert(k.into(), json!(v));
        }
    }
    let mut user = Map::new();
    for (k, v) in m.message_attributes.iter().flatten() {
        let mut o = Map::new();
        if let Some(s) = &v.string_value {
            o.insert("stringValue".into(), json!(s));
        }
        if let Some(b) = &v.binary_value {
            o.insert("binaryValue".into(), json!(base64::engine::general_purpose::STANDARD.encode(b)));
        }
        o.insert("stringListValues".into(), json!([]));
        o.insert("binaryListValues".into(), json!([]));
        o.insert("dataType".into(), json!(v.data_type));
        user.insert(k.clone(), Value::Object(o));
    }
    json!({
        "messageId": m.message_id,
        "receiptHandle": m.receipt_handle,
        "body": m.body,
        "attributes": attrs,
        "messageAttributes": user,
        "md5OfBody": m.md5_of_body,
        "md5OfMessageAttributes": m.md5_of_message_attributes,
        "eventSource": "aws:sqs",
        "eventSourceARN": source_arn,
        "awsRegion": region,
    })
}

fn settle_of(outcome: &Outcome, batch: &[(String, String)], report: bool) -> (Settle, Vec<String>) {
    match outcome {
        Outcome::Threw { .. } => (Settle::Nothing, Vec::new()),
        Outcome::Returned(v) if report => {
            let items = match v.get("batchItemFailures") {
                None | Some(Value::Null) => return (Settle::All, Vec::new()),
                Some(Value::Array(a)) => a,
                Some(_) => return (Settle::Nothing, Vec::new()),
            };
            let mut ids = Vec::new();
            for it in items {
                let id = it.get("itemIdentifier").and_then(Value::as_str).filter(|s| !s.is_empty());
                match id.filter(|id| batch.iter().any(|(m, _)| m == id)) {
                    Some(id) => ids.push(id.to_string()),
                    None => return (Settle::Nothing, Vec::new()),
                }
            }
            if ids.is_empty() {
                (Settle::All, ids)
            } else {
                (Settle::AllBut(ids.clone()), ids)
            }
        }
        Outcome::Returned(_) => (Settle::All, Vec::new()),
    }
}

impl Cloud {
    /// True/false for an existing FIFO/standard queue; None when the queue does not exist.
    pub(crate) fn sqs_queue_is_fifo(&self, arn: &str) -> Option<bool> {
        self.sqs.queue_by_arn(arn).map(|q| q.is_fifo())
    }

    /// Sends an on-failure record to an SQS queue.
    pub(crate) fn lambda_send_to_queue(&mut self, queue_arn: &str, doc: &str) -> bool {
        self.sqs_deliver(crate::sqs::delivery::SqsDelivery {
            queue_arn: queue_arn.into(),
            body: doc.into(),
            message_attributes: Default::default(),
            attributes_size: None,
            message_group_id: None,
            message_deduplication_id: None,
            aws_trace_header: None,
            source_arn: None,
            principal_service: None,
        })
        .is_ok()
    }

    /// One polling round of an SQS mapping; returns the delay to the next.
    pub(crate) fn sqs_mapping_poll(&mut self, uuid: &str) -> u64 {
        let Some(m) = self.lambda.mappings.get(uuid) else { return POLL_MS };
        let (source, batch_size, window_ms) = (m.source_arn.clone(), m.batch_size, m.window_s * SECOND);
        let concurrency = m.max_concurrency.unwrap_or(super::mapping::SQS_DEFAULT_CONCURRENCY);
        let Some(url) = self.sqs_queue_url_for_arn(&source) else {
            self.set_sqs_result(uuid, "PROBLEM: The queue does not exist.");
            return POLL_MS;
        };
        loop {
            let Some(st) = self.lambda.mappings.get(uuid).map(|m| m.sqs.clone()) else { return POLL_MS };
            if st.in_flight >= concurrency {
                break;
            }
            let want = batch_size.saturating_sub(st.gathering.len() as u64).min(RECEIVE_MAX);
            let got = if want == 0 {
                Vec::new()
            } else {
                self.receive_message(ReceiveMessageInput {
                    queue_url: Some(url.clone()),
                    attribute_names: Some(alloc::vec!["All".into()]),
                    message_system_attribute_names: Some(alloc::vec!["All".into()]),
                    message_attribute_names: Some(alloc::vec!["All".into()]),
                    max_number_of_messages: Some(want as i64),
                    wait_time_seconds: Some(0),
                    ..Default::default()
                })
                .map(|o| o.messages)
                .unwrap_or_default()
            };
            let now = self.ctx.now;
            let Some(st) = self.lambda.mappings.get_mut(uuid).map(|m| &mut m.sqs) else { return POLL_MS };
            let received = !got.is_empty();
            if received && st.gathering.is_empty() {
                st.gather_started = Some(now);
            }
            st.gathering.extend(got);
            let full = st.gathering.len() as u64 >= batch_size;
            let window_over = st.gather_started.is_some_and(|s| now.since(s) >= window_ms);
            if !st.gathering.is_empty() && (full || window_over || (!received && window_ms == 0)) {
                let batch = core::mem::take(&mut st.gathering);
                st.gather_started = None;
                st.in_flight += 1;
                self.sqs_invoke(uuid, batch);
                continue;
            }
            if !received {
                break;
            }
        }
        let now = self.ctx.now;
        match self.lambda.mappings.get(uuid).and_then(|m| m.sqs.gather_started) {
            Some(s) => (s.plus(window_ms).since(now)).clamp(1, POLL_MS),
            None => POLL_MS,
        }
    }

    fn set_sqs_result(&mut self, uuid: &str, r: &str) {
        if let Some(m) = self.lambda.mappings.get_mut(uuid) {
            m.last_processing_result = r.into();
        }
    }

    fn sqs_invoke(&mut self, uuid: &str, batch: Vec<ReceivedMessage>) {
        let Some(m) = self.lambda.mappings.get(uuid) else { return };
        let (function, source, report, serial) =
            (m.function.clone(), m.source_arn.clone(), m.report_batch_item_failures, m.serial);
        let region = self.ctx.region().to_string();
        let records: Vec<Value> = batch.iter().map(|b| record(b, &source, &region)).collect();
        let ev = json!({ "Records": records });
        let handles: Vec<(String, String)> =
            batch.iter().map(|b| (String::from(&*b.message_id), String::from(&*b.receipt_handle))).collect();
        let (outcome, duration) = match self.lambda_execute(&function, &ev, uuid, handles.len()) {
            Ok(inv) => (inv.outcome, inv.duration_ms),
            Err(_) => (
                Outcome::Threw {
                    error_type: "ResourceNotFoundException".into(),
                    error_message: "Function not found".into(),
                },
                0,
            ),
        };
        let (settle, ids) = settle_of(&outcome, &handles, report);
        if !ids.is_empty() {
            self.ctx.emit(LambdaEvent::BatchItemFailuresReported {
                uuid: uuid.into(),
                function,
                item_identifiers: ids,
            });
        }
        let at = self.ctx.now.plus(duration);
        self.ctx.schedule(at, LambdaTimer::SqsBatchDone { uuid: uuid.into(), serial, handles, settle });
    }

    /// Timer: the function returned; delete what succeeded.
    pub(crate) fn sqs_batch_done(
        &mut self,
        uuid: &str,
        serial: u64,
        handles: Vec<(String, String)>,
        settle: Settle,
    ) {
        let url = self.lambda.mappings.get(uuid).and_then(|m| self.sqs_queue_url_for_arn(&m.source_arn));
        if let Some(m) = self.lambda.mappings.get_mut(uuid).filter(|m| m.serial == serial) {
            m.sqs.in_flight = m.sqs.in_flight.saturating_sub(1);
            m.last_processing_result =
                if settle == Settle::Nothing { "PROBLEM: Function call failed".into() } else { "OK".into() };
        }
        let Some(url) = url else { return };
        let mut deleted = 0;
        for (id, handle) in &handles {
            let keep = match &settle {
                Settle::All => false,
                Settle::AllBut(ids) => ids.contains(id),
                Settle::Nothing => true,
            };
            if !keep
                && self
                    .delete_message(DeleteMessageInput {
                        queue_url: Some(url.clone()),
                        receipt_handle: Some(handle.clone()),
                    })
                    .is_ok()
            {
                deleted += 1;
            }
        }
        self.ctx.emit(LambdaEvent::SqsBatchSettled { uuid: uuid.into(), messages: handles.len(), deleted });
    }
}
