//! CloudWatch metrics of a topic: namespace `AWS/SNS`, dimension `TopicName` (spec/sns.md
//! §5.10; <https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html>).
//!
//! The series of a topic are interned once, when the topic is created, and shared by every
//! message published to it, so recording a sample neither allocates nor compares names.

use crate::metrics::{MetricId, MetricKey, Metrics};
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

/// The interned series of one topic (plain ids: cheap to copy into every message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicMetrics([MetricId; 12]);

impl TopicMetrics {
    pub fn new(metrics: &mut Metrics, topic_name: &str) -> Self {
        Self(
            TopicMetric::ALL
                .map(|m| metrics.intern(&MetricKey::new(NAMESPACE, m.name(), DIMENSION, topic_name))),
        )
    }

    /// Records `value` on `metric` at `now`.
    pub fn record(&self, metrics: &mut Metrics, metric: TopicMetric, now: Instant, value: f64) {
        if let Some(id) = self.0.get(metric as usize) {
            metrics.record_id(*id, now, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_in_variant_order() {
        let mut metrics = Metrics::default();
        let m = TopicMetrics::new(&mut metrics, "t");
        for (i, metric) in TopicMetric::ALL.iter().enumerate() {
            assert_eq!(*metric as usize, i);
            let key = MetricKey::new(NAMESPACE, metric.name(), DIMENSION, "t");
            m.record(&mut metrics, *metric, Instant(60_000), 2.0);
            assert_eq!(metrics.latest(&key), Some(2.0));
        }
    }
}
