# AWS CLI reference example: aws sns confirm-subscription
# https://docs.aws.amazon.com/cli/latest/reference/sns/confirm-subscription.html
# (from awscli/examples/sns/confirm-subscription.rst; account ids and regions normalised)
aws sns confirm-subscription \
    --topic-arn arn:aws:sns:us-east-1:000000000000:my-topic \
    --token 2336412f37fb687f5d51e6e241d7700ae02f7124d8268910b858cb4db727ceeb2474bb937929d3bdd7ce5d0cce19325d036bc858d3c217426bcafa9c501a2cace93b83f1dd3797627467553dc438a8c974119496fc3eff026eaa5d14472ded6f9a5c43aec62d83ef5f49109da7176391
