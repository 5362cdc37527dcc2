# AWS CLI reference example: aws lambda create-event-source-mapping
# https://docs.aws.amazon.com/cli/latest/reference/lambda/create-event-source-mapping.html
# (from awscli/examples/lambda/create-event-source-mapping.rst; account ids and regions normalised)
aws lambda create-event-source-mapping \
    --function-name my-function \
    --batch-size 5 \
    --event-source-arn arn:aws:sqs:us-east-1:000000000000:mySQSqueue
