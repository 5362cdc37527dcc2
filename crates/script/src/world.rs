//! The simulated cloud as the script runtime drives it: every call goes through
//! [`Cloud::call_json`] (the JSON edge), engine events are collected into the trace of the
//! line being run, and the work of one line is bounded by a step budget.

use alloc::collections::BTreeMap;

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use decouple_engine::collections::VecMap;
use decouple_engine::{ApiError, Cloud, Instant};
use serde_json::{json, Value};

use crate::template::SplitMix;
use crate::trace::{ScriptEvent, ScriptEventKind, Trace};

/// Bounds that keep any script from freezing the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Engine calls, clock jumps and actor steps allowed while running one line.
    pub max_steps_per_line: u64,
    /// Actors alive or dead in one session.
    pub max_actors: usize,
    /// Events (engine and script) recorded in one session.
    pub max_events: u64,
    /// Messages and records producers may send in one session.
    pub max_messages: u64,
    /// How far the virtual clock may move from the start of the scenario.
    pub max_virtual_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_steps_per_line: 200_000,
            max_actors: 200,
            max_events: 500_000,
            max_messages: 100_000,
            max_virtual_ms: 30 * 24 * 3_600_000,
        }
    }
}

/// The cloud plus what the runtime records about it.
#[derive(Clone, Debug)]
pub struct World {
    pub cloud: Cloud,
    pub start: Instant,
    pub limits: Limits,
    pub rng: SplitMix,
    /// Trace of the line being run.
    pub trace: Vec<Trace>,
    /// Standard output of the line being run (an `at` body prints into it).
    pub stdout: String,
    pub stderr: String,
    /// Steps used by the line being run.
    pub steps: u64,
    pub total_events: u64,
    pub messages_sent: u64,
    /// Times each message (by source and id, as [`pair_key`]) was processed successfully by an
    /// actor.
    pub processed: BTreeMap<String, u64>,
    /// Bodies of received messages by (actor, message id), in order of processing, for
    /// ordering checks.
    pub processed_bodies: VecMap<String, Vec<String>>,
    /// Bodies received and not yet processed, by [`pair_key`] of actor and message id.
    bodies: BTreeMap<String, String>,
    /// Per-actor counts: (actor, "received" | "processed" | "failed") → n.
    pub counts: VecMap<(String, &'static str), u64>,
    /// Set when a limit is reached; the runtime turns it into an error.
    pub limit_hit: Option<String>,
}

/// `(a, b)` as one key, `a` NUL `b`: ordered as the pair is, since neither resource nor actor
/// names hold a NUL, and split back by [`split_pair_key`]. The maps keyed by pairs of strings
/// were two more B-tree types in the playground's wasm (~10 KB of code).
pub fn pair_key(a: &str, b: &str) -> String {
    let mut k = String::with_capacity(a.len() + 1 + b.len());
    k.push_str(a);
    k.push('\0');
    k.push_str(b);
    k
}

/// The two halves of a [`pair_key`].
pub fn split_pair_key(k: &str) -> (&str, &str) {
    k.split_once('\0').unwrap_or((k, ""))
}

impl World {
    pub fn new(cloud: Cloud, limits: Limits, seed: u64) -> Self {
        Self {
            start: cloud.now(),
            cloud,
            limits,
            rng: SplitMix(seed ^ 0x5C21_D7E0_A11C_E5ED),
            trace: Vec::new(),
            stdout: String::new(),
            stderr: String::new(),
            steps: 0,
            total_events: 0,
            messages_sent: 0,
            processed: BTreeMap::new(),
            processed_bodies: VecMap::new(),
            bodies: BTreeMap::new(),
            counts: VecMap::new(),
            limit_hit: None,
        }
    }

    pub fn now(&self) -> Instant {
        self.cloud.now()
    }

    /// Counts one step against the line's budget; false once the budget is spent.
    pub fn step(&mut self) -> bool {
        self.steps += 1;
        if self.steps > self.limits.max_steps_per_line && self.limit_hit.is_none() {
            self.limit_hit = Some(format!(
                "step budget exhausted: this line needed more than {} engine calls and actor steps \
                 (reduce the actors' rates, the sleep, or the message counts)",
                self.limits.max_steps_per_line
            ));
        }
        self.limit_hit.is_none()
    }

    /// One API call through the JSON edge.
    pub fn call(&mut self, service: &str, action: &str, input: Value) -> Result<Value, ApiError> {
        self.step();
        let r = self.cloud.call_json(service, action, input);
        self.collect();
        r
    }

    /// A call whose result matters only to the runtime (no events kept, no budget): used on
    /// a snapshot by checks.
    pub fn peek(cloud: &mut Cloud, service: &str, action: &str, input: Value) -> Result<Value, ApiError> {
        let r = cloud.call_json(service, action, input);
        cloud.drain_events();
        r
    }

    /// Moves the clock (firing engine timers) and collects their events.
    pub fn advance_to(&mut self, t: Instant) {
        self.step();
        self.cloud.advance_to(t);
        self.collect();
    }

    /// Moves engine events into the trace.
    pub fn collect(&mut self) {
        let events = self.cloud.drain_events();
        self.total_events += events.len() as u64;
        self.trace.extend(events.into_iter().map(Trace::Engine));
        self.check_events();
    }

    fn check_events(&mut self) {
        if self.total_events > self.limits.max_events && self.limit_hit.is_none() {
            self.limit_hit = Some(format!(
                "event limit reached: the scenario recorded more than {} events",
                self.limits.max_events
            ));
        }
    }

    /// Records a script event now.
    pub fn emit(&mut self, kind: ScriptEventKind) {
        match &kind {
            ScriptEventKind::ActorReceived { actor, message_id, body, .. } => {
                self.count(actor, "received");
                self.bodies.insert(pair_key(actor, message_id), body.clone());
            }
            ScriptEventKind::ActorProcessed { actor, message_id, source } => {
                self.count(actor, "processed");
                *self.processed.entry(pair_key(source, message_id)).or_insert(0) += 1;
                let body = self.bodies.remove(&pair_key(actor, message_id)).unwrap_or_default();
                self.processed_bodies.entry(actor.clone()).or_default().push(body);
            }
            ScriptEventKind::ActorFailed { actor, .. } => self.count(actor, "failed"),
            _ => {}
        }
        self.total_events += 1;
        self.trace.push(Trace::Script(ScriptEvent { at: self.now(), service: "script", kind }));
        self.check_events();
    }

    fn count(&mut self, actor: &str, what: &'static str) {
        *self.counts.entry((actor.to_string(), what)).or_insert(0) += 1;
    }

    /// Records an actor's failed call.
    pub fn actor_error(&mut self, actor: &str, e: &ApiError) {
        self.emit(ScriptEventKind::ActorError {
            actor: actor.to_string(),
            code: e.code.to_string(),
            message: e.message.clone(),
        });
    }

    /// The URL of a queue given by name, URL or ARN.
    pub fn queue_url(&mut self, q: &str) -> Result<String, ApiError> {
        if q.starts_with("https://") || q.starts_with("http://") {
            return Ok(q.to_string());
        }
        let name = if q.starts_with("arn:") { q.rsplit(':').next().unwrap_or(q) } else { q };
        let out = self.call("sqs", "GetQueueUrl", json!({ "QueueName": name }))?;
        Ok(out.get("QueueUrl").and_then(Value::as_str).unwrap_or_default().to_string())
    }

    /// `ApproximateNumberOfMessages*` attributes of a queue (visible, in flight, delayed).
    pub fn queue_depth(cloud: &mut Cloud, url: &str) -> Result<(u64, u64, u64), ApiError> {
        let out = Self::peek(
            cloud,
            "sqs",
            "GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": [
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]}),
        )?;
        let get = |k: &str| -> u64 {
            out.pointer(&format!("/Attributes/{k}"))
                .and_then(|v| v.as_str().and_then(|s| s.parse().ok()).or_else(|| v.as_u64()))
                .unwrap_or(0)
        };
        Ok((
            get("ApproximateNumberOfMessages"),
            get("ApproximateNumberOfMessagesNotVisible"),
            get("ApproximateNumberOfMessagesDelayed"),
        ))
    }
}
