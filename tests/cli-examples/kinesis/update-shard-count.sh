# AWS CLI reference example: aws kinesis update-shard-count
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/update-shard-count.html
# (from awscli/examples/kinesis/update-shard-count.rst; account ids and regions normalised)
aws kinesis update-shard-count \
    --stream-name samplestream \
    --scaling-type UNIFORM_SCALING \
    --target-shard-count 6
