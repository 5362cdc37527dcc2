# Title: Firehose buffering: Direct PUT to S3, flushed by the buffer interval
#
# An application sends one log line per second to a Firehose delivery stream. The S3
# destination buffers up to 1 MiB or 60 seconds, whichever comes first: with this little
# traffic the interval wins, and all lines land in one S3 object.
aws s3api create-bucket --bucket app-logs
aws firehose create-delivery-stream --delivery-stream-name app-logs \
    --extended-s3-destination-configuration '{"BucketARN": "arn:aws:s3:::app-logs", "RoleARN": "arn:aws:iam::000000000000:role/firehose-role", "Prefix": "app/", "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}'
sleep 1

producer app every 1s count 20: aws firehose put-record --delivery-stream-name app-logs --record '{"Data": "log line {{seq}}\n"}' --cli-binary-format raw-in-base64-out
sleep 30
expect bucket app-logs objects == 0

sleep 60
expect bucket app-logs objects == 1
KEY=$(aws s3api list-objects-v2 --bucket app-logs --query 'Contents[0].Key' --output text)
echo "delivered: $KEY"
aws s3api get-object --bucket app-logs --key $KEY batch.txt
cat batch.txt
