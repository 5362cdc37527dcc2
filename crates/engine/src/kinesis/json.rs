//! The JSON edge of Kinesis Data Streams: `kinesis.<Action>` with AWS's JSON 1.1 shapes, plus
//! the pseudo calls `kinesis.SubscribeToShard` (event stream as a subscription) and
//! `kinesis.ReadSubscription` (module docs of [`super`]).

use serde_json::Value;

use crate::json::{output, parse_coral as parse};
use crate::{ApiError, Cloud};

pub(crate) fn dispatch(cloud: &mut Cloud, action: &str, input: Value) -> Result<Value, ApiError> {
    match action {
        "CreateStream" => output(&cloud.create_stream(parse(input)?)?),
        "DeleteStream" => output(&cloud.delete_stream(parse(input)?)?),
        "DescribeStream" => output(&cloud.describe_stream(parse(input)?)?),
        "DescribeStreamSummary" => output(&cloud.describe_stream_summary(parse(input)?)?),
        "ListStreams" => output(&cloud.list_streams(parse(input)?)?),
        "ListShards" => output(&cloud.list_shards(parse(input)?)?),
        "AddTagsToStream" => output(&cloud.add_tags_to_stream(parse(input)?)?),
        "RemoveTagsFromStream" => output(&cloud.remove_tags_from_stream(parse(input)?)?),
        "ListTagsForStream" => output(&cloud.list_tags_for_stream(parse(input)?)?),
        "TagResource" => output(&cloud.kinesis_tag_resource(parse(input)?)?),
        "UntagResource" => output(&cloud.kinesis_untag_resource(parse(input)?)?),
        "ListTagsForResource" => output(&cloud.kinesis_list_tags_for_resource(parse(input)?)?),
        "IncreaseStreamRetentionPeriod" => output(&cloud.change_retention_period(parse(input)?, true)?),
        "DecreaseStreamRetentionPeriod" => output(&cloud.change_retention_period(parse(input)?, false)?),
        "StartStreamEncryption" => output(&cloud.stream_encryption(parse(input)?, true)?),
        "StopStreamEncryption" => output(&cloud.stream_encryption(parse(input)?, false)?),
        "UpdateStreamMode" => output(&cloud.update_stream_mode(parse(input)?)?),
        "EnableEnhancedMonitoring" => output(&cloud.enhanced_monitoring(parse(input)?, true)?),
        "DisableEnhancedMonitoring" => output(&cloud.enhanced_monitoring(parse(input)?, false)?),
        "DescribeLimits" => output(&cloud.describe_limits()?),
        "PutRecord" => output(&cloud.put_record(parse(input)?)?),
        "PutRecords" => output(&cloud.put_records(parse(input)?)?),
        "GetShardIterator" => output(&cloud.get_shard_iterator(parse(input)?)?),
        "GetRecords" => output(&cloud.get_records(parse(input)?)?),
        "SplitShard" => output(&cloud.split_shard(parse(input)?)?),
        "MergeShards" => output(&cloud.merge_shards(parse(input)?)?),
        "UpdateShardCount" => output(&cloud.update_shard_count(parse(input)?)?),
        "RegisterStreamConsumer" => output(&cloud.register_stream_consumer(parse(input)?)?),
        "DescribeStreamConsumer" => output(&cloud.describe_stream_consumer(parse(input)?)?),
        "ListStreamConsumers" => output(&cloud.list_stream_consumers(parse(input)?)?),
        "DeregisterStreamConsumer" => output(&cloud.deregister_stream_consumer(parse(input)?)?),
        "SubscribeToShard" => output(&cloud.subscribe_to_shard(parse(input)?)?),
        "ReadSubscription" => output(&cloud.read_subscription(parse(input)?)?),
        _ => Err(ApiError::unknown_operation("kinesis", action)),
    }
}
