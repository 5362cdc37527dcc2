# AWS CLI reference example: aws sns publish
# https://docs.aws.amazon.com/cli/latest/reference/sns/publish.html
# (from awscli/examples/sns/publish.rst; account ids and regions normalised)
file message.txt <<'EOF'
Hello World
Second Line
EOF
aws sns publish \
    --topic-arn "arn:aws:sns:us-east-1:000000000000:my-topic" \
    --message file://message.txt
aws sns publish \
    --message "Hello world!" \
    --phone-number +1-555-555-0100
