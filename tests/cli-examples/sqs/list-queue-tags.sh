# AWS CLI reference example: aws sqs list-queue-tags
# https://docs.aws.amazon.com/cli/latest/reference/sqs/list-queue-tags.html
# (from awscli/examples/sqs/list-queue-tags.rst; account ids and regions normalised)
aws sqs list-queue-tags \
    --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue
