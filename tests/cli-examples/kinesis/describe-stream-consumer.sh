# AWS CLI reference example: aws kinesis describe-stream-consumer
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/describe-stream-consumer.html
# (from awscli/examples/kinesis/describe-stream-consumer.rst; account ids and regions normalised)
aws kinesis describe-stream-consumer \
    --stream-arn arn:aws:kinesis:us-east-1:000000000000:stream/samplestream \
    --consumer-name KinesisConsumerApplication
