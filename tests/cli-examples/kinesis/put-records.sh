# AWS CLI reference example: aws kinesis put-records
# https://docs.aws.amazon.com/cli/latest/reference/kinesis/put-records.html
# (from awscli/examples/kinesis/put-records.rst; account ids and regions normalised)
aws kinesis put-records \
    --stream-name samplestream \
    --records Data=blob1,PartitionKey=partitionkey1 Data=blob2,PartitionKey=partitionkey2
