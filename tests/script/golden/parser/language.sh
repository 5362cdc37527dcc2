# Variables, time, actors and checks
QUEUE_URL=$(aws sqs create-queue --queue-name orders --query QueueUrl --output text)
export REGION=us-east-1
NAME="orders ${REGION}"
echo $QUEUE_URL "$NAME" 'single $NOT_EXPANDED'
file policy.json <<EOF
{"queue": "$QUEUE_URL"}
EOF
sleep 31
advance 2m
at 10s: aws sqs send-message --queue-url $QUEUE_URL --message-body late
producer web every 2s count 5: aws sqs send-message --queue-url $QUEUE_URL --message-body '{"n": {{seq}}, "city": "{{choice Seoul|Busan}}"}'
consumer worker on orders wait 20 batch 10 visibility 30 process 45s fail every 3rd crash after 5
consumer picky on orders fail when body contains POISON
lambda fn on orders batch 10 process 2s report-batch-item-failures
lambda reader on clicks from LATEST
kinesis-consumer kcl on clicks from TRIM_HORIZON checkpoint every 10
autoscale workers of worker on orders when ApproximateNumberOfMessagesVisible > 1000 add 2 min 1 max 10 cooldown 60s
stop worker
expect .Messages | length == 1
expect Messages[0].Body == "hello"
expect queue orders visible == 0
expect dlq orders-dlq count == 1
expect stream clicks shard shardId-000000000001 records >= 3
expect bucket logs objects >= 1
expect no message processed twice
expect no message processed twice on orders
expect duplicates on orders == 0
expect subscription fraud received 0
expect actor worker processed >= 3
expect actor worker in order
expect group workers size == 3
expect event MovedToDeadLetterQueue
expect event ScaledOut count >= 2
expect error QueueDoesNotExist
consumer bad on orders wate 20
expect queue orders visibel == 0
