# AWS CLI reference example: aws kinesis split-shard
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/split-shard.html
# (from awscli/examples/kinesis/split-shard.rst; account ids and regions normalised)
aws kinesis split-shard \
    --stream-name samplestream \
    --shard-to-split shardId-000000000000 \
    --new-starting-hash-key 10
