# AWS CLI reference example: aws sqs list-message-move-tasks
# https://docs.aws.amazon.com/cli/latest/reference/sqs/list-message-move-tasks.html
# (from awscli/examples/sqs/list-message-move-tasks.rst; account ids and regions normalised)
aws sqs list-message-move-tasks \
    --source-arn arn:aws:sqs:us-east-1:000000000000:MyQueue \
    --max-results 2
