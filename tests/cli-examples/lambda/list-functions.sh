# AWS CLI reference example: aws lambda list-functions
# https://docs.aws.amazon.com/cli/latest/reference/lambda/list-functions.html
# (from awscli/examples/lambda/list-functions.rst; account ids and regions normalised)
aws lambda list-functions
