//! What a scenario produced: engine events and the script's own events (actors acting),
//! interleaved in the order they happened.
//!
//! A script event serialises like an engine event:
//! `{"at": 1704067201000, "service": "script", "type": "ActorReceived", "actor": "worker", …}`.

use alloc::format;
use alloc::string::{String, ToString};
use decouple_engine::{Event, Instant};
use serde::Serialize;
use serde_json::Value;

/// An event of the script runtime.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScriptEvent {
    pub at: Instant,
    pub service: &'static str,
    #[serde(flatten)]
    pub kind: ScriptEventKind,
}

/// What an actor or the runtime did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum ScriptEventKind {
    ActorStarted {
        actor: String,
        kind: String,
        source: String,
    },
    ActorStopped {
        actor: String,
    },
    /// A producer ran its command (`seq` counts from 1).
    ActorSent {
        actor: String,
        seq: u64,
    },
    ActorReceived {
        actor: String,
        source: String,
        message_id: String,
        body: String,
        receive_count: u64,
    },
    ActorProcessed {
        actor: String,
        source: String,
        message_id: String,
    },
    ActorFailed {
        actor: String,
        source: String,
        message_id: String,
        reason: String,
    },
    ActorCrashed {
        actor: String,
        in_flight: u64,
    },
    /// An AWS call of an actor failed (the actor carries on).
    ActorError {
        actor: String,
        code: String,
        message: String,
    },
    LambdaInvoked {
        actor: String,
        source: String,
        batch_size: u64,
    },
    Checkpointed {
        actor: String,
        shard_id: String,
        sequence_number: String,
    },
    /// A stream reader (`kinesis-consumer`, or `lambda` on a stream) got an iterator for a
    /// shard (`source` is `stream/shardId`): where its reading starts. GetShardIterator emits
    /// no engine event, so without this the reader's position is unknown until it reads.
    ShardIteratorObtained {
        actor: String,
        source: String,
        shard_iterator_type: String,
    },
    ScaledOut {
        group: String,
        metric: String,
        value: f64,
        from: u64,
        to: u64,
    },
    ScaledIn {
        group: String,
        metric: String,
        value: f64,
        from: u64,
        to: u64,
    },
    /// An `at T:` statement ran.
    ScheduledRan {
        line: u32,
    },
}

/// One entry of the trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Trace {
    Engine(Event),
    Script(ScriptEvent),
}

impl Trace {
    pub fn at(&self) -> Instant {
        match self {
            Trace::Engine(e) => e.at,
            Trace::Script(s) => s.at,
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Trace::Engine(e) => e.to_json(),
            Trace::Script(s) => serde_json::to_value(s).unwrap_or(Value::Null),
        }
    }

    /// The `type` of the event (`MessageSent`, `ActorReceived`).
    pub fn type_name(&self) -> String {
        self.to_json().get("type").and_then(Value::as_str).unwrap_or("").to_string()
    }

    /// One line for `decouple run --trace`: `+12.500s sqs MessageSent {…}`.
    pub fn describe(&self, start: Instant) -> String {
        let mut v = self.to_json();
        let (service, ty) = match v.as_object_mut() {
            Some(o) => {
                o.remove("at");
                o.remove("seq");
                let s = o.remove("service").and_then(|x| x.as_str().map(String::from)).unwrap_or_default();
                let t = o.remove("type").and_then(|x| x.as_str().map(String::from)).unwrap_or_default();
                (s, t)
            }
            None => (String::new(), String::new()),
        };
        let ms = self.at().since(start);
        let rest = match &v {
            Value::Object(o) if o.is_empty() => String::new(),
            other => format!(" {other}"),
        };
        format!("+{}.{:03}s {service} {ty}{rest}", ms / 1000, ms % 1000)
    }
}
