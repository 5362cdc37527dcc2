# AWS CLI reference example: aws kinesis deregister-stream-consumer
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/deregister-stream-consumer.html
# (from awscli/examples/kinesis/deregister-stream-consumer.rst; account ids and regions normalised)
aws kinesis deregister-stream-consumer \
    --stream-arn arn:aws:kinesis:us-east-1:000000000000:stream/samplestream \
    --consumer-name KinesisConsumerApplication
