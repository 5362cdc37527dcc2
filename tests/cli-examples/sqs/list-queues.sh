# AWS CLI reference example: aws sqs list-queues
# https://docs.aws.amazon.com/cli/latest/reference/sqs/list-queues.html
# (from awscli/examples/sqs/list-queues.rst; account ids and regions normalised)
aws sqs list-queues
aws sqs list-queues --queue-name-prefix My
