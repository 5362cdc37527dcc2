//! Suite `sns`: Publish throughput through the typed API with fan-out to 10 SQS queues, each
//! subscription with a 3-key filter policy that drops half the messages; the clock advances
//! 1 ms per publish so the deliveries (100 ms after each publish) land inside the measurement.
//! Target: ≥ 200,000 publishes/s.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use decouple_engine::message_attributes::{MessageAttributeValue, MessageAttributes};
use decouple_engine::sns::subscription::SubscribeInput;
use decouple_engine::sns::topic::CreateTopicInput;
use decouple_engine::sns::PublishInput;
use decouple_engine::sqs::queue::CreateQueueInput;
use decouple_engine::Cloud;

use super::Figure;

/// Subscriptions per topic.
const FAN_OUT: usize = 10;
/// Publishes per fresh world (keeps the queues' memory bounded).
const CHUNK: u64 = 10_000;

fn world(raw: bool) -> (Cloud, String) {
    let mut c = Cloud::default();
    let topic = c
        .create_topic(CreateTopicInput { name: Some("bench".into()), ..Default::default() })
        .expect("topic")
        .topic_arn;
    for i in 0..FAN_OUT {
        let name = format!("bench-q{i}");
        let queue_arn = format!("arn:aws:sqs:us-east-1:000000000000:{name}");
        let policy = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": queue_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": topic}}}]});
        let attributes = BTreeMap::from([("Policy".to_string(), policy.to_string())]);
        c.create_queue(CreateQueueInput { queue_name: Some(name), attributes: Some(attributes), tags: None })
            .expect("queue");
        let mut sub_attrs = BTreeMap::from([(
            "FilterPolicy".to_string(),
            r#"{"color":["red","green"],"size":["large","medium"],"shape":["round"]}"#.to_string(),
        )]);
        if raw {
            sub_attrs.insert("RawMessageDelivery".into(), "true".into());
        }
        c.subscribe(SubscribeInput {
            topic_arn: Some(topic.clone()),
            protocol: Some("sqs".into()),
            endpoint: Some(queue_arn),
            attributes: Some(sub_attrs),
            return_subscription_arn: None,
        })
        .expect("subscription");
    }
    (c, topic)
}

fn attributes(matching: bool) -> MessageAttributes {
    let mut a = MessageAttributes::new();
    a.insert("color".into(), MessageAttributeValue::string(if matching { "red" } else { "blue" }));
    a.insert("size".into(), MessageAttributeValue::string("large"));
    a.insert("shape".into(), MessageAttributeValue::string("round"));
    a
}

/// Publishes per second over `n` publishes (setup excluded): per wall-clock second, and per
/// second of this thread's CPU time when the platform reports it (on a shared machine the
/// wall clock also counts the time other processes ran).
fn publishes_per_second(n: u64, raw: bool) -> (f64, Option<f64>) {
    let (matching, other) = (attributes(true), attributes(false));
    let mut measured = 0.0;
    let mut cpu = Some(Duration::ZERO);
    let mut done = 0;
    while done < n {
        let (mut c, topic) = world(raw);
        let chunk = CHUNK.min(n - done);
        let cpu_start = super::thread_cpu_time();
        let start = Instant::now();
        for i in 0..chunk {
            let attrs = if i % 2 == 0 { &matching } else { &other };
            c.publish(PublishInput {
                topic_arn: Some(topic.clone()),
                message: Some(format!("{{\"order\":{i},\"item\":\"book\"}}")),
                message_attributes: Some(attrs.clone()),
                ..Default::default()
            })
            .expect("publish");
            c.advance_by(1);
            if i % 1_000 == 999 {
                c.drain_events();
            }
        }
        c.advance_by(1_000);
        measured += start.elapsed().as_secs_f64();
        cpu = cpu.zip(cpu_start.zip(super::thread_cpu_time())).map(|(sum, (a, b))| sum + b.saturating_sub(a));
        done += chunk;
    }
    let per = |secs: f64| n as f64 / secs.max(1e-9);
    (per(measured), cpu.map(|d| per(d.as_secs_f64())))
}

/// The suite.
pub fn run(quick: bool) -> Vec<Figure> {
    let n = if quick { 10_000 } else { 100_000 };
    let mut figures = Vec::new();
    for (raw, delivery) in [(false, "envelope"), (true, "raw delivery")] {
        let (wall, cpu) = publishes_per_second(n, raw);
        let name =
            format!("Publish, fan-out to 10 SQS queues, 3-key filter policies (half filtered), {delivery}");
        figures.push(Figure::new(name.clone(), wall, "publishes/s"));
        if let Some(cpu) = cpu {
            figures.push(Figure::new(format!("{name}, per CPU-second"), cpu, "publishes/s"));
        }
    }
    figures
}
