//! Amazon SNS commands (`aws sns …`), from the SNS API Reference
//! <https://docs.aws.amazon.com/sns/latest/api/API_Operations.html> and the AWS CLI reference
//! <https://docs.aws.amazon.com/cli/latest/reference/sns/>.

use crate::shape::*;

const MESSAGE_ATTRIBUTE_VALUE: Shape =
    Shape::Struct(&[req("DataType", &STR), m("StringValue", &STR), m("BinaryValue", &BLOB)]);
const MESSAGE_ATTRIBUTES: Shape = Shape::Map(&MESSAGE_ATTRIBUTE_VALUE);
const PUBLISH_ENTRY: Shape = Shape::Struct(&[
    req("Id", &STR),
    req("Message", &STR),
    m("Subject", &STR),
    m("MessageStructure", &STR),
    m("MessageAttributes", &MESSAGE_ATTRIBUTES),
    m("MessageDeduplicationId", &STR),
    m("MessageGroupId", &STR),
]);
const TOPIC_ARN: Member = req("TopicArn", &STR);

pub const SERVICE: Service = Service {
    cli: "sns",
    engine: "sns",
    actions: &[
        action(
            "CreateTopic",
            &[
                req("Name", &STR),
                m("Attributes", &STR_MAP),
                m("Tags", &TAG_LIST),
                m("DataProtectionPolicy", &STR),
            ],
        ),
        action("DeleteTopic", &[TOPIC_ARN]),
        action("ListTopics", &[m("NextToken", &STR)]),
        action("GetTopicAttributes", &[TOPIC_ARN]),
        action("SetTopicAttributes", &[TOPIC_ARN, req("AttributeName", &STR), m("AttributeValue", &STR)]),
        action(
            "Subscribe",
            &[
                TOPIC_ARN,
                req("Protocol", &STR),
                m("Endpoint", &STR),
                m("Attributes", &STR_MAP),
                m("ReturnSubscriptionArn", &BOOL),
            ],
        ),
        action("ConfirmSubscription", &[TOPIC_ARN, req("Token", &STR), m("AuthenticateOnUnsubscribe", &STR)]),
        action("Unsubscribe", &[req("SubscriptionArn", &STR)]),
        action("ListSubscriptions", &[m("NextToken", &STR)]),
        action("ListSubscriptionsByTopic", &[TOPIC_ARN, m("NextToken", &STR)]),
        action("GetSubscriptionAttributes", &[req("SubscriptionArn", &STR)]),
        action(
            "SetSubscriptionAttributes",
            &[req("SubscriptionArn", &STR), req("AttributeName", &STR), m("AttributeValue", &STR)],
        ),
        action(
            "Publish",
            &[
                m("TopicArn", &STR),
                m("TargetArn", &STR),
                m("PhoneNumber", &STR),
                req("Message", &STR),
                m("Subject", &STR),
                m("MessageStructure", &STR),
                m("MessageAttributes", &MESSAGE_ATTRIBUTES),
                m("MessageDeduplicationId", &STR),
                m("MessageGroupId", &STR),
            ],
        ),
        action("PublishBatch", &[TOPIC_ARN, req("PublishBatchRequestEntries", &Shape::List(&PUBLISH_ENTRY))]),
        action("TagResource", &[req("ResourceArn", &STR), req("Tags", &TAG_LIST)]),
        action("UntagResource", &[req("ResourceArn", &STR), req("TagKeys", &STR_LIST)]),
        action("ListTagsForResource", &[req("ResourceArn", &STR)]),
    ],
};
