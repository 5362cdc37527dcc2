//! Suite `kinesis`: Kinesis Data Streams throughput through the typed API.
//!
//! [`streams`] measures PutRecords + GetRecords on a 4-shard stream (100-byte records, 500 per
//! PutRecords, GetRecords with `Limit` 10,000), wall-clock records per second:
//!
//! * **limits on, clock advanced** — the realistic run: per virtual second each shard takes
//!   exactly its 1,000 records/s (partition keys chosen per shard), is read once, and the bench
//!   advances the virtual clock by 1,000 ms; AWS's per-shard limits are enforced and never hit.
//!   A 4-shard stream can only move 4,000 records per *virtual* second, so the engine's speed is
//!   measured in wall-clock time while virtual time runs ahead of it.
//! * **limits off** — the same calls with `KinesisSettings::throttling` off and no clock
//!   movement: the raw cost of routing, sequencing, storing, events and reading.
//!
//! A fresh world is made every 50 virtual seconds so that 24 h of retention does not pile up
//! hundreds of MB of records (each world holds 200,000). Events are drained each round, as the
//! playground does. "Put then read" is also given per CPU-second of the bench thread (Linux),
//! which stays comparable when other programs share the machine. Firehose figures are the `kinesis-firehose` suite (`bench/firehose.rs`), which
//! `decouple bench kinesis` runs too.

use decouple_engine::kinesis::iterator::GetShardIteratorInput;
use decouple_engine::kinesis::put::{PutRecordsInput, PutRecordsRequestEntry};
use decouple_engine::kinesis::read::GetRecordsInput;
use decouple_engine::kinesis::stream::CreateStreamInput;
use decouple_engine::Cloud;
use std::time::{Duration, Instant};

use super::Figure;

const SHARDS: usize = 4;
const RECORDS_PER_SHARD_SECOND: usize = 1_000;
const SECONDS_PER_WORLD: usize = 50;

/// The whole suite.
pub fn suite(quick: bool) -> Vec<Figure> {
    streams(quick)
}

/// A partition key that MD5-routes to each of the 4 shards.
fn keys_per_shard() -> [String; SHARDS] {
    let mut keys: [Option<String>; SHARDS] = Default::default();
    let mut i = 0u64;
    while keys.iter().any(Option::is_none) {
        let k = format!("key-{i}");
        let shard = (u128::from_be_bytes(md5_of(&k)) >> 126) as usize;
        keys[shard].get_or_insert(k);
        i += 1;
    }
    keys.map(|k| k.unwrap_or_default())
}

fn md5_of(s: &str) -> [u8; 16] {
    decouple_engine::digest::md5(s.as_bytes())
}

fn world(throttling: bool) -> (Cloud, Vec<String>) {
    let mut c = Cloud::default();
    c.kinesis.settings.throttling = throttling;
    c.create_stream(CreateStreamInput {
        stream_name: Some("bench".into()),
        shard_count: Some(SHARDS as i64),
        ..Default::default()
    })
    .expect("create");
    c.advance_by(500);
    let its = (0..SHARDS)
        .map(|i| {
            c.get_shard_iterator(GetShardIteratorInput {
                stream_name: Some("bench".into()),
                shard_id: Some(format!("shardId-{i:012}")),
                shard_iterator_type: Some("TRIM_HORIZON".into()),
                ..Default::default()
            })
            .expect("iterator")
            .shard_iterator
        })
        .collect();
    (c, its)
}

/// Wall-clock time spent in each API.
#[derive(Default)]
struct Clocks {
    put: Duration,
    get: Duration,
}

/// Puts 1,000 records into every shard and reads them back; returns records read.
fn one_second(
    c: &mut Cloud,
    its: &mut [String],
    batches: &[Vec<PutRecordsRequestEntry>],
    advance: bool,
    clocks: &mut Clocks,
) -> usize {
    let t = Instant::now();
    for batch in batches {
        let out = c
            .put_records(PutRecordsInput {
                stream_name: Some("bench".into()),
                records: Some(batch.clone()),
                ..Default::default()
            })
            .expect("put");
        assert_eq!(out.failed_record_count, 0, "limits are never exceeded");
    }
    clocks.put += t.elapsed();
    let t = Instant::now();
    let mut read = 0;
    for it in its.iter_mut() {
        let out = c
            .get_records(GetRecordsInput {
                shard_iterator: Some(std::mem::take(it)),
                limit: Some(10_000),
                stream_arn: None,
            })
            .expect("get");
        read += out.records.len();
        *it = out.next_shard_iterator.expect("open shard");
    }
    clocks.get += t.elapsed();
    c.drain_events();
    if advance {
        c.advance_by(1_000);
    }
    read
}

/// Records/s through PutRecords, through GetRecords, put-then-read overall (wall clock), and
/// put-then-read per CPU-second (when the platform tells CPU time).
fn run(total_seconds: usize, throttling: bool) -> (f64, f64, f64, Option<f64>) {
    let keys = keys_per_shard();
    let data = vec![b'x'; 100];
    // 8 PutRecords of 500: each shard gets 1,000 records per virtual second.
    let batches: Vec<Vec<PutRecordsRequestEntry>> = (0..SHARDS * RECORDS_PER_SHARD_SECOND / 500)
        .map(|b| {
            (0..500)
                .map(|_| PutRecordsRequestEntry {
                    data: Some(data.clone()),
                    partition_key: Some(keys[b % SHARDS].clone()),
                    explicit_hash_key: None,
                })
                .collect()
        })
        .collect();
    let start = Instant::now();
    let cpu_start = super::thread_cpu_time();
    let mut clocks = Clocks::default();
    let mut moved = 0usize;
    let mut left = total_seconds;
    while left > 0 {
        let (mut c, mut its) = world(throttling);
        for _ in 0..SECONDS_PER_WORLD.min(left) {
            moved += one_second(&mut c, &mut its, &batches, throttling, &mut clocks);
        }
        left = left.saturating_sub(SECONDS_PER_WORLD);
    }
    let per = |d: Duration| moved as f64 / d.as_secs_f64().max(1e-9);
    let cpu = cpu_start.zip(super::thread_cpu_time()).map(|(a, b)| per(b.saturating_sub(a)));
    (per(clocks.put), per(clocks.get), per(start.elapsed()), cpu)
}

/// PutRecords + GetRecords on a 4-shard stream.
pub fn streams(quick: bool) -> Vec<Figure> {
    let seconds = if quick { 50 } else { 250 };
    let (put_on, get_on, both_on, cpu_on) = run(seconds, true);
    let (put_off, get_off, both_off, cpu_off) = run(seconds, false);
    let mut figures = vec![
        Figure::new("streams: PutRecords, 4 shards, limits on, clock +1 s/round", put_on, "records/s"),
        Figure::new("streams: GetRecords, 4 shards, limits on, clock +1 s/round", get_on, "records/s"),
        Figure::new("streams: put then read, 4 shards, limits on", both_on, "records/s"),
        Figure::new("streams: PutRecords, 4 shards, limits off", put_off, "records/s"),
        Figure::new("streams: GetRecords, 4 shards, limits off", get_off, "records/s"),
        Figure::new("streams: put then read, 4 shards, limits off", both_off, "records/s"),
    ];
    if let Some(v) = cpu_on {
        figures.push(Figure::new("streams: put then read, limits on, per CPU-second", v, "records/s"));
    }
    if let Some(v) = cpu_off {
        figures.push(Figure::new("streams: put then read, limits off, per CPU-second", v, "records/s"));
    }
    figures
}
