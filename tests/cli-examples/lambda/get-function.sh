# AWS CLI reference example: aws lambda get-function
# https://docs.aws.amazon.com/cli/latest/reference/lambda/get-function.html
# (from awscli/examples/lambda/get-function.rst; account ids and regions normalised)
aws lambda get-function \
    --function-name  my-function
