# AWS CLI reference example: aws kinesis list-streams
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/list-streams.html
# (from awscli/examples/kinesis/list-streams.rst; account ids and regions normalised)
aws kinesis list-streams
