# AWS CLI reference example: aws sns set-subscription-attributes
# https://docs.aws.amazon.com/cli/latest/reference/sns/set-subscription-attributes.html
# (from awscli/examples/sns/set-subscription-attributes.rst; account ids and regions normalised)
aws sns set-subscription-attributes \
    --subscription-arn arn:aws:sns:us-east-1:000000000000:mytopic:f248de18-2cf6-578c-8592-b6f1eaa877dc \
    --attribute-name RawMessageDelivery \
    --attribute-value true
aws sns set-subscription-attributes \
    --subscription-arn arn:aws:sns:us-east-1:000000000000:mytopic:f248de18-2cf6-578c-8592-b6f1eaa877dc \
    --attribute-name FilterPolicy \
    --attribute-value "{ \"anyMandatoryKey\": [\"any\", \"of\", \"these\"] }"
aws sns set-subscription-attributes \
    --subscription-arn arn:aws:sns:us-east-1:000000000000:mytopic:f248de18-2cf6-578c-8592-b6f1eaa877dc \
    --attribute-name FilterPolicy \
    --attribute-value "{}"
