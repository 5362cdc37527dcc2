# AWS CLI reference example: aws sqs change-message-visibility-batch
# https://docs.aws.amazon.com/cli/latest/reference/sqs/change-message-visibility-batch.html
# (from awscli/examples/sqs/change-message-visibility-batch.rst; account ids and regions normalised)
file change-message-visibility-batch.json <<'EOF'
[
  {
    "Id": "FirstMessage",
 "ReceiptHandle": "AQEBhz2q...Jf3kaw==",
 "VisibilityTimeout": 36000
  },
  {
    "Id": "SecondMessage",
 "ReceiptHandle": "AQEBkTUH...HifSnw==",
 "VisibilityTimeout": 36000  
  }
]
EOF
aws sqs change-message-visibility-batch --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --entries file://change-message-visibility-batch.json
