# AWS CLI commands → API calls
aws sqs create-queue --queue-name orders --attributes VisibilityTimeout=60,DelaySeconds=10 --tags team=shop
aws sqs create-queue --queue-name jobs.fifo --attributes '{"FifoQueue": "true", "ContentBasedDeduplication": "true"}'
aws sqs send-message --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/orders --message-body "order 1" \
    --message-attributes 'City={DataType=String,StringValue=Seoul},Count={DataType=Number,StringValue=3}' --delay-seconds 5
aws sqs send-message-batch --queue-url u --entries Id=1,MessageBody=a,DelaySeconds=1 Id=2,MessageBody=b
aws sqs receive-message --queue-url u --attribute-names All --message-attribute-names All --max-number-of-messages 10 --wait-time-seconds 20 --query 'Messages[*].Body' --output text
aws sqs delete-message-batch --queue-url u --entries '[{"Id": "1", "ReceiptHandle": "r1"}]'
aws sqs change-message-visibility --queue-url u --receipt-handle r --visibility-timeout 0
aws sqs get-queue-url --queue-name orders --queue-owner-aws-account-id 000000000000
aws sns publish --topic-arn arn:aws:sns:us-east-1:000000000000:orders --message hi --message-attributes '{"store": {"DataType": "String", "StringValue": "example_corp"}}'
aws sns subscribe --topic-arn t --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:000000000000:q --attributes RawMessageDelivery=true --return-subscription-arn
aws sns publish-batch --topic-arn t --publish-batch-request-entries Id=1,Message=a Id=2,Message=b,MessageGroupId=g
aws sns create-topic --name orders --tags Key=team,Value=shop Key=env,Value=prod
aws kinesis put-record --stream-name s --partition-key truck-1 --data 'position 1' --cli-binary-format raw-in-base64-out
aws kinesis put-record --stream-name s --partition-key p --data aGVsbG8=
aws kinesis put-records --stream-name s --records Data=YQ==,PartitionKey=a Data=Yg==,PartitionKey=b
aws kinesis get-shard-iterator --stream-name s --shard-id shardId-000000000000 --shard-iterator-type AT_TIMESTAMP --timestamp 2024-01-01T00:00:10Z
aws kinesis list-shards --stream-name s --shard-filter Type=AT_LATEST
aws kinesis create-stream --stream-name s --stream-mode-details StreamMode=ON_DEMAND
aws kinesis delete-stream --stream-name s --enforce-consumer-deletion
aws firehose put-record --delivery-stream-name d --record '{"Data": "line\n"}' --cli-binary-format raw-in-base64-out
aws firehose create-delivery-stream --delivery-stream-name d --extended-s3-destination-configuration BucketARN=arn:aws:s3:::b,RoleARN=r,BufferingHints={SizeInMBs=1,IntervalInSeconds=60}
aws s3api list-objects-v2 --bucket b --prefix app/ --max-keys 10
aws s3api get-object --bucket b --key k out.txt
aws cloudwatch get-metric-statistics --namespace AWS/SQS --metric-name NumberOfMessagesSent --dimensions Name=QueueName,Value=orders --start-time 2024-01-01T00:00:00Z --end-time 2024-01-01T01:00:00Z --period 60 --statistics Sum
aws --region us-east-1 --output table lambda invoke --function-name f --payload '{"a": 1}' --cli-binary-format raw-in-base64-out response.json
aws sqs list-queues --queue-name-prefix ord --max-results=5 --no-paginate
file input.json <<'EOF'
{"QueueUrl": "u", "MessageBody": "from file"}
EOF
aws sqs send-message --cli-input-json file://input.json --delay-seconds 2
