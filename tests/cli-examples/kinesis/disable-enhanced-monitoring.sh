# AWS CLI reference example: aws kinesis disable-enhanced-monitoring
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/disable-enhanced-monitoring.html
# (from awscli/examples/kinesis/disable-enhanced-monitoring.rst; account ids and regions normalised)
aws kinesis disable-enhanced-monitoring \
    --stream-name samplestream --shard-level-metrics ALL
