//! Amazon Kinesis Data Streams commands (`aws kinesis …`), from the Kinesis API Reference
//! <https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Operations.html> and the AWS
//! CLI reference <https://docs.aws.amazon.com/cli/latest/reference/kinesis/>.

use crate::shape::*;

const STREAM_NAME: Member = m("StreamName", &STR);
const STREAM_ARN: Member = m("StreamARN", &STR);
const STREAM_MODE_DETAILS: Shape = Shape::Struct(&[req("StreamMode", &STR)]);
const SHARD_FILTER: Shape =
    Shape::Struct(&[req("Type", &STR), m("ShardId", &STR), m("Timestamp", &TIMESTAMP)]);
const PUT_RECORDS_ENTRY: Shape =
    Shape::Struct(&[req("Data", &BLOB), m("ExplicitHashKey", &STR), req("PartitionKey", &STR)]);
const STARTING_POSITION: Shape =
    Shape::Struct(&[req("Type", &STR), m("SequenceNumber", &STR), m("Timestamp", &TIMESTAMP)]);

pub const SERVICE: Service = Service {
    cli: "kinesis",
    engine: "kinesis",
    actions: &[
        action(
            "CreateStream",
            &[
                req("StreamName", &STR),
                m("ShardCount", &INT),
                m("StreamModeDetails", &STREAM_MODE_DETAILS),
                m("Tags", &STR_MAP),
                m("WarmThroughputMiBps", &INT),
                m("MaxRecordSizeInKiB", &INT),
            ],
        ),
        action("DeleteStream", &[STREAM_NAME, m("EnforceConsumerDeletion", &BOOL), STREAM_ARN]),
        action(
            "DescribeStream",
            &[STREAM_NAME, m("Limit", &INT), m("ExclusiveStartShardId", &STR), STREAM_ARN],
        ),
        action("DescribeStreamSummary", &[STREAM_NAME, STREAM_ARN]),
        action("ListStreams", &[m("Limit", &INT), m("ExclusiveStartStreamName", &STR), m("NextToken", &STR)]),
        action(
            "ListShards",
            &[
                STREAM_NAME,
                m("NextToken", &STR),
                m("ExclusiveStartShardId", &STR),
                m("MaxResults", &INT),
                m("StreamCreationTimestamp", &TIMESTAMP),
                m("ShardFilter", &SHARD_FILTER),
                STREAM_ARN,
            ],
        ),
        action(
            "PutRecord",
            &[
                STREAM_NAME,
                req("Data", &BLOB),
                req("PartitionKey", &STR),
                m("ExplicitHashKey", &STR),
                m("SequenceNumberForOrdering", &STR),
                STREAM_ARN,
            ],
        ),
        action("PutRecords", &[req("Records", &Shape::List(&PUT_RECORDS_ENTRY)), STREAM_NAME, STREAM_ARN]),
        action(
            "GetShardIterator",
            &[
                STREAM_NAME,
                req("ShardId", &STR),
                req("ShardIteratorType", &STR),
                m("StartingSequenceNumber", &STR),
                m("Timestamp", &TIMESTAMP),
                STREAM_ARN,
            ],
        ),
        action("GetRecords", &[req("ShardIterator", &STR), m("Limit", &INT), STREAM_ARN]),
        action(
            "SplitShard",
            &[STREAM_NAME, req("ShardToSplit", &STR), req("NewStartingHashKey", &STR), STREAM_ARN],
        ),
        action(
            "MergeShards",
            &[STREAM_NAME, req("ShardToMerge", &STR), req("AdjacentShardToMerge", &STR), STREAM_ARN],
        ),
        action(
            "UpdateShardCount",
            &[STREAM_NAME, req("TargetShardCount", &INT), req("ScalingType", &STR), STREAM_ARN],
        ),
        action("UpdateStreamMode", &[req("StreamARN", &STR), req("StreamModeDetails", &STREAM_MODE_DETAILS)]),
        action(
            "IncreaseStreamRetentionPeriod",
            &[STREAM_NAME, req("RetentionPeriodHours", &INT), STREAM_ARN],
        ),
        action(
            "DecreaseStreamRetentionPeriod",
            &[STREAM_NAME, req("RetentionPeriodHours", &INT), STREAM_ARN],
        ),
        action("AddTagsToStream", &[STREAM_NAME, req("Tags", &STR_MAP), STREAM_ARN]),
        action("RemoveTagsFromStream", &[STREAM_NAME, req("TagKeys", &STR_LIST), STREAM_ARN]),
        action(
            "ListTagsForStream",
            &[STREAM_NAME, m("ExclusiveStartTagKey", &STR), m("Limit", &INT), STREAM_ARN],
        ),
        action(
            "StartStreamEncryption",
            &[STREAM_NAME, req("EncryptionType", &STR), req("KeyId", &STR), STREAM_ARN],
        ),
        action(
            "StopStreamEncryption",
            &[STREAM_NAME, req("EncryptionType", &STR), req("KeyId", &STR), STREAM_ARN],
        ),
        action(
            "RegisterStreamConsumer",
            &[req("StreamARN", &STR), req("ConsumerName", &STR), m("Tags", &STR_MAP)],
        ),
        action("DescribeStreamConsumer", &[STREAM_ARN, m("ConsumerName", &STR), m("ConsumerARN", &STR)]),
        action(
            "ListStreamConsumers",
            &[
                req("StreamARN", &STR),
                m("NextToken", &STR),
                m("MaxResults", &INT),
                m("StreamCreationTimestamp", &TIMESTAMP),
            ],
        ),
        action("DeregisterStreamConsumer", &[STREAM_ARN, m("ConsumerName", &STR), m("ConsumerARN", &STR)]),
        action(
            "SubscribeToShard",
            &[req("ConsumerARN", &STR), req("ShardId", &STR), req("StartingPosition", &STARTING_POSITION)],
        ),
        action("DescribeLimits", &[]),
        action("EnableEnhancedMonitoring", &[STREAM_NAME, req("ShardLevelMetrics", &STR_LIST), STREAM_ARN]),
        action("DisableEnhancedMonitoring", &[STREAM_NAME, req("ShardLevelMetrics", &STR_LIST), STREAM_ARN]),
    ],
};
