//! CloudWatch-style metrics over virtual time, shared by every service.
//!
//! Services record counters (`NumberOfMessagesSent`, `NumberOfNotificationsDelivered`, …)
//! and gauge samples (`ApproximateNumberOfMessagesVisible`, …) as they happen; the store
//! aggregates them into one-minute datapoints (CloudWatch's standard resolution for SQS and
//! SNS, <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html>)
//! with the five statistics `Sum`, `SampleCount`, `Average`, `Minimum`, `Maximum`.
//! The playground charts them; alarms and the autoscale actor read them.
//!
//! # Fidelity
//! * AWS publishes a gauge once a minute; here every change is a sample, so `Maximum` and
//!   `Minimum` show peaks that a once-a-minute sample could miss. `last` is the value at the
//!   end of the minute, which is what CloudWatch's sample shows.
//! * Datapoints exist only for minutes in which something was recorded (CloudWatch also
//!   omits empty periods for inactive resources).

use crate::collections::VecMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::time::{Instant, MINUTE};

/// Identifies one metric: namespace, name and its single dimension (`QueueName`,
/// `TopicName`, `StreamName`, `DeliveryStreamName`, …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetricKey {
    pub namespace: String,
    pub name: String,
    pub dimension_name: String,
    pub dimension_value: String,
}

impl MetricKey {
    pub fn new(namespace: &str, name: &str, dimension_name: &str, dimension_value: &str) -> Self {
        Self {
            namespace: namespace.into(),
            name: name.into(),
            dimension_name: dimension_name.into(),
            dimension_value: dimension_value.into(),
        }
    }
}

/// One minute of one metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Datapoint {
    pub sum: f64,
    pub sample_count: u64,
    pub minimum: f64,
    pub maximum: f64,
    /// The last sample of the minute (a gauge's value at the minute's end).
    pub last: f64,
}

impl Datapoint {
    fn new(v: f64) -> Self {
        Self { sum: v, sample_count: 1, minimum: v, maximum: v, last: v }
    }
    #[inline]
    fn add(&mut self, v: f64) {
        self.sum += v;
        self.sample_count += 1;
        // `f64::min`/`max` without their NaN handling (a comparison each): samples are
        // counts, sizes and durations, never NaN, and for other values the two agree.
        if v < self.minimum {
            self.minimum = v;
        }
        if v > self.maximum {
            self.maximum = v;
        }
        self.last = v;
    }
    fn merge(&mut self, o: &Datapoint) {
        self.sum += o.sum;
        self.sample_count += o.sample_count;
        self.minimum = self.minimum.min(o.minimum);
        self.maximum = self.maximum.max(o.maximum);
        self.last = o.last;
    }
    /// `Sum / SampleCount`.
    pub fn average(&self) -> f64 {
        if self.sample_count == 0 {
            0.0
        } else {
            self.sum / self.sample_count as f64
        }
    }
}

/// Names one interned series: [`Metrics::intern`] once, then [`Metrics::record_id`] on the hot
/// path (no string comparison, no allocation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetricId(u32);

#[derive(Clone, Debug)]
struct Series {
    /// `(minute start in epoch ms, datapoint)`, ascending (virtual time only moves forward, so
    /// samples append at the end).
    points: Vec<(u64, Datapoint)>,
    forgotten: bool,
}

/// All metrics of a world: per key, one [`Datapoint`] per minute that saw a sample.
#[derive(Clone, Debug, Default)]
pub struct Metrics {
    ids: VecMap<MetricKey, MetricId>,
    series: Vec<Series>,
}

impl Metrics {
    /// The id of `key`'s series, creating it on first use.
    pub fn intern(&mut self, key: &MetricKey) -> MetricId {
        if let Some(id) = self.ids.get(key) {
            return *id;
        }
        let id = MetricId(self.series.len() as u32);
        self.series.push(Series { points: Vec::new(), forgotten: false });
        self.ids.insert(key.clone(), id);
        id
    }

    /// Records one sample of `value` at `at` (a counter increment or a gauge reading).
    pub fn record(&mut self, key: &MetricKey, at: Instant, value: f64) {
        let id = self.intern(key);
        self.record_id(id, at, value);
    }

    /// [`Metrics::record`] by interned id. A forgotten series (deleted resource) ignores it.
    #[inline]
    pub fn record_id(&mut self, id: MetricId, at: Instant, value: f64) {
        let Some(series) = self.series.get_mut(id.0 as usize) else { return };
        if let Some((m, d)) = series.points.last_mut() {
            // The common case, inline and without a division: another sample in the latest
            // minute (a forgotten series has no points).
            if at.millis() >= *m && at.millis() - *m < MINUTE {
                d.add(value);
                return;
            }
        }
        Self::record_new_minute(series, at, value);
    }

    /// [`Metrics::record_id`] for a sample outside the series' latest minute.
    #[inline(never)]
    fn record_new_minute(series: &mut Series, at: Instant, value: f64) {
        if series.forgotten {
            return;
        }
        let minute = at.millis() / MINUTE * MINUTE;
        match series.points.last_mut() {
            Some((m, d)) if *m == minute => d.add(value),
            Some((m, _)) if *m > minute => {
                let i = series.points.partition_point(|(p, _)| *p < minute);
                match series.points.get_mut(i) {
                    Some((p, d)) if *p == minute => d.add(value),
                    _ => series.points.insert(i, (minute, Datapoint::new(value))),
                }
            }
            _ => series.points.push((minute, Datapoint::new(value))),
        }
    }

    fn points(&self, key: &MetricKey) -> &[(u64, Datapoint)] {
        match self.ids.get(key).and_then(|id| self.series.get(id.0 as usize)) {
            Some(s) => &s.points,
            None => &[],
        }
    }

    /// Per-minute datapoints of a metric, oldest first (minute start in epoch ms).
    pub fn series(&self, key: &MetricKey) -> impl Iterator<Item = (Instant, &Datapoint)> {
        self.points(key).iter().map(|(m, d)| (Instant(*m), d))
    }

    /// The most recent sample recorded for a metric.
    pub fn latest(&self, key: &MetricKey) -> Option<f64> {
        self.points(key).last().map(|(_, d)| d.last)
    }

    /// Every metric key that has data, in order (for `ListMetrics`-style views). A series
    /// interned ahead of use (a resource's metric ids, built at creation) is not listed until
    /// its first sample: "ListMetrics doesn't return information about metrics if those metrics
    /// haven't reported data" (https://docs.aws.amazon.com/cli/latest/reference/cloudwatch/list-metrics.html;
    /// the two-week horizon is not modelled).
    pub fn keys(&self) -> impl Iterator<Item = &MetricKey> {
        self.ids
            .iter()
            .filter(|(_, id)| self.series.get(id.0 as usize).is_some_and(|s| !s.points.is_empty()))
            .map(|(k, _)| k)
    }

    /// Aggregates datapoints into periods of `period_ms` between `start` (inclusive) and
    /// `end` (exclusive), as `GetMetricStatistics` does. Periods with no sample are omitted.
    pub fn statistics(
        &self,
        key: &MetricKey,
        start: Instant,
        end: Instant,
        period_ms: u64,
    ) -> Vec<(Instant, Datapoint)> {
        let period = period_ms.max(MINUTE);
        let mut out: Vec<(Instant, Datapoint)> = Vec::new();
        let points = self.points(key);
        let from = points.partition_point(|(m, _)| *m < start.millis());
        for (minute, d) in points[from..].iter().take_while(|(m, _)| *m < end.millis()) {
            let bucket = start.millis() + (minute - start.millis()) / period * period;
            match out.last_mut() {
                Some((b, acc)) if b.millis() == bucket => acc.merge(d),
                _ => out.push((Instant(bucket), *d)),
            }
        }
        out
    }

    /// Forgets every series of one dimension value (a deleted resource). Ids handed out for
    /// them stop recording; interning the same key again starts a fresh series.
    pub fn forget(&mut self, namespace: &str, dimension_value: &str) {
        let series = &mut self.series;
        self.ids.retain(|k, id| {
            let gone = k.namespace == namespace && k.dimension_value == dimension_value;
            if gone {
                if let Some(s) = series.get_mut(id.0 as usize) {
                    s.forgotten = true;
                    s.points = Vec::new();
                }
            }
            !gone
        });
    }
}

/// One resource's interned metric ids by metric name: the first sample of a metric builds its
/// [`MetricKey`], later samples reuse the id (no key to build, no map lookup). Kept in the
/// resource, so it goes away with it.
#[derive(Clone, Debug, Default)]
pub struct MetricIds(Vec<(&'static str, MetricId)>);

impl MetricIds {
    /// The id of metric `name` of this resource; `key` builds its key the first time.
    pub fn id(
        &mut self,
        metrics: &mut Metrics,
        name: &'static str,
        key: impl FnOnce() -> MetricKey,
    ) -> MetricId {
        if let Some((_, id)) = self.0.iter().find(|(n, _)| *n == name) {
            return *id;
        }
        let id = metrics.intern(&key());
        self.0.push((name, id));
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_aggregate_per_minute_and_period() {
        let mut m = Metrics::default();
        let k = MetricKey::new("AWS/SQS", "NumberOfMessagesSent", "QueueName", "q");
        let t0 = Instant(1_704_067_200_000);
        m.record(&k, t0, 1.0);
        m.record(&k, t0.plus(59_999), 2.0);
        m.record(&k, t0.plus(60_000), 5.0);
        let per_minute: Vec<_> = m.series(&k).map(|(t, d)| (t, d.sum)).collect();
        assert_eq!(per_minute, [(t0, 3.0), (t0.plus(60_000), 5.0)]);
        let five = m.statistics(&k, t0, t0.plus(300_000), 300_000);
        assert_eq!(five.len(), 1);
        assert_eq!(five[0].1.sum, 8.0);
        assert_eq!(five[0].1.sample_count, 3);
        assert_eq!(five[0].1.maximum, 5.0);
        assert_eq!(m.latest(&k), Some(5.0));
    }

    #[test]
    fn a_series_is_listed_from_its_first_sample() {
        let mut m = Metrics::default();
        let k = MetricKey::new("AWS/SNS", "NumberOfMessagesPublished", "TopicName", "t");
        let id = m.intern(&k);
        assert_eq!(m.keys().count(), 0, "interned ahead of use, no data yet");
        m.record_id(id, Instant(1_704_067_200_000), 1.0);
        assert_eq!(m.keys().collect::<Vec<_>>(), [&k]);
    }

    #[test]
    fn interned_ids_record_and_forgotten_series_restart() {
        let mut m = Metrics::default();
        let k = MetricKey::new("AWS/SQS", "NumberOfMessagesSent", "QueueName", "q");
        let t0 = Instant(1_704_067_200_000);
        let id = m.intern(&k);
        assert_eq!(m.intern(&k), id);
        m.record_id(id, t0, 1.0);
        m.record(&k, t0.plus(1), 1.0);
        assert_eq!(m.series(&k).map(|(_, d)| d.sum).collect::<Vec<_>>(), [2.0]);
        m.forget("AWS/SQS", "q");
        m.record_id(id, t0.plus(2), 1.0);
        assert_eq!(m.series(&k).count(), 0);
        assert_eq!(m.keys().count(), 0);
        let fresh = m.intern(&k);
        assert_ne!(fresh, id);
        m.record_id(fresh, t0.plus(3), 7.0);
        assert_eq!(m.latest(&k), Some(7.0));
    }

    #[test]
    fn metric_ids_build_each_key_once_and_record_into_the_same_series() {
        let mut m = Metrics::default();
        let mut ids = MetricIds::default();
        let k = MetricKey::new("AWS/Kinesis", "IncomingRecords", "StreamName", "s");
        let mut built = 0;
        for v in [1.0, 2.0] {
            let id = ids.id(&mut m, "IncomingRecords", || {
                built += 1;
                k.clone()
            });
            m.record_id(id, Instant(0), v);
        }
        m.record(&k, Instant(0), 3.0);
        assert_eq!(built, 1);
        assert_eq!(m.series(&k).map(|(_, d)| (d.sum, d.sample_count)).collect::<Vec<_>>(), [(6.0, 3)]);
    }
}
