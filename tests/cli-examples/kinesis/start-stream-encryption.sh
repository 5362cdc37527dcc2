# AWS CLI reference example: aws kinesis start-stream-encryption
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/start-stream-encryption.html
# (from awscli/examples/kinesis/start-stream-encryption.rst; account ids and regions normalised)
aws kinesis start-stream-encryption \
    --encryption-type KMS \
    --key-id arn:aws:kms:us-east-1:000000000000:key/a3c4a7cd-728b-45dd-b334-4d3eb496e452 \
    --stream-name samplestream
