//! `PutRecord` / `PutRecordBatch` and the delivery buffer (kinesis.md §2.2–2.3).
//!
//! One buffer per delivery stream. The first record into an empty buffer starts it and
//! schedules a flush `IntervalInSeconds` later; when the buffered bytes reach `SizeInMBs`
//! (1 MiB units, counted before compression) the buffer is sealed at once with the record
//! that crossed the threshold. A sealed buffer becomes a [`Batch`] delivered as one object
//! (see `delivery`) by a timer due at once, so it shows after the next `advance_ms`, even
//! `{"advance_ms": 0}` (kinesis.md §2.3); "the condition satisfied first triggers data delivery".
//!
//! Limits (FH-API model): `Record.Data` ≤ 1,024,000 bytes; `PutRecordBatch` 1–500 records and
//! ≤ 4 MiB in total.

use alloc::string::String;
use alloc::vec::Vec;

use super::delivery_stream::{Source, Status};
use super::{FirehoseEvent, FirehoseTimer};
use crate::metrics::MetricKey;
use crate::time::{Instant, TimerId};
use crate::{ApiError, Cloud};

/// Largest record (FH-API model `Data` max length: 1,024,000 bytes).
pub const RECORD_MAX_BYTES: usize = 1_024_000;
/// Records per `PutRecordBatch` (1–500).
pub const BATCH_MAX_RECORDS: usize = 500;
/// Total data per `PutRecordBatch` ("up to a limit of 4 MiB for the entire request").
pub const BATCH_MAX_BYTES: usize = 4 * 1024 * 1024;

/// Kinesis metadata of a record read from a source stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KinesisMeta {
    pub shard_id: String,
    pub partition_key: String,
    pub sequence_number: String,
}

/// One record in a buffer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BufferedRecord {
    pub record_id: String,
    pub data: Vec<u8>,
    /// ApproximateArrivalTimestamp (Direct PUT: the put; Kinesis: the stream's arrival).
    pub arrival: Instant,
    pub kinesis: Option<KinesisMeta>,
}

/// Why a buffer was sealed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum FlushReason {
    /// The buffered bytes reached `SizeInMBs`.
    Size,
    /// `IntervalInSeconds` passed since the first record entered the buffer.
    Interval,
}

/// The records waiting for a flush.
#[derive(Clone, Debug, Default)]
pub struct Buffer {
    pub records: Vec<BufferedRecord>,
    pub bytes: usize,
    pub started_at: Option<Instant>,
    /// The pending interval flush.
    pub timer: Option<TimerId>,
}

/// A sealed buffer on its way to S3 (one object, plus error and backup objects).
#[derive(Clone, Debug)]
pub struct Batch {
    pub records: Vec<BufferedRecord>,
    pub reason: FlushReason,
    /// Filled by the transformation, which runs once per batch.
    pub outcome: Option<super::delivery::Transformed>,
}

/// The answer for one record of `PutRecordBatch`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PutResult {
    Ok { record_id: String },
    Failed { error_code: String, error_message: String },
}

impl Cloud {
    fn check_put(&self, name: &str) -> Result<(), ApiError> {
        let s = self.delivery_stream(name)?;
        if matches!(s.source, Source::Kinesis(_)) {
            return Err(ApiError::not_permitted_on_kinesis_source());
        }
        if s.status != Status::Active {
            // Open question (kinesis.md §5.7): the code is undocumented; the stream is treated
            // as not found until ACTIVE, as Kinesis Data Streams does.
            return Err(ApiError::delivery_stream_not_found(name, self.ctx.account()));
        }
        Ok(())
    }

    fn new_record_id(&mut self) -> String {
        // Firehose record ids are long opaque strings; here 56 random decimal digits.
        self.ctx.rng.string_from(b"0123456789", 56)
    }

    /// `PutRecord`: returns the `RecordId`.
    pub fn firehose_put_record(&mut self, name: &str, data: Vec<u8>) -> Result<String, ApiError> {
        if data.len() > RECORD_MAX_BYTES {
            return Err(ApiError::firehose_validation(
                "…",
                "record.data",
                "Member must have length less than or equal to 1024000",
            ));
        }
        self.check_put(name)?;
        self.firehose_metric(name, "IncomingPutRequests", 1.0);
        let id = self.new_record_id();
        let now = self.ctx.now;
        self.firehose_buffer(
            name,
            BufferedRecord { record_id: id.clone(), data, arrival: now, kinesis: None },
        );
        Ok(id)
    }

    /// `PutRecordBatch`: one result per record, in order (all succeed here: the simulator has
    /// no throttling of Direct PUT).
    pub fn firehose_put_record_batch(
        &mut self,
        name: &str,
        records: Vec<Vec<u8>>,
    ) -> Result<Vec<PutResult>, ApiError> {
        if records.is_empty() {
            return Err(ApiError::firehose_validation(
                "[]",
                "records",
                "Member must have length greater than or equal to 1",
            ));
        }
        if records.len() > BATCH_MAX_RECORDS {
            return Err(ApiError::firehose_validation(
                "…",
                "records",
                "Member must have length less than or equal to 500",
            ));
        }
        if let Some(i) = records.iter().position(|r| r.len() > RECORD_MAX_BYTES) {
            return Err(ApiError::firehose_validation(
                "…",
                &alloc::format!("records.{}.member.data", i + 1),
                "Member must have length less than or equal to 1024000",
            ));
        }
        self.check_put(name)?;
        let total: usize = records.iter().map(Vec::len).sum();
        if total > BATCH_MAX_BYTES {
            // Open question (kinesis.md §5.7): the code is undocumented.
            return Err(ApiError::firehose_invalid_argument(alloc::format!(
                "The total size of the records in the request ({total} bytes) exceeds the 4 MiB PutRecordBatch limit."
            )));
        }
        self.firehose_metric(name, "IncomingPutRequests", 1.0);
        let now = self.ctx.now;
        let mut out = Vec::with_capacity(records.len());
        for data in records {
            let id = self.new_record_id();
            self.firehose_buffer(
                name,
                BufferedRecord { record_id: id.clone(), data, arrival: now, kinesis: None },
            );
            out.push(PutResult::Ok { record_id: id });
        }
        Ok(out)
    }

    pub(crate) fn firehose_metric(&mut self, name: &str, metric: &'static str, v: f64) {
        let now = self.ctx.now;
        let Cloud { ctx, firehose, .. } = self;
        let key = || MetricKey::new("AWS/Firehose", metric, "DeliveryStreamName", name);
        match firehose.streams.get_mut(name) {
            Some(s) => {
                let id = s.metric_ids.id(&mut ctx.metrics, metric, key);
                ctx.metrics.record_id(id, now, v);
            }
            None => ctx.metrics.record(&key(), now, v),
        }
    }

    /// Appends one record to the stream's buffer; starts the interval or seals on size.
    pub(crate) fn firehose_buffer(&mut self, name: &str, record: BufferedRecord) {
        let now = self.ctx.now;
        let bytes = record.data.len();
        let record_id = record.record_id.clone();
        let analytics_copy = (!self.analytics.applications.is_empty()).then(|| record.data.clone());
        let Some(s) = self.firehose.streams.get_mut(name) else { return };
        let arn = analytics_copy.as_ref().map(|_| s.arn.clone());
        let (serial, interval_ms, threshold) =
            (s.serial, s.destination.interval_s * 1000, s.destination.size_bytes());
        let b = &mut s.buffer;
        let first = b.records.is_empty();
        b.records.push(record);
        b.bytes += bytes;
        if first {
            b.started_at = Some(now);
        }
        let (count, total) = (b.records.len(), b.bytes);
        self.ctx.emit(FirehoseEvent::RecordBuffered {
            stream: name.into(),
            record_id,
            bytes,
            buffered_records: count,
            buffered_bytes: total,
        });
        self.firehose_metric(name, "IncomingRecords", 1.0);
        self.firehose_metric(name, "IncomingBytes", bytes as f64);
        if let (Some(data), Some(arn)) = (analytics_copy, arn) {
            let input = crate::analytics::Endpoint::Firehose { arn, name: name.into() };
            self.analytics_ingest(&input, &data);
        }
        if total >= threshold {
            self.firehose_seal(name, FlushReason::Size);
        } else if first {
            let id = self
                .ctx
                .schedule(now.plus(interval_ms), FirehoseTimer::Interval { stream: name.into(), serial });
            if let Some(s) = self.firehose.streams.get_mut(name) {
                s.buffer.timer = Some(id);
            }
        }
    }

    /// Seals the current buffer into a batch and delivers what is pending.
    pub(crate) fn firehose_seal(&mut self, name: &str, reason: FlushReason) {
        let Some(s) = self.firehose.streams.get_mut(name) else { return };
        let b = core::mem::take(&mut s.buffer);
        if let Some(id) = b.timer {
            self.ctx.timers.cancel(id);
        }
        if b.records.is_empty() {
            return;
        }
        let now = self.ctx.now;
        let Some(s) = self.firehose.streams.get_mut(name) else { return };
        s.pending.push_back(Batch { records: b.records, reason, outcome: None });
        if s.deliver_timer.is_none() {
            let serial = s.serial;
            let id = self.ctx.schedule(now, FirehoseTimer::Deliver { stream: name.into(), serial });
            if let Some(s) = self.firehose.streams.get_mut(name) {
                s.deliver_timer = Some(id);
            }
        }
    }
}
