# Resources the Lambda reference examples assume (not part of the examples).
aws sqs create-queue --queue-name mySQSqueue
aws lambda create-function --function-name my-function --runtime nodejs22.x --handler pass-through --role arn:aws:iam::000000000000:role/lambda-role
