# AWS CLI reference example: aws sns list-subscriptions-by-topic
# https://docs.aws.amazon.com/cli/latest/reference/sns/list-subscriptions-by-topic.html
# (from awscli/examples/sns/list-subscriptions-by-topic.rst; account ids and regions normalised)
aws sns list-subscriptions-by-topic \
    --topic-arn "arn:aws:sns:us-east-1:000000000000:my-topic"
