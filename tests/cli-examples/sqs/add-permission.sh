# AWS CLI reference example: aws sqs add-permission
# https://docs.aws.amazon.com/cli/latest/reference/sqs/add-permission.html
# (from awscli/examples/sqs/add-permission.rst; account ids and regions normalised)
aws sqs add-permission --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --label SendMessagesFromMyQueue --aws-account-ids 000000000000 --actions SendMessage
