# AWS CLI reference example: aws firehose put-record
# https://docs.aws.amazon.com/cli/latest/reference/firehose/put-record.html
# (from awscli/examples/firehose/put-record.rst; account ids and regions normalised)
aws firehose put-record \
    --delivery-stream-name my-stream \
    --record '{"Data":"SGVsbG8gd29ybGQ="}' 
