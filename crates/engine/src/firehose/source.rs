//! `KinesisStreamAsSource` (kinesis.md §2.9): the delivery stream reads a Kinesis stream
//! instead of accepting `PutRecord`/`PutRecordBatch`.

use alloc::collections::BTreeMap;
use alloc::string::String;

use super::delivery_stream::KinesisStreamSourceConfiguration;
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Where a delivery stream reads its Kinesis stream.
#[derive(Clone, Debug, PartialEq)]
pub struct KinesisSource {
    pub stream_arn: String,
    pub role_arn: String,
    /// When reading started (`DeliveryStartTimestamp`): the instant the stream became ACTIVE.
    pub delivery_start: Option<Instant>,
    /// Next sequence number to read, per shard.
    pub positions: BTreeMap<String, String>,
}

impl Cloud {
    pub(crate) fn firehose_kinesis_source(
        &mut self,
        cfg: &KinesisStreamSourceConfiguration,
    ) -> Result<KinesisSource, ApiError> {
        let _ = cfg;
        Err(ApiError::firehose_invalid_argument(
            "KinesisStreamAsSource needs the Kinesis Data Streams service, which this build does not include yet.",
        ))
    }

    pub(crate) fn firehose_source_start(&mut self, _name: &str, _serial: u64, _now: Instant) {}

    pub(crate) fn firehose_source_poll(&mut self, _name: &str, _serial: u64) {}
}
