//! [`Cloud`]: the one owner of all simulated state, and [`Ctx`], what every service shares
//! (clock, timers, random generator, event log, configuration, metrics).

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::event::{Event, EventKind};
use crate::metrics::Metrics;
use crate::rng::Rng;
use crate::time::{Instant, TimerTable, WORLD_START};

/// How a world is set up. Same `Config` and same calls → same answers and events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Seed of the random generator (api-contract.md: seed 0 unless `--seed`).
    pub seed: u64,
    /// AWS-like liberties (sampled short polls, duplicate delivery, reordering), off by
    /// default so receives are exact (api-contract.md, simulation rule 2).
    pub chaos: bool,
    /// Account id in every ARN and URL (`000000000000`).
    pub account_id: String,
    /// Region in every ARN and URL (`us-east-1`).
    pub region: String,
    /// Where the clock starts.
    pub start: Instant,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            seed: 0,
            chaos: false,
            account_id: "000000000000".to_string(),
            region: "us-east-1".to_string(),
            start: WORLD_START,
        }
    }
}

/// A pending timer, by service. Each service defines its own timer enum.
#[derive(Clone, Debug, PartialEq)]
pub enum Timer {
    Sqs(crate::sqs::SqsTimer),
    Sns(crate::sns::SnsTimer),
    Kinesis(crate::kinesis::KinesisTimer),
    Firehose(crate::firehose::FirehoseTimer),
    Lambda(crate::lambda::LambdaTimer),
    Analytics(crate::analytics::AnalyticsTimer),
}

/// What all services share.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub config: Config,
    /// The current virtual instant.
    pub now: Instant,
    pub rng: Rng,
    pub timers: TimerTable<Timer>,
    pub metrics: Metrics,
    events: Vec<Event>,
    next_event_seq: u64,
}

impl Ctx {
    fn new(config: Config) -> Self {
        Self {
            now: config.start,
            rng: Rng::new(config.seed),
            timers: TimerTable::default(),
            metrics: Metrics::default(),
            events: Vec::new(),
            next_event_seq: 0,
            config,
        }
    }

    /// Records that something happened now.
    pub fn emit(&mut self, kind: impl Into<EventKind>) {
        let seq = self.next_event_seq;
        self.next_event_seq += 1;
        self.events.push(Event { seq, at: self.now, kind: kind.into() });
    }

    /// Schedules a timer at `at` (clamped to now: timers never fire in the past).
    pub fn schedule(&mut self, at: Instant, timer: impl Into<Timer>) -> crate::time::TimerId {
        let at = if at < self.now { self.now } else { at };
        self.timers.schedule(at, timer.into())
    }

    /// The account id, for ARNs and URLs.
    pub fn account(&self) -> &str {
        &self.config.account_id
    }

    /// The region, for ARNs and URLs.
    pub fn region(&self) -> &str {
        &self.config.region
    }
}

/// The simulated cloud. Calls are methods on it (one file per AWS action family inside each
/// service module); time moves only through [`Cloud::advance_to`] and long polls.
///
/// `Cloud` is `Clone`: a clone is a snapshot, which the playground uses to scrub back.
#[derive(Clone, Debug)]
pub struct Cloud {
    pub ctx: Ctx,
    pub sqs: crate::sqs::Sqs,
    pub sns: crate::sns::Sns,
    pub kinesis: crate::kinesis::Kinesis,
    pub firehose: crate::firehose::Firehose,
    pub s3: crate::s3::S3,
    pub lambda: crate::lambda::Lambda,
    pub analytics: crate::analytics::Analytics,
}

impl Default for Cloud {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

impl Cloud {
    /// An empty world (no queues, topics, streams or buckets) at `config.start`.
    pub fn new(config: Config) -> Self {
        Self {
            ctx: Ctx::new(config),
            sqs: Default::default(),
            sns: Default::default(),
            kinesis: Default::default(),
            firehose: Default::default(),
            s3: Default::default(),
            lambda: Default::default(),
            analytics: Default::default(),
        }
    }

    /// The current virtual instant.
    pub fn now(&self) -> Instant {
        self.ctx.now
    }

    /// The earliest pending deadline: where "jump to the next event" goes.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.ctx.timers.next_deadline()
    }

    /// Moves the clock to `t`, firing every timer due at or before `t` in `(deadline,
    /// sequence)` order. Moving backwards is a no-op.
    pub fn advance_to(&mut self, t: Instant) {
        self.advance_until(t, |_| false);
    }

    /// Moves the clock forward by `ms` milliseconds.
    pub fn advance_by(&mut self, ms: u64) {
        let t = self.ctx.now.plus(ms);
        self.advance_to(t);
    }

    /// Fires timers in order up to `limit`, checking `done` after each; stops at the instant
    /// of the first timer after which `done` holds and returns true. Otherwise the clock ends
    /// at `limit` and it returns false. Long polls use this (api-contract.md, rule 1).
    pub fn advance_until(&mut self, limit: Instant, mut done: impl FnMut(&Cloud) -> bool) -> bool {
        while let Some((deadline, timer)) = self.ctx.timers.pop_due(limit) {
            if deadline > self.ctx.now {
                self.ctx.now = deadline;
            }
            self.fire(timer);
            if done(self) {
                return true;
            }
        }
        if limit > self.ctx.now {
            self.ctx.now = limit;
        }
        false
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::Sqs(t) => self.sqs_on_timer(t),
            Timer::Sns(t) => self.sns_on_timer(t),
            Timer::Kinesis(t) => self.kinesis_on_timer(t),
            Timer::Firehose(t) => self.firehose_on_timer(t),
            Timer::Lambda(t) => self.lambda_on_timer(t),
            Timer::Analytics(t) => self.analytics_on_timer(t),
        }
    }

    /// Takes every event recorded since the last drain, oldest first.
    pub fn drain_events(&mut self) -> Vec<Event> {
        // The next batch is likely about as long as this one: reserve for it and a quarter
        // more instead of regrowing (a batch a few events longer would double and copy the
        // whole buffer); at most 16,384 events of 160 bytes, about 2.6 MB, so one burst does
        // not pin a huge buffer.
        let len = self.ctx.events.len();
        let next = Vec::with_capacity((len + len / 4).min(16_384));
        core::mem::replace(&mut self.ctx.events, next)
    }

    /// [`Cloud::drain_events`] into `out`: the events go to `out` (what it held is dropped) and
    /// `out`'s buffer keeps the events to come, so a client that drains often swaps two buffers
    /// instead of a fresh one per drain.
    pub fn drain_events_into(&mut self, out: &mut Vec<Event>) {
        out.clear();
        core::mem::swap(out, &mut self.ctx.events);
    }

    /// Events recorded since the last drain, without taking them.
    pub fn pending_events(&self) -> &[Event] {
        &self.ctx.events
    }
}

macro_rules! impl_into {
    ($($variant:ident($ty:ty) => $target:ident),* $(,)?) => {
        $(impl From<$ty> for $target {
            fn from(v: $ty) -> Self {
                $target::$variant(v)
            }
        })*
    };
}

impl_into! {
    Sqs(crate::sqs::SqsEvent) => EventKind,
    Sns(crate::sns::SnsEvent) => EventKind,
    Kinesis(crate::kinesis::KinesisEvent) => EventKind,
    Firehose(crate::firehose::FirehoseEvent) => EventKind,
    S3(crate::s3::S3Event) => EventKind,
    Lambda(crate::lambda::LambdaEvent) => EventKind,
    Analytics(crate::analytics::AnalyticsEvent) => EventKind,
    Sim(crate::event::SimEvent) => EventKind,
    Sqs(crate::sqs::SqsTimer) => Timer,
    Sns(crate::sns::SnsTimer) => Timer,
    Kinesis(crate::kinesis::KinesisTimer) => Timer,
    Firehose(crate::firehose::FirehoseTimer) => Timer,
    Lambda(crate::lambda::LambdaTimer) => Timer,
    Analytics(crate::analytics::AnalyticsTimer) => Timer,
}
