# AWS CLI reference example: aws sns unsubscribe
# https://docs.aws.amazon.com/cli/latest/reference/sns/unsubscribe.html
# (from awscli/examples/sns/unsubscribe.rst; account ids and regions normalised)
aws sns unsubscribe \
    --subscription-arn arn:aws:sns:us-east-1:0123456789012:my-topic:8a21d249-4329-4871-acc6-7be709c6ea7f
