# Title: The queue as a buffer in front of a database
#
# A burst of 50 orders arrives in 10 seconds, but the database writer can store only one
# order every 2 seconds. The queue absorbs the burst: nothing is lost, and the writer drains
# the backlog at its own pace.
QUEUE_URL=$(aws sqs create-queue --queue-name orders --query QueueUrl --output text)

producer web every 200ms count 50: aws sqs send-message --queue-url $QUEUE_URL --message-body '{"order": {{seq}}}'
consumer db-writer on orders wait 20 visibility 30 process 2s

sleep 10
# The burst is over; most orders are still waiting in the queue.
expect queue orders visible > 30
aws sqs get-queue-attributes --queue-url $QUEUE_URL --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible

sleep 100
expect queue orders count == 0
expect actor db-writer processed == 50
expect no message processed twice
