# AWS CLI reference example: aws sqs untag-queue
# https://docs.aws.amazon.com/cli/latest/reference/sqs/untag-queue.html
# (from awscli/examples/sqs/untag-queue.rst; account ids and regions normalised)
aws sqs untag-queue \
    --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue \
    --tag-keys "Priority"
