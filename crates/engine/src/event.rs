//! The event log: past-tense facts with a timestamp.
//!
//! Every state change an animation or an explanation needs is recorded as an [`Event`].
//! Each service defines its own event enum (`sqs::SqsEvent`, `sns::SnsEvent`, …); this file
//! only wraps them with the instant and a sequence number. Callers take them out with
//! [`Cloud::drain_events`](crate::Cloud::drain_events).
//!
//! With the `serde` feature an event serialises flat:
//! `{"seq": 3, "at": 1704067200000, "service": "sqs", "type": "MessageSent", ...}`.

use crate::time::Instant;

/// One thing that happened, at one virtual instant.
#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Event {
    /// Position in the log: strictly increasing, never reused.
    pub seq: u64,
    /// When it happened.
    pub at: Instant,
    /// What happened.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: EventKind,
}

/// Cloned in one place: derived, the clone of every event kind was inlined into each
/// `Vec` of events that is cloned (the engine's log, the script's trace), ~12 KB of
/// WebAssembly each.
impl Clone for Event {
    #[inline(never)]
    fn clone(&self) -> Self {
        Self { seq: self.seq, at: self.at, kind: self.kind.clone() }
    }
}

/// What happened, by service.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "service", rename_all = "lowercase"))]
pub enum EventKind {
    Sqs(crate::sqs::SqsEvent),
    Sns(crate::sns::SnsEvent),
    Kinesis(crate::kinesis::KinesisEvent),
    Firehose(crate::firehose::FirehoseEvent),
    S3(crate::s3::S3Event),
    Lambda(crate::lambda::LambdaEvent),
    Analytics(crate::analytics::AnalyticsEvent),
    Sim(SimEvent),
}

/// Events of the simulator itself.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "type"))]
pub enum SimEvent {
    /// The clock was set forward by `sim.SetClock`.
    ClockSet { from: Instant, to: Instant },
}
