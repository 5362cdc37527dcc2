# AWS CLI reference example: aws kinesis describe-stream
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/describe-stream.html
# (from awscli/examples/kinesis/describe-stream.rst; account ids and regions normalised)
aws kinesis describe-stream \
    --stream-name samplestream
