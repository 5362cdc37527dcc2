# AWS CLI reference example: aws kinesis remove-tags-from-stream
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/remove-tags-from-stream.html
# (from awscli/examples/kinesis/remove-tags-from-stream.rst; account ids and regions normalised)
aws kinesis remove-tags-from-stream \
    --stream-name samplestream \
    --tag-keys samplekey
