# AWS CLI reference example: aws kinesis create-stream
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/create-stream.html
# (from awscli/examples/kinesis/create-stream.rst; account ids and regions normalised)
aws kinesis create-stream \
    --stream-name samplestream \
    --shard-count 3
