# Resources the SQS reference examples assume (not part of the examples).
aws sqs create-queue --queue-name MyDeadLetterQueue
aws sqs create-queue --queue-name MyQueue
aws sqs create-queue --queue-name MyNewQueue
aws sqs create-queue --queue-name MyNewerQueue
aws sqs create-queue --queue-name MyQueue1
aws sqs create-queue --queue-name MyQueue2
aws sqs create-queue --queue-name mySQSqueue
aws sqs send-message --queue-url https://sqs.us-east-1.amazonaws.com/000000000000/MyQueue --message-body "My first message."
