# AWS CLI reference example: aws sqs delete-queue
# https://docs.aws.amazon.com/cli/latest/reference/sqs/delete-queue.html
# (from awscli/examples/sqs/delete-queue.rst; account ids and regions normalised)
aws sqs delete-queue --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyNewerQueue
