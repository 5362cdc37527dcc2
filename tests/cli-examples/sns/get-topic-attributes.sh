# AWS CLI reference example: aws sns get-topic-attributes
# https://docs.aws.amazon.com/cli/latest/reference/sns/get-topic-attributes.html
# (from awscli/examples/sns/get-topic-attributes.rst; account ids and regions normalised)
aws sns get-topic-attributes \
    --topic-arn "arn:aws:sns:us-east-1:000000000000:my-topic"
