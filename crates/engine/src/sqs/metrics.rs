//! CloudWatch metrics per queue: namespace `AWS/SQS`, dimension `QueueName` (spec/sqs.md §10;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html>).
//!
//! Gauges (`ApproximateNumberOfMessagesVisible`, `…NotVisible`, `…Delayed`,
//! `ApproximateAgeOfOldestMessage`) get a sample whenever they change; counters
//! (`NumberOfMessagesSent`, `…Received`, `…Deleted`, `NumberOfEmptyReceives`,
//! `SentMessageSize`) get one sample per event.
//!
//! # Fidelity
//! * Samples are taken at every change, not once a minute (see [`crate::metrics`]).
//! * DLQ moves are not counted as sent; duplicate deletes are counted as deleted (aws-doc).
//! * `ApproximateAgeOfOldestMessage` skips messages received three or more times (poison-pill
//!   rule) among the oldest 64 messages. In a standard DLQ it counts from the original send
//!   (AWS: from the move); in a FIFO DLQ from the move.

use crate::metrics::{MetricId, MetricKey, Metrics};
use crate::time::{Instant, SECOND};

use super::store::Counts;

pub const NAMESPACE: &str = "AWS/SQS";
const DIMENSION: &str = "QueueName";
const OLDEST_LOOKAHEAD: usize = 64;

/// The interned metric series of one queue, and the last gauge values recorded.
#[derive(Clone, Debug)]
pub struct QueueMetrics {
    visible: MetricId,
    not_visible: MetricId,
    delayed: MetricId,
    age: MetricId,
    sent: MetricId,
    received: MetricId,
    deleted: MetricId,
    empty: MetricId,
    size: MetricId,
    last: Option<(Counts, u64)>,
}

/// A counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counter {
    Sent,
    Received,
    Deleted,
    EmptyReceives,
    SentMessageSize,
}

impl QueueMetrics {
    pub fn new(metrics: &mut Metrics, queue: &str) -> Self {
        let mut k = |n: &str| metrics.intern(&MetricKey::new(NAMESPACE, n, DIMENSION, queue));
        Self {
            visible: k("ApproximateNumberOfMessagesVisible"),
            not_visible: k("ApproximateNumberOfMessagesNotVisible"),
            delayed: k("ApproximateNumberOfMessagesDelayed"),
            age: k("ApproximateAgeOfOldestMessage"),
            sent: k("NumberOfMessagesSent"),
            received: k("NumberOfMessagesReceived"),
            deleted: k("NumberOfMessagesDeleted"),
            empty: k("NumberOfEmptyReceives"),
            size: k("SentMessageSize"),
            last: None,
        }
    }

    /// Records `value` on a counter.
    pub fn count(&self, m: &mut Metrics, now: Instant, c: Counter, value: f64) {
        let key = match c {
            Counter::Sent => &self.sent,
            Counter::Received => &self.received,
            Counter::Deleted => &self.deleted,
            Counter::EmptyReceives => &self.empty,
            Counter::SentMessageSize => &self.size,
        };
        m.record_id(*key, now, value);
    }

    /// Samples the gauges that changed since the last sample (all four the first time).
    pub fn gauges(&mut self, m: &mut Metrics, now: Instant, counts: Counts, oldest: Option<Instant>) {
        let age = oldest.map_or(0, |t| now.since(t) / SECOND);
        let first = self.last.is_none();
        let (prev, prev_age) = self.last.unwrap_or_default();
        if first || prev.visible != counts.visible {
            m.record_id(self.visible, now, counts.visible as f64);
        }
        if first || prev.in_flight != counts.in_flight {
            m.record_id(self.not_visible, now, counts.in_flight as f64);
        }
        if first || prev.delayed != counts.delayed {
            m.record_id(self.delayed, now, counts.delayed as f64);
        }
        if first || prev_age != age {
            m.record_id(self.age, now, age as f64);
        }
        self.last = Some((counts, age));
    }

    /// How many retention entries the age gauge looks at.
    pub const fn lookahead() -> usize {
        OLDEST_LOOKAHEAD
    }
}
