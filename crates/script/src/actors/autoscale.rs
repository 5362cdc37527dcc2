//! `autoscale GROUP of CONSUMER on QUEUE when ApproximateNumberOfMessagesVisible > 1000 add 2`:
//! the SQS + CloudWatch alarm + EC2 Auto Scaling pattern (sqs.md §10). Once a minute (the
//! metric's period) the alarm compares the queue metric with the threshold; in alarm, and
//! outside the cooldown, the group adds instances of the consumer (up to `max`); an optional
//! `remove N when < X` rule scales in (down to `min`).
//! <https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-using-sqs-queue.html>

use alloc::string::String;
use decouple_engine::Instant;

use crate::jmespath::Cmp;

/// One evaluation period of an SQS CloudWatch metric: 1 minute.
pub const PERIOD_MS: u64 = 60_000;

#[derive(Clone, Debug)]
pub struct Autoscaler {
    pub consumer: String,
    pub url: String,
    pub queue: String,
    pub metric: String,
    pub cmp: Cmp,
    pub threshold: f64,
    pub add: u64,
    pub remove: Option<(u64, Cmp, f64)>,
    pub min: u64,
    pub max: u64,
    pub cooldown_ms: u64,
    /// Instance actor names, the original consumer first.
    pub instances: alloc::vec::Vec<String>,
    pub last_scaled: Option<Instant>,
}

/// What the alarm decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Out(u64),
    In(u64),
    Hold,
}

pub fn holds(cmp: Cmp, value: f64, threshold: f64) -> bool {
    match cmp {
        Cmp::Eq => value == threshold,
        Cmp::Ne => value != threshold,
        Cmp::Lt => value < threshold,
        Cmp::Le => value <= threshold,
        Cmp::Gt => value > threshold,
        Cmp::Ge => value >= threshold,
    }
}

impl Autoscaler {
    /// The metric's value from the queue depth (visible, in flight, delayed).
    pub fn metric_value(&self, depth: (u64, u64, u64)) -> f64 {
        match self.metric.as_str() {
            "ApproximateNumberOfMessagesNotVisible" => depth.1 as f64,
            "ApproximateNumberOfMessagesDelayed" => depth.2 as f64,
            "BacklogPerInstance" => depth.0 as f64 / (self.instances.len().max(1) as f64),
            _ => depth.0 as f64,
        }
    }

    pub fn decide(&self, now: Instant, value: f64) -> Decision {
        let cooling = self.last_scaled.is_some_and(|t| now.since(t) < self.cooldown_ms);
        if cooling {
            return Decision::Hold;
        }
        let size = self.instances.len() as u64;
        if holds(self.cmp, value, self.threshold) && size < self.max {
            return Decision::Out(self.add.min(self.max - size));
        }
        if let Some((n, c, t)) = self.remove {
            if holds(c, value, t) && size > self.min {
                return Decision::In(n.min(size - self.min));
            }
        }
        Decision::Hold
    }
}
