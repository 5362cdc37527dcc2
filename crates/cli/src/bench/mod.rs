//! Benchmarks shared by `decouple bench <suite>` and `cargo bench`: each suite measures
//! wall-clock throughput of the engine and returns [`Figure`]s. Targets live in the issues and
//! the closing notes, never in timed tests.

use std::time::{Duration, Instant};

pub mod firehose;
pub mod kinesis;
pub mod script;
pub mod sns;
pub mod sns_filter;
pub mod sqs;

/// One measured figure.
#[derive(Clone, Debug)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: &'static str,
}

impl Figure {
    pub fn new(name: impl Into<String>, value: f64, unit: &'static str) -> Self {
        Self { name: name.into(), value, unit }
    }
}

/// A suite: a name and the function that measures it (`quick` shortens the run).
pub type Suite = (&'static str, fn(quick: bool) -> Vec<Figure>);

/// Every suite, by name. Each service adds its own module and one line here.
pub const SUITES: &[Suite] = &[
    ("kinesis", kinesis::suite),
    ("kinesis-firehose", firehose::run),
    ("script", script::run_suite),
    ("sqs", sqs::run),
    ("sns", sns::run),
    ("sns-filter", sns_filter::suite),
];

/// True when `decouple bench <requested>` runs `suite`: its own name, or a suite of the same
/// family (`kinesis` runs `kinesis` and `kinesis-firehose`).
pub fn selects(requested: &str, suite: &str) -> bool {
    suite == requested || suite.strip_prefix(requested).is_some_and(|rest| rest.starts_with('-'))
}

/// Runs `f` `n` times and returns operations per second.
pub fn per_second(n: u64, mut f: impl FnMut(u64)) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        f(i);
    }
    n as f64 / start.elapsed().as_secs_f64().max(1e-9)
}

/// Runs `f` `n` times: operations per wall-clock second and, where the platform tells, per
/// CPU-second of this thread (the figure that does not depend on what else the machine runs).
pub fn rates(n: u64, mut f: impl FnMut(u64)) -> (f64, Option<f64>) {
    let cpu_start = thread_cpu_time();
    let wall = per_second(n, &mut f);
    let cpu =
        cpu_start.zip(thread_cpu_time()).map(|(a, b)| n as f64 / b.saturating_sub(a).as_secs_f64().max(1e-9));
    (wall, cpu)
}

/// CPU time this thread has run so far (Linux: `/proc/thread-self/schedstat`), or `None` where
/// that is not available. On a shared machine wall-clock figures depend on what else runs; a
/// figure per CPU-second does not.
pub fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Prints figures as aligned text.
pub fn print(suite: &str, figures: &[Figure]) {
    for f in figures {
        println!("{suite:>10}  {:<60} {:>14.0} {}", f.name, f.value, f.unit);
    }
}
