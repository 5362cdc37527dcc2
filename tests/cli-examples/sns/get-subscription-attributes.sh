# AWS CLI reference example: aws sns get-subscription-attributes
# https://docs.aws.amazon.com/cli/latest/reference/sns/get-subscription-attributes.html
# (from awscli/examples/sns/get-subscription-attributes.rst; account ids and regions normalised)
aws sns get-subscription-attributes \
    --subscription-arn "arn:aws:sns:us-east-1:000000000000:my-topic:8a21d249-4329-4871-acc6-7be709c6ea7f"
