//! Amazon SQS commands (`aws sqs …`), from the SQS API Reference
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html>
//! and the AWS CLI reference <https://docs.aws.amazon.com/cli/latest/reference/sqs/>.

use crate::shape::*;

const MESSAGE_ATTRIBUTE_VALUE: Shape = Shape::Struct(&[
    m("StringValue", &STR),
    m("BinaryValue", &BLOB),
    m("StringListValues", &STR_LIST),
    m("BinaryListValues", &Shape::List(&BLOB)),
    req("DataType", &STR),
]);
const MESSAGE_ATTRIBUTES: Shape = Shape::Map(&MESSAGE_ATTRIBUTE_VALUE);
const SEND_ENTRY: Shape = Shape::Struct(&[
    req("Id", &STR),
    req("MessageBody", &STR),
    m("DelaySeconds", &INT),
    m("MessageAttributes", &MESSAGE_ATTRIBUTES),
    m("MessageSystemAttributes", &MESSAGE_ATTRIBUTES),
    m("MessageDeduplicationId", &STR),
    m("MessageGroupId", &STR),
]);
const DELETE_ENTRY: Shape = Shape::Struct(&[req("Id", &STR), req("ReceiptHandle", &STR)]);
const VISIBILITY_ENTRY: Shape =
    Shape::Struct(&[req("Id", &STR), req("ReceiptHandle", &STR), m("VisibilityTimeout", &INT)]);
const QUEUE_URL: Member = req("QueueUrl", &STR);

pub const SERVICE: Service = Service {
    cli: "sqs",
    engine: "sqs",
    actions: &[
        action("CreateQueue", &[req("QueueName", &STR), m("Attributes", &STR_MAP), m("tags", &STR_MAP)]),
        action("DeleteQueue", &[QUEUE_URL]),
        action("ListQueues", &[m("QueueNamePrefix", &STR), m("NextToken", &STR), m("MaxResults", &INT)]),
        action("GetQueueUrl", &[req("QueueName", &STR), m("QueueOwnerAWSAccountId", &STR)]),
        action("GetQueueAttributes", &[QUEUE_URL, m("AttributeNames", &STR_LIST)]),
        action("SetQueueAttributes", &[QUEUE_URL, req("Attributes", &STR_MAP)]),
        action("PurgeQueue", &[QUEUE_URL]),
        action(
            "SendMessage",
            &[
                QUEUE_URL,
                req("MessageBody", &STR),
                m("DelaySeconds", &INT),
                m("MessageAttributes", &MESSAGE_ATTRIBUTES),
                m("MessageSystemAttributes", &MESSAGE_ATTRIBUTES),
                m("MessageDeduplicationId", &STR),
                m("MessageGroupId", &STR),
            ],
        ),
        action("SendMessageBatch", &[QUEUE_URL, req("Entries", &Shape::List(&SEND_ENTRY))]),
        action(
            "ReceiveMessage",
            &[
                QUEUE_URL,
                m("AttributeNames", &STR_LIST),
                m("MessageSystemAttributeNames", &STR_LIST),
                m("MessageAttributeNames", &STR_LIST),
                m("MaxNumberOfMessages", &INT),
                m("VisibilityTimeout", &INT),
                m("WaitTimeSeconds", &INT),
                m("ReceiveRequestAttemptId", &STR),
            ],
        ),
        action("DeleteMessage", &[QUEUE_URL, req("ReceiptHandle", &STR)]),
        action("DeleteMessageBatch", &[QUEUE_URL, req("Entries", &Shape::List(&DELETE_ENTRY))]),
        action(
            "ChangeMessageVisibility",
            &[QUEUE_URL, req("ReceiptHandle", &STR), req("VisibilityTimeout", &INT)],
        ),
        action("ChangeMessageVisibilityBatch", &[QUEUE_URL, req("Entries", &Shape::List(&VISIBILITY_ENTRY))]),
        action("TagQueue", &[QUEUE_URL, req("Tags", &STR_MAP)]),
        action("UntagQueue", &[QUEUE_URL, req("TagKeys", &STR_LIST)]),
        action("ListQueueTags", &[QUEUE_URL]),
        action("ListDeadLetterSourceQueues", &[QUEUE_URL, m("NextToken", &STR), m("MaxResults", &INT)]),
        action(
            "StartMessageMoveTask",
            &[req("SourceArn", &STR), m("DestinationArn", &STR), m("MaxNumberOfMessagesPerSecond", &INT)],
        ),
        action("ListMessageMoveTasks", &[req("SourceArn", &STR), m("MaxResults", &INT)]),
        action("CancelMessageMoveTask", &[req("TaskHandle", &STR)]),
        action(
            "AddPermission",
            &[QUEUE_URL, req("Label", &STR), req("AWSAccountIds", &STR_LIST), req("Actions", &STR_LIST)],
        ),
        action("RemovePermission", &[QUEUE_URL, req("Label", &STR)]),
    ],
};
