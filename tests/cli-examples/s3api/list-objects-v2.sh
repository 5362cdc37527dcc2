# AWS CLI reference example: aws s3api list-objects-v2
# https://docs.aws.amazon.com/cli/latest/reference/s3api/list-objects-v2.html
# (from awscli/examples/s3api/list-objects-v2.rst; account ids and regions normalised)
aws s3api list-objects-v2 \
    --bucket amzn-s3-demo-bucket
