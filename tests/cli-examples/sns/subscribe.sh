# AWS CLI reference example: aws sns subscribe
# https://docs.aws.amazon.com/cli/latest/reference/sns/subscribe.html
# (from awscli/examples/sns/subscribe.rst; account ids and regions normalised)
aws sns subscribe \
    --topic-arn arn:aws:sns:us-east-1:000000000000:my-topic \
    --protocol email \
    --notification-endpoint my-email@example.com
