//! Timeline tests of SNS: publish at t, deliveries land on the virtual clock.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::endpoint::ListSinkMessagesInput;
use super::publish::PublishInput;
use super::subscription::{ConfirmSubscriptionInput, SubscribeInput};
use super::topic::CreateTopicInput;
use crate::message_attributes::{MessageAttributeValue, MessageAttributes};
use crate::metrics::MetricKey;
use crate::sqs::queue::CreateQueueInput;
use crate::sqs::receive::{ReceiveMessageInput, ReceivedMessage};
use crate::time::WORLD_START;
use crate::Cloud;

fn topic(c: &mut Cloud, name: &str, attrs: &[(&str, &str)]) -> String {
    let attributes: BTreeMap<String, String> =
        attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    c.create_topic(CreateTopicInput {
        name: Some(name.into()),
        attributes: Some(attributes),
        ..Default::default()
    })
    .unwrap()
    .topic_arn
}

fn sub(c: &mut Cloud, topic: &str, protocol: &str, endpoint: &str, attrs: &[(&str, &str)]) -> String {
    let attributes: BTreeMap<String, String> =
        attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    c.subscribe(SubscribeInput {
        topic_arn: Some(topic.into()),
        protocol: Some(protocol.into()),
        endpoint: Some(endpoint.into()),
        attributes: Some(attributes),
        return_subscription_arn: Some(true),
    })
    .unwrap()
    .subscription_arn
}

fn publish(c: &mut Cloud, topic: &str, message: &str, attrs: &[(&str, &str)]) -> String {
    let attributes: MessageAttributes =
        attrs.iter().map(|(k, v)| (k.to_string(), MessageAttributeValue::string(*v))).collect();
    c.publish(PublishInput {
        topic_arn: Some(topic.into()),
        message: Some(message.into()),
        message_attributes: Some(attributes),
        ..Default::default()
    })
    .unwrap()
    .message_id
}

/// Advances to `t` ms after the world start.
fn at(c: &mut Cloud, t: u64) {
    c.advance_to(WORLD_START.plus(t));
}

fn sink(c: &mut Cloud, endpoint: &str) -> Vec<(u64, Option<u16>, String)> {
    c.list_sink_messages(ListSinkMessagesInput { endpoint: Some(endpoint.into()), protocol: None })
        .unwrap()
        .into_iter()
        .map(|m| (m.received_at.since(WORLD_START), m.status, m.body))
        .collect()
}

/// A queue whose Policy lets `topics` send (spec/sns.md §5.1).
fn queue(c: &mut Cloud, name: &str, topics: &[&str]) -> String {
    let arn = alloc::format!("arn:aws:sqs:us-east-1:000000000000:{name}");
    let mut attributes = BTreeMap::new();
    if name.ends_with(".fifo") {
        attributes.insert("FifoQueue".to_string(), "true".to_string());
    }
    let policy = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": topics}}}]});
    attributes.insert("Policy".to_string(), policy.to_string());
    c.create_queue(CreateQueueInput {
        queue_name: Some(name.into()),
        attributes: Some(attributes),
        tags: None,
    })
    .unwrap();
    arn
}

fn recv(c: &mut Cloud, name: &str) -> Vec<ReceivedMessage> {
    c.receive_message(ReceiveMessageInput {
        queue_url: Some(alloc::format!("https://sqs.us-east-1.amazonaws.com/000000000000/{name}")),
        message_system_attribute_names: Some(vec!["All".into()]),
        message_attribute_names: Some(vec!["All".into()]),
        max_number_of_messages: Some(10),
        ..Default::default()
    })
    .unwrap()
    .messages
}

fn token_of(body: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["Token"].as_str().unwrap().to_string()
}

fn metric(c: &Cloud, topic: &str, name: &str) -> f64 {
    let key = MetricKey::new("AWS/SNS", name, "TopicName", topic);
    c.ctx.metrics.series(&key).map(|(_, d)| d.sum).sum()
}

#[test]
fn http_subscription_confirms_then_receives_the_envelope() {
    let mut c = Cloud::default();
    let t = topic(&mut c, "orders", &[]);
    let s = sub(&mut c, &t, "https", "https://hooks.example.com/in", &[]);
    let inbox = sink(&mut c, "https://hooks.example.com/in");
    assert_eq!(inbox.len(), 1, "the SubscriptionConfirmation");
    publish(&mut c, &t, "before confirm", &[]);
    at(&mut c, 1_000);
    assert_eq!(sink(&mut c, "https://hooks.example.com/in").len(), 1, "pending subscriptions get nothing");
    let token = token_of(&inbox[0].2);
    let confirmed = c.confirm_subscription(ConfirmSubscriptionInput {
        topic_arn: Some(t.clone()),
        token: Some(token),
        authenticate_on_unsubscribe: None,
    });
    assert_eq!(confirmed.unwrap().subscription_arn, s);
    let id = publish(&mut c, &t, "hello", &[("k", "v")]);
    at(&mut c, 1_099);
    assert_eq!(sink(&mut c, "https://hooks.example.com/in").len(), 1);
    at(&mut c, 1_100);
    let inbox = sink(&mut c, "https://hooks.example.com/in");
    assert_eq!(inbox.len(), 2);
    let body = &inbox[1].2;
    assert!(body.starts_with(&alloc::format!(
        "{{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"{id}\",\n  \"TopicArn\" : \"{t}\",\n  \"Message\" : \"hello\",\n  \"Timestamp\" : \"2024-01-01T00:00:01.000Z\",\n  \"SignatureVersion\" : \"1\",\n  \"Signature\" : \""
    )));
    assert!(body.ends_with(&alloc::format!(
        "\"UnsubscribeURL\" : \"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={s}\",\n  \"MessageAttributes\" : {{\n    \"k\" : {{\"Type\":\"String\",\"Value\":\"v\"}}\n  }}\n}}"
    )));
}

#[test]
fn failing_http_endpoint_retries_on_the_virtual_clock_then_goes_to_the_dlq() {
    let mut c = Cloud::default();
    let t = topic(&mut c, "alerts", &[]);
    let url = "https://fail.example.com/hook";
    queue(&mut c, "alerts-dlq", &[&t]);
    let dlq = r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:alerts-dlq"}"#;
    let s = sub(&mut c, &t, "https", url, &[("RedrivePolicy", dlq)]);
    let token = token_of(&sink(&mut c, url)[0].2);
    c.confirm_subscription(ConfirmSubscriptionInput {
        topic_arn: Some(t.clone()),
        token: Some(token),
        ..Default::default()
    })
    .unwrap();
    publish(&mut c, &t, "x", &[]);
    at(&mut c, 100_000);
    // Default policy: first try, then 3 retries 20 s apart (§1.2, §5.7).
    let times: Vec<u64> = sink(&mut c, url).iter().skip(1).map(|m| m.0).collect();
    assert_eq!(times, vec![100, 20_100, 40_100, 60_100]);
    assert_eq!(metric(&c, "alerts", "NumberOfNotificationsFailed"), 1.0);
    assert_eq!(metric(&c, "alerts", "NumberOfNotificationsRedrivenToDlq"), 1.0);
    let dlq_msgs = recv(&mut c, "alerts-dlq");
    assert_eq!(dlq_msgs.len(), 1);
    assert!(dlq_msgs[0].body.contains(&s), "the DLQ gets the exact envelope");
}

#[test]
fn fifo_topic_deduplicates_topic_wide_and_numbers_in_order() {
    let mut c = Cloud::default();
    let t = topic(&mut c, "o.fifo", &[("FifoTopic", "true"), ("ContentBasedDeduplication", "true")]);
    let q = queue(&mut c, "q.fifo", &[&t]);
    sub(&mut c, &t, "sqs", &q, &[]);
    let p = |c: &mut Cloud, body: &str, g: &str| {
        c.publish(PublishInput {
            topic_arn: Some(t.clone()),
            message: Some(body.into()),
            message_group_id: Some(g.into()),
            ..Default::default()
        })
        .unwrap()
    };
    let a = p(&mut c, "Test", "g1");
    let dup = p(&mut c, "Test", "g2");
    assert_eq!(a, dup, "a duplicate answers with the original ids");
    let b = p(&mut c, "Other", "g1");
    assert!(
        b.sequence_number.as_ref().unwrap().parse::<u128>().unwrap()
            > a.sequence_number.as_ref().unwrap().parse().unwrap()
    );
    at(&mut c, 1_000);
    let got = recv(&mut c, "q.fifo");
    let ids: Vec<_> = got
        .iter()
        .map(|m| {
            let a = m.attributes.clone().unwrap_or_default();
            (a.get("MessageGroupId").cloned(), a.get("MessageDeduplicationId").cloned())
        })
        .collect();
    assert_eq!(
        ids,
        vec![
            (
                Some("g1".into()),
                Some("532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25".into())
            ),
            (Some("g1".into()), Some(crate::digest::sha256_hex(b"Other"))),
        ]
    );
    assert!(!got[0].body.contains("Signature"), "FIFO envelopes are unsigned");
}

#[test]
fn raw_delivery_maps_attributes_and_filters_count_by_cause() {
    let mut c = Cloud::default();
    let t = topic(&mut c, "t", &[]);
    let q = queue(&mut c, "q", &[&t]);
    sub(&mut c, &t, "sqs", &q, &[("RawMessageDelivery", "TRUE"), ("FilterPolicy", r#"{"color":["red"]}"#)]);
    publish(&mut c, &t, "red one", &[("color", "red")]);
    publish(&mut c, &t, "blue one", &[("color", "blue")]);
    publish(&mut c, &t, "bare", &[]);
    at(&mut c, 1_000);
    let d = recv(&mut c, "q");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].body, "red one");
    assert_eq!(
        d[0].message_attributes.as_ref().and_then(|a| a.get("color")),
        Some(&MessageAttributeValue::string("red"))
    );
    let sender = d[0].attributes.as_ref().and_then(|a| a.get("SenderId").cloned());
    assert_eq!(sender.as_deref(), Some(crate::sqs::message::SNS_SENDER_ID));
    assert_eq!(metric(&c, "t", "NumberOfNotificationsFilteredOut"), 2.0);
    assert_eq!(metric(&c, "t", "NumberOfNotificationsFilteredOut-MessageAttributes"), 1.0);
    assert_eq!(metric(&c, "t", "NumberOfNotificationsFilteredOut-NoMessageAttributes"), 1.0);
    assert_eq!(metric(&c, "t", "NumberOfMessagesPublished"), 3.0);
}

#[test]
fn missing_queue_is_a_client_error_without_retry() {
    let mut c = Cloud::default();
    let t = topic(&mut c, "t", &[]);
    sub(&mut c, &t, "sqs", "arn:aws:sqs:us-east-1:000000000000:missing-q", &[]);
    publish(&mut c, &t, "x", &[]);
    at(&mut c, 1_000_000);
    assert_eq!(metric(&c, "t", "NumberOfNotificationsFailed"), 1.0);
    assert!(c.ctx.timers.is_empty());
    let subs = c.list_subscriptions(Default::default()).unwrap().subscriptions;
    assert_eq!(subs.len(), 1, "a failed delivery keeps the subscription");
}

#[test]
fn envelopes_md5_hashed_piecewise_match_their_bytes() {
    let mut c = Cloud::default();
    let t = topic(&mut c, "md5", &[]);
    for q in ["a", "b-with-a-longer-name", "c_9"] {
        let arn = queue(&mut c, q, &[t.as_str()]);
        sub(&mut c, &t, "sqs", &arn, &[]);
    }
    for body in ["x", &"\"quoted\" and long ".repeat(40), "\u{1F600} line\nbreak"] {
        publish(&mut c, &t, body, &[("k", "v")]);
    }
    at(&mut c, 1_000);
    for q in ["a", "b-with-a-longer-name", "c_9"] {
        let got = recv(&mut c, q);
        assert_eq!(got.len(), 3);
        for m in got {
            assert_eq!(m.md5_of_body, crate::digest::md5_hex(m.body.as_bytes()));
        }
    }
}

#[test]
fn a_fan_out_reads_subscriptions_as_they_are_when_it_runs() {
    use super::subscription_attributes::SetSubscriptionAttributesInput;
    let mut c = Cloud::default();
    let t = topic(&mut c, "changes", &[]);
    let q = queue(&mut c, "changes-q", &[&t]);
    let s = sub(&mut c, &t, "sqs", &q, &[]);
    publish(&mut c, &t, "one", &[]);
    at(&mut c, 100);
    assert!(recv(&mut c, "changes-q")[0].body.starts_with('{'), "an envelope");
    // Changed between a publish and its fan-out: the fan-out sees the change.
    publish(&mut c, &t, "two", &[]);
    let set = |c: &mut Cloud, name: &str, value: &str| {
        c.set_subscription_attributes(SetSubscriptionAttributesInput {
            subscription_arn: Some(s.clone()),
            attribute_name: Some(name.into()),
            attribute_value: Some(value.into()),
        })
        .unwrap();
    };
    set(&mut c, "RawMessageDelivery", "true");
    at(&mut c, 200);
    let got: Vec<String> = recv(&mut c, "changes-q").into_iter().map(|m| m.body).collect();
    assert_eq!(got, ["two"]);
    publish(&mut c, &t, "three", &[]);
    set(&mut c, "FilterPolicy", r#"{"k":["v"]}"#);
    at(&mut c, 300);
    assert!(recv(&mut c, "changes-q").is_empty(), "filtered out by the policy set after the publish");
    assert_eq!(metric(&c, "changes", "NumberOfNotificationsFilteredOut"), 1.0);
}

#[test]
fn deliveries_follow_a_queue_deleted_and_re_created_into_another_slot() {
    use crate::sqs::queue::QueueUrlInput;
    let mut c = Cloud::default();
    let t = topic(&mut c, "moves", &[]);
    let a = queue(&mut c, "moves-a", &[&t]);
    let b = queue(&mut c, "moves-b", &[&t]);
    sub(&mut c, &t, "sqs", &a, &[("RawMessageDelivery", "true")]);
    sub(&mut c, &t, "sqs", &b, &[("RawMessageDelivery", "true")]);
    publish(&mut c, &t, "one", &[]);
    at(&mut c, 100);
    let url = |n: &str| alloc::format!("https://sqs.us-east-1.amazonaws.com/000000000000/{n}");
    for n in ["moves-b", "moves-a"] {
        c.delete_queue(QueueUrlInput { queue_url: Some(url(n)) }).unwrap();
    }
    publish(&mut c, &t, "two", &[]);
    at(&mut c, 200);
    assert_eq!(metric(&c, "moves", "NumberOfNotificationsFailed"), 2.0, "both queues are gone");
    // Re-created in the other order: each takes the slot the other had (freed slots are
    // reused last first), so what each subscription remembers of its queue is wrong.
    at(&mut c, 61_000);
    queue(&mut c, "moves-b", &[&t]);
    queue(&mut c, "moves-a", &[&t]);
    publish(&mut c, &t, "three", &[]);
    at(&mut c, 61_100);
    for n in ["moves-a", "moves-b"] {
        let got: Vec<String> = recv(&mut c, n).into_iter().map(|m| m.body).collect();
        assert_eq!(got, ["three"], "{n}");
    }
}
