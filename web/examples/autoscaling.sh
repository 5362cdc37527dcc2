# Title: SQS + CloudWatch alarm + Auto Scaling on queue depth
#
# Jobs arrive faster than one worker handles them. A CloudWatch alarm on
# ApproximateNumberOfMessagesVisible > 500 (1-minute periods) triggers a scale-out policy
# that adds 2 workers (up to 8), with a 60 s cooldown; the backlog then drains.
QUEUE_URL=$(aws sqs create-queue --queue-name jobs --query QueueUrl --output text)

producer burst every 50ms count 2000: aws sqs send-message --queue-url $QUEUE_URL --message-body 'job {{seq}}'
consumer worker on jobs batch 10 process 500ms
autoscale workers of worker on jobs when ApproximateNumberOfMessagesVisible > 500 add 2 min 1 max 8 cooldown 60s

sleep 3m
expect event ScaledOut count >= 1
expect group workers size > 1

sleep 5m
expect queue jobs count == 0
expect actor worker processed > 0
