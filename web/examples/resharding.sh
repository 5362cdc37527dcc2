# Title: Resharding under load
#
# A one-shard stream takes orders from six customers. Mid-stream it is scaled to two shards
# (UpdateShardCount, UNIFORM_SCALING): the parent shard closes, two children take over the
# hash key range. The consumer finishes the parent before reading the children, so every
# customer's orders are still read in order.
aws kinesis create-stream --stream-name orders --shard-count 1
sleep 1

producer shop every 100ms count 300: aws kinesis put-record --stream-name orders --partition-key customer-{{cycle 1|2|3|4|5|6}} --data 'customer-{{cycle 1|2|3|4|5|6}} order {{seq}}' --cli-binary-format raw-in-base64-out
kinesis-consumer reader on orders from TRIM_HORIZON checkpoint every 50

sleep 10
aws kinesis update-shard-count --stream-name orders --target-shard-count 2 --scaling-type UNIFORM_SCALING
sleep 30

expect stream orders records == 300
expect actor reader processed == 300
expect actor reader in order
aws kinesis list-shards --stream-name orders --query 'Shards[*].[ShardId, ParentShardId]' --output text
