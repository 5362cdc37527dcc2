# AWS CLI reference example: aws sns list-topics
# https://docs.aws.amazon.com/cli/latest/reference/sns/list-topics.html
# (from awscli/examples/sns/list-topics.rst; account ids and regions normalised)
aws sns list-topics
