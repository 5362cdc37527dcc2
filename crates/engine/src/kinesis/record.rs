//! Data records.
//!
//! AWS: a record is a sequence number, a partition key and a data blob of up to 1 MiB; the
//! size limit "applies to the total size of the partition key and data blob"; records are
//! immutable and readable until the retention period ends
//! (<https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html>).

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use super::sequence_number::SequenceNumber;
use crate::time::Instant;

/// Largest record (data + partition key), bytes, on a stream with the default
/// `MaxRecordSizeInKiB` (spec/kinesis.md §1.5).
pub const MAX_RECORD_BYTES: usize = 1_048_576;
/// Partition key length, Unicode characters.
pub const PARTITION_KEY_MIN: usize = 1;
pub const PARTITION_KEY_MAX: usize = 256;

/// One stored record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub sequence_number: SequenceNumber,
    /// Shared with the `RecordPut` event and every read of the record (no copy per reader).
    pub partition_key: Arc<str>,
    pub data: Vec<u8>,
    /// `ApproximateArrivalTimestamp`: the virtual instant of the put.
    pub arrival: Instant,
    /// True when the stream was encrypted (`EncryptionType: KMS`) when it was written.
    pub encrypted: bool,
}

impl Record {
    /// Bytes counted against size and throughput limits: data + UTF-8 partition key.
    pub fn size(&self) -> u64 {
        (self.data.len() + self.partition_key.len()) as u64
    }
}

crate::shape::output_shape! {
    /// A record as GetRecords and SubscribeToShard return it.
    #[derive(Clone, Debug, PartialEq)]
    pub struct RecordOutput {
        pub sequence_number: SequenceNumber = "SequenceNumber",
        /// Epoch seconds with a millisecond fraction.
        pub approximate_arrival_timestamp: f64 = "ApproximateArrivalTimestamp",
        pub data: Vec<u8> = "Data" base64,
        pub partition_key: Arc<str> = "PartitionKey",
        /// `KMS` on encrypted streams; absent otherwise (AWS omits it, spec §1.5).
        pub encryption_type: Option<String> = "EncryptionType" skip_none,
    }
}

impl From<&Record> for RecordOutput {
    fn from(r: &Record) -> Self {
        Self {
            sequence_number: r.sequence_number,
            approximate_arrival_timestamp: r.arrival.secs_f64(),
            data: r.data.clone(),
            partition_key: r.partition_key.clone(),
            encryption_type: r.encrypted.then(|| String::from("KMS")),
        }
    }
}
