# Title: Filter policies: by message attribute and by message body
#
# Two subscribers of one topic: eu-orders wants orders whose `region` attribute starts with
# "eu-"; big-orders wants orders whose body has total >= 1000 (FilterPolicyScope
# MessageBody). SNS evaluates each policy and delivers only what matches.
TOPIC_ARN=$(aws sns create-topic --name orders --query TopicArn --output text)
EU_URL=$(aws sqs create-queue --queue-name eu-orders --query QueueUrl --output text)
BIG_URL=$(aws sqs create-queue --queue-name big-orders --query QueueUrl --output text)

file eu-filter.json <<EOF
{"FilterPolicy": "{\"region\": [{\"prefix\": \"eu-\"}]}", "RawMessageDelivery": "true"}
EOF
file big-filter.json <<EOF
{"FilterPolicyScope": "MessageBody", "FilterPolicy": "{\"total\": [{\"numeric\": [\">=\", 1000]}]}", "RawMessageDelivery": "true"}
EOF

# Each queue's Policy must allow the topic to send (sns.amazonaws.com, aws:SourceArn).
aws sqs set-queue-attributes --queue-url $EU_URL --attributes '{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:000000000000:orders\"}}}]}"}'
aws sqs set-queue-attributes --queue-url $BIG_URL --attributes '{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:000000000000:orders\"}}}]}"}'
aws sns subscribe --topic-arn $TOPIC_ARN --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:000000000000:eu-orders --attributes file://eu-filter.json
aws sns subscribe --topic-arn $TOPIC_ARN --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:000000000000:big-orders --attributes file://big-filter.json

aws sns publish --topic-arn $TOPIC_ARN --message '{"order": 1, "total": 25}' --message-attributes region={DataType=String,StringValue=eu-west-1}
aws sns publish --topic-arn $TOPIC_ARN --message '{"order": 2, "total": 1500}' --message-attributes region={DataType=String,StringValue=us-east-1}
aws sns publish --topic-arn $TOPIC_ARN --message '{"order": 3, "total": 4000}' --message-attributes '{"region": {"DataType": "String", "StringValue": "eu-central-1"}}'
aws sns publish --topic-arn $TOPIC_ARN --message '{"order": 4, "total": 10}' --message-attributes region={DataType=String,StringValue=ap-northeast-2}
sleep 2

expect subscription eu-orders received 2
expect subscription big-orders received 2
expect event NotificationFilteredOut count == 4

aws sqs receive-message --queue-url $BIG_URL --max-number-of-messages 10 --query 'Messages[*].Body'
expect length(@) == 2
