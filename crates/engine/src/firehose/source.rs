//! `KinesisStreamAsSource` (kinesis.md §2.9): the delivery stream reads a Kinesis data stream
//! instead of accepting `PutRecord`/`PutRecordBatch` (those answer `InvalidArgumentException`
//! "This operation is not permitted on KinesisStreamAsSource delivery stream type.").
//!
//! Firehose "starts reading data from the LATEST position of your Kinesis stream" and "calls
//! GetRecords once per second for each shard" (FH-DG writing-with-kinesis-streams): at
//! `ACTIVE` the delivery stream takes a `LATEST` position on every open shard (recorded as
//! `DeliveryStartTimestamp`), then every [`POLL_MS`] reads each shard (parents before
//! children) and appends the records to its buffer. A record keeps its Kinesis
//! `ApproximateArrivalTimestamp` as arrival time (for prefixes and object names); the buffer
//! starts at the read. Several delivery streams may read the same stream.

use alloc::string::String;
use alloc::vec::Vec;

use super::buffer::{BufferedRecord, KinesisMeta};
use super::delivery_stream::{KinesisStreamSourceConfiguration, Source};
use super::{FirehoseEvent, FirehoseTimer};
use crate::stream_reader::{StartAt, StreamReader};
use crate::time::{Instant, SECOND};
use crate::{ApiError, Cloud};

/// Time between reads of the source stream.
pub const POLL_MS: u64 = SECOND;
/// Records per GetRecords call.
pub const READ_LIMIT: i64 = 10_000;

/// Where a delivery stream reads its Kinesis stream.
#[derive(Clone, Debug, PartialEq)]
pub struct KinesisSource {
    pub stream_arn: String,
    pub role_arn: String,
    /// When reading started (`DeliveryStartTimestamp`): the instant the stream became ACTIVE.
    pub delivery_start: Option<Instant>,
    pub reader: StreamReader,
}

impl Cloud {
    pub(crate) fn firehose_kinesis_source(
        &mut self,
        cfg: &KinesisStreamSourceConfiguration,
    ) -> Result<KinesisSource, ApiError> {
        let arn = cfg
            .kinesis_stream_arn
            .clone()
            .ok_or_else(|| ApiError::firehose_missing("kinesisStreamSourceConfiguration.kinesisStreamARN"))?;
        let role_arn = cfg
            .role_arn
            .clone()
            .ok_or_else(|| ApiError::firehose_missing("kinesisStreamSourceConfiguration.roleARN"))?;
        let stream = self.kinesis_stream_name_of_arn(&arn).ok_or_else(|| {
            ApiError::firehose_invalid_argument(alloc::format!("Kinesis stream {arn} does not exist."))
        })?;
        Ok(KinesisSource {
            stream_arn: arn,
            role_arn,
            delivery_start: None,
            reader: StreamReader::new(&stream, StartAt::Latest),
        })
    }

    fn take_reader(&mut self, name: &str) -> Option<StreamReader> {
        match self.firehose.streams.get_mut(name).map(|s| &mut s.source) {
            Some(Source::Kinesis(k)) => {
                Some(core::mem::replace(&mut k.reader, StreamReader::new("", StartAt::Latest)))
            }
            _ => None,
        }
    }

    fn put_reader(&mut self, name: &str, reader: StreamReader) {
        if let Some(Source::Kinesis(k)) = self.firehose.streams.get_mut(name).map(|s| &mut s.source) {
            k.reader = reader;
        }
    }

    /// At ACTIVE: LATEST positions on every shard, then the first poll.
    pub(crate) fn firehose_source_start(&mut self, name: &str, serial: u64, now: Instant) {
        let Some(mut reader) = self.take_reader(name) else { return };
        if self.reader_sync(&mut reader).is_ok() {
            self.reader_prime(&mut reader);
        }
        self.put_reader(name, reader);
        if let Some(Source::Kinesis(k)) = self.firehose.streams.get_mut(name).map(|s| &mut s.source) {
            k.delivery_start = Some(now);
        }
        self.ctx.schedule(now.plus(POLL_MS), FirehoseTimer::SourcePoll { stream: name.into(), serial });
    }

    /// Timer: read every ready shard once and buffer what came.
    pub(crate) fn firehose_source_poll(&mut self, name: &str, serial: u64) {
        let Some(mut reader) = self.take_reader(name) else { return };
        if self.reader_sync(&mut reader).is_ok() {
            for shard in reader.ready() {
                let Ok(records) = self.reader_read(&mut reader, &shard, READ_LIMIT) else { continue };
                if let Some(last) = records.last() {
                    reader.commit(&shard, &last.sequence_number);
                }
                let n = records.len();
                let mut buffered: Vec<BufferedRecord> = Vec::with_capacity(n);
                for r in records {
                    let record_id = self.ctx.rng.string_from(b"0123456789", 56);
                    buffered.push(BufferedRecord {
                        record_id,
                        data: r.data,
                        arrival: r.arrival,
                        kinesis: Some(KinesisMeta {
                            shard_id: r.shard_id,
                            partition_key: r.partition_key,
                            sequence_number: r.sequence_number,
                        }),
                    });
                }
                if n > 0 {
                    let bytes: usize = buffered.iter().map(|b| b.data.len()).sum();
                    self.firehose_metric(name, "DataReadFromKinesisStream.Records", n as f64);
                    self.firehose_metric(name, "DataReadFromKinesisStream.Bytes", bytes as f64);
                    self.ctx.emit(FirehoseEvent::SourceRecordsRead {
                        stream: name.into(),
                        shard_id: shard.clone(),
                        records: n,
                    });
                }
                for b in buffered {
                    self.firehose_buffer(name, b);
                }
            }
        }
        self.put_reader(name, reader);
        let at = self.ctx.now.plus(POLL_MS);
        self.ctx.schedule(at, FirehoseTimer::SourcePoll { stream: name.into(), serial });
    }
}
