//! Shapes shared by several actions (`Shard`, `HashKeyRange`, `StreamModeDetails`, …) and the
//! macros that give typed inputs and outputs their wire form (AWS member names, PascalCase;
//! outputs skip absent members).

use alloc::string::String;

use super::hash_key::{to_decimal, HashKeyRange};
use super::sequence_number::SequenceNumber;
use super::shard::{shard_id, Shard};

/// A typed input: `Default`, every member optional, with its AWS name ([`crate::shape`]).
macro_rules! input {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::shape::input_shape! {
            $(#[$m])*
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct $name { $($body)* }
        }
    };
}

/// A typed output, with its AWS names ([`crate::shape::output_shape!`]).
macro_rules! output {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::shape::output_shape! {
            $(#[$m])*
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct $name { $($body)* }
        }
    };
}

/// A typed input that names its stream by `StreamName` or `StreamARN` (both optional; the
/// action resolves them), followed by its own members.
macro_rules! stream_input {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::kinesis::shapes::input! {
            $(#[$m])*
            pub struct $name {
                pub stream_name: Option<String> = "StreamName",
                pub stream_arn: Option<String> = "StreamARN",
                $($body)*
            }
        }
    };
}

pub(crate) use {input, output, stream_input};

output! {
    /// `{}`: actions that answer an empty body.
    pub struct Empty {}
}

output! {
    /// `HashKeyRange` with decimal keys.
    pub struct HashKeyRangeOutput {
        pub starting_hash_key: String = "StartingHashKey",
        pub ending_hash_key: String = "EndingHashKey",
    }
}

impl From<HashKeyRange> for HashKeyRangeOutput {
    fn from(r: HashKeyRange) -> Self {
        Self { starting_hash_key: to_decimal(r.start), ending_hash_key: to_decimal(r.end) }
    }
}

crate::shape::output_shape! {
    /// `SequenceNumberRange`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct SequenceNumberRange {
        pub starting_sequence_number: SequenceNumber = "StartingSequenceNumber",
        pub ending_sequence_number: Option<SequenceNumber> = "EndingSequenceNumber" skip_none,
    }
}

crate::shape::output_shape! {
    /// A `Shard` as DescribeStream and ListShards describe it.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ShardOutput {
        pub shard_id: String = "ShardId",
        pub parent_shard_id: Option<String> = "ParentShardId" skip_none,
        pub adjacent_parent_shard_id: Option<String> = "AdjacentParentShardId" skip_none,
        pub hash_key_range: HashKeyRangeOutput = "HashKeyRange",
        pub sequence_number_range: SequenceNumberRange = "SequenceNumberRange",
    }
}

impl From<&Shard> for ShardOutput {
    fn from(s: &Shard) -> Self {
        Self {
            shard_id: s.id(),
            parent_shard_id: s.parent.map(shard_id),
            adjacent_parent_shard_id: s.adjacent_parent.map(shard_id),
            hash_key_range: s.range.into(),
            sequence_number_range: SequenceNumberRange {
                starting_sequence_number: s.starting_sequence_number(),
                ending_sequence_number: s.ending_sequence_number(),
            },
        }
    }
}

crate::shape::output_shape! {
    /// A `ChildShard` (GetRecords and SubscribeToShard at the end of a closed shard).
    #[derive(Clone, Debug, PartialEq)]
    pub struct ChildShard {
        pub shard_id: String = "ShardId",
        pub parent_shards: alloc::vec::Vec<String> = "ParentShards",
        pub hash_key_range: HashKeyRangeOutput = "HashKeyRange",
    }
}

crate::shape::input_shape! {
    /// `StreamModeDetails`.
    #[derive(Clone, Debug, Default, PartialEq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize))]
    #[cfg_attr(feature = "serde", serde(rename_all = "PascalCase"))]
    pub struct StreamModeDetails {
        pub stream_mode: Option<String> = "StreamMode",
    }
}

crate::shape::output_shape! {
    /// `EnhancedMonitoring` (`ShardLevelMetrics` is stored, not acted on).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct EnhancedMetrics {
        pub shard_level_metrics: alloc::vec::Vec<String> = "ShardLevelMetrics",
    }
}
