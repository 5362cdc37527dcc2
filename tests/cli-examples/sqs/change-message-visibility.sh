# AWS CLI reference example: aws sqs change-message-visibility
# https://docs.aws.amazon.com/cli/latest/reference/sqs/change-message-visibility.html
# (from awscli/examples/sqs/change-message-visibility.rst; account ids and regions normalised)
aws sqs change-message-visibility --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --receipt-handle AQEBTpyI...t6HyQg== --visibility-timeout 36000
