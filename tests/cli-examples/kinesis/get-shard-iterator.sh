# AWS CLI reference example: aws kinesis get-shard-iterator
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/get-shard-iterator.html
# (from awscli/examples/kinesis/get-shard-iterator.rst; account ids and regions normalised)
aws kinesis get-shard-iterator \
    --stream-name samplestream \
    --shard-id shardId-000000000000 \
    --shard-iterator-type LATEST
