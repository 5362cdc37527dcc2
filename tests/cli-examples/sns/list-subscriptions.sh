# AWS CLI reference example: aws sns list-subscriptions
# https://docs.aws.amazon.com/cli/latest/reference/sns/list-subscriptions.html
# (from awscli/examples/sns/list-subscriptions.rst; account ids and regions normalised)
aws sns list-subscriptions
