# AWS CLI reference example: aws sqs delete-message
# https://docs.aws.amazon.com/cli/latest/reference/sqs/delete-message.html
# (from awscli/examples/sqs/delete-message.rst; account ids and regions normalised)
aws sqs delete-message --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --receipt-handle AQEBRXTo...q2doVA==
