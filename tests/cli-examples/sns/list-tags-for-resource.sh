# AWS CLI reference example: aws sns list-tags-for-resource
# https://docs.aws.amazon.com/cli/latest/reference/sns/list-tags-for-resource.html
# (from awscli/examples/sns/list-tags-for-resource.rst; account ids and regions normalised)
aws sns list-tags-for-resource \
    --resource-arn arn:aws:sns:us-east-1:000000000000:MyTopic
