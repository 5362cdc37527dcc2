# AWS CLI reference example: aws sqs get-queue-url
# https://docs.aws.amazon.com/cli/latest/reference/sqs/get-queue-url.html
# (from awscli/examples/sqs/get-queue-url.rst; account ids and regions normalised)
aws sqs get-queue-url --queue-name MyQueue
