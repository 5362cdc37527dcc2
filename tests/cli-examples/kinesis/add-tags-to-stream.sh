# AWS CLI reference example: aws kinesis add-tags-to-stream
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/add-tags-to-stream.html
# (from awscli/examples/kinesis/add-tags-to-stream.rst; account ids and regions normalised)
aws kinesis add-tags-to-stream \
    --stream-name samplestream \
    --tags samplekey=example
