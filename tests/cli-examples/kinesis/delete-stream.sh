# AWS CLI reference example: aws kinesis delete-stream
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/delete-stream.html
# (from awscli/examples/kinesis/delete-stream.rst; account ids and regions normalised)
aws kinesis delete-stream \
    --stream-name samplestream
