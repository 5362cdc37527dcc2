# AWS CLI reference example: aws sns set-topic-attributes
# https://docs.aws.amazon.com/cli/latest/reference/sns/set-topic-attributes.html
# (from awscli/examples/sns/set-topic-attributes.rst; account ids and regions normalised)
aws sns set-topic-attributes \
    --topic-arn arn:aws:sns:us-east-1:000000000000:MyTopic \
    --attribute-name DisplayName \
    --attribute-value MyTopicDisplayName
