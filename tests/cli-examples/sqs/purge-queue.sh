# AWS CLI reference example: aws sqs purge-queue
# https://docs.aws.amazon.com/cli/latest/reference/sqs/purge-queue.html
# (from awscli/examples/sqs/purge-queue.rst; account ids and regions normalised)
aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyNewQueue
