# AWS CLI reference example: aws lambda invoke
# https://docs.aws.amazon.com/cli/latest/reference/lambda/invoke.html
# (from awscli/examples/lambda/invoke.rst; account ids and regions normalised)
aws lambda invoke \
    --function-name my-function \
    --cli-binary-format raw-in-base64-out \
    --payload '{ "name": "Bob" }' \
    response.json
aws lambda invoke \
    --function-name my-function \
    --invocation-type Event \
    --cli-binary-format raw-in-base64-out \
    --payload '{ "name": "Bob" }' \
    response.json
