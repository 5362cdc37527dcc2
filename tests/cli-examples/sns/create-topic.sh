# AWS CLI reference example: aws sns create-topic
# https://docs.aws.amazon.com/cli/latest/reference/sns/create-topic.html
# (from awscli/examples/sns/create-topic.rst; account ids and regions normalised)
aws sns create-topic \
    --name my-topic
