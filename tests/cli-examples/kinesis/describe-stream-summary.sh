# AWS CLI reference example: aws kinesis describe-stream-summary
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/describe-stream-summary.html
# (from awscli/examples/kinesis/describe-stream-summary.rst; account ids and regions normalised)
aws kinesis describe-stream-summary \
    --stream-name samplestream
