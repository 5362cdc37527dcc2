# AWS CLI reference example: aws sqs get-queue-attributes
# https://docs.aws.amazon.com/cli/latest/reference/sqs/get-queue-attributes.html
# (from awscli/examples/sqs/get-queue-attributes.rst; account ids and regions normalised)
aws sqs get-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --attribute-names All
aws sqs get-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyNewQueue --attribute-names MaximumMessageSize VisibilityTimeout
