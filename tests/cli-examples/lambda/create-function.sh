# AWS CLI reference example: aws lambda create-function
# https://docs.aws.amazon.com/cli/latest/reference/lambda/create-function.html
# (from awscli/examples/lambda/create-function.rst; account ids and regions normalised)
file my-function.zip <<'EOF'
This file is a deployment package that contains your function code and any dependencies.
EOF
aws lambda create-function \
    --function-name my-function \
    --runtime nodejs22.x \
    --zip-file fileb://my-function.zip \
    --handler my-function.handler \
    --role arn:aws:iam::000000000000:role/service-role/MyTestFunction-role-tges6bf4
