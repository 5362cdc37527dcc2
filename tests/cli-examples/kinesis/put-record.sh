# AWS CLI reference example: aws kinesis put-record
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/put-record.html
# (from awscli/examples/kinesis/put-record.rst; account ids and regions normalised)
aws kinesis put-record \
    --stream-name samplestream \
    --data sampledatarecord \
    --partition-key samplepartitionkey
