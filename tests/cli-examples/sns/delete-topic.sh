# AWS CLI reference example: aws sns delete-topic
# https://docs.aws.amazon.com/cli/latest/reference/sns/delete-topic.html
# (from awscli/examples/sns/delete-topic.rst; account ids and regions normalised)
aws sns delete-topic \
    --topic-arn "arn:aws:sns:us-east-1:000000000000:my-topic"
