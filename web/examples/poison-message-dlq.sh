# Title: A poison message ends in the dead-letter queue, and is redriven back
#
# The worker fails on a malformed order. Each failure leaves the message in the queue; it
# becomes visible again after the visibility timeout. After maxReceiveCount (3) receives the
# next receive moves it to the dead-letter queue instead of returning it. Once the bug is
# fixed, a message move task redrives it back to the source queue.
DLQ_URL=$(aws sqs create-queue --queue-name orders-dlq --query QueueUrl --output text)
DLQ_ARN=$(aws sqs get-queue-attributes --queue-url $DLQ_URL --attribute-names QueueArn --query Attributes.QueueArn --output text)

file redrive.json <<EOF
{
  "VisibilityTimeout": "10",
  "RedrivePolicy": "{\"deadLetterTargetArn\":\"$DLQ_ARN\",\"maxReceiveCount\":\"3\"}"
}
EOF
QUEUE_URL=$(aws sqs create-queue --queue-name orders --attributes file://redrive.json --query QueueUrl --output text)

aws sqs send-message --queue-url $QUEUE_URL --message-body '{"order": 1}'
aws sqs send-message --queue-url $QUEUE_URL --message-body 'POISON {"order": 2'
aws sqs send-message --queue-url $QUEUE_URL --message-body '{"order": 3}'

consumer worker on orders wait 20 fail when body contains POISON
sleep 60

expect actor worker processed == 2
expect actor worker failed == 3
expect queue orders count == 0
expect dlq orders-dlq count == 1

# The bug is fixed: move the message back to its source queue.
stop worker
aws sqs start-message-move-task --source-arn $DLQ_ARN
sleep 10
expect dlq orders-dlq count == 0
expect queue orders visible == 1
