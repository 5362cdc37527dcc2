# AWS CLI reference example: aws kinesis register-stream-consumer
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/register-stream-consumer.html
# (from awscli/examples/kinesis/register-stream-consumer.rst; account ids and regions normalised)
aws kinesis register-stream-consumer \
    --stream-arn arn:aws:kinesis:us-east-1:000000000000:stream/samplestream \
    --consumer-name KinesisConsumerApplication
