# Resources the Firehose reference examples assume (not part of the examples).
aws s3api create-bucket --bucket amzn-s3-demo-bucket
aws firehose create-delivery-stream --delivery-stream-name my-stream --extended-s3-destination-configuration BucketARN=arn:aws:s3:::amzn-s3-demo-bucket,RoleARN=arn:aws:iam::000000000000:role/firehose-role
sleep 1
