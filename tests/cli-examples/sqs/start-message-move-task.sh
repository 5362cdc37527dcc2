# AWS CLI reference example: aws sqs start-message-move-task
# https://docs.aws.amazon.com/cli/latest/reference/sqs/start-message-move-task.html
# (from awscli/examples/sqs/start-message-move-task.rst; account ids and regions normalised)
aws sqs start-message-move-task \
    --source-arn arn:aws:sqs:us-east-1:000000000000:MyQueue
aws sqs start-message-move-task \
    --source-arn arn:aws:sqs:us-east-1:000000000000:MyQueue1 \
    --destination-arn arn:aws:sqs:us-east-1:000000000000:MyQueue2 \
    --max-number-of-messages-per-second 50
