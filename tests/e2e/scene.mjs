// The scene of the README screenshot: every kind of resource with messages, records and
// readers (queues with a DLQ and FIFO lanes, a topic with filter gates and an inbox, a stream,
// Firehose into S3). Returns the error answers (none expected).
export function readmeScene(page) {
  return page.evaluate(() => {
    const acct = '000000000000', region = 'us-east-1';
    const qurl = (q) => `https://sqs.${region}.amazonaws.com/${acct}/${q}`;
    const qarn = (q) => `arn:aws:sqs:${region}:${acct}:${q}`;
    const topic = `arn:aws:sns:${region}:${acct}:orders`;
    const policy = (q) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: qarn(q), Condition: { ArnEquals: { 'aws:SourceArn': topic } } }] });
    const c = (call, input) => ({ call, input });
    const lines = [
      c('sqs.CreateQueue', { QueueName: 'all-orders' }),
      c('sqs.CreateQueue', { QueueName: 'payments.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }),
      c('sqs.CreateQueue', { QueueName: 'orders-dlq' }),
      c('sqs.CreateQueue', { QueueName: 'red-orders', Attributes: { VisibilityTimeout: '5', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: qarn('orders-dlq'), maxReceiveCount: 2 }) } }),
      c('sns.CreateTopic', { Name: 'orders' }),
      c('sqs.SetQueueAttributes', { QueueUrl: qurl('all-orders'), Attributes: { Policy: policy('all-orders') } }),
      c('sqs.SetQueueAttributes', { QueueUrl: qurl('red-orders'), Attributes: { Policy: policy('red-orders') } }),
      c('sns.Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('all-orders'), ReturnSubscriptionArn: true }),
      c('sns.Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('red-orders'), Attributes: { FilterPolicy: '{"color": ["red"]}' }, ReturnSubscriptionArn: true }),
      c('sns.Subscribe', { TopicArn: topic, Protocol: 'email', Endpoint: 'ops@example.com', Attributes: { FilterPolicy: '{"priority": ["high"]}' }, ReturnSubscriptionArn: true }),
      c('kinesis.CreateStream', { StreamName: 'clicks', ShardCount: 3 }),
      c('s3.CreateBucket', { Bucket: 'archive' }),
      c('firehose.CreateDeliveryStream', { DeliveryStreamName: 'to-s3', ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::archive', RoleARN: `arn:aws:iam::${acct}:role/firehose`, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } } }),
      { advance_ms: 1000 },
    ];
    for (const [i, color] of ['red', 'blue', 'red', 'green'].entries()) {
      lines.push(c('sns.Publish', { TopicArn: topic, Message: `order ${i + 1} (${color})`, MessageAttributes: { color: { DataType: 'String', StringValue: color } } }));
    }
    for (const [i, g] of ['alice', 'bob', 'alice', 'carol', 'bob', 'alice'].entries()) {
      lines.push(c('sqs.SendMessage', { QueueUrl: qurl('payments.fifo'), MessageBody: `payment ${i + 1}`, MessageGroupId: g }));
    }
    for (let i = 0; i < 18; i++) lines.push(c('kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: `user-${i % 7}`, Data: btoa(`click ${i}`) }));
    for (let i = 0; i < 4; i++) lines.push(c('firehose.PutRecord', { DeliveryStreamName: 'to-s3', Record: { Data: btoa(`{"click":${i}}\n`) } }));
    lines.push({ advance_ms: 1500 });
    lines.push(c('sqs.ReceiveMessage', { QueueUrl: qurl('all-orders'), MaxNumberOfMessages: 2 }));
    lines.push(c('sqs.ReceiveMessage', { QueueUrl: qurl('payments.fifo') }));
    lines.push(c('sqs.ReceiveMessage', { QueueUrl: qurl('red-orders') }));
    return DecoupleLab.main.run(lines).filter((a) => a.error).map((a) => a.error.code + ': ' + a.error.message);
  });
}

// Two readers on the README scene's stream: one from TRIM_HORIZON that read four records, one
// at LATEST.
export function sceneReaders(page) {
  return page.evaluate(() => {
    const shard = 'shardId-000000000000';
    const [a] = DecoupleLab.main.run([{ call: 'kinesis.GetShardIterator', input: { StreamName: 'clicks', ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' } }]);
    const answers = DecoupleLab.main.run([
      { call: 'kinesis.GetRecords', input: { ShardIterator: a.ok.ShardIterator, Limit: 4 } },
      { call: 'kinesis.GetShardIterator', input: { StreamName: 'clicks', ShardId: shard, ShardIteratorType: 'LATEST' } },
    ]);
    return [a, ...answers].filter((x) => x.error).map((x) => x.error.code + ': ' + x.error.message);
  });
}
