# Title: Ordering per truck: SQS FIFO message groups vs Kinesis partition keys
#
# Trucks send GPS positions; each truck's route must be read in order. With a FIFO queue the
# message group id is the truck id; with Kinesis the partition key is the truck id, so all
# of a truck's records land in one shard, in order. (From the study notes: 100 trucks → 100
# group ids; Kinesis → about 20 trucks per shard.)
FIFO_URL=$(aws sqs create-queue --queue-name gps.fifo --attributes FifoQueue=true,ContentBasedDeduplication=true --query QueueUrl --output text)
aws kinesis create-stream --stream-name gps --shard-count 2
sleep 1

producer truck-1 every 1s count 5: aws sqs send-message --queue-url $FIFO_URL --message-group-id truck-1 --message-body 'truck-1 position {{seq}}'
producer truck-2 every 1s count 5: aws sqs send-message --queue-url $FIFO_URL --message-group-id truck-2 --message-body 'truck-2 position {{seq}}'
producer truck-1-kds every 1s count 5: aws kinesis put-record --stream-name gps --partition-key truck-1 --data 'truck-1 position {{seq}}' --cli-binary-format raw-in-base64-out
producer truck-2-kds every 1s count 5: aws kinesis put-record --stream-name gps --partition-key truck-2 --data 'truck-2 position {{seq}}' --cli-binary-format raw-in-base64-out

consumer tracker on gps.fifo batch 10
kinesis-consumer map on gps from TRIM_HORIZON checkpoint every 5
sleep 10

expect actor tracker processed == 10
expect actor tracker in order
expect actor map processed == 10
expect actor map in order
expect stream gps records == 10
aws kinesis list-shards --stream-name gps --query 'Shards[*].ShardId' --output text
