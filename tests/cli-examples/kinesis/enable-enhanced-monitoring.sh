# AWS CLI reference example: aws kinesis enable-enhanced-monitoring
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/enable-enhanced-monitoring.html
# (from awscli/examples/kinesis/enable-enhanced-monitoring.rst; account ids and regions normalised)
aws kinesis enable-enhanced-monitoring \
    --stream-name samplestream \
    --shard-level-metrics ALL
