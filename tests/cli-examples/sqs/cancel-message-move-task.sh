# AWS CLI reference example: aws sqs cancel-message-move-task
# https://docs.aws.amazon.com/cli/latest/reference/sqs/cancel-message-move-task.html
# (from awscli/examples/sqs/cancel-message-move-task.rst; account ids and regions normalised)
aws sqs cancel-message-move-task \
    --task-handle AQEB6nR4...HzlvZQ==
