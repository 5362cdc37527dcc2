# AWS CLI reference example: aws kinesis describe-limits
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/describe-limits.html
# (from awscli/examples/kinesis/describe-limits.rst; account ids and regions normalised)
aws kinesis describe-limits
