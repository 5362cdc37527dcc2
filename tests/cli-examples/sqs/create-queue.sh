# AWS CLI reference example: aws sqs create-queue
# https://docs.aws.amazon.com/cli/latest/reference/sqs/create-queue.html
# (from awscli/examples/sqs/create-queue.rst; account ids and regions normalised)
file create-queue.json <<'EOF'
{
  "RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:MyDeadLetterQueue\",\"maxReceiveCount\":\"1000\"}",
  "MessageRetentionPeriod": "259200"  
}
EOF
aws sqs create-queue --queue-name MyQueue --attributes file://create-queue.json
