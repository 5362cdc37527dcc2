//! A queue consumer (`consumer NAME on QUEUE …`) and a Lambda function on a queue (`lambda
//! NAME on QUEUE`): receive, process for a while, delete on success; a failed message is not
//! deleted, so it comes back after the visibility timeout (and, with a redrive policy, ends
//! in the dead-letter queue after maxReceiveCount receives).
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html>
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html>

use alloc::collections::VecDeque;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use decouple_engine::Instant;
use serde_json::{json, Map, Value};

use super::spec::Fail;
use crate::trace::ScriptEventKind as Ev;
use crate::world::World;

/// A received message.
#[derive(Clone, Debug)]
pub struct Msg {
    pub id: String,
    pub receipt: String,
    pub body: String,
    pub receive_count: u64,
}

/// Lambda-specific behaviour of a queue poller.
#[derive(Clone, Debug)]
pub struct LambdaMode {
    pub report_item_failures: bool,
}

#[derive(Clone, Debug)]
enum State {
    /// Ready to receive now.
    Ready,
    /// Long-polling since an empty receive at `since` (the actor's wake-up is the poll's end).
    Polling { since: Instant },
    /// Handling received messages, one per `process_ms` (a Lambda: the whole batch at once).
    Busy(VecDeque<Msg>),
}

#[derive(Clone, Debug)]
pub struct Consumer {
    pub url: String,
    pub queue: String,
    pub wait_s: u64,
    pub batch: u64,
    pub visibility: Option<u64>,
    pub process_ms: u64,
    pub fail: Fail,
    pub crash_after: Option<u64>,
    pub lambda: Option<LambdaMode>,
    handled: u64,
    state: State,
}

impl Consumer {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        url: String,
        queue: String,
        wait_s: u64,
        batch: u64,
        visibility: Option<u64>,
        process_ms: u64,
        fail: Fail,
        crash_after: Option<u64>,
        lambda: Option<LambdaMode>,
    ) -> Self {
        Self {
            url,
            queue,
            wait_s,
            batch,
            visibility,
            process_ms,
            fail,
            crash_after,
            lambda,
            handled: 0,
            state: State::Ready,
        }
    }

    /// While long-polling: the instant the poll started, to wake early when messages appear.
    pub fn polling_since(&self) -> Option<Instant> {
        match self.state {
            State::Polling { since } => Some(since),
            _ => None,
        }
    }

    /// Messages received and not yet handled (lost if the actor stops).
    pub fn in_flight(&self) -> u64 {
        match &self.state {
            State::Busy(m) => m.len() as u64,
            _ => 0,
        }
    }

    /// Acts once; returns the next wake-up, or `None` when the actor is gone (crashed).
    pub fn step(&mut self, w: &mut World, name: &str) -> Option<Instant> {
        let now = w.now();
        match core::mem::replace(&mut self.state, State::Ready) {
            State::Ready | State::Polling { .. } => Some(self.receive(w, name, now)),
            State::Busy(msgs) => self.handle(w, name, msgs),
        }
    }

    fn receive(&mut self, w: &mut World, name: &str, now: Instant) -> Instant {
        let mut input = json!({
            "QueueUrl": self.url,
            "MaxNumberOfMessages": self.batch.min(10),
            "AttributeNames": ["All"],
            "MessageAttributeNames": ["All"],
            "WaitTimeSeconds": 0,
        });
        if let (Some(v), Some(o)) = (self.visibility, input.as_object_mut()) {
            o.insert("VisibilityTimeout".into(), json!(v));
        }
        let msgs = match w.call("sqs", "ReceiveMessage", input) {
            Ok(out) => parse_messages(&out),
            Err(e) => {
                w.actor_error(name, &e);
                self.state = State::Polling { since: now };
                return now.plus(1000);
            }
        };
        if msgs.is_empty() {
            let wait = if self.lambda.is_some() { 20_000 } else { (self.wait_s * 1000).max(1000) };
            let until = now.plus(wait);
            self.state = State::Polling { since: now };
            return until;
        }
        for m in &msgs {
            w.emit(Ev::ActorReceived {
                actor: name.to_string(),
                source: self.queue.clone(),
                message_id: m.id.clone(),
                body: m.body.clone(),
                receive_count: m.receive_count,
            });
        }
        if self.lambda.is_some() {
            w.emit(Ev::LambdaInvoked {
                actor: name.to_string(),
                source: self.queue.clone(),
                batch_size: msgs.len() as u64,
            });
        }
        self.state = State::Busy(msgs.into());
        now.plus(self.process_ms)
    }

    fn handle(&mut self, w: &mut World, name: &str, mut msgs: VecDeque<Msg>) -> Option<Instant> {
        let now = w.now();
        if let Some(mode) = self.lambda.clone() {
            // One invocation handles the whole batch.
            let verdicts: Vec<(Msg, Option<String>)> = msgs
                .drain(..)
                .map(|m| {
                    self.handled += 1;
                    let f = self.fail.fails(self.handled, &m.body);
                    (m, f)
                })
                .collect();
            let any_failed = verdicts.iter().any(|(_, f)| f.is_some());
            for (m, f) in verdicts {
                match f {
                    Some(reason) => self.failed(w, name, &m, reason),
                    None if any_failed && !mode.report_item_failures => {
                        self.failed(w, name, &m, "another message of the batch failed".to_string())
                    }
                    None => self.delete(w, name, &m),
                }
            }
            self.state = State::Ready;
            return Some(now);
        }
        let Some(m) = msgs.pop_front() else {
            self.state = State::Ready;
            return Some(now);
        };
        self.handled += 1;
        match self.fail.fails(self.handled, &m.body) {
            Some(reason) => self.failed(w, name, &m, reason),
            None => self.delete(w, name, &m),
        }
        if self.crash_after.is_some_and(|n| self.handled >= n) {
            w.emit(Ev::ActorCrashed { actor: name.to_string(), in_flight: msgs.len() as u64 });
            return None;
        }
        if msgs.is_empty() {
            self.state = State::Ready;
            Some(now)
        } else {
            self.state = State::Busy(msgs);
            Some(now.plus(self.process_ms))
        }
    }

    fn failed(&self, w: &mut World, name: &str, m: &Msg, reason: String) {
        w.emit(Ev::ActorFailed {
            actor: name.to_string(),
            source: self.queue.clone(),
            message_id: m.id.clone(),
            reason,
        });
    }

    fn delete(&self, w: &mut World, name: &str, m: &Msg) {
        let r = w.call("sqs", "DeleteMessage", json!({"QueueUrl": self.url, "ReceiptHandle": m.receipt}));
        w.emit(Ev::ActorProcessed {
            actor: name.to_string(),
            source: self.queue.clone(),
            message_id: m.id.clone(),
        });
        if let Err(e) = r {
            w.actor_error(name, &e);
        }
    }
}

/// `Messages` of a ReceiveMessage output.
pub fn parse_messages(out: &Value) -> Vec<Msg> {
    let empty = Vec::new();
    let list = out.get("Messages").and_then(Value::as_array).unwrap_or(&empty);
    list.iter()
        .map(|m| {
            let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let attrs = m.get("Attributes").and_then(Value::as_object).cloned().unwrap_or_else(Map::new);
            let rc = attrs
                .get("ApproximateReceiveCount")
                .and_then(|v| v.as_str().and_then(|s| s.parse().ok()).or_else(|| v.as_u64()))
                .unwrap_or(1);
            Msg { id: s("MessageId"), receipt: s("ReceiptHandle"), body: s("Body"), receive_count: rc }
        })
        .collect()
}
