# Resources the Kinesis reference examples assume (not part of the examples).
aws kinesis create-stream --stream-name samplestream --shard-count 3
sleep 1
aws kinesis put-record --stream-name samplestream --data c2FtcGxl --partition-key samplepartitionkey
