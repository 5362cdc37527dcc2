# Title: Kinesis → Firehose → S3, with buffering
#
# Clicks go into a Kinesis data stream; a Firehose delivery stream reads it
# (KinesisStreamAsSource) and writes S3 objects when its buffer fills (1 MiB) or its
# interval ends (60 s). Small traffic: nothing lands before the interval.
aws kinesis create-stream --stream-name clicks --shard-count 1
aws s3api create-bucket --bucket clicks-archive
sleep 1
aws firehose create-delivery-stream --delivery-stream-name clicks-to-s3 --delivery-stream-type KinesisStreamAsSource \
    --kinesis-stream-source-configuration KinesisStreamARN=arn:aws:kinesis:us-east-1:000000000000:stream/clicks,RoleARN=arn:aws:iam::000000000000:role/firehose-role \
    --extended-s3-destination-configuration '{"BucketARN": "arn:aws:s3:::clicks-archive", "RoleARN": "arn:aws:iam::000000000000:role/firehose-role", "Prefix": "clicks/", "ErrorOutputPrefix": "errors/", "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}'
sleep 1

producer web every 1s count 30: aws kinesis put-record --stream-name clicks --partition-key user-{{cycle 1|2|3}} --data '{"click": {{seq}}}' --cli-binary-format raw-in-base64-out
sleep 30
expect stream clicks records == 30
expect bucket clicks-archive objects == 0

sleep 60
expect bucket clicks-archive objects >= 1
aws s3api list-objects-v2 --bucket clicks-archive --query 'Contents[].Key'
