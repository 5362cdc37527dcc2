# AWS CLI reference example: aws sqs list-dead-letter-source-queues
# https://docs.aws.amazon.com/cli/latest/reference/sqs/list-dead-letter-source-queues.html
# (from awscli/examples/sqs/list-dead-letter-source-queues.rst; account ids and regions normalised)
aws sqs list-dead-letter-source-queues --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyDeadLetterQueue
