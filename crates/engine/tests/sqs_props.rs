//! Property tests of SQS over random operation sequences (typed API), the JSON edge's fuzz
//! harness and a determinism check through `api::Runner`.
//!
//! Invariants checked after every operation:
//! * bookkeeping: every sent message is exactly one of waiting, delayed, in flight (in its
//!   queue or a DLQ), deleted, expired or purged — nothing lost, nothing duplicated;
//! * counters: `ApproximateNumberOfMessages*` equal the states of the stored messages;
//! * FIFO order: a receive returns a message only after every earlier live message of its
//!   group, within the same answer;
//! * FIFO deduplication: a repeated deduplication id within 5 minutes answers the original id.

use std::collections::{BTreeMap, BTreeSet};

use decouple_engine::sqs::delete::DeleteMessageInput;
use decouple_engine::sqs::message::MessageState;
use decouple_engine::sqs::queue::{CreateQueueInput, QueueUrlInput};
use decouple_engine::sqs::receive::ReceiveMessageInput;
use decouple_engine::sqs::send::SendMessageInput;
use decouple_engine::sqs::visibility::ChangeMessageVisibilityInput;
use decouple_engine::sqs::SqsEvent;
use decouple_engine::{Cloud, Config, EventKind};
use proptest::prelude::*;

const URL: &str = "https://sqs.us-east-1.amazonaws.com/000000000000/";
const QUEUES: [&str; 4] = ["s", "dlq", "f.fifo", "fdlq.fifo"];

#[derive(Clone, Debug)]
enum Op {
    Send { q: usize, body: u8, group: u8, delay: Option<i64> },
    Recv { q: usize, max: i64, vt: Option<i64>, wait: i64 },
    Delete { handle: usize },
    Cmv { handle: usize, t: i64 },
    Advance { ms: u64 },
    Purge { q: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..4usize, 0..6u8, 0..3u8, prop::option::of(0..20i64)).prop_map(|(q, body, group, delay)| Op::Send { q, body, group, delay }),
        4 => (0..4usize, 1..=10i64, prop::option::of(0..40i64), prop_oneof![4 => Just(0i64), 1 => 1..5i64])
            .prop_map(|(q, max, vt, wait)| Op::Recv { q, max, vt, wait }),
        3 => (0..64usize).prop_map(|handle| Op::Delete { handle }),
        1 => (0..64usize, 0..60i64).prop_map(|(handle, t)| Op::Cmv { handle, t }),
        3 => prop_oneof![0..2_000u64, 0..40_000u64, 0..400_000u64].prop_map(|ms| Op::Advance { ms }),
        1 => (0..4usize).prop_map(|q| Op::Purge { q }),
    ]
}

fn world() -> Cloud {
    let mut c = Cloud::new(Config::default());
    let mk = |c: &mut Cloud, name: &str, attrs: &[(&str, &str)]| {
        let attributes = Some(attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        c.create_queue(CreateQueueInput { queue_name: Some(name.into()), attributes, tags: None }).unwrap();
    };
    mk(&mut c, "dlq", &[("MessageRetentionPeriod", "600")]);
    mk(&mut c, "fdlq.fifo", &[("FifoQueue", "true")]);
    let redrive = |t: &str| {
        format!(r#"{{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:{t}","maxReceiveCount":2}}"#)
    };
    mk(
        &mut c,
        "s",
        &[("VisibilityTimeout", "10"), ("MessageRetentionPeriod", "300"), ("RedrivePolicy", &redrive("dlq"))],
    );
    mk(
        &mut c,
        "f.fifo",
        &[
            ("FifoQueue", "true"),
            ("VisibilityTimeout", "10"),
            ("DelaySeconds", "2"),
            ("RedrivePolicy", &redrive("fdlq.fifo")),
        ],
    );
    c
}

#[derive(Default)]
struct Ledger {
    sent: BTreeSet<String>,
    deleted: BTreeSet<String>,
    expired: BTreeSet<String>,
    purged: BTreeSet<String>,
    handles: Vec<(usize, String)>,
    dedup: BTreeMap<(usize, String), (u64, String)>,
}

impl Ledger {
    fn absorb(&mut self, c: &mut Cloud) {
        for e in c.drain_events() {
            if let EventKind::Sqs(e) = e.kind {
                match e {
                    SqsEvent::MessageSent { message_id, .. } => {
                        assert!(self.sent.insert(message_id.to_string()), "id reused")
                    }
                    SqsEvent::MessageDeleted { message_id, .. } => {
                        assert!(self.deleted.insert(message_id.to_string()))
                    }
                    SqsEvent::MessageRetentionExpired { message_id, .. } => {
                        assert!(self.expired.insert(message_id.to_string()))
                    }
                    _ => {}
                }
            }
        }
    }

    fn check(&self, c: &Cloud) {
        let mut live = BTreeSet::new();
        for q in c.sqs.queues() {
            let (mut v, mut f, mut d) = (0, 0, 0);
            for m in q.messages() {
                assert!(live.insert(m.message_id.to_string()), "message stored twice: {}", m.message_id);
                match m.state {
                    MessageState::Visible => v += 1,
                    MessageState::InFlight { .. } => f += 1,
                    MessageState::Delayed => d += 1,
                }
            }
            let counts = q.counts();
            assert_eq!(
                (counts.visible, counts.in_flight, counts.delayed),
                (v, f, d),
                "counters of {}",
                q.name
            );
        }
        let ends = [&live, &self.deleted, &self.expired, &self.purged];
        let total: usize = ends.iter().map(|s| s.len()).sum();
        let union: BTreeSet<&String> = ends.iter().flat_map(|s| s.iter()).collect();
        assert_eq!(union.len(), total, "a message is in two end states");
        assert_eq!(
            union.into_iter().cloned().collect::<BTreeSet<_>>(),
            self.sent,
            "lost or invented messages"
        );
    }
}

fn run(ops: Vec<Op>) {
    let mut c = world();
    let mut l = Ledger::default();
    l.absorb(&mut c);
    for op in ops {
        match op {
            Op::Send { q, body, group, delay } => {
                let fifo = QUEUES[q].ends_with(".fifo");
                let body = format!("b{body}");
                let dedup = format!("{body}-g{group}");
                let out = c.send_message(SendMessageInput {
                    queue_url: Some(format!("{URL}{}", QUEUES[q])),
                    message_body: Some(body),
                    message_group_id: fifo.then(|| format!("g{group}")),
                    message_deduplication_id: fifo.then(|| dedup.clone()),
                    delay_seconds: if fifo { None } else { delay },
                    ..Default::default()
                });
                let id = out.expect("valid send").message_id.to_string();
                if fifo {
                    let now = c.now().millis();
                    match l.dedup.get(&(q, dedup.clone())) {
                        Some((at, orig)) if now - at < 300_000 => {
                            assert_eq!(&id, orig, "duplicate inside the window")
                        }
                        _ => {
                            l.dedup.insert((q, dedup), (now, id));
                        }
                    }
                }
            }
            Op::Recv { q, max, vt, wait } => {
                let before: Vec<(String, Option<String>, u64)> = c
                    .sqs
                    .queue(QUEUES[q])
                    .map(|qq| {
                        qq.messages()
                            .map(|m| {
                                (
                                    m.message_id.to_string(),
                                    m.message_group_id.as_deref().map(String::from),
                                    m.seq,
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let out = c
                    .receive_message(ReceiveMessageInput {
                        queue_url: Some(format!("{URL}{}", QUEUES[q])),
                        max_number_of_messages: Some(max),
                        visibility_timeout: vt,
                        wait_time_seconds: Some(wait),
                        ..Default::default()
                    })
                    .expect("valid receive");
                assert!(out.messages.len() <= max as usize);
                if QUEUES[q].ends_with(".fifo") {
                    let live: BTreeSet<String> = c
                        .sqs
                        .queue(QUEUES[q])
                        .map(|qq| qq.messages().map(|m| m.message_id.to_string()).collect())
                        .unwrap_or_default();
                    for (i, m) in out.messages.iter().enumerate() {
                        let Some((_, g, seq)) = before.iter().find(|b| *b.0 == *m.message_id) else {
                            continue;
                        };
                        for (id, g2, s2) in &before {
                            if g2 == g && s2 < seq && live.contains(id) {
                                let pos = out.messages.iter().position(|x| *x.message_id == **id);
                                assert!(pos.is_some_and(|p| p < i), "FIFO order broken in group {g:?}");
                            }
                        }
                    }
                }
                for m in out.messages {
                    l.handles.push((q, m.receipt_handle.to_string()));
                }
            }
            Op::Delete { handle } => {
                if let Some((q, h)) = l.handles.get(handle).cloned() {
                    let _ = c.delete_message(DeleteMessageInput {
                        queue_url: Some(format!("{URL}{}", QUEUES[q])),
                        receipt_handle: Some(h),
                    });
                }
            }
            Op::Cmv { handle, t } => {
                if let Some((q, h)) = l.handles.get(handle).cloned() {
                    let _ = c.change_message_visibility(ChangeMessageVisibilityInput {
                        queue_url: Some(format!("{URL}{}", QUEUES[q])),
                        receipt_handle: Some(h),
                        visibility_timeout: Some(t),
                    });
                }
            }
            Op::Advance { ms } => c.advance_by(ms),
            Op::Purge { q } => {
                let ids: Vec<String> = c
                    .sqs
                    .queue(QUEUES[q])
                    .map(|qq| qq.messages().map(|m| m.message_id.to_string()).collect())
                    .unwrap_or_default();
                if c.purge_queue(QueueUrlInput { queue_url: Some(format!("{URL}{}", QUEUES[q])) }).is_ok() {
                    l.purged.extend(ids);
                    l.dedup.retain(|(qq, _), _| *qq != q); // PurgeQueue clears the window
                }
            }
        }
        l.absorb(&mut c);
        l.check(&c);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn bookkeeping_counters_and_fifo_rules_hold(ops in prop::collection::vec(op(), 1..60)) {
        run(ops);
    }
}

#[cfg(feature = "serde")]
mod json_edge {
    use decouple_engine::api::Runner;
    use decouple_engine::Config;
    use proptest::prelude::*;
    use serde_json::Value;

    /// The fuzz target: `data` is split into lines, each fed to one runner (with a standard
    /// and a FIFO queue already there). Never panics; each line gets exactly one JSON object
    /// with exactly one of `ok` / `error`.
    pub fn fuzz_api_line(data: &[u8]) {
        let mut r = setup();
        for line in data.split(|b| *b == b'\n') {
            let line = String::from_utf8_lossy(line);
            let out = r.handle_line(&line);
            assert!(!out.contains('\n'), "one line out");
            let v: Value = serde_json::from_str(&out).expect("answer is JSON");
            let o = v.as_object().expect("answer is an object");
            assert_eq!(o.len(), 1, "{out}");
            assert!(o.contains_key("ok") || o.contains_key("error"), "{out}");
        }
    }

    const ACTIONS: &[&str] = &[
        "CreateQueue",
        "DeleteQueue",
        "ListQueues",
        "GetQueueUrl",
        "GetQueueAttributes",
        "SetQueueAttributes",
        "PurgeQueue",
        "SendMessage",
        "SendMessageBatch",
        "ReceiveMessage",
        "DeleteMessage",
        "DeleteMessageBatch",
        "ChangeMessageVisibility",
        "ChangeMessageVisibilityBatch",
        "TagQueue",
        "UntagQueue",
        "ListQueueTags",
        "ListDeadLetterSourceQueues",
        "StartMessageMoveTask",
        "ListMessageMoveTasks",
        "CancelMessageMoveTask",
        "AddPermission",
        "RemovePermission",
    ];

    fn scalar() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (-5i64..50).prop_map(Value::from),
            "[a-zA-Z0-9.:/_\\-\\{\\}\"\\\\ ]{0,24}".prop_map(Value::from),
            Just(Value::from("https://sqs.us-east-1.amazonaws.com/000000000000/q")),
            Just(Value::from("https://sqs.us-east-1.amazonaws.com/000000000000/q.fifo")),
            Just(Value::from("arn:aws:sqs:us-east-1:000000000000:q")),
            Just(Value::from("AQEBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        scalar().prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![
                        Just("QueueUrl".to_string()),
                        Just("QueueName".to_string()),
                        Just("MessageBody".to_string()),
                        Just("Attributes".to_string()),
                        Just("Entries".to_string()),
                        Just("Id".to_string()),
                        Just("ReceiptHandle".to_string()),
                        Just("MessageGroupId".to_string()),
                        Just("MaxNumberOfMessages".to_string()),
                        Just("WaitTimeSeconds".to_string()),
                        Just("VisibilityTimeout".to_string()),
                        Just("FifoQueue".to_string()),
                        Just("MessageAttributes".to_string()),
                        Just("DataType".to_string()),
                        Just("StringValue".to_string()),
                        Just("BinaryValue".to_string()),
                        "[A-Za-z]{1,8}",
                    ],
                    inner,
                    0..5,
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn line() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 0..64),
            "[^\\n]{0,40}".prop_map(String::into_bytes),
            (prop::sample::select(ACTIONS), value()).prop_map(|(a, v)| {
                serde_json::json!({"call": format!("sqs.{a}"), "input": v}).to_string().into_bytes()
            }),
            (0u64..100_000).prop_map(|ms| format!("{{\"advance_ms\": {ms}}}").into_bytes()),
        ]
    }

    fn setup() -> Runner {
        let mut r = Runner::new(Config::default());
        for l in [
            r#"{"call":"sqs.CreateQueue","input":{"QueueName":"q"}}"#,
            r#"{"call":"sqs.CreateQueue","input":{"QueueName":"q.fifo","Attributes":{"FifoQueue":"true","ContentBasedDeduplication":"true"}}}"#,
            r#"{"call":"sqs.SendMessage","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/q","MessageBody":"x"}}"#,
        ] {
            r.handle_line(l);
        }
        r
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn json_edge_never_panics(lines in prop::collection::vec(line(), 1..12)) {
            fuzz_api_line(&lines.join(&b'\n'));
        }

        #[test]
        fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..256)) {
            fuzz_api_line(&data);
        }
    }

    #[test]
    fn same_lines_and_seed_give_identical_output() {
        let script = [
            r#"{"call":"sqs.CreateQueue","input":{"QueueName":"q","Attributes":{"VisibilityTimeout":"5"}}}"#,
            r#"{"call":"sqs.CreateQueue","input":{"QueueName":"f.fifo","Attributes":{"FifoQueue":"true","ContentBasedDeduplication":"true"}}}"#,
            r#"{"call":"sqs.SendMessageBatch","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/q","Entries":[{"Id":"a","MessageBody":"1"},{"Id":"b","MessageBody":"2","DelaySeconds":3}]}}"#,
            r#"{"call":"sqs.SendMessage","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/f.fifo","MessageBody":"x","MessageGroupId":"g"}}"#,
            r#"{"call":"sqs.ReceiveMessage","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/q","MaxNumberOfMessages":10,"AttributeNames":["All"]}}"#,
            r#"{"call":"sqs.ReceiveMessage","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/q","WaitTimeSeconds":20}}"#,
            r#"{"call":"sqs.ReceiveMessage","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/f.fifo","AttributeNames":["All"]}}"#,
            r#"{"advance_ms": 60000}"#,
            r#"{"call":"sqs.ReceiveMessage","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/q","MaxNumberOfMessages":10}}"#,
            r#"{"call":"sqs.GetQueueAttributes","input":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/000000000000/q","AttributeNames":["All"]}}"#,
        ];
        let run = |seed: u64, chaos: bool| {
            let mut r = Runner::new(Config { seed, chaos, ..Config::default() });
            r.keep_events = true;
            let out: Vec<String> = script.iter().map(|l| r.handle_line(l)).collect();
            let events = serde_json::to_string(&r.events).unwrap();
            (out, events)
        };
        assert_eq!(run(7, false), run(7, false));
        assert_eq!(run(7, true), run(7, true));
        assert_ne!(run(7, false).0, run(8, false).0, "the seed makes the ids");
    }
}
