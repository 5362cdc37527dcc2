# AWS CLI reference example: aws sqs tag-queue
# https://docs.aws.amazon.com/cli/latest/reference/sqs/tag-queue.html
# (from awscli/examples/sqs/tag-queue.rst; account ids and regions normalised)
aws sqs tag-queue \
    --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue \
    --tags Priority=Highest
