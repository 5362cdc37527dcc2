# AWS CLI reference example: aws sqs delete-message-batch
# https://docs.aws.amazon.com/cli/latest/reference/sqs/delete-message-batch.html
# (from awscli/examples/sqs/delete-message-batch.rst; account ids and regions normalised)
file delete-message-batch.json <<'EOF'
[
  {
 "Id": "FirstMessage",
 "ReceiptHandle": "AQEB1mgl...Z4GuLw=="
  },
  {
    "Id": "SecondMessage",
 "ReceiptHandle": "AQEBLsYM...VQubAA=="
  }
]
EOF
aws sqs delete-message-batch --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --entries file://delete-message-batch.json
