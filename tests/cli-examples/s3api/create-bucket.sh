# AWS CLI reference example: aws s3api create-bucket
# https://docs.aws.amazon.com/cli/latest/reference/s3api/create-bucket.html
# (from awscli/examples/s3api/create-bucket.rst; account ids and regions normalised)
aws s3api create-bucket \
    --bucket amzn-s3-demo-bucket \
    --region us-east-1
aws s3api create-bucket \
    --bucket amzn-s3-demo-bucket \
    --region us-east-1 \
    --object-ownership BucketOwnerEnforced
aws s3api create-bucket \
    --bucket amzn-s3-demo-bucket \
    --region us-east-1 \
    --create-bucket-configuration LocationConstraint=us-east-1 
