# Title: A visibility timeout shorter than the processing time causes duplicates
#
# Processing a report takes 45 s but the queue's visibility timeout is 30 s: the message
# reappears while the first worker is still busy, and a second worker processes it again.
# With a visibility timeout longer than the processing time (60 s) it is processed once.
SHORT_URL=$(aws sqs create-queue --queue-name reports --attributes VisibilityTimeout=30 --query QueueUrl --output text)
aws sqs send-message --queue-url $SHORT_URL --message-body "monthly report"
consumer worker-a on reports process 45s
consumer worker-b on reports process 45s
sleep 100
expect actor worker-a processed == 1
expect actor worker-b processed == 1
expect duplicates on reports == 1

LONG_URL=$(aws sqs create-queue --queue-name reports-fixed --attributes VisibilityTimeout=60 --query QueueUrl --output text)
aws sqs send-message --queue-url $LONG_URL --message-body "monthly report"
consumer worker-c on reports-fixed process 45s
consumer worker-d on reports-fixed process 45s
sleep 100
expect no message processed twice on reports-fixed
expect queue reports-fixed count == 0
