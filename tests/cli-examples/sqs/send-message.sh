# AWS CLI reference example: aws sqs send-message
# https://docs.aws.amazon.com/cli/latest/reference/sqs/send-message.html
# (from awscli/examples/sqs/send-message.rst; account ids and regions normalised)
file send-message.json <<'EOF'
{
  "City": {
    "DataType": "String",
    "StringValue": "Any City"
  },
  "Greeting": {
    "DataType": "Binary",
    "BinaryValue": "Hello, World!"
  },
  "Population": {
    "DataType": "Number",
    "StringValue": "1250800"
  }
}
EOF
aws sqs send-message --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --message-body "Information about the largest city in Any Region." --delay-seconds 10 --message-attributes file://send-message.json
