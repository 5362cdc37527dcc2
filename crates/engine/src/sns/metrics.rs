//! CloudWatch metrics of a topic: namespace `AWS/SNS`, dimension `TopicName` (spec/sns.md
//! §5.10; <https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html>).
//!
//! The keys of a topic are built once, when the topic is created, and shared by every message
//! published to it, so recording a sample allocates nothing.

use alloc::sync::Arc;

use crate::metrics::{MetricKey, Metrics};
use crate::time::Instant;

pub const NAMESPACE: &str = "AWS/SNS";
const DIMENSION: &str = "TopicName";

/// The metrics SNS records for a topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopicMetric {
    NumberOfMessagesPublished,
    PublishSize,
    NumberOfNotificationsDelivered,
    NumberOfNotificationsFailed,
    NumberOfNotificationsFilteredOut,
    FilteredOutMessageAttributes,
    FilteredOutMessageBody,
    FilteredOutInvalidAttributes,
    FilteredOutNoMessageAttributes,
    FilteredOutInvalidMessageBody,
    NumberOfNotificationsRedrivenToDlq,
    NumberOfNotificationsFailedToRedriveToDlq,
}

impl TopicMetric {
    const ALL: [TopicMetric; 12] = [
        Self::NumberOfMessagesPublished,
        Self::PublishSize,
        Self::NumberOfNotificationsDelivered,
        Self::NumberOfNotificationsFailed,
        Self::NumberOfNotificationsFilteredOut,
        Self::FilteredOutMessageAttributes,
        Self::FilteredOutMessageBody,
        Self::FilteredOutInvalidAttributes,
        Self::FilteredOutNoMessageAttributes,
        Self::FilteredOutInvalidMessageBody,
        Self::NumberOfNotificationsRedrivenToDlq,
        Self::NumberOfNotificationsFailedToRedriveToDlq,
    ];

    /// The metric name as CloudWatch shows it.
    pub fn name(self) -> &'static str {
        match self {
            Self::NumberOfMessagesPublished => "NumberOfMessagesPublished",
            Self::PublishSize => "PublishSize",
            Self::NumberOfNotificationsDelivered => "NumberOfNotificationsDelivered",
            Self::NumberOfNotificationsFailed => "NumberOfNotificationsFailed",
            Self::NumberOfNotificationsFilteredOut => "NumberOfNotificationsFilteredOut",
            Self::FilteredOutMessageAttributes => "NumberOfNotificationsFilteredOut-MessageAttributes",
            Self::FilteredOutMessageBody => "NumberOfNotificationsFilteredOut-MessageBody",
            Self::FilteredOutInvalidAttributes => "NumberOfNotificationsFilteredOut-InvalidAttributes",
            Self::FilteredOutNoMessageAttributes => "NumberOfNotificationsFilteredOut-NoMessageAttributes",
            Self::FilteredOutInvalidMessageBody => "NumberOfNotificationsFilteredOut-InvalidMessageBody",
            Self::NumberOfNotificationsRedrivenToDlq => "NumberOfNotificationsRedrivenToDlq",
            Self::NumberOfNotificationsFailedToRedriveToDlq => "NumberOfNotificationsFailedToRedriveToDlq",
        }
    }
}

/// The metric keys of one topic, built once (cheap to share: one `Arc`).
#[derive(Clone, Debug, PartialEq)]
pub struct TopicMetrics(Arc<[MetricKey; 12]>);

impl TopicMetrics {
    pub fn new(topic_name: &str) -> Self {
        let keys = TopicMetric::ALL.map(|m| MetricKey::new(NAMESPACE, m.name(), DIMENSION, topic_name));
        Self(Arc::new(keys))
    }

    /// Records `value` on `metric` at `now`.
    pub fn record(&self, metrics: &mut Metrics, metric: TopicMetric, now: Instant, value: f64) {
        if let Some(key) = self.0.get(metric as usize) {
            metrics.record(key, now, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_in_variant_order() {
        let m = TopicMetrics::new("t");
        for (i, metric) in TopicMetric::ALL.iter().enumerate() {
            assert_eq!(*metric as usize, i);
            assert_eq!(m.0[i].name, metric.name());
            assert_eq!(m.0[i].dimension_value, "t");
        }
    }
}
