# AWS CLI reference example: aws sqs set-queue-attributes
# https://docs.aws.amazon.com/cli/latest/reference/sqs/set-queue-attributes.html
# (from awscli/examples/sqs/set-queue-attributes.rst; account ids and regions normalised)
file set-queue-attributes.json <<'EOF'
{
  "DelaySeconds": "10",
  "MaximumMessageSize": "131072",
  "MessageRetentionPeriod": "259200",
  "ReceiveMessageWaitTimeSeconds": "20",
  "RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:MyDeadLetterQueue\",\"maxReceiveCount\":\"1000\"}",
  "VisibilityTimeout": "60" 
}
EOF
aws sqs set-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyNewQueue --attributes file://set-queue-attributes.json
