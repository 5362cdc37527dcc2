# AWS CLI reference example: aws lambda delete-function
# https://docs.aws.amazon.com/cli/latest/reference/lambda/delete-function.html
# (from awscli/examples/lambda/delete-function.rst; account ids and regions normalised)
aws lambda delete-function \
    --function-name my-function
aws lambda delete-function \
    --function-name arn:aws:lambda:us-east-1:000000000000:function:my-function
aws lambda delete-function \
    --function-name 000000000000:function:my-function
