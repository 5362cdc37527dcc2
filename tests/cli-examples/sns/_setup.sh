# Resources the SNS reference examples assume (not part of the examples).
aws sns create-topic --name my-topic
aws sns create-topic --name MyTopic
aws sns create-topic --name mytopic
aws sqs create-queue --queue-name MyQueue
