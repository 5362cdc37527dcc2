# AWS CLI reference example: aws kinesis list-shards
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/list-shards.html
# (from awscli/examples/kinesis/list-shards.rst; account ids and regions normalised)
aws kinesis list-shards \
    --stream-name samplestream \
    --exclusive-start-shard-id shardId-000000000000
