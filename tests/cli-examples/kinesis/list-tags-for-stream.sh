# AWS CLI reference example: aws kinesis list-tags-for-stream
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/list-tags-for-stream.html
# (from awscli/examples/kinesis/list-tags-for-stream.rst; account ids and regions normalised)
aws kinesis list-tags-for-stream \
    --stream-name samplestream
