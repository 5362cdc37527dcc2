//! Amazon Data Firehose (formerly Kinesis Data Firehose) with Amazon S3 destinations
//! (<https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html>;
//! kinesis.md §2).
//!
//! Producers `PutRecord`/`PutRecordBatch` into a delivery stream (or it reads a Kinesis
//! stream); records wait in a buffer until `BufferingHints` size or interval is reached, are
//! optionally transformed by a Lambda function, and land as **one S3 object per flush** in the
//! `s3` store, named `<evaluated prefix><stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid>`.
//! Firehose has no read API: once delivered, data exists only in S3 (no replay).
//!
//! * [`delivery_stream`] holds create/describe/list/delete, `UpdateDestination`, tags, lifecycle.
//! * [`config`] holds the S3 destination configuration, its ranges and defaults.
//! * [`buffer`] holds `PutRecord`, `PutRecordBatch`, the buffer and its size/interval flushes.
//! * [`delivery`] holds transformation, compression, object keys, error output, backup, retries.
//! * [`prefix`] holds `!{timestamp:…}` / `!{firehose:…}` prefix expressions and the object suffix.
//! * [`gzip`] holds `CompressionFormat: GZIP`.
//! * [`source`] holds `KinesisStreamAsSource`.
//!
//! # Fidelity
//! Open questions of kinesis.md §5.7, settled:
//! * `PutRecord`/`PutRecordBatch` while the stream is `CREATING` (or `DELETING`):
//!   `ResourceNotFoundException` (`Firehose <name> under account <acct> not found.`), as
//!   Kinesis Data Streams answers for a stream that is not yet ACTIVE.
//! * `PutRecordBatch` over 4 MiB in total: `InvalidArgumentException`.
//! * Object-key suffix time: the arrival time of the oldest record in the object, the same
//!   instant as the prefix's timestamps.
//! * `Prefix` without a trailing slash: the documented appending rule (`logs` →
//!   `logs2024/01/01/00/…`), not the inconsistent table example.
//! * `AppendDelimiterToRecord` without a `Delimiter` parameter appends `\n`.
//!
//! Other choices:
//! * `ErrorOutputPrefix` absent: failed records go to `processing-failed/yyyy/MM/dd/HH/`; a
//!   `Prefix` with expressions requires an `ErrorOutputPrefix`, and an `ErrorOutputPrefix`
//!   with expressions must contain `!{firehose:error-output-type}`; a plain one gets
//!   `processing-failed/yyyy/MM/dd/HH/` appended. Error objects are not compressed.
//! * Transformation runs when a delivery buffer flushes (AWS runs it on a separate Lambda
//!   buffer ahead of the delivery buffer); the invocations are chunked by the processor's
//!   `BufferSizeInMBs`. An invocation that cannot reach its function fails with
//!   `Lambda.FunctionNotFound`.
//! * No throttling of Direct PUT (AWS: 500,000 records/s, 2,000 requests/s, 5 MiB/s in
//!   us-east-1), so `FailedPutCount` is always 0; no dynamic partitioning, format
//!   conversion, ZIP/Snappy compression, non-UTC time zones, or non-S3 destinations
//!   (`InvalidArgumentException` "… is not supported by the simulator.").
//! * Buffered records of a deleted delivery stream are lost.

pub mod buffer;
pub mod config;
pub mod delivery;
pub mod delivery_stream;
pub mod errors;
pub mod gzip;
#[cfg(feature = "serde")]
pub(crate) mod json;
pub mod prefix;
pub mod source;
#[cfg(test)]
mod tests;

use crate::collections::VecMap;
use alloc::string::String;

use crate::time::Instant;
use crate::Cloud;

pub use buffer::{FlushReason, PutResult};
pub use delivery_stream::{CreateDeliveryStreamInput, DeliveryStream, Status};

/// The id of the one destination of a delivery stream.
pub const DESTINATION_ID: &str = "destinationId-000000000001";

/// All delivery streams, by name.
#[derive(Clone, Debug, Default)]
pub struct Firehose {
    pub streams: VecMap<String, DeliveryStream>,
    pub(crate) next_serial: u64,
}

crate::event::event_enum! {
    /// Events of Firehose.
    #[derive(Clone, Debug, PartialEq)]
    pub enum FirehoseEvent {
        DeliveryStreamCreated {
            stream: String,
            arn: String,
            stream_type: String,
        },
        DeliveryStreamActivated {
            stream: String,
        },
        DeliveryStreamDeleting {
            stream: String,
        },
        DeliveryStreamDeleted {
            stream: String,
            undelivered_records: usize,
        },
        DestinationUpdated {
            stream: String,
            version_id: u64,
        },
        /// A record entered the buffer (Direct PUT or read from the source stream).
        RecordBuffered {
            stream: String,
            record_id: String,
            bytes: usize,
            buffered_records: usize,
            buffered_bytes: usize,
        },
        /// A buffer became one S3 object (`bytes` before compression, `object_size` stored).
        BufferFlushed {
            stream: String,
            bucket: String,
            object_key: String,
            records: usize,
            bytes: usize,
            object_size: usize,
            reason: FlushReason,
        },
        /// The Lambda processor ran over `records` records (after `attempts` invocations).
        TransformInvoked {
            stream: String,
            function: String,
            records: usize,
            ok: usize,
            dropped: usize,
            failed: usize,
            attempts: u32,
        },
        /// Failed records were written under the error output prefix.
        ErrorOutputDelivered {
            stream: String,
            bucket: String,
            object_key: String,
            records: usize,
            error_code: String,
        },
        /// Source records were written to the S3 backup destination.
        SourceRecordsBackedUp {
            stream: String,
            bucket: String,
            object_key: String,
            records: usize,
        },
        /// Delivery to S3 failed; the data stays buffered until `retry_at`.
        DeliveryFailed {
            stream: String,
            bucket: String,
            error_code: String,
            error_message: String,
            records: usize,
            retry_at: Instant,
        },
        /// Records older than 24 hours were dropped without delivery.
        RecordsExpired {
            stream: String,
            records: usize,
        },
        /// Records read from the source Kinesis stream.
        SourceRecordsRead {
            stream: String,
            shard_id: String,
            records: usize,
        },
    }
}

/// Timers of Firehose (each carries the stream's serial so that timers of a deleted stream
/// never touch a new stream of the same name).
#[derive(Clone, Debug, PartialEq)]
pub enum FirehoseTimer {
    /// `CREATING` → `ACTIVE`.
    Activate { stream: String, serial: u64 },
    /// `DELETING` → gone.
    Remove { stream: String, serial: u64 },
    /// `IntervalInSeconds` passed since the buffer started.
    Interval { stream: String, serial: u64 },
    /// Deliver the sealed buffers (at once after a flush, or a retry).
    Deliver { stream: String, serial: u64 },
    /// Read the source Kinesis stream (once a second).
    SourcePoll { stream: String, serial: u64 },
}

impl Cloud {
    pub(crate) fn firehose_on_timer(&mut self, timer: FirehoseTimer) {
        let live = |c: &Cloud, name: &str, serial: u64| {
            c.firehose.streams.get(name).is_some_and(|s| s.serial == serial)
        };
        match timer {
            FirehoseTimer::Activate { stream, serial } => self.firehose_activate(&stream, serial),
            FirehoseTimer::Remove { stream, serial } => self.firehose_remove(&stream, serial),
            FirehoseTimer::Interval { stream, serial } => {
                if live(self, &stream, serial) {
                    if let Some(s) = self.firehose.streams.get_mut(&stream) {
                        s.buffer.timer = None;
                    }
                    self.firehose_seal(&stream, FlushReason::Interval);
                }
            }
            FirehoseTimer::Deliver { stream, serial } => {
                if live(self, &stream, serial) {
                    self.firehose_deliver(&stream);
                }
            }
            FirehoseTimer::SourcePoll { stream, serial } => {
                if live(self, &stream, serial) {
                    self.firehose_source_poll(&stream, serial);
                }
            }
        }
    }
}
