//! The metrics panel: CloudWatch sparklines read through the engine's
//! `cloudwatch.GetMetricStatistics`, as a learner would read them in the console: one bar per
//! period (60 s, longer for long runs), per resource: queue depth, messages in flight and the
//! age of the oldest message (AWS/SQS); write rate against the shard limit and iterator age
//! (AWS/Kinesis); incoming bytes and the buffer's fill (AWS/Firehose).
//!
//! # Fidelity
//! * SQS gauges are recorded when they change; a period without a sample shows the value of
//!   the last sample before it (CloudWatch reports active queues every minute), and a gauge's
//!   number is its latest sample, the value now.
//! * The Firehose buffer fill is not a CloudWatch metric: it is read from the delivery
//!   stream's buffer (bytes buffered against `BufferingHints.SizeInMBs`).

use decouple_engine::kinesis::throughput::{WRITE_BYTES_PER_SECOND, WRITE_RECORDS_PER_SECOND};
use decouple_engine::metrics::MetricKey;
use decouple_engine::Cloud;
use serde_json::json;
use yew::prelude::*;

use crate::app::Props;
use crate::i18n::t;
use crate::world::World;

/// Periods shown per sparkline.
const PERIODS: u64 = 15;
/// Kinesis write limit per open shard (1 MiB/s, 1,000 records/s), as the engine enforces it.
const SHARD_BYTES_PER_S: f64 = WRITE_BYTES_PER_SECOND as f64;
const SHARD_RECORDS_PER_S: f64 = WRITE_RECORDS_PER_SECOND as f64;

/// What a row shows of a metric's datapoints.
#[derive(Clone, Copy, PartialEq)]
enum Stat {
    /// A gauge: the period's Maximum, carried over empty periods.
    Gauge,
    /// A counter as a rate: the period's Sum divided by the period.
    PerSecond,
    /// A counter: the period's Sum.
    Sum,
}

/// One sparkline row.
#[derive(Clone, PartialEq)]
pub struct Row {
    /// Catalog key of the label.
    label: &'static str,
    resource: String,
    metric: String,
    namespace: &'static str,
    values: Vec<f64>,
    /// A limit line (e.g. the shards' write limit).
    limit: Option<f64>,
    /// The current value.
    text: String,
    /// The value against the limit, if any.
    note: String,
}

/// The period for a run of `elapsed_ms`: 60 s, or longer so that 15 periods cover it.
pub fn period_s(elapsed_ms: u64) -> u64 {
    let per = elapsed_ms.div_ceil(PERIODS * 1000);
    (per.div_ceil(60) * 60).max(60)
}

/// Datapoints per period of one metric, oldest first, `PERIODS` of them ending with the
/// period that holds `now_ms`.
fn series(
    cloud: &mut Cloud,
    ns: &str,
    metric: &str,
    dim: (&str, &str),
    period: u64,
    now_ms: u64,
    stat: Stat,
) -> Vec<f64> {
    let now_s = now_ms / 1000;
    let end = (now_s / period + 1) * period;
    let start = end.saturating_sub(PERIODS * period);
    let statistic = if stat == Stat::Gauge { "Maximum" } else { "Sum" };
    let answer = cloud.call_json(
        "cloudwatch",
        "GetMetricStatistics",
        json!({
            "Namespace": ns, "MetricName": metric,
            "Dimensions": [{"Name": dim.0, "Value": dim.1}],
            "StartTime": start, "EndTime": end, "Period": period, "Statistics": [statistic],
        }),
    );
    let points: Vec<(u64, f64)> = answer
        .ok()
        .and_then(|v| v.get("Datapoints").cloned())
        .and_then(|d| d.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|p| Some((p.get("Timestamp")?.as_f64()? as u64, p.get(statistic)?.as_f64()?)))
        .collect();
    // A gauge in a period without a sample holds the value of its last sample before it (the
    // value at the end of the last minute that changed it), not that period's Maximum: a
    // queue that drained to 0 reads 0 afterwards.
    let key = MetricKey::new(ns, metric, dim.0, dim.1);
    let lasts: Vec<(u64, f64)> = if stat == Stat::Gauge {
        cloud.ctx.metrics.series(&key).map(|(m, d)| (m.millis() / 1000, d.last)).collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(PERIODS as usize);
    for i in 0..PERIODS {
        let at = start + i * period;
        let v = points.iter().find(|(t, _)| *t == at).map(|(_, v)| *v);
        let v = match (stat, v) {
            (Stat::Gauge, Some(v)) => v,
            (Stat::Gauge, None) => lasts.iter().rev().find(|(m, _)| *m < at).map_or(0.0, |(_, v)| *v),
            (Stat::PerSecond, v) => v.unwrap_or(0.0) / period as f64,
            (Stat::Sum, v) => v.unwrap_or(0.0),
        };
        out.push(v);
    }
    out
}

fn human(v: f64) -> String {
    if v >= 1_048_576.0 {
        format!("{:.1} Mi", v / 1_048_576.0)
    } else if v >= 10_000.0 {
        format!("{:.1} k", v / 1000.0)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// `v` with its unit: a prefix joins a byte unit (`1.0 MiB/s`, `12.5 kB/s`, `10 B/s`).
fn with_unit(v: f64, unit: &str) -> String {
    let h = human(v);
    match unit.strip_prefix(' ') {
        Some(u) if h.ends_with(" Mi") || h.ends_with(" k") => format!("{h}{u}"),
        _ => format!("{h}{unit}"),
    }
}

/// Every row for the world's resources.
pub fn rows(cloud: &mut Cloud, w: &World, now_ms: u64, elapsed_ms: u64) -> Vec<Row> {
    let period = period_s(elapsed_ms);
    let mut rows = Vec::new();
    let row = |cloud: &mut Cloud,
               label,
               ns,
               metric: &str,
               dim: (&str, &str),
               stat,
               limit: Option<f64>,
               unit: &str| {
        let values = series(cloud, ns, metric, dim, period, now_ms, stat);
        let last = values.last().copied().unwrap_or(0.0);
        // A gauge's number is its value now (its latest sample), as the canvas shows it; the
        // bar is the period's Maximum.
        let now_value = (stat == Stat::Gauge)
            .then(|| cloud.ctx.metrics.latest(&MetricKey::new(ns, metric, dim.0, dim.1)))
            .flatten()
            .unwrap_or(last);
        let note = match limit {
            Some(l) if l > 0.0 => format!("{:.0}% / {}", last / l * 100.0, with_unit(l, unit)),
            _ => String::new(),
        };
        let text = with_unit(now_value, unit);
        Row {
            label,
            resource: dim.1.to_string(),
            metric: metric.to_string(),
            namespace: ns,
            values,
            limit,
            text,
            note,
        }
    };
    for q in w.queues.values() {
        let d = ("QueueName", q.name.as_str());
        rows.push(row(
            cloud,
            "metric.depth",
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
            d,
            Stat::Gauge,
            None,
            "",
        ));
        rows.push(row(
            cloud,
            "metric.inflight",
            "AWS/SQS",
            "ApproximateNumberOfMessagesNotVisible",
            d,
            Stat::Gauge,
            None,
            "",
        ));
        rows.push(row(
            cloud,
            "metric.age",
            "AWS/SQS",
            "ApproximateAgeOfOldestMessage",
            d,
            Stat::Gauge,
            None,
            " s",
        ));
    }
    for s in w.streams.values() {
        let open = s.shards.iter().filter(|sh| !sh.closed).count().max(1) as f64;
        let d = ("StreamName", s.name.as_str());
        rows.push(row(
            cloud,
            "metric.write_bytes",
            "AWS/Kinesis",
            "IncomingBytes",
            d,
            Stat::PerSecond,
            Some(open * SHARD_BYTES_PER_S),
            " B/s",
        ));
        rows.push(row(
            cloud,
            "metric.write_records",
            "AWS/Kinesis",
            "IncomingRecords",
            d,
            Stat::PerSecond,
            Some(open * SHARD_RECORDS_PER_S),
            "/s",
        ));
        rows.push(row(
            cloud,
            "metric.iterator_age",
            "AWS/Kinesis",
            "GetRecords.IteratorAgeMilliseconds",
            d,
            Stat::Gauge,
            None,
            " ms",
        ));
    }
    for f in w.firehoses.values() {
        let d = ("DeliveryStreamName", f.name.as_str());
        rows.push(row(
            cloud,
            "metric.firehose_in",
            "AWS/Firehose",
            "IncomingBytes",
            d,
            Stat::Sum,
            None,
            " B",
        ));
        let cap = (f.size_mb.max(1) * 1_048_576) as f64;
        let fill = f.buffered_bytes as f64;
        rows.push(Row {
            label: "metric.buffer_fill",
            resource: f.name.clone(),
            metric: "buffer".into(),
            namespace: "AWS/Firehose",
            values: vec![fill],
            limit: Some(cap),
            text: with_unit(fill, " B"),
            note: format!("{:.1}% / {} MiB", fill / cap * 100.0, f.size_mb),
        });
    }
    rows
}

fn spark(r: &Row) -> Html {
    const W: f64 = 120.0;
    const H: f64 = 28.0;
    if r.metric == "buffer" {
        let frac =
            r.limit.map(|l| (r.values.first().copied().unwrap_or(0.0) / l).clamp(0.0, 1.0)).unwrap_or(0.0);
        return html! {
            <svg class="spark meter" width="120" height="30" viewBox="0 0 120 30" aria-hidden="true">
                <rect class="track" x="0" y="9" width={W.to_string()} height="12" rx="3" />
                <rect class="fill" x="0" y="9" width={format!("{:.1}", (frac * W).max(if frac > 0.0 { 1.0 } else { 0.0 }))} height="12" rx="3" />
            </svg>
        };
    }
    let max = r.values.iter().copied().fold(0.0, f64::max);
    let limit = r.limit.filter(|l| *l <= max * 4.0);
    let scale = limit.unwrap_or(0.0).max(max).max(1.0);
    let n = r.values.len().max(1) as f64;
    let bw = W / n;
    html! {
        <svg class="spark" width="120" height="30" viewBox="0 0 120 30" aria-hidden="true">
            { for r.values.iter().enumerate().map(|(i, v)| {
                let h = (v / scale * (H - 2.0)).max(if *v > 0.0 { 1.0 } else { 0.0 });
                html! { <rect class="bar" x={format!("{:.1}", i as f64 * bw + 0.5)} y={format!("{:.1}", H - h)} width={format!("{:.1}", (bw - 1.0).max(1.0))} height={format!("{h:.1}")} /> }
            }) }
            if let Some(l) = limit {
                <line class="limit" x1="0" x2={W.to_string()} y1={format!("{:.1}", H - l / scale * (H - 2.0))} y2={format!("{:.1}", H - l / scale * (H - 2.0))} />
            }
        </svg>
    }
}

#[function_component(Metrics)]
pub fn metrics(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    let (rows, period) = match ctl.sim.try_borrow_mut() {
        // GetMetricStatistics only reads; it needs `&mut Cloud` as every call does.
        Ok(mut sim) => {
            let sim = &mut *sim;
            let (now, elapsed) = (sim.now().millis(), sim.now().since(sim.start()));
            (rows(&mut sim.cloud, &sim.world, now, elapsed), period_s(elapsed))
        }
        Err(_) => {
            let sim = ctl.sim.borrow();
            let (now, elapsed) = (sim.now().millis(), sim.now().since(sim.start()));
            let mut cloud = sim.cloud.clone();
            (rows(&mut cloud, &sim.world, now, elapsed), period_s(elapsed))
        }
    };
    let empty = rows.is_empty();
    html! {
        <section class="panel metrics" aria-label={t(lang, "panel.metrics")}>
            <h2>{t(lang, "panel.metrics")}</h2>
            if empty { <p class="muted">{t(lang, "metrics.none")}</p> }
            else { <p class="muted small">{format!("{} {period} s · GetMetricStatistics", t(lang, "metric.period"))}</p> }
            <table class="sparks">
                <caption class="sr-only">{t(lang, "panel.metrics")}</caption>
                <tbody>
                { for rows.iter().map(|r| {
                    let desc = r.values.iter().map(|v| human(*v)).collect::<Vec<_>>().join(", ");
                    html! {
                        <tr data-metric={format!("{}/{}", r.metric, r.resource)} title={format!("{} {} ({})", r.namespace, r.metric, r.resource)}>
                            <th scope="row" class="mname">{t(lang, r.label)}<small>{format!(" {}", r.resource)}</small></th>
                            <td role="img" aria-label={desc}>{spark(r)}</td>
                            <td class="mval">{r.text.clone()}if !r.note.is_empty() { <small>{r.note.clone()}</small> }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_minutes_covering_the_run() {
        assert_eq!(period_s(0), 60);
        assert_eq!(period_s(12_000), 60);
        assert_eq!(period_s(15 * 60_000), 60);
        assert_eq!(period_s(16 * 60_000), 120);
        assert_eq!(period_s(3_600_000), 240);
        assert_eq!(with_unit(1_048_576.0, " B/s"), "1.0 MiB/s");
        assert_eq!(with_unit(12_500.0, " B/s"), "12.5 kB/s");
        assert_eq!(with_unit(10.0, " B/s"), "10 B/s");
        assert_eq!(with_unit(1000.0, "/s"), "1000/s");
    }

    #[test]
    fn queue_depth_comes_from_get_metric_statistics() {
        let mut sim = crate::sim::Sim::new(0);
        let r = sim.call("sqs", "CreateQueue", json!({"QueueName": "q"}));
        let url = r.answer["ok"]["QueueUrl"].as_str().unwrap().to_string();
        for i in 0..3 {
            sim.call("sqs", "SendMessage", json!({"QueueUrl": url, "MessageBody": format!("m{i}")}));
        }
        sim.advance(61_000);
        sim.call("sqs", "SendMessage", json!({"QueueUrl": url, "MessageBody": "late"}));
        sim.advance(1_000);
        let now = sim.now().millis();
        let elapsed = sim.now().since(sim.start());
        let mut cloud = sim.cloud.clone();
        let rows = rows(&mut cloud, &sim.world, now, elapsed);
        let depth = rows.iter().find(|r| r.metric == "ApproximateNumberOfMessagesVisible").unwrap();
        assert_eq!(depth.values.len(), PERIODS as usize);
        let tail = &depth.values[depth.values.len() - 2..];
        assert_eq!(tail, &[3.0, 4.0], "{:?}", depth.values);
        assert_eq!(depth.text, "4");
    }
}
