//! What the canvas shows: resources and messages, derived from the calls the playground made
//! (their AWS inputs and outputs), the engine's events, and read-only AWS queries
//! (`GetQueueAttributes`, `ListShards`, `ListObjectsV2`) made on a clone of the cloud so
//! that looking never changes the simulation.
//!
//! Every change the canvas should animate is also queued as an [`Anim`] for the chip layer.

use std::collections::BTreeMap;

use decouple_engine::collections::VecMap;

use decouple_engine::{Cloud, Event};
use serde_json::{json, Value};

use crate::sim::CallResult;
use crate::text::short;

/// Where a message is in its queue.
#[derive(Clone, Debug, PartialEq)]
pub enum MsgState {
    Waiting,
    /// Received; invisible until `until` (epoch ms).
    InFlight {
        until: u64,
        since: u64,
    },
    /// Sent with a delay; invisible until `until`.
    Delayed {
        until: u64,
    },
}

/// An SQS message as the canvas knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Msg {
    pub id: String,
    pub queue: String,
    pub body: String,
    /// The body shown is the SNS publication's Message, not yet the body SQS holds (the SNS
    /// JSON envelope unless RawMessageDelivery): a receive shows the real one.
    pub body_from_topic: bool,
    pub group: Option<String>,
    pub dedup: Option<String>,
    /// MessageAttributes as sent (or as a receive returned them): name, DataType, value.
    pub attributes: Vec<(String, String, String)>,
    pub state: MsgState,
    pub receive_count: u32,
    pub sent_at: u64,
    /// Order of arrival (for stacking).
    pub order: u64,
    /// `publication id|subscription ARN` of the SNS delivery that sent it (its filter-policy
    /// explanation is `World::explanations[publication]`).
    pub publication: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    pub name: String,
    pub url: String,
    pub arn: String,
    pub fifo: bool,
    pub attributes: BTreeMap<String, String>,
}

impl Queue {
    pub fn attr_u64(&self, name: &str, default: u64) -> u64 {
        self.attributes.get(name).and_then(|v| v.parse().ok()).unwrap_or(default)
    }
    /// The DLQ's name and maxReceiveCount from `RedrivePolicy`.
    pub fn redrive(&self) -> Option<(String, u64)> {
        let p: Value = decouple_engine::json_text::from_str(self.attributes.get("RedrivePolicy")?).ok()?;
        let arn = p.get("deadLetterTargetArn")?.as_str()?;
        let max = match p.get("maxReceiveCount")? {
            Value::String(s) => s.parse().ok()?,
            v => v.as_u64()?,
        };
        Some((arn.rsplit(':').next()?.to_string(), max))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Topic {
    pub arn: String,
    pub name: String,
    pub fifo: bool,
    /// The latest publication: (MessageId, when). Until SNS fans it out
    /// (`DELIVERY_LATENCY_MS` later) no subscription has an explanation for it yet.
    pub last_publication: Option<(String, u64)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sub {
    pub arn: String,
    pub topic: String,
    pub protocol: String,
    pub endpoint: String,
    pub filter_policy: Option<String>,
    pub filter_scope: Option<String>,
}

impl Sub {
    /// The node the subscription delivers to.
    pub fn target_node(&self) -> String {
        match self.protocol.as_str() {
            "sqs" => format!("q:{}", self.endpoint.rsplit(':').next().unwrap_or_default()),
            "lambda" => format!("l:{}", self.endpoint.rsplit(':').next().unwrap_or_default()),
            "firehose" => format!("f:{}", self.endpoint.rsplit('/').next().unwrap_or_default()),
            _ => format!("i:{}", inbox_key(&self.protocol, &self.endpoint)),
        }
    }
}

pub fn inbox_key(protocol: &str, endpoint: &str) -> String {
    format!("{protocol}:{endpoint}")
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shard {
    pub id: String,
    pub start: u128,
    pub end: u128,
    pub parent: Option<String>,
    pub adjacent_parent: Option<String>,
    pub closed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub shard: String,
    pub seq: String,
    pub pk: String,
    pub hash: u128,
    pub data: String,
    pub at: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stream {
    pub name: String,
    pub arn: String,
    pub status: String,
    pub shards: Vec<Shard>,
    /// The most recent records per shard (display window).
    pub records: VecMap<String, Vec<Record>>,
    pub total_records: u64,
    /// Consumers reading by GetShardIterator + GetRecords, in order of their first iterator:
    /// clicks' readers and, one per shard they read, a script's stream actors.
    pub readers: Vec<Reader>,
}

/// A reader's name in `lang` (`reader 2` → `소비자 2`); a script actor keeps its own name.
pub fn reader_label(lang: crate::i18n::Lang, r: &Reader) -> String {
    if r.actor {
        r.name.clone()
    } else {
        r.name.replacen("reader", crate::i18n::t(lang, "readers.reader"), 1)
    }
}

impl Stream {
    /// The names of its readers, each once (a script actor reads several shards).
    pub fn reader_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for r in &self.readers {
            if !names.contains(&r.name.as_str()) {
                names.push(&r.name);
            }
        }
        names
    }

    /// True when a reader of `shard` has read the record with sequence number `seq`.
    pub fn is_read(&self, shard: &str, seq: &str) -> bool {
        self.readers.iter().any(|r| {
            r.shard == shard
                && r.position.as_deref().is_some_and(|p| seq_le(seq, p))
                && r.started_after.as_deref().is_none_or(|s| !seq_le(seq, s))
        })
    }
}

/// `a <= b` for sequence numbers (decimal strings of up to 56 digits).
pub fn seq_le(a: &str, b: &str) -> bool {
    (a.len(), a) <= (b.len(), b)
}

/// A consumer of one shard: a GetShardIterator call and the GetRecords calls that followed
/// its iterators (by clicks), or a script's stream actor on one shard (from its
/// `ShardIteratorObtained` and `ActorReceived` events).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reader {
    /// `reader 1`, `reader 2` … per stream; a script actor's name.
    pub name: String,
    /// A script actor (`kinesis-consumer`, `lambda … on STREAM`), not clicks.
    pub actor: bool,
    /// Its shard is closed and read to its end.
    pub ended: bool,
    pub shard: String,
    /// The ShardIteratorType it started with.
    pub start: String,
    /// The iterator to read with next (clicks' readers; `None` once a closed shard is read to
    /// its end, and always for actors, whose iterators the script keeps).
    pub iterator: Option<String>,
    /// Everything up to this sequence number is behind the reader.
    pub position: Option<String>,
    /// Where it started (records up to here were skipped, not read).
    pub started_after: Option<String>,
    pub read: u64,
    /// MillisBehindLatest of the last GetRecords.
    pub behind_ms: Option<u64>,
}

/// Records kept per shard for display.
pub const RECORDS_SHOWN: usize = 200;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Firehose {
    pub name: String,
    pub bucket: String,
    pub size_mb: u64,
    pub interval_s: u64,
    pub buffered_bytes: u64,
    pub buffered_records: u64,
    pub buffer_since: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bucket {
    pub name: String,
    pub objects: Vec<(String, u64)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Function {
    pub name: String,
    pub invocations: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inbox {
    pub key: String,
    pub protocol: String,
    pub endpoint: String,
    pub received: Vec<String>,
}

/// One line of the event log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// Its ordinal among every entry this world logged (see [`World::logged`]).
    pub n: u64,
    pub seq: u64,
    pub at: u64,
    pub service: String,
    pub kind: String,
    /// The whole event (or call) as JSON.
    pub detail: Value,
    /// The message, record or subscription it concerns, for the inspector.
    pub subject: Option<String>,
}

/// Something the chip layer should animate.
#[derive(Clone, Debug, PartialEq)]
pub enum Anim {
    /// A message chip appears at `from` and settles where the world puts it.
    Arrive { id: String, from: String },
    /// A message chip moves to where the world now puts it (receive, return, …).
    Move { id: String },
    /// A message chip leaves (deleted, expired, purged) with a fade.
    Leave { id: String, how: &'static str },
    /// A transient chip flies `from` → `to` (publish, delivery, flush…).
    Fly { from: String, via: Option<String>, to: String, label: String, class: &'static str },
    /// A transient chip flies to a filter gate and bounces back.
    Bounce { from: String, gate: String, label: String },
    /// A delivery the endpoint refused: the chip flies through the gate to the endpoint and
    /// falls back (red).
    Refused { path: Vec<String>, label: String },
}

/// Log entries kept (the oldest are dropped).
const LOG_KEPT: usize = 600;

#[derive(Clone, Debug, Default)]
pub struct World {
    pub now: u64,
    pub queues: VecMap<String, Queue>,
    pub messages: VecMap<String, Msg>,
    receipts: BTreeMap<String, String>,
    pub topics: VecMap<String, Topic>,
    pub subs: VecMap<String, Sub>,
    pub streams: VecMap<String, Stream>,
    /// Shard iterator → (stream, index of its reader).
    iterators: VecMap<String, (String, usize)>,
    /// The latest RecordsRead (stream, shard, MillisBehindLatest): the actor whose
    /// ActorReceived events follow it made that read.
    last_read: Option<(String, String, u64)>,
    pub firehoses: VecMap<String, Firehose>,
    pub buckets: VecMap<String, Bucket>,
    pub functions: VecMap<String, Function>,
    pub inboxes: VecMap<String, Inbox>,
    pub log: Vec<LogEntry>,
    /// Entries ever logged (the next entry's ordinal): the view shows the log up to the
    /// ordinal whose animations have played.
    pub logged: u64,
    /// A message's (or record's, or publication's) life: (at, what).
    pub lives: VecMap<String, Vec<(u64, String)>>,
    /// The latest filter-policy explanation per (publication id, subscription).
    pub explanations: VecMap<String, Value>,
    /// Deliveries that failed, per (publication id, subscription): (at, reason, retried).
    pub failures: VecMap<String, (u64, String, bool)>,
    /// Subscriptions whose latest delivery failed (a short list: one per subscription at most).
    pub refused_subs: Vec<String>,
    pub anims: Vec<Anim>,
    /// Calls and events not yet handed to JS listeners.
    pub fresh: Vec<Value>,
    next_order: u64,
    /// Subscriptions learnt from events, whose filter policies are still to be read.
    subs_unchecked: bool,
    /// Publish bodies by MessageId (labels for deliveries).
    pub pub_bodies: BTreeMap<String, String>,
    /// Once the engine reports SQS events, clock-driven states follow them only.
    sqs_events_seen: bool,
    /// The last Publish body per topic (the body an SQS endpoint's chip shows).
    last_publish: BTreeMap<String, String>,
    /// The SQS message an SNS delivery just sent, per queue, until its NotificationDelivered
    /// names the publication (whose Message the chip then shows).
    sns_sent: BTreeMap<String, String>,
    /// A script's consumers (`consumer`, `lambda … on QUEUE`) by queue name, while they run.
    pub consumers: VecMap<String, Vec<String>>,
    /// Message move tasks (task handle → source queue): a moved message leaves its source.
    move_sources: BTreeMap<String, String>,
    /// PutRecord data by sequence number until its RecordPut event places the record.
    put_data: BTreeMap<String, String>,
    call_seq: u64,
    dirty: bool,
    /// Bumped on every change (cheap change detection for the UI).
    pub version: u64,
}

/// A string member, trying several spellings.
/// A message's `MessageAttributes` (AWS's shape) as name, DataType and value, by name;
/// a binary value shows as its base64.
fn message_attributes(v: &Value) -> Vec<(String, String, String)> {
    let Some(attrs) = v.get("MessageAttributes").and_then(Value::as_object) else { return Vec::new() };
    attrs
        .iter()
        .map(|(name, a)| {
            let value = field(a, &["StringValue", "BinaryValue"]).unwrap_or_default();
            (name.clone(), field(a, &["DataType"]).unwrap_or_default(), value)
        })
        .collect()
}

pub fn field(v: &Value, keys: &[&str]) -> Option<String> {
    for k in keys {
        match v.get(*k) {
            Some(Value::String(s)) => return Some(s.clone()),
            Some(Value::Number(n)) => return Some(n.to_string()),
            _ => {}
        }
    }
    None
}

fn num(v: &Value, keys: &[&str]) -> Option<u64> {
    for k in keys {
        match v.get(*k) {
            Some(Value::Number(n)) => return n.as_u64(),
            Some(Value::String(s)) => return s.parse().ok(),
            _ => {}
        }
    }
    None
}

/// The queue name in a queue URL or ARN.
pub fn queue_name(url_or_arn: &str) -> String {
    url_or_arn.rsplit(['/', ':']).next().unwrap_or_default().to_string()
}

/// The last part of an ARN.
pub fn arn_name(arn: &str) -> String {
    arn.rsplit([':', '/']).next().unwrap_or_default().to_string()
}

/// MD5 of a partition key as the 128-bit hash key Kinesis uses.
pub fn hash_key(pk: &str) -> u128 {
    u128::from_be_bytes(decouple_engine::digest::md5(pk.as_bytes()))
}

impl World {
    fn touch(&mut self) {
        self.version += 1;
        self.dirty = true;
    }

    fn life(&mut self, id: &str, at: u64, what: String) {
        let l = self.lives.entry(id.to_string()).or_default();
        if l.len() < 200 {
            l.push((at, what));
        }
    }

    fn push_log(&mut self, mut entry: LogEntry) {
        entry.n = self.logged;
        self.logged += 1;
        self.log.push(entry);
        if self.log.len() > LOG_KEPT {
            let cut = self.log.len() - LOG_KEPT;
            self.log.drain(..cut);
        }
    }

    /// Messages of a queue in stacking order.
    pub fn queue_messages(&self, queue: &str) -> Vec<&Msg> {
        let mut v: Vec<&Msg> = self.messages.values().filter(|m| m.queue == queue).collect();
        decouple_engine::collections::sort_by(&mut v, &|a, b| a.order.cmp(&b.order));
        v
    }

    /// The latest receipt handle of a message (for DeleteMessage, ChangeMessageVisibility).
    pub fn receipt_of(&self, id: &str) -> Option<String> {
        self.receipts.iter().rev().find(|(_, m)| m.as_str() == id).map(|(r, _)| r.clone())
    }

    /// Why a message cannot be received now (None when it can).
    pub fn why_invisible(&self, id: &str) -> Option<(String, Vec<(String, String)>)> {
        let m = self.messages.get(id)?;
        match &m.state {
            MsgState::InFlight { until, .. } => {
                Some(("why.inflight".into(), vec![("t".into(), until.to_string())]))
            }
            MsgState::Delayed { until } => {
                Some(("why.delayed".into(), vec![("t".into(), until.to_string())]))
            }
            MsgState::Waiting => {
                let g = m.group.as_ref()?;
                let blocker = self.messages.values().find(|o| {
                    o.queue == m.queue
                        && o.group.as_ref() == Some(g)
                        && matches!(o.state, MsgState::InFlight { .. })
                })?;
                Some(("why.group".into(), vec![("g".into(), g.clone()), ("m".into(), blocker.id.clone())]))
            }
        }
    }

    /// Applies one answered call.
    pub fn apply_call(&mut self, r: &CallResult, cloud: &Cloud) {
        let now = cloud.now().millis();
        self.now = now;
        self.call_seq += 1;
        let ok = r.answer.get("ok");
        let kind = format!("{}.{}", r.service, r.action);
        self.push_log(LogEntry {
            n: 0,
            seq: u64::MAX - self.call_seq,
            at: now,
            service: "call".into(),
            kind,
            detail: r.answer.clone(),
            subject: None,
        });
        self.touch();
        self.fresh.push(
            json!({"call": format!("{}.{}", r.service, r.action), "input": r.input, "answer": r.answer}),
        );
        let Some(out) = ok else { return };
        let inp = &r.input;
        match (r.service.as_str(), r.action.as_str()) {
            ("sqs", "CreateQueue") => self.create_queue(inp, out, cloud),
            ("sqs", "DeleteQueue") => {
                let name = queue_name(&field(inp, &["QueueUrl"]).unwrap_or_default());
                self.queues.remove(&name);
                let gone: Vec<String> =
                    self.messages.values().filter(|m| m.queue == name).map(|m| m.id.clone()).collect();
                for id in gone {
                    self.messages.remove(&id);
                    self.anims.push(Anim::Leave { id, how: "purged" });
                }
            }
            ("sqs", "PurgeQueue") => {
                let name = queue_name(&field(inp, &["QueueUrl"]).unwrap_or_default());
                let gone: Vec<String> =
                    self.messages.values().filter(|m| m.queue == name).map(|m| m.id.clone()).collect();
                for id in gone {
                    self.messages.remove(&id);
                    self.life(&id, now, "PurgeQueue".into());
                    self.anims.push(Anim::Leave { id, how: "purged" });
                }
            }
            ("sqs", "SendMessage") => {
                let q = queue_name(&field(inp, &["QueueUrl"]).unwrap_or_default());
                if let Some(id) = field(out, &["MessageId"]) {
                    self.add_message(&q, &id, inp, now, "p");
                }
            }
            ("sqs", "SendMessageBatch") => {
                let q = queue_name(&field(inp, &["QueueUrl"]).unwrap_or_default());
                let entries = inp.get("Entries").and_then(Value::as_array).cloned().unwrap_or_default();
                for ok in out.get("Successful").and_then(Value::as_array).cloned().unwrap_or_default() {
                    let (Some(eid), Some(mid)) = (field(&ok, &["Id"]), field(&ok, &["MessageId"])) else {
                        continue;
                    };
                    if let Some(e) =
                        entries.iter().find(|e| field(e, &["Id"]).as_deref() == Some(eid.as_str()))
                    {
                        self.add_message(&q, &mid, e, now, "p");
                    }
                }
            }
            ("sqs", "ReceiveMessage") => {
                let q = queue_name(&field(inp, &["QueueUrl"]).unwrap_or_default());
                let vis = num(inp, &["VisibilityTimeout"]).unwrap_or_else(|| {
                    self.queues.get(&q).map(|q| q.attr_u64("VisibilityTimeout", 30)).unwrap_or(30)
                });
                for m in out.get("Messages").and_then(Value::as_array).cloned().unwrap_or_default() {
                    let (Some(id), Some(rh)) = (field(&m, &["MessageId"]), field(&m, &["ReceiptHandle"]))
                    else {
                        continue;
                    };
                    self.receipts.insert(rh, id.clone());
                    if !self.messages.contains_key(&id) {
                        let body = field(&m, &["Body"]).unwrap_or_default();
                        self.add_message(&q, &id, &json!({ "MessageBody": body }), now, "p");
                    }
                    if let Some(msg) = self.messages.get_mut(&id) {
                        // What SQS returns is the body, as it is stored.
                        if let Some(body) = field(&m, &["Body"]) {
                            msg.body = body;
                            msg.body_from_topic = false;
                        }
                        let attributes = message_attributes(&m);
                        if !attributes.is_empty() {
                            msg.attributes = attributes;
                        }
                        msg.receive_count += 1;
                        msg.state = MsgState::InFlight { until: now + vis * 1000, since: now };
                        let rc = msg.receive_count;
                        self.life(
                            &id,
                            now,
                            format!(
                                "ReceiveMessage (ApproximateReceiveCount {rc}, VisibilityTimeout {vis} s)"
                            ),
                        );
                        self.anims.push(Anim::Move { id });
                    }
                }
            }
            ("sqs", "DeleteMessage") => {
                if let Some(rh) = field(inp, &["ReceiptHandle"]) {
                    self.delete_by_receipt(&rh, now);
                }
            }
            ("sqs", "DeleteMessageBatch") => {
                let entries = inp.get("Entries").and_then(Value::as_array).cloned().unwrap_or_default();
                for ok in out.get("Successful").and_then(Value::as_array).cloned().unwrap_or_default() {
                    let eid = field(&ok, &["Id"]);
                    if let Some(e) = entries.iter().find(|e| field(e, &["Id"]) == eid) {
                        if let Some(rh) = field(e, &["ReceiptHandle"]) {
                            self.delete_by_receipt(&rh, now);
                        }
                    }
                }
            }
            ("sqs", "ChangeMessageVisibility") => {
                let rh = field(inp, &["ReceiptHandle"]).unwrap_or_default();
                let vis = num(inp, &["VisibilityTimeout"]).unwrap_or(0);
                if let Some(id) = self.receipts.get(&rh).cloned() {
                    if let Some(m) = self.messages.get_mut(&id) {
                        m.state = if vis == 0 {
                            MsgState::Waiting
                        } else {
                            MsgState::InFlight { until: now + vis * 1000, since: now }
                        };
                        self.life(&id, now, format!("ChangeMessageVisibility → {vis} s"));
                        self.anims.push(Anim::Move { id });
                    }
                }
            }
            ("sns", "CreateTopic") => {
                if let Some(arn) = field(out, &["TopicArn"]) {
                    let name = arn_name(&arn);
                    self.topics.insert(
                        arn.clone(),
                        Topic { fifo: name.ends_with(".fifo"), arn, name, last_publication: None },
                    );
                }
            }
            ("sns", "DeleteTopic") => {
                let arn = field(inp, &["TopicArn"]).unwrap_or_default();
                self.topics.remove(&arn);
                self.subs.retain(|_, s| s.topic != arn);
            }
            ("sns", "Subscribe") => {
                let sub_arn = field(out, &["SubscriptionArn"]).unwrap_or_default();
                let attrs = inp.get("Attributes").cloned().unwrap_or(Value::Null);
                let sub = Sub {
                    arn: sub_arn.clone(),
                    topic: field(inp, &["TopicArn"]).unwrap_or_default(),
                    protocol: field(inp, &["Protocol"]).unwrap_or_default(),
                    endpoint: field(inp, &["Endpoint"]).unwrap_or_default(),
                    filter_policy: field(&attrs, &["FilterPolicy"]),
                    filter_scope: field(&attrs, &["FilterPolicyScope"]),
                };
                self.add_endpoint_node(&sub);
                self.subs.insert(sub_arn, sub);
            }
            ("sns", "Unsubscribe") => {
                let arn = field(inp, &["SubscriptionArn"]).unwrap_or_default();
                self.subs.remove(&arn);
            }
            ("sns", "SetSubscriptionAttributes") => {
                let arn = field(inp, &["SubscriptionArn"]).unwrap_or_default();
                let name = field(inp, &["AttributeName"]).unwrap_or_default();
                let value = field(inp, &["AttributeValue"]);
                if let Some(s) = self.subs.get_mut(&arn) {
                    match name.as_str() {
                        "FilterPolicy" => s.filter_policy = value.filter(|v| !v.is_empty()),
                        "FilterPolicyScope" => s.filter_scope = value,
                        _ => {}
                    }
                }
            }
            ("sns", "Publish") | ("sns", "PublishBatch") => {
                let topic = field(inp, &["TopicArn", "TargetArn"]).unwrap_or_default();
                let label = short(&field(inp, &["Message"]).unwrap_or_default(), 12);
                if let Some(id) = field(out, &["MessageId"]) {
                    self.life(&id, now, format!("Publish to {}", arn_name(&topic)));
                    if let Some(t) = self.topics.get_mut(&topic) {
                        t.last_publication = Some((id.clone(), now));
                    }
                    self.pub_bodies.insert(id, field(inp, &["Message"]).unwrap_or_default());
                    self.last_publish.insert(topic.clone(), field(inp, &["Message"]).unwrap_or_default());
                    if self.pub_bodies.len() > 200 {
                        let first = self.pub_bodies.keys().next().cloned().unwrap_or_default();
                        self.pub_bodies.remove(&first);
                    }
                }
                self.anims.push(Anim::Fly {
                    from: "p".into(),
                    via: None,
                    to: format!("t:{topic}"),
                    label,
                    class: "publish",
                });
            }
            ("kinesis", "CreateStream") => {
                let name = field(inp, &["StreamName"]).unwrap_or_default();
                self.streams.insert(name.clone(), Stream { name, ..Default::default() });
            }
            ("kinesis", "DeleteStream") => {
                let name = field(inp, &["StreamName"])
                    .unwrap_or_else(|| arn_name(&field(inp, &["StreamARN"]).unwrap_or_default()));
                self.streams.remove(&name);
            }
            ("kinesis", "PutRecord") => {
                if let Some(seq) = field(out, &["SequenceNumber"]) {
                    self.put_data.insert(seq, field(inp, &["Data"]).unwrap_or_default());
                }
            }
            ("kinesis", "PutRecords") => {
                let recs = inp.get("Records").and_then(Value::as_array).cloned().unwrap_or_default();
                let outs = out.get("Records").and_then(Value::as_array).cloned().unwrap_or_default();
                for (r, o) in recs.iter().zip(outs.iter()) {
                    if let Some(seq) = field(o, &["SequenceNumber"]) {
                        self.put_data.insert(seq, field(r, &["Data"]).unwrap_or_default());
                    }
                }
            }
            ("kinesis", "GetShardIterator") => {
                if let Some(it) = field(out, &["ShardIterator"]) {
                    let shard = field(inp, &["ShardId"]).unwrap_or_default();
                    let stream = stream_of(inp);
                    let kind = field(inp, &["ShardIteratorType"]).unwrap_or_default();
                    let at_seq = field(inp, &["StartingSequenceNumber"]).unwrap_or_default();
                    let ts_ms = inp.get("Timestamp").and_then(Value::as_f64).map(|t| (t * 1000.0) as u64);
                    if let Some(s) = self.streams.get_mut(&stream) {
                        let recs = s.records.get(&shard).map(Vec::as_slice).unwrap_or(&[]);
                        let before = |keep: &dyn Fn(&Record) -> bool| {
                            recs.iter().take_while(|r| keep(r)).last().map(|r| r.seq.clone())
                        };
                        let position = match kind.as_str() {
                            "LATEST" => recs.last().map(|r| r.seq.clone()),
                            "AFTER_SEQUENCE_NUMBER" => Some(at_seq),
                            "AT_SEQUENCE_NUMBER" => before(&|r| !seq_le(&at_seq, &r.seq)),
                            "AT_TIMESTAMP" => before(&|r| ts_ms.is_some_and(|t| r.at < t)),
                            _ => None,
                        };
                        let name = format!("reader {}", s.readers.len() + 1);
                        s.readers.push(Reader {
                            name,
                            actor: false,
                            ended: false,
                            shard,
                            start: kind,
                            iterator: Some(it.clone()),
                            started_after: position.clone(),
                            position,
                            read: 0,
                            behind_ms: None,
                        });
                        self.iterators.insert(it, (stream, s.readers.len() - 1));
                    }
                }
            }
            ("kinesis", "GetRecords") => {
                let it = field(inp, &["ShardIterator"]).unwrap_or_default();
                if let Some((stream, idx)) = self.iterators.get(&it).cloned() {
                    let next = field(out, &["NextShardIterator"]);
                    if let Some(next) = &next {
                        self.iterators.insert(next.clone(), (stream.clone(), idx));
                    }
                    let recs = out.get("Records").and_then(Value::as_array).cloned().unwrap_or_default();
                    let last = recs.last().and_then(|r| field(r, &["SequenceNumber"]));
                    let mut shard = String::new();
                    if let Some(r) = self.streams.get_mut(&stream).and_then(|s| s.readers.get_mut(idx)) {
                        r.read += recs.len() as u64;
                        r.ended = next.is_none();
                        r.iterator = next;
                        r.behind_ms = num(out, &["MillisBehindLatest"]);
                        if last.is_some() {
                            r.position = last.clone();
                        }
                        shard = r.shard.clone();
                    }
                    if last.is_some() {
                        self.anims.push(Anim::Fly {
                            from: format!("sh:{stream}:{shard}"),
                            via: None,
                            to: format!("kc:{stream}"),
                            label: format!("{}", recs.len()),
                            class: "read",
                        });
                    }
                }
            }
            ("firehose", "CreateDeliveryStream") => {
                let name = field(inp, &["DeliveryStreamName"]).unwrap_or_default();
                let dest = inp
                    .get("ExtendedS3DestinationConfiguration")
                    .or_else(|| inp.get("S3DestinationConfiguration"))
                    .cloned()
                    .unwrap_or(Value::Null);
                let bucket = arn_name(&field(&dest, &["BucketARN"]).unwrap_or_default());
                let hints = dest.get("BufferingHints").cloned().unwrap_or(Value::Null);
                self.firehoses.insert(
                    name.clone(),
                    Firehose {
                        name,
                        bucket,
                        size_mb: num(&hints, &["SizeInMBs"]).unwrap_or(5),
                        interval_s: num(&hints, &["IntervalInSeconds"]).unwrap_or(300),
                        ..Default::default()
                    },
                );
            }
            ("firehose", "DeleteDeliveryStream") => {
                let name = field(inp, &["DeliveryStreamName"]).unwrap_or_default();
                self.firehoses.remove(&name);
            }
            ("firehose", "PutRecord") | ("firehose", "PutRecordBatch") => {
                let name = field(inp, &["DeliveryStreamName"]).unwrap_or_default();
                let mut records = Vec::new();
                if let Some(r) = inp.get("Record") {
                    records.push(r.clone());
                }
                records.extend(inp.get("Records").and_then(Value::as_array).cloned().unwrap_or_default());
                self.anims.push(Anim::Fly {
                    from: "p".into(),
                    via: None,
                    to: format!("f:{name}"),
                    label: format!("{}", records.len()),
                    class: "put",
                });
            }
            ("s3", "CreateBucket") => {
                let name = field(inp, &["Bucket"]).unwrap_or_default();
                self.buckets.insert(name.clone(), Bucket { name, objects: Vec::new() });
            }
            ("lambda", "CreateFunction") => {
                let name = field(inp, &["FunctionName"]).unwrap_or_default();
                self.functions.insert(name.clone(), Function { name, invocations: 0 });
            }
            ("lambda", "DeleteFunction") => {
                let name = field(inp, &["FunctionName"]).unwrap_or_default();
                self.functions.remove(&name);
            }
            _ => {}
        }
    }

    /// Inboxes for http/email/sms endpoints, function nodes for Lambda endpoints.
    fn add_endpoint_node(&mut self, sub: &Sub) {
        if !matches!(sub.protocol.as_str(), "sqs" | "lambda" | "firehose") {
            let key = inbox_key(&sub.protocol, &sub.endpoint);
            self.inboxes.entry(key.clone()).or_insert(Inbox {
                key,
                protocol: sub.protocol.clone(),
                endpoint: sub.endpoint.clone(),
                received: Vec::new(),
            });
        }
        if sub.protocol == "lambda" {
            let name = arn_name(&sub.endpoint);
            self.functions.entry(name.clone()).or_insert(Function { name, invocations: 0 });
        }
    }

    fn create_queue(&mut self, inp: &Value, out: &Value, cloud: &Cloud) {
        let Some(url) = field(out, &["QueueUrl"]) else { return };
        let name = queue_name(&url);
        let arn = format!("arn:aws:sqs:{}:{}:{}", cloud.ctx.region(), cloud.ctx.account(), name);
        let mut attributes = BTreeMap::new();
        if let Some(Value::Object(a)) = inp.get("Attributes") {
            for (k, v) in a {
                if let Some(s) = v.as_str() {
                    attributes.insert(k.clone(), s.to_string());
                }
            }
        }
        let fifo = name.ends_with(".fifo");
        self.queues.entry(name.clone()).or_insert(Queue { name, url, arn, fifo, attributes });
    }

    fn add_message(&mut self, queue: &str, id: &str, entry: &Value, now: u64, from: &str) {
        if self.messages.contains_key(id) {
            return; // a deduplicated send answers the first message's id
        }
        let delay = num(entry, &["DelaySeconds"])
            .unwrap_or_else(|| self.queues.get(queue).map(|q| q.attr_u64("DelaySeconds", 0)).unwrap_or(0));
        let state =
            if delay > 0 { MsgState::Delayed { until: now + delay * 1000 } } else { MsgState::Waiting };
        self.next_order += 1;
        let body = field(entry, &["MessageBody", "Message", "Body"]).unwrap_or_default();
        self.messages.insert(
            id.to_string(),
            Msg {
                id: id.to_string(),
                queue: queue.to_string(),
                body,
                body_from_topic: false,
                group: field(entry, &["MessageGroupId"]),
                dedup: field(entry, &["MessageDeduplicationId"]),
                attributes: message_attributes(entry),
                state,
                receive_count: 0,
                sent_at: now,
                order: self.next_order,
                publication: None,
            },
        );
        let how = if from == "p" { "SendMessage" } else { "delivered" };
        self.life(
            id,
            now,
            format!(
                "{how} → {queue}{}",
                if delay > 0 { format!(" (DelaySeconds {delay})") } else { String::new() }
            ),
        );
        self.anims.push(Anim::Arrive { id: id.to_string(), from: from.to_string() });
    }

    fn delete_by_receipt(&mut self, rh: &str, now: u64) {
        if let Some(id) = self.receipts.remove(rh) {
            if self.messages.remove(&id).is_some() {
                self.life(&id, now, "DeleteMessage".into());
                self.anims.push(Anim::Leave { id, how: "deleted" });
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn put_record(
        &mut self,
        stream: &str,
        shard: &str,
        seq: &str,
        pk: &str,
        hash: u128,
        data: &str,
        now: u64,
    ) {
        let Some(s) = self.streams.get_mut(stream) else { return };
        s.total_records += 1;
        let list = s.records.entry(shard.to_string()).or_default();
        list.push(Record {
            shard: shard.into(),
            seq: seq.into(),
            pk: pk.into(),
            hash,
            data: data.into(),
            at: now,
        });
        if list.len() > RECORDS_SHOWN {
            list.remove(0);
        }
        self.life(seq, now, format!("PutRecord PartitionKey {pk:?} → {shard}"));
        self.anims.push(Anim::Fly {
            from: "p".into(),
            via: Some(format!("hk:{stream}:{hash}")),
            to: format!("sh:{stream}:{shard}"),
            label: short(pk, 8),
            class: "record",
        });
    }

    /// Applies one event given as JSON (a script session's trace).
    pub fn apply_event_json(&mut self, v: &Value) {
        self.apply_event(v, self.now);
        self.touch();
    }

    /// Applies drained engine events.
    pub fn apply_events(&mut self, events: &[Event], cloud: &Cloud) {
        let now = cloud.now().millis();
        for e in events {
            self.apply_event(&e.to_json(), now);
        }
        self.touch();
    }

    fn apply_event(&mut self, v: &Value, _now: u64) {
        let service = field(v, &["service"]).unwrap_or_default();
        let kind = field(v, &["type"]).unwrap_or_default();
        let at = num(v, &["at"]).unwrap_or(self.now);
        let seq = num(v, &["seq"]).unwrap_or(0);
        let msg_id = field(v, &["message_id", "MessageId", "messageId"]);
        let queue = field(v, &["queue_name", "queue", "queue_url", "queue_arn"]).map(|q| queue_name(&q));
        let subject = msg_id.clone().or_else(|| field(v, &["sequence_number", "subscription_arn"]));
        self.push_log(LogEntry {
            n: 0,
            seq,
            at,
            service: service.clone(),
            kind: kind.clone(),
            detail: v.clone(),
            subject: subject.clone(),
        });
        self.fresh.push(v.clone());
        if let Some(s) = &subject {
            self.life(s, at, format!("{service}:{kind}"));
        }
        match (service.as_str(), kind.as_str()) {
            ("sqs", k) => self.sqs_event(k, v, msg_id, queue, at),
            ("sns", k) => self.sns_event(k, v, at),
            ("kinesis", k) => self.kinesis_event(k, v, at),
            ("script", "ActorReceived") => {
                if let (Some(id), Some(body)) = (msg_id.as_ref(), field(v, &["body"])) {
                    if let Some(m) = self.messages.get_mut(id) {
                        m.body = body;
                        m.body_from_topic = false;
                    }
                }
                if let (Some(seq), Some(actor), Some(source)) =
                    (msg_id, field(v, &["actor"]), field(v, &["source"]))
                {
                    self.actor_read(&actor, &source, &seq);
                }
            }
            ("script", "ActorStarted") => {
                let kind = field(v, &["kind"]).unwrap_or_default();
                let q = queue_name(&field(v, &["source"]).unwrap_or_default());
                if (kind == "consumer" || kind == "lambda") && self.queues.contains_key(&q) {
                    if let Some(actor) = field(v, &["actor"]) {
                        self.consumers.entry(q).or_default().push(actor);
                    }
                }
            }
            ("script", "ActorStopped") | ("script", "ActorCrashed") => {
                let actor = field(v, &["actor"]).unwrap_or_default();
                for names in self.consumers.values_mut() {
                    names.retain(|n| *n != actor);
                }
            }
            ("script", "ShardIteratorObtained") => {
                let actor = field(v, &["actor"]).unwrap_or_default();
                let source = field(v, &["source"]).unwrap_or_default();
                let kind = field(v, &["shard_iterator_type"]).unwrap_or_default();
                self.actor_iterator(&actor, &source, &kind);
            }
            ("firehose", k) => self.firehose_event(k, v, at),
            ("s3", "BucketCreated") => {
                let name = field(v, &["bucket"]).unwrap_or_default();
                self.buckets.entry(name.clone()).or_insert(Bucket { name, objects: Vec::new() });
            }
            ("s3", "BucketDeleted") => {
                self.buckets.remove(&field(v, &["bucket"]).unwrap_or_default());
            }
            ("s3", "ObjectCreated") => {
                let (b, key) =
                    (field(v, &["bucket"]).unwrap_or_default(), field(v, &["key"]).unwrap_or_default());
                let size = num(v, &["size", "bytes"]).unwrap_or(0);
                if let Some(b) = self.buckets.get_mut(&b) {
                    if !b.objects.iter().any(|(k, _)| *k == key) {
                        b.objects.push((key, size));
                    }
                }
            }
            ("lambda", "FunctionCreated") => {
                let name = arn_name(&field(v, &["function"]).unwrap_or_default());
                self.functions.entry(name.clone()).or_insert(Function { name, invocations: 0 });
            }
            ("lambda", "FunctionDeleted") => {
                self.functions.remove(&arn_name(&field(v, &["function"]).unwrap_or_default()));
            }
            // Every invocation is one FunctionInvoked (a failed one is also a FunctionFailed).
            ("lambda", "FunctionInvoked") => {
                let name = arn_name(&field(v, &["function"]).unwrap_or_default());
                if let Some(f) = self.functions.get_mut(&name) {
                    f.invocations += 1;
                }
            }
            _ => {}
        }
    }

    fn kinesis_event(&mut self, kind: &str, v: &Value, at: u64) {
        let stream = field(v, &["stream"]).unwrap_or_default();
        let shard = field(v, &["shard"]).unwrap_or_default();
        match kind {
            "StreamCreated" => {
                let arn = field(v, &["arn"]).unwrap_or_default();
                self.streams.entry(stream.clone()).or_insert(Stream {
                    name: stream,
                    arn,
                    ..Default::default()
                });
            }
            "StreamDeleted" => {
                self.streams.remove(&stream);
            }
            "RecordPut" => {
                let seq = field(v, &["sequence_number"]).unwrap_or_default();
                let pk = field(v, &["partition_key"]).unwrap_or_default();
                let hash =
                    field(v, &["hash_key"]).and_then(|h| h.parse().ok()).unwrap_or_else(|| hash_key(&pk));
                let data = self.put_data.remove(&seq).unwrap_or_default();
                self.put_record(&stream, &shard, &seq, &pk, hash, &data, at);
            }
            "RecordsRead" => {
                let count = num(v, &["count"]).unwrap_or(0);
                let behind = num(v, &["millis_behind_latest"]).unwrap_or(0);
                self.last_read = Some((stream.clone(), shard.clone(), behind));
                if v.get("shard_end").and_then(Value::as_bool) == Some(true) {
                    // An actor that has read the closed shard to its last record is done with it.
                    if let Some(s) = self.streams.get_mut(&stream) {
                        let last = s.records.get(&shard).and_then(|r| r.last()).map(|r| r.seq.clone());
                        for r in s.readers.iter_mut().filter(|r| r.actor && r.shard == shard) {
                            if r.position == last {
                                r.ended = true;
                            }
                        }
                    }
                }
                if count > 0 {
                    self.anims.push(Anim::Fly {
                        from: format!("sh:{stream}:{shard}"),
                        via: None,
                        to: format!("kc:{stream}"),
                        label: count.to_string(),
                        class: "read",
                    });
                }
            }
            "RecordExpired" => {
                let seq = field(v, &["sequence_number"]).unwrap_or_default();
                if let Some(list) = self.streams.get_mut(&stream).and_then(|s| s.records.get_mut(&shard)) {
                    list.retain(|r| r.seq != seq);
                }
            }
            _ => {}
        }
    }

    /// The reader of a script actor on `source` (`stream/shardId`), made on first sight.
    fn actor_reader(&mut self, actor: &str, source: &str) -> Option<&mut Reader> {
        let (stream, shard) = source.rsplit_once('/')?;
        let s = self.streams.get_mut(stream)?;
        let i = match s.readers.iter().position(|r| r.actor && r.name == actor && r.shard == shard) {
            Some(i) => i,
            None => {
                s.readers.push(Reader {
                    name: actor.to_string(),
                    actor: true,
                    shard: shard.to_string(),
                    start: "—".into(),
                    ..Default::default()
                });
                s.readers.len() - 1
            }
        };
        s.readers.get_mut(i)
    }

    /// A script actor got an iterator: its position starts where the iterator type says.
    fn actor_iterator(&mut self, actor: &str, source: &str, kind: &str) {
        let last = source
            .rsplit_once('/')
            .and_then(|(stream, shard)| self.streams.get(stream)?.records.get(shard)?.last())
            .map(|r| r.seq.clone());
        if let Some(r) = self.actor_reader(actor, source) {
            r.start = kind.to_string();
            r.position = if kind == "LATEST" { last } else { None };
            r.started_after = r.position.clone();
            r.ended = false;
        }
    }

    /// A script actor received record `seq` of `source`: its iterator is past it.
    fn actor_read(&mut self, actor: &str, source: &str, seq: &str) {
        let Some((stream, shard)) = source.rsplit_once('/') else { return };
        if !shard.starts_with("shardId-") || !self.streams.contains_key(stream) {
            return; // a queue's message, not a record
        }
        // Without its ShardIteratorObtained (an older trace), the records before the first it
        // read count as skipped.
        let before = self.streams.get(stream).and_then(|s| {
            let recs = s.records.get(shard)?;
            let i = recs.iter().position(|r| r.seq == seq)?;
            recs.get(i.checked_sub(1)?).map(|r| r.seq.clone())
        });
        let behind = match &self.last_read {
            Some((st, sh, b)) if st == stream && sh == shard => Some(*b),
            _ => None,
        };
        let Some(r) = self.actor_reader(actor, source) else { return };
        if r.read == 0 && r.start == "—" {
            r.started_after = before;
        }
        r.read += 1;
        if r.position.as_deref().is_none_or(|p| !seq_le(seq, p)) {
            r.position = Some(seq.to_string());
        }
        if behind.is_some() {
            r.behind_ms = behind;
        }
    }

    fn firehose_event(&mut self, kind: &str, v: &Value, at: u64) {
        let name = field(v, &["stream"]).unwrap_or_default();
        match kind {
            "DeliveryStreamCreated" => {
                self.firehoses.entry(name.clone()).or_insert(Firehose {
                    name,
                    size_mb: 5,
                    interval_s: 300,
                    ..Default::default()
                });
            }
            "DeliveryStreamDeleted" => {
                self.firehoses.remove(&name);
            }
            "RecordBuffered" => {
                if let Some(f) = self.firehoses.get_mut(&name) {
                    if f.buffered_records == 0 {
                        f.buffer_since = Some(at);
                    }
                    f.buffered_bytes = num(v, &["buffered_bytes"]).unwrap_or(f.buffered_bytes);
                    f.buffered_records = num(v, &["buffered_records"]).unwrap_or(f.buffered_records + 1);
                }
            }
            "BufferFlushed" => {
                let bucket = field(v, &["bucket"]).unwrap_or_default();
                let key = field(v, &["object_key"]).unwrap_or_default();
                let size = num(v, &["object_size", "bytes"]).unwrap_or(0);
                if let Some(f) = self.firehoses.get_mut(&name) {
                    f.buffered_bytes = 0;
                    f.buffered_records = 0;
                    f.buffer_since = None;
                }
                if let Some(b) = self.buckets.get_mut(&bucket) {
                    if !key.is_empty() && !b.objects.iter().any(|(k, _)| *k == key) {
                        b.objects.push((key.clone(), size));
                    }
                }
                self.life(&key, at, format!("BufferFlushed {name} → s3://{bucket}/{key}"));
                self.anims.push(Anim::Fly {
                    from: format!("f:{name}"),
                    via: None,
                    to: format!("b:{bucket}"),
                    label: "S3".into(),
                    class: "flush",
                });
            }
            _ => {}
        }
    }

    fn sqs_event(&mut self, kind: &str, v: &Value, id: Option<String>, queue: Option<String>, at: u64) {
        self.sqs_events_seen = true;
        match kind {
            "QueueCreated" => {
                let url = field(v, &["queue_url"]).unwrap_or_default();
                if let Some(q) = queue {
                    if !url.is_empty() && !self.queues.contains_key(&q) {
                        let fifo = v.get("fifo").and_then(Value::as_bool).unwrap_or(false);
                        self.queues.insert(
                            q.clone(),
                            Queue { name: q, url, arn: String::new(), fifo, attributes: BTreeMap::new() },
                        );
                    }
                }
                return;
            }
            "MoveTaskStarted" => {
                if let (Some(h), Some(src)) = (field(v, &["task_handle"]), field(v, &["source_arn"])) {
                    self.move_sources.insert(h, queue_name(&src));
                }
                return;
            }
            "QueueDeleted" | "QueuePurged" => {
                let Some(q) = queue else { return };
                let gone: Vec<String> =
                    self.messages.values().filter(|m| m.queue == q).map(|m| m.id.clone()).collect();
                for id in gone {
                    self.messages.remove(&id);
                    self.anims.push(Anim::Leave { id, how: "purged" });
                }
                if kind == "QueueDeleted" {
                    self.queues.remove(&q);
                }
                return;
            }
            _ => {}
        }
        let Some(id) = id else { return };
        let visible_at = num(v, &["visible_at"]);
        match kind {
            "MessageSent" => {
                let Some(q) = queue else { return };
                if !self.messages.contains_key(&id) {
                    let source = field(v, &["source_arn"]);
                    let from = source
                        .as_ref()
                        .and_then(|src| {
                            let qarn = self.queues.get(&q).map(|q| q.arn.clone()).unwrap_or_default();
                            self.subs
                                .values()
                                .find(|s| {
                                    &s.topic == src
                                        && queue_name(&s.endpoint) == q
                                        && (qarn.is_empty() || s.endpoint == qarn)
                                })
                                .map(|s| format!("g:{}", s.arn))
                        })
                        .or_else(|| source.as_ref().map(|s| format!("t:{s}")))
                        .unwrap_or_else(|| "p".into());
                    let body =
                        source.as_ref().and_then(|t| self.last_publish.get(t).cloned()).unwrap_or_default();
                    let entry = json!({ "MessageBody": body, "MessageGroupId": v.get("group_id").cloned() });
                    self.add_message(&q, &id, &entry, at, &from);
                    if source.is_some() {
                        self.sns_sent.insert(q.clone(), id.clone());
                    }
                }
                let delayed = num(v, &["delayed_until"]);
                if let Some(m) = self.messages.get_mut(&id) {
                    m.state = match delayed {
                        Some(until) if until > at => MsgState::Delayed { until },
                        _ => MsgState::Waiting,
                    };
                    if m.group.is_none() {
                        m.group = field(v, &["group_id"]);
                    }
                }
            }
            "MessageReceived" => {
                if let Some(m) = self.messages.get_mut(&id) {
                    m.receive_count = num(v, &["receive_count"]).map(|n| n as u32).unwrap_or(m.receive_count);
                    if let Some(until) = visible_at {
                        m.state = MsgState::InFlight { until, since: at };
                    }
                }
                if let Some(rh) = field(v, &["receipt_handle"]) {
                    self.receipts.insert(rh, id.clone());
                }
                self.anims.push(Anim::Move { id });
            }
            "VisibilityChanged" => {
                if let Some(m) = self.messages.get_mut(&id) {
                    m.state = match visible_at {
                        Some(until) if until > at => MsgState::InFlight { until, since: at },
                        _ => MsgState::Waiting,
                    };
                    self.anims.push(Anim::Move { id });
                }
            }
            "VisibilityTimeoutExpired" | "MessageBecameVisible" => {
                if let Some(m) = self.messages.get_mut(&id) {
                    if m.state != MsgState::Waiting {
                        m.state = MsgState::Waiting;
                        self.anims.push(Anim::Move { id });
                    }
                }
            }
            "MessageDeleted" | "MessageRetentionExpired" => {
                let how = if kind == "MessageDeleted" { "deleted" } else { "expired" };
                if self.messages.remove(&id).is_some() {
                    self.anims.push(Anim::Leave { id, how });
                }
            }
            "MoveTaskProgressed" => self.moved_by_task(v, &id),
            "MovedToDeadLetterQueue" => {
                let dest = field(v, &["dead_letter_queue", "destination_queue"]).map(|d| queue_name(&d));
                if let (Some(dest), Some(m)) = (dest, self.messages.get_mut(&id)) {
                    m.queue = dest;
                    m.state = MsgState::Waiting;
                    self.next_order += 1;
                    m.order = self.next_order;
                    self.anims.push(Anim::Move { id });
                }
            }
            _ => {}
        }
    }

    /// A move task took the oldest visible message of its source and sent it (as `id`, whose
    /// MessageSent came just before) to the destination: the source's chip leaves and the new
    /// one flies from the source, with the body it had.
    fn moved_by_task(&mut self, v: &Value, id: &str) {
        let Some(src) = field(v, &["task_handle"]).and_then(|h| self.move_sources.get(&h).cloned()) else {
            return;
        };
        let oldest = self
            .messages
            .values()
            .filter(|m| m.queue == src && m.state == MsgState::Waiting && m.id != id)
            .min_by_key(|m| m.order)
            .map(|m| m.id.clone());
        let Some(old) = oldest.and_then(|o| self.messages.remove(&o)) else { return };
        if let Some(m) = self.messages.get_mut(id) {
            m.body = old.body.clone();
            m.body_from_topic = old.body_from_topic;
            m.publication = old.publication.clone();
        }
        for a in self.anims.iter_mut() {
            if let Anim::Arrive { id: a_id, from } = a {
                if a_id == id {
                    *from = format!("q:{src}");
                }
            }
        }
        self.anims.push(Anim::Leave { id: old.id, how: "moved" });
    }

    fn sns_event(&mut self, kind: &str, v: &Value, at: u64) {
        let topic = field(v, &["topic_arn"]).unwrap_or_default();
        match kind {
            "TopicCreated" => {
                let name = arn_name(&topic);
                self.topics.entry(topic.clone()).or_insert(Topic {
                    fifo: name.ends_with(".fifo"),
                    arn: topic,
                    name,
                    last_publication: None,
                });
                return;
            }
            "TopicDeleted" => {
                self.topics.remove(&topic);
                self.subs.retain(|_, s| s.topic != topic);
                return;
            }
            "Subscribed" => {
                let arn = field(v, &["subscription_arn"]).unwrap_or_default();
                if !self.subs.contains_key(&arn) {
                    let sub = Sub {
                        arn: arn.clone(),
                        topic,
                        protocol: field(v, &["protocol"]).unwrap_or_default(),
                        endpoint: field(v, &["endpoint"]).unwrap_or_default(),
                        filter_policy: None,
                        filter_scope: None,
                    };
                    self.add_endpoint_node(&sub);
                    self.subs.insert(arn, sub);
                    self.subs_unchecked = true;
                }
                return;
            }
            "Unsubscribed" => {
                self.subs.remove(&field(v, &["subscription_arn"]).unwrap_or_default());
                return;
            }
            _ => {}
        }
        let sub_arn = field(v, &["subscription_arn", "subscription"]).unwrap_or_default();
        let pub_id = field(v, &["message_id"]).unwrap_or_default();
        let Some(sub) = self.subs.get(&sub_arn).cloned() else { return };
        if let Some(x) = v.get("explanation") {
            self.explanations.insert(format!("{pub_id}|{sub_arn}"), x.clone());
        }
        let text = self.pub_bodies.get(&pub_id).cloned().or_else(|| field(v, &["message", "body"]));
        let label = short(&text.clone().unwrap_or_else(|| short(&pub_id, 6)), 12);
        if kind.contains("Filtered") {
            self.anims.push(Anim::Bounce {
                from: format!("t:{}", sub.topic),
                gate: format!("g:{sub_arn}"),
                label,
            });
        } else if kind == "DeliveryFailed" {
            let reason = field(v, &["reason"]).unwrap_or_default();
            let retry = v.get("will_retry").and_then(Value::as_bool).unwrap_or(false);
            self.failures.insert(format!("{pub_id}|{sub_arn}"), (at, reason, retry));
            if !self.refused_subs.contains(&sub_arn) {
                self.refused_subs.push(sub_arn.clone());
            }
            let gate = format!("g:{sub_arn}");
            self.anims.push(Anim::Refused {
                path: vec![format!("t:{}", sub.topic), gate.clone(), sub.target_node(), gate],
                label,
            });
        } else if kind.contains("Delivered") {
            self.refused_subs.retain(|s| *s != sub_arn);
            let to = sub.target_node();
            if let Some(inbox) = self.inboxes.get_mut(&inbox_key(&sub.protocol, &sub.endpoint)) {
                inbox.received.push(text.clone().unwrap_or_else(|| pub_id.clone()));
                if inbox.received.len() > 50 {
                    inbox.received.remove(0);
                }
            }
            // An SQS endpoint's message chip arrives from the gate through the SQS event;
            // the flight shows topic → gate for it, topic → gate → endpoint for the others.
            let sqs = sub.protocol == "sqs";
            if sqs {
                if let Some(mid) = self.sns_sent.remove(&queue_name(&sub.endpoint)) {
                    if let Some(m) = self.messages.get_mut(&mid) {
                        if let Some(t) = text.as_ref() {
                            m.body = t.clone();
                            m.body_from_topic = true;
                        }
                        m.publication = Some(format!("{pub_id}|{sub_arn}"));
                    }
                }
            }
            self.anims.push(Anim::Fly {
                from: format!("t:{}", sub.topic),
                via: if sqs { None } else { Some(format!("g:{sub_arn}")) },
                to: if sqs { format!("g:{sub_arn}") } else { to },
                label,
                class: "deliver",
            });
        }
        let _ = at;
    }

    /// Moves clock-driven states forward (visibility timeouts end, delays end).
    pub fn tick(&mut self, now: u64) {
        self.now = now;
        if self.sqs_events_seen {
            return;
        }
        let mut moved = Vec::new();
        for m in self.messages.values_mut() {
            let due = match m.state {
                MsgState::InFlight { until, .. } | MsgState::Delayed { until } => until <= now,
                MsgState::Waiting => false,
            };
            if due {
                let was_inflight = matches!(m.state, MsgState::InFlight { .. });
                m.state = MsgState::Waiting;
                moved.push((m.id.clone(), was_inflight));
            }
        }
        for (id, was_inflight) in moved {
            let what = if was_inflight {
                "VisibilityTimeout expired: visible again"
            } else {
                "DelaySeconds over: visible"
            };
            self.life(&id, now, what.into());
            self.anims.push(Anim::Move { id });
            self.version += 1;
        }
    }

    /// Refreshes what only AWS queries tell (queue attributes, shards, objects), on a clone.
    pub fn refresh(&mut self, cloud: &Cloud) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        let mut c = cloud.clone();
        let _ = c.drain_events();
        for q in self.queues.values_mut() {
            if let Ok(out) = c.call_json(
                "sqs",
                "GetQueueAttributes",
                json!({"QueueUrl": q.url, "AttributeNames": ["All"]}),
            ) {
                if let Some(Value::Object(a)) = out.get("Attributes") {
                    for (k, v) in a {
                        if let Some(s) = v.as_str() {
                            q.attributes.insert(k.clone(), s.to_string());
                        }
                    }
                }
                if let Some(arn) = q.attributes.get("QueueArn") {
                    q.arn = arn.clone();
                }
            }
        }
        if self.subs_unchecked {
            self.subs_unchecked = false;
            for s in self.subs.values_mut() {
                if let Ok(out) =
                    c.call_json("sns", "GetSubscriptionAttributes", json!({"SubscriptionArn": s.arn}))
                {
                    let a = out.get("Attributes").cloned().unwrap_or(Value::Null);
                    s.filter_policy = field(&a, &["FilterPolicy"]).filter(|p| !p.is_empty());
                    s.filter_scope = field(&a, &["FilterPolicyScope"]);
                }
            }
        }
        for s in self.streams.values_mut() {
            if let Ok(out) = c.call_json("kinesis", "DescribeStreamSummary", json!({"StreamName": s.name})) {
                let d = out.get("StreamDescriptionSummary").cloned().unwrap_or(Value::Null);
                s.status = field(&d, &["StreamStatus"]).unwrap_or_default();
                s.arn = field(&d, &["StreamARN"]).unwrap_or_default();
            }
            if let Ok(out) = c.call_json("kinesis", "ListShards", json!({"StreamName": s.name})) {
                s.shards = out
                    .get("Shards")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(parse_shard).collect())
                    .unwrap_or_default();
            }
        }
        for b in self.buckets.values_mut() {
            if let Ok(out) = c.call_json("s3", "ListObjectsV2", json!({"Bucket": b.name})) {
                b.objects = out
                    .get("Contents")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|o| (field(o, &["Key"]).unwrap_or_default(), num(o, &["Size"]).unwrap_or(0)))
                            .collect()
                    })
                    .unwrap_or_default();
            }
        }
    }

    /// A JSON snapshot of resources and counters (the embed API's `state()`).
    pub fn state_json(&self) -> Value {
        // `extend`, not `collect`: see decouple_engine::collections::btree_map.
        let mut queues = serde_json::Map::new();
        queues.extend(self.queues.values().map(|q| {
            let msgs = self.queue_messages(&q.name);
            let count = |f: fn(&MsgState) -> bool| msgs.iter().filter(|m| f(&m.state)).count();
            (
                q.name.clone(),
                json!({
                    "url": q.url,
                    "fifo": q.fifo,
                    "waiting": count(|s| *s == MsgState::Waiting),
                    "inFlight": count(|s| matches!(s, MsgState::InFlight { .. })),
                    "delayed": count(|s| matches!(s, MsgState::Delayed { .. })),
                    "attributes": q.attributes,
                }),
            )
        }));
        json!({
            "now": self.now,
            "queues": queues,
            "topics": self.topics.values().map(|t| t.arn.clone()).collect::<Vec<_>>(),
            "subscriptions": self.subs.values().map(|s| json!({"arn": s.arn, "topic": s.topic, "protocol": s.protocol, "endpoint": s.endpoint, "filterPolicy": s.filter_policy})).collect::<Vec<_>>(),
            "streams": self.streams.values().map(|s| json!({"name": s.name, "shards": s.shards.len(), "records": s.total_records,
                "readers": s.readers.iter().map(|r| json!({"name": r.name, "shard": r.shard, "position": r.position, "read": r.read})).collect::<Vec<_>>()})).collect::<Vec<_>>(),
            "deliveryStreams": self.firehoses.values().map(|f| json!({"name": f.name, "bufferedBytes": f.buffered_bytes})).collect::<Vec<_>>(),
            "buckets": self.buckets.values().map(|b| json!({"name": b.name, "objects": b.objects.len()})).collect::<Vec<_>>(),
            "events": self.log.len(),
        })
    }
}

fn stream_of(inp: &Value) -> String {
    field(inp, &["StreamName"]).unwrap_or_else(|| arn_name(&field(inp, &["StreamARN"]).unwrap_or_default()))
}

fn parse_shard(v: &Value) -> Shard {
    let range = v.get("HashKeyRange").cloned().unwrap_or(Value::Null);
    let seqs = v.get("SequenceNumberRange").cloned().unwrap_or(Value::Null);
    Shard {
        id: field(v, &["ShardId"]).unwrap_or_default(),
        start: field(&range, &["StartingHashKey"]).and_then(|s| s.parse().ok()).unwrap_or(0),
        end: field(&range, &["EndingHashKey"]).and_then(|s| s.parse().ok()).unwrap_or(u128::MAX),
        parent: field(v, &["ParentShardId"]),
        adjacent_parent: field(v, &["AdjacentParentShardId"]),
        closed: seqs.get("EndingSequenceNumber").is_some(),
    }
}
