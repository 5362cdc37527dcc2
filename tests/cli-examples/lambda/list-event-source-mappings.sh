# AWS CLI reference example: aws lambda list-event-source-mappings
# https://docs.aws.amazon.com/cli/latest/reference/lambda/list-event-source-mappings.html
# (from awscli/examples/lambda/list-event-source-mappings.rst; account ids and regions normalised)
aws lambda list-event-source-mappings \
    --function-name my-function
