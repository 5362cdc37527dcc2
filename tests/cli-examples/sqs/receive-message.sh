# AWS CLI reference example: aws sqs receive-message
# https://docs.aws.amazon.com/cli/latest/reference/sqs/receive-message.html
# (from awscli/examples/sqs/receive-message.rst; account ids and regions normalised)
aws sqs receive-message --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --attribute-names All --message-attribute-names All --max-number-of-messages 10 
aws sqs receive-message --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --attribute-names SenderId SentTimestamp --message-attribute-names PostalCode 
