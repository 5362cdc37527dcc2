# Script errors: every one has a line, a column and (when a near name exists) a suggestion
aws sqs send-mesage --queue-url u --message-body b
aws sqs send-message --queue-ur u --message-body b
aws sqs send-message --queue-url u
aws sqss list-queues
aws sqs send-message --queue-url u --message-body b --message-attributes A={DataType=String,StringValue=a} B={DataType=String,StringValue=b}
aws sqs create-queue --queue-name q --attributes '{"VisibilityTimeout": 60'
aws sqs create-queue --queue-name q --attributes VisibilityTimeout
aws sqs receive-message --queue-url u --max-number-of-messages ten
aws sqs send-message-batch --queue-url u --entries Id=1,MesageBody=x
aws sqs send-message --queue-url u --message-body b --output xml
aws sqs send-message --queue-url u --message-body b --query 'Messages['
aws sqs create-queue --queue-name q --attributes file://missing.json
aws sns subscribe --topic-arn t --protocol sqs --endpoint q
aws kinesis delete-stream --stream-name s --enforce-consumer-deletion yes
aws kinesis put-record --stream-name s --partition-key p --data 'not base64!'
aws
aws sqs
slep 3
sleep 3x
echo 'unterminated
