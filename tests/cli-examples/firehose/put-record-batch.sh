# AWS CLI reference example: aws firehose put-record-batch
# https://docs.aws.amazon.com/cli/latest/reference/firehose/put-record-batch.html
# (from awscli/examples/firehose/put-record-batch.rst; account ids and regions normalised)
file records.json <<'EOF'
[
    {"Data": "Rmlyc3QgdGhpbmc="},
    {"Data": "U2Vjb25kIHRoaW5n"},
    {"Data": "VGhpcmQgdGhpbmc="}
]
EOF
aws firehose put-record-batch \
    --delivery-stream-name my-stream \
    --records file://records.json
