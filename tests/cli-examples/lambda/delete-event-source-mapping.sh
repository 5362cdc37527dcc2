# AWS CLI reference example: aws lambda delete-event-source-mapping
# https://docs.aws.amazon.com/cli/latest/reference/lambda/delete-event-source-mapping.html
# (from awscli/examples/lambda/delete-event-source-mapping.rst; account ids and regions normalised)
aws lambda delete-event-source-mapping \
    --uuid  a1b2c3d4-5678-90ab-cdef-000000000000
