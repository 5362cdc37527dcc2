# AWS CLI reference example: aws kinesis increase-stream-retention-period
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/increase-stream-retention-period.html
# (from awscli/examples/kinesis/increase-stream-retention-period.rst; account ids and regions normalised)
aws kinesis increase-stream-retention-period \
    --stream-name samplestream \
    --retention-period-hours 168
