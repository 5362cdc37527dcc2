# AWS CLI reference example: aws kinesis decrease-stream-retention-period
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/decrease-stream-retention-period.html
# (from awscli/examples/kinesis/decrease-stream-retention-period.rst; account ids and regions normalised)
aws kinesis decrease-stream-retention-period \
    --stream-name samplestream \
    --retention-period-hours 48 
