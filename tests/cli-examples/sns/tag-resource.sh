# AWS CLI reference example: aws sns tag-resource
# https://docs.aws.amazon.com/cli/latest/reference/sns/tag-resource.html
# (from awscli/examples/sns/tag-resource.rst; account ids and regions normalised)
aws sns tag-resource \
    --resource-arn arn:aws:sns:us-east-1:000000000000:MyTopic \
    --tags Key=Team,Value=Alpha
