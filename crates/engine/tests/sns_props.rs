//! Properties of SNS: delivery is deterministic (same seed and calls → byte-identical
//! deliveries and events), and no input — typed or through the JSON edge — panics.

#![cfg(feature = "serde")]
use std::collections::BTreeMap;

use decouple_engine::message_attributes::{MessageAttributeValue, MessageAttributes};
use decouple_engine::sns::endpoint::ListSinkMessagesInput;
use decouple_engine::sns::subscription::{ConfirmSubscriptionInput, SubscribeInput};
use decouple_engine::sns::topic::CreateTopicInput;
use decouple_engine::sns::PublishInput;
use decouple_engine::{Cloud, Config};
use proptest::prelude::*;
use serde_json::{json, Value};

#[derive(Clone, Debug)]
enum Op {
    Publish { body: String, color: Option<u8>, subject: bool },
    Advance(u64),
    SetFilter(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => ("[a-z{}\":, ]{1,40}", proptest::option::of(0u8..3), any::<bool>())
            .prop_map(|(body, color, subject)| Op::Publish { body, color, subject }),
        2 => (0u64..70_000).prop_map(Op::Advance),
        1 => (0u8..3).prop_map(Op::SetFilter),
    ]
}

const COLORS: [&str; 3] = ["red", "green", "blue"];
const ENDPOINTS: [&str; 3] =
    ["https://ok.example.com/a", "https://fail.example.com/b", "http://flaky.example.com/c"];

/// Runs `ops` in a fresh world and returns everything observable: the sinks and the events.
fn run(seed: u64, ops: &[Op]) -> (String, String) {
    let mut c = Cloud::new(Config { seed, ..Default::default() });
    let topic =
        c.create_topic(CreateTopicInput { name: Some("t".into()), ..Default::default() }).unwrap().topic_arn;
    let mut subs = Vec::new();
    for (i, ep) in ENDPOINTS.iter().enumerate() {
        let mut attributes = BTreeMap::new();
        if i == 0 {
            attributes.insert("FilterPolicy".to_string(), r#"{"color":["red","green"]}"#.to_string());
        }
        subs.push(
            c.subscribe(SubscribeInput {
                topic_arn: Some(topic.clone()),
                protocol: Some(if ep.starts_with("https") { "https" } else { "http" }.into()),
                endpoint: Some(ep.to_string()),
                attributes: Some(attributes),
                return_subscription_arn: Some(true),
            })
            .unwrap()
            .subscription_arn,
        );
    }
    let tokens: Vec<String> = c
        .list_sink_messages(ListSinkMessagesInput::default())
        .unwrap()
        .into_iter()
        .filter_map(|m| m.token)
        .collect();
    for token in tokens {
        c.confirm_subscription(ConfirmSubscriptionInput {
            topic_arn: Some(topic.clone()),
            token: Some(token),
            ..Default::default()
        })
        .unwrap();
    }
    for op in ops {
        match op {
            Op::Publish { body, color, subject } => {
                let mut attrs = MessageAttributes::new();
                if let Some(c) = color {
                    attrs.insert("color".into(), MessageAttributeValue::string(COLORS[*c as usize]));
                }
                c.publish(PublishInput {
                    topic_arn: Some(topic.clone()),
                    message: Some(body.clone()),
                    subject: subject.then(|| "s".to_string()),
                    message_attributes: Some(attrs),
                    ..Default::default()
                })
                .unwrap();
            }
            Op::Advance(ms) => c.advance_by(*ms),
            Op::SetFilter(n) => {
                let policy = format!(r#"{{"color":["{}"]}}"#, COLORS[*n as usize]);
                let input = json!({"SubscriptionArn": subs[1], "AttributeName": "FilterPolicy", "AttributeValue": policy});
                c.call_json("sns", "SetSubscriptionAttributes", input).unwrap();
            }
        }
    }
    c.advance_by(10 * 60 * 1000);
    let sinks = format!("{:?}", c.list_sink_messages(ListSinkMessagesInput::default()).unwrap());
    let events = serde_json::to_string(&c.drain_events()).unwrap();
    (sinks, events)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn delivery_is_deterministic(seed in 0u64..1000, ops in proptest::collection::vec(op(), 0..25)) {
        let a = run(seed, &ops);
        let b = run(seed, &ops);
        prop_assert_eq!(a, b);
    }
}

/// Arbitrary JSON into every SNS action: never a panic, always an answer.
fn fuzz_sns_json(action_index: usize, input: &Value, seed: u64) {
    const ACTIONS: [&str; 21] = [
        "CreateTopic",
        "DeleteTopic",
        "ListTopics",
        "GetTopicAttributes",
        "SetTopicAttributes",
        "TagResource",
        "UntagResource",
        "ListTagsForResource",
        "Subscribe",
        "ConfirmSubscription",
        "Unsubscribe",
        "ListSubscriptions",
        "ListSubscriptionsByTopic",
        "GetSubscriptionAttributes",
        "SetSubscriptionAttributes",
        "Publish",
        "PublishBatch",
        "ListSinkMessages",
        "GetDataProtectionPolicy",
        "PutDataProtectionPolicy",
        "NoSuchAction",
    ];
    let mut c = Cloud::new(Config { seed, ..Default::default() });
    c.call_json("sns", "CreateTopic", json!({"Name": "t"})).unwrap();
    c.call_json("sns", "CreateTopic", json!({"Name": "f.fifo", "Attributes": {"FifoTopic": "true"}}))
        .unwrap();
    let action = ACTIONS[action_index % ACTIONS.len()];
    let _ = c.call_json("sns", action, input.clone());
    c.advance_by(3_600_000);
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just("arn:aws:sns:us-east-1:000000000000:t".to_string()),
            Just("arn:aws:sns:us-east-1:000000000000:f.fifo".to_string()),
            Just("https://fail.example.com/x".to_string()),
            Just("json".to_string()),
            Just("sqs".to_string()),
            ".{0,20}",
        ]
        .prop_map(Value::String),
    ];
    let keys = prop_oneof![
        Just("TopicArn"),
        Just("Message"),
        Just("Subject"),
        Just("MessageStructure"),
        Just("Protocol"),
        Just("Endpoint"),
        Just("Attributes"),
        Just("MessageAttributes"),
        Just("DataType"),
        Just("StringValue"),
        Just("MessageGroupId"),
        Just("MessageDeduplicationId"),
        Just("PublishBatchRequestEntries"),
        Just("Id"),
        Just("Name"),
        Just("AttributeName"),
        Just("AttributeValue"),
        Just("Token"),
        Just("NextToken"),
        Just("FilterPolicy"),
        Just("RawMessageDelivery"),
        Just("Tags"),
        Just("SubscriptionArn"),
    ];
    leaf.prop_recursive(3, 24, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(keys.clone().prop_map(str::to_string), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_json_input_is_answered(action in 0usize..21, input in json_value(), seed in 0u64..4) {
        fuzz_sns_json(action, &input, seed);
    }

    #[test]
    fn any_publish_text_is_answered(message in ".{0,64}", subject in proptest::option::of(".{0,120}"),
                                    name in ".{0,12}", ty in ".{0,14}", value in ".{0,12}") {
        let input = json!({
            "TopicArn": "arn:aws:sns:us-east-1:000000000000:t",
            "Message": message, "Subject": subject, "MessageStructure": "json",
            "MessageAttributes": {name: {"DataType": ty, "StringValue": value}},
        });
        fuzz_sns_json(15, &input, 0);
    }
}
