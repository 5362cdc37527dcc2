//! Actors: producers, consumers, Lambda functions, Kinesis consumers and auto-scaling
//! groups that act on the virtual clock, inside the script runtime.
//!
//! Each actor has a wake-up instant. The runtime ([`crate::session`]) advances the engine to
//! min(next actor wake-up, next engine deadline), so actors and engine timers interleave
//! deterministically (engine timers first at equal instants, then actors in creation order).
//! Everything an actor does is recorded as a [`crate::trace::ScriptEventKind`].
//!
//! # Fidelity
//! * Consumers long-poll by waking as soon as their queue shows visible messages (or when
//!   the poll's wait ends, with an empty receive), so other actors keep running meanwhile;
//!   `wait 0` polls once a second.
//! * A Lambda event source mapping is modelled as one poller per function: one batch in
//!   flight at a time (AWS scales pollers out; see sqs.md §11).
//! * Kinesis readers (Lambda and `kinesis-consumer`) poll each shard once per `poll`
//!   interval (1 s, as the Lambda ESM and the KCL default) and read child shards only after
//!   their parents are finished, as KCL and Lambda do after resharding.

pub mod autoscale;
pub mod consumer;
pub mod spec;
pub mod stream;

use alloc::string::String;
use decouple_engine::Instant;

use crate::lex::Word;
use crate::parse::Stmt;

/// A producer's state.
#[derive(Clone, Debug)]
pub struct Producer {
    pub every_ms: u64,
    pub remaining: Option<u64>,
    pub seq: u64,
    pub body: alloc::vec::Vec<Word>,
}

/// What an actor is.
#[derive(Clone, Debug)]
pub enum Kind {
    Producer(Producer),
    Consumer(consumer::Consumer),
    Stream(stream::StreamReader),
    Autoscale(autoscale::Autoscaler),
    /// An `at T:` statement waiting for its instant.
    Scheduled(Stmt),
}

/// One actor.
#[derive(Clone, Debug)]
pub struct Actor {
    pub name: String,
    /// The next instant it acts at; `None` once stopped, crashed or finished.
    pub wake: Option<Instant>,
    pub kind: Kind,
}

impl Actor {
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            Kind::Producer(_) => "producer",
            Kind::Consumer(c) if c.lambda.is_some() => "lambda",
            Kind::Consumer(_) => "consumer",
            Kind::Stream(s) if s.lambda => "lambda",
            Kind::Stream(_) => "kinesis-consumer",
            Kind::Autoscale(_) => "autoscale",
            Kind::Scheduled(_) => "at",
        }
    }
}
