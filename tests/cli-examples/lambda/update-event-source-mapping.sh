# AWS CLI reference example: aws lambda update-event-source-mapping
# https://docs.aws.amazon.com/cli/latest/reference/lambda/update-event-source-mapping.html
# (from awscli/examples/lambda/update-event-source-mapping.rst; account ids and regions normalised)
aws lambda update-event-source-mapping \
    --uuid  "a1b2c3d4-5678-90ab-cdef-000000000000" \
    --batch-size 8
