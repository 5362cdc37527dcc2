# Title: Fan-out: one orders topic, a shipping queue and a fraud queue
#
# SNS copies every order to each subscribed SQS queue, so shipping and fraud detection work
# independently at their own pace (the SNS + SQS fan-out pattern).
TOPIC_ARN=$(aws sns create-topic --name orders --query TopicArn --output text)
SHIPPING_URL=$(aws sqs create-queue --queue-name shipping --query QueueUrl --output text)
FRAUD_URL=$(aws sqs create-queue --queue-name fraud --query QueueUrl --output text)
SHIPPING_ARN=$(aws sqs get-queue-attributes --queue-url $SHIPPING_URL --attribute-names QueueArn --query Attributes.QueueArn --output text)
FRAUD_ARN=$(aws sqs get-queue-attributes --queue-url $FRAUD_URL --attribute-names QueueArn --query Attributes.QueueArn --output text)

# A queue accepts SNS deliveries only if its Policy allows the topic (sns.amazonaws.com,
# aws:SourceArn = the topic); without it every delivery is refused.
aws sqs set-queue-attributes --queue-url $SHIPPING_URL --attributes '{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:000000000000:orders\"}}}]}"}'
aws sqs set-queue-attributes --queue-url $FRAUD_URL --attributes '{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:000000000000:orders\"}}}]}"}'

aws sns subscribe --topic-arn $TOPIC_ARN --protocol sqs --notification-endpoint $SHIPPING_ARN
aws sns subscribe --topic-arn $TOPIC_ARN --protocol sqs --notification-endpoint $FRAUD_ARN

producer shop every 1s count 10: aws sns publish --topic-arn $TOPIC_ARN --message '{"order": {{seq}}, "total": {{random 5 500}}}'
sleep 12

expect subscription shipping received 10
expect subscription fraud received 10
expect queue shipping visible == 10
expect queue fraud visible == 10

# Each queue holds its own copy, wrapped in the SNS envelope (RawMessageDelivery is false).
aws sqs receive-message --queue-url $FRAUD_URL --query 'Messages[0].Body' --output text
