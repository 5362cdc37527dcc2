# AWS CLI reference example: aws sns untag-resource
# https://docs.aws.amazon.com/cli/latest/reference/sns/untag-resource.html
# (from awscli/examples/sns/untag-resource.rst; account ids and regions normalised)
aws sns untag-resource \
    --resource-arn arn:aws:sns:us-east-1:000000000000:MyTopic \
    --tag-keys Team
