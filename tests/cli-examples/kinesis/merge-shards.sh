# AWS CLI reference example: aws kinesis merge-shards
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/merge-shards.html
# (from awscli/examples/kinesis/merge-shards.rst; account ids and regions normalised)
aws kinesis merge-shards \
    --stream-name samplestream \
    --shard-to-merge shardId-000000000000 \
    --adjacent-shard-to-merge shardId-000000000000
