# AWS CLI reference example: aws firehose list-delivery-streams
# https://docs.aws.amazon.com/cli/latest/reference/firehose/list-delivery-streams.html
# (from awscli/examples/firehose/list-delivery-streams.rst; account ids and regions normalised)
aws firehose list-delivery-streams
