#![cfg(feature = "serde")]
//! Property tests of Kinesis Data Streams (order within a shard, no loss before retention
//! ends, resharding keeps every record readable parent-before-child) and fuzz harnesses for
//! the shard-iterator and NextToken parsers.

use std::collections::BTreeMap;

use decouple_engine::kinesis::iterator::{fuzz_shard_iterator, GetShardIteratorInput};
use decouple_engine::kinesis::next_token::fuzz_next_token;
use decouple_engine::kinesis::put::{PutRecordInput, PutRecordsInput, PutRecordsRequestEntry};
use decouple_engine::kinesis::read::GetRecordsInput;
use decouple_engine::kinesis::resharding::{MergeShardsInput, SplitShardInput, UpdateShardCountInput};
use decouple_engine::kinesis::stream::CreateStreamInput;
use decouple_engine::kinesis::SequenceNumber;
use decouple_engine::time::HOUR;
use decouple_engine::Cloud;
use proptest::prelude::*;

const KEYS: [&str; 8] = ["a", "b", "c", "user-1", "user-2", "alpha", "beta", "delta"];

fn world(shards: i64) -> Cloud {
    let mut c = Cloud::default();
    c.kinesis.settings.throttling = false;
    c.create_stream(CreateStreamInput {
        stream_name: Some("s".into()),
        shard_count: Some(shards),
        ..Default::default()
    })
    .unwrap();
    c.advance_by(500);
    c
}

fn put(c: &mut Cloud, key: &str, data: String) -> Option<String> {
    c.put_record(PutRecordInput {
        stream_name: Some("s".into()),
        partition_key: Some(key.into()),
        data: Some(data.into_bytes()),
        ..Default::default()
    })
    .ok()
    .map(|o| o.shard_id)
}

/// Every record of one shard from TRIM_HORIZON to the tip (or the end of a closed shard).
fn read_shard(c: &mut Cloud, shard: &str) -> Vec<(SequenceNumber, String, String)> {
    let mut it = c
        .get_shard_iterator(GetShardIteratorInput {
            stream_name: Some("s".into()),
            shard_id: Some(shard.into()),
            shard_iterator_type: Some("TRIM_HORIZON".into()),
            ..Default::default()
        })
        .unwrap()
        .shard_iterator;
    let mut out = Vec::new();
    loop {
        let r = c
            .get_records(GetRecordsInput { shard_iterator: Some(it), limit: Some(7), stream_arn: None })
            .unwrap();
        let n = r.records.len();
        for rec in r.records {
            out.push((
                rec.sequence_number,
                rec.partition_key.to_string(),
                String::from_utf8(rec.data).unwrap(),
            ));
        }
        match r.next_shard_iterator {
            Some(next) if n > 0 => it = next,
            _ => break,
        }
    }
    out
}

/// Reads every shard, parents before children (KCL order); returns records in read order.
fn read_in_lineage_order(c: &mut Cloud) -> Vec<(SequenceNumber, String, String)> {
    let shards: Vec<(u32, Vec<u32>)> = c.kinesis.streams["s"]
        .shards
        .values()
        .map(|s| (s.index, s.parent.into_iter().chain(s.adjacent_parent).collect()))
        .collect();
    let mut done: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    while done.len() < shards.len() {
        let next = shards
            .iter()
            .find(|(i, parents)| {
                !done.contains(i)
                    && parents.iter().all(|p| done.contains(p) || !shards.iter().any(|(j, _)| j == p))
            })
            .map(|(i, _)| *i)
            .expect("lineage has no cycle");
        out.extend(read_shard(c, &format!("shardId-{next:012}")));
        done.push(next);
    }
    out
}

#[derive(Clone, Debug)]
enum Op {
    Put(usize),
    Advance(u64),
    Split(usize, u8),
    Merge(usize),
    Scale(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..KEYS.len()).prop_map(Op::Put),
        2 => (0u64..1500).prop_map(Op::Advance),
        1 => (0usize..8, 1u8..255).prop_map(|(s, f)| Op::Split(s, f)),
        1 => (0usize..8).prop_map(Op::Merge),
        1 => (1u8..8).prop_map(Op::Scale),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn order_within_a_shard(puts in prop::collection::vec((0..KEYS.len(), 0u64..400), 1..120)) {
        let mut c = world(3);
        let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (i, (k, dt)) in puts.iter().enumerate() {
            c.advance_by(*dt);
            let shard = put(&mut c, KEYS[*k], i.to_string()).unwrap();
            expected.entry(shard).or_default().push(i.to_string());
        }
        for shard in ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"] {
            let got = read_shard(&mut c, shard);
            prop_assert!(got.windows(2).all(|w| w[0].0 < w[1].0), "sequence numbers increase");
            prop_assert!(got.windows(2).all(|w| {
                let (a, b) = (w[0].0.to_string(), w[1].0.to_string());
                (a.len(), a) < (b.len(), b)
            }), "decimal forms increase too");
            let data: Vec<String> = got.into_iter().map(|r| r.2).collect();
            let want = expected.get(shard).cloned().unwrap_or_default();
            prop_assert_eq!(data, want);
        }
    }

    /// PutRecords shares one digest among consecutive records with the same key; whatever the
    /// mix of repeated keys and explicit hash keys, each record lands where PutRecord puts it.
    #[test]
    fn put_records_routes_like_put_record(entries in prop::collection::vec((0..KEYS.len(), prop::option::of(0u8..4)), 1..60)) {
        let mut batch = world(4);
        let mut single = world(4);
        let ehk = |q: u8| (u128::MAX / 4 * u128::from(q) + 7).to_string();
        let records = entries
            .iter()
            .map(|(k, q)| PutRecordsRequestEntry {
                data: Some(b"x".to_vec()),
                partition_key: Some(KEYS[*k].into()),
                explicit_hash_key: q.map(ehk),
            })
            .collect();
        let out = batch
            .put_records(PutRecordsInput { stream_name: Some("s".into()), records: Some(records), ..Default::default() })
            .unwrap();
        for ((k, q), got) in entries.iter().zip(&out.records) {
            let want = single
                .put_record(PutRecordInput {
                    stream_name: Some("s".into()),
                    partition_key: Some(KEYS[*k].into()),
                    explicit_hash_key: q.map(ehk),
                    data: Some(b"x".to_vec()),
                    ..Default::default()
                })
                .unwrap();
            prop_assert_eq!(got.shard_id.map(|s| s.to_string()), Some(want.shard_id));
            prop_assert_eq!(got.sequence_number, want.sequence_number);
        }
        let hashes = |c: &mut Cloud| -> Vec<String> {
            let events = serde_json::to_value(c.drain_events()).unwrap();
            let list = events.as_array().unwrap();
            list.iter().filter(|e| e["type"] == "RecordPut").map(|e| e["hash_key"].to_string()).collect()
        };
        let got = hashes(&mut batch);
        prop_assert_eq!(got.len(), entries.len());
        prop_assert_eq!(got, hashes(&mut single));
    }

    #[test]
    fn no_record_lost_before_retention_ends(gaps in prop::collection::vec(0u64..(4 * HOUR), 1..40), tail in 0u64..(30 * HOUR)) {
        let mut c = world(2);
        let mut arrivals = Vec::new();
        for (i, gap) in gaps.iter().enumerate() {
            c.advance_by(*gap);
            put(&mut c, KEYS[i % KEYS.len()], i.to_string()).unwrap();
            arrivals.push((i.to_string(), c.now()));
        }
        c.advance_by(tail);
        let now = c.now();
        let mut got: Vec<String> = read_shard(&mut c, "shardId-000000000000").into_iter().map(|r| r.2).collect();
        got.extend(read_shard(&mut c, "shardId-000000000001").into_iter().map(|r| r.2));
        got.sort();
        let mut want: Vec<String> =
            arrivals.into_iter().filter(|(_, t)| t.plus(24 * HOUR) > now).map(|(d, _)| d).collect();
        want.sort();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn resharding_keeps_every_record_readable_parent_before_child(ops in prop::collection::vec(op(), 1..60)) {
        let mut c = world(2);
        let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut total = 0usize;
        for (i, o) in ops.iter().enumerate() {
            let open: Vec<(u32, u128, u128)> =
                c.kinesis.streams["s"].open_shards().map(|s| (s.index, s.range.start, s.range.end)).collect();
            match o {
                Op::Put(k) => {
                    let data = format!("r{i}");
                    if put(&mut c, KEYS[*k], data.clone()).is_some() {
                        by_key.entry(KEYS[*k].into()).or_default().push(data);
                        total += 1;
                    }
                }
                Op::Advance(ms) => c.advance_by(*ms),
                Op::Split(s, f) => {
                    let (index, start, end) = open[s % open.len()];
                    let key = start + (end - start) / 256 * u128::from(*f);
                    let _ = c.split_shard(SplitShardInput {
                        stream_name: Some("s".into()),
                        shard_to_split: Some(format!("shardId-{index:012}")),
                        new_starting_hash_key: Some(key.to_string()),
                        ..Default::default()
                    });
                }
                Op::Merge(s) => {
                    let mut sorted = open.clone();
                    sorted.sort_by_key(|o| o.1);
                    if sorted.len() > 1 {
                        let a = s % (sorted.len() - 1);
                        let _ = c.merge_shards(MergeShardsInput {
                            stream_name: Some("s".into()),
                            shard_to_merge: Some(format!("shardId-{:012}", sorted[a].0)),
                            adjacent_shard_to_merge: Some(format!("shardId-{:012}", sorted[a + 1].0)),
                            ..Default::default()
                        });
                    }
                }
                Op::Scale(t) => {
                    let _ = c.update_shard_count(UpdateShardCountInput {
                        stream_name: Some("s".into()),
                        target_shard_count: Some(i64::from(*t)),
                        scaling_type: Some("UNIFORM_SCALING".into()),
                        ..Default::default()
                    });
                }
            }
            // The open shards always cover the hash-key space exactly.
            let mut ranges: Vec<(u128, u128)> = c.kinesis.streams["s"].open_shards().map(|s| (s.range.start, s.range.end)).collect();
            ranges.sort();
            prop_assert_eq!(ranges.first().map(|r| r.0), Some(0));
            prop_assert_eq!(ranges.last().map(|r| r.1), Some(u128::MAX));
            prop_assert!(ranges.windows(2).all(|w| w[0].1 + 1 == w[1].0));
        }
        c.advance_by(1000);
        let read = read_in_lineage_order(&mut c);
        prop_assert_eq!(read.len(), total, "every record read exactly once");
        for (key, want) in by_key {
            let got: Vec<String> = read.iter().filter(|r| r.1 == key).map(|r| r.2.clone()).collect();
            prop_assert_eq!(got, want, "order of key {}", key);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn fuzz_shard_iterator_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        fuzz_shard_iterator(&data);
    }

    #[test]
    fn fuzz_shard_iterator_base64(body in prop::collection::vec(any::<u8>(), 0..200)) {
        use base64::Engine as _;
        let mut bytes = vec![0, 0, 0, 0, 0, 0, 0, 1];
        bytes.extend(body);
        fuzz_shard_iterator(base64::engine::general_purpose::STANDARD.encode(bytes).as_bytes());
    }

    #[test]
    fn fuzz_next_token_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        fuzz_next_token(&data);
    }

    #[test]
    fn fuzz_next_token_base64(body in prop::collection::vec(any::<u8>(), 0..120)) {
        use base64::Engine as _;
        fuzz_next_token(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(body).as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Arbitrary strings at the JSON edge answer an AWS error, never a panic.
    #[test]
    fn json_edge_never_panics(it in ".{0,600}", token in ".{0,80}", shard in ".{0,20}", seq in "[0-9]{0,70}") {
        let mut c = world(1);
        let input = serde_json::json!({"ShardIterator": it});
        let _ = c.call_json("kinesis", "GetRecords", input);
        let _ = c.call_json("kinesis", "ListShards", serde_json::json!({"NextToken": token}));
        let _ = c.call_json("kinesis", "ListStreams", serde_json::json!({"NextToken": token}));
        let _ = c.call_json("kinesis", "GetShardIterator", serde_json::json!({"StreamName": "s", "ShardId": shard, "ShardIteratorType": "AT_SEQUENCE_NUMBER", "StartingSequenceNumber": seq}));
        let _ = c.call_json("kinesis", "PutRecord", serde_json::json!({"StreamName": "s", "PartitionKey": shard, "Data": it, "ExplicitHashKey": seq}));
        let _ = c.call_json("kinesis", "SplitShard", serde_json::json!({"StreamName": "s", "ShardToSplit": shard, "NewStartingHashKey": seq}));
    }
}
