# AWS CLI reference example: aws sqs remove-permission
# https://docs.aws.amazon.com/cli/latest/reference/sqs/remove-permission.html
# (from awscli/examples/sqs/remove-permission.rst; account ids and regions normalised)
aws sqs remove-permission --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --label SendMessagesFromMyQueue
