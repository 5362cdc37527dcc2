//! Timeline tests of Kinesis Data Streams through the typed API.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::consumer::{ConsumerRefInput, RegisterStreamConsumerInput};
use super::iterator::GetShardIteratorInput;
use super::kcl::KclConfig;
use super::put::{PutRecordInput, PutRecordsInput, PutRecordsRequestEntry};
use super::read::GetRecordsInput;
use super::resharding::{MergeShardsInput, SplitShardInput, UpdateShardCountInput};
use super::stream::{CreateStreamInput, DeleteStreamInput};
use super::subscription::{ReadSubscriptionInput, StartingPosition, SubscribeToShardInput};
use super::KinesisEvent;
use crate::event::EventKind;
use crate::time::WORLD_START;
use crate::Cloud;

fn at(c: &mut Cloud, t: u64) {
    c.advance_to(WORLD_START.plus(t));
}

fn stream(c: &mut Cloud, name: &str, shards: i64) {
    c.create_stream(CreateStreamInput {
        stream_name: Some(name.into()),
        shard_count: Some(shards),
        ..Default::default()
    })
    .unwrap();
    let t = c.now().plus(500);
    c.advance_to(t);
}

/// `put!(c, t=1, "key", "data") => shard` or `=> err "Code"`.
macro_rules! put {
    ($c:expr, t=$t:expr, $pk:expr, $data:expr) => {{
        at(&mut $c, $t);
        $c.put_record(PutRecordInput {
            stream_name: Some("s".into()),
            partition_key: Some($pk.into()),
            data: Some($data.as_bytes().to_vec()),
            ..Default::default()
        })
    }};
}

fn iterator(c: &mut Cloud, shard: &str, kind: &str) -> String {
    c.get_shard_iterator(GetShardIteratorInput {
        stream_name: Some("s".into()),
        shard_id: Some(shard.into()),
        shard_iterator_type: Some(kind.into()),
        ..Default::default()
    })
    .unwrap()
    .shard_iterator
}

/// `recv!(c, t=2, "shardId-…", TRIM_HORIZON => ["a", "b"])`: data read from a new iterator.
macro_rules! recv {
    ($c:expr, t=$t:expr, $shard:expr, $kind:ident => [$($d:expr),*]) => {{
        at(&mut $c, $t);
        let it = iterator(&mut $c, $shard, stringify!($kind));
        let out = $c.get_records(GetRecordsInput { shard_iterator: Some(it), ..Default::default() }).unwrap();
        let got: Vec<String> = out.records.iter().map(|r| String::from_utf8(r.data.clone()).unwrap()).collect();
        let want: Vec<&str> = vec![$($d),*];
        assert_eq!(got, want, "at t={}", $t);
        out
    }};
}

fn kinesis_events(c: &mut Cloud) -> Vec<KinesisEvent> {
    c.drain_events()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::Kinesis(k) => Some(k),
            _ => None,
        })
        .collect()
}

const S0: &str = "shardId-000000000000";
const S1: &str = "shardId-000000000001";
const S2: &str = "shardId-000000000002";

#[test]
fn lifecycle_runs_on_the_virtual_clock() {
    let mut c = Cloud::default();
    c.create_stream(CreateStreamInput {
        stream_name: Some("s".into()),
        shard_count: Some(1),
        ..Default::default()
    })
    .unwrap();
    assert!(put!(c, t = 0, "a", "x").is_err()); // CREATING
    assert!(put!(c, t = 499, "a", "x").is_err());
    assert!(put!(c, t = 500, "a", "x").is_ok());
    c.delete_stream(DeleteStreamInput { stream_name: Some("s".into()), ..Default::default() }).unwrap();
    at(&mut c, 1000);
    assert!(c.kinesis_stream_arn("s").is_none());
    let names: Vec<&str> = kinesis_events(&mut c)
        .iter()
        .map(|e| match e {
            KinesisEvent::StreamCreated { .. } => "created",
            KinesisEvent::StreamActive { .. } => "active",
            KinesisEvent::RecordPut { .. } => "put",
            KinesisEvent::StreamDeleting { .. } => "deleting",
            KinesisEvent::StreamDeleted { .. } => "deleted",
            _ => "other",
        })
        .collect();
    assert_eq!(names, ["created", "active", "put", "deleting", "deleted"]);
}

#[test]
fn records_are_read_in_order_and_replayed() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 1);
    put!(c, t = 1000, "a", "1").unwrap();
    put!(c, t = 1001, "b", "2").unwrap();
    put!(c, t = 1002, "c", "3").unwrap();
    recv!(c, t = 1003, S0, TRIM_HORIZON => ["1", "2", "3"]);
    recv!(c, t = 1004, S0, LATEST => []);
    recv!(c, t = 5_000_000, S0, TRIM_HORIZON => ["1", "2", "3"]); // replay
}

#[test]
fn record_put_event_explains_the_routing() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 2);
    kinesis_events(&mut c);
    put!(c, t = 600, "a", "hi").unwrap();
    let ev = kinesis_events(&mut c);
    match &ev[..] {
        [KinesisEvent::RecordPut { shard, hash_key, partition_key, size, explicit_hash_key, .. }] => {
            assert_eq!(shard.to_string(), S0);
            assert_eq!(*hash_key, 16955237001963240173058271559858726497);
            assert_eq!(&**partition_key, "a");
            assert_eq!(*size, 3);
            assert!(!explicit_hash_key);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn records_expire_exactly_at_the_end_of_retention() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 1);
    put!(c, t = 1000, "a", "old").unwrap();
    put!(c, t = 2000, "a", "new").unwrap();
    kinesis_events(&mut c);
    recv!(c, t = 1000 + crate::time::DAY - 1, S0, TRIM_HORIZON => ["old", "new"]);
    recv!(c, t = 1000 + crate::time::DAY, S0, TRIM_HORIZON => ["new"]);
    let expired = kinesis_events(&mut c)
        .into_iter()
        .filter(|e| matches!(e, KinesisEvent::RecordExpired { .. }))
        .count();
    assert_eq!(expired, 1);
    recv!(c, t = 2000 + crate::time::DAY, S0, TRIM_HORIZON => []);
}

#[test]
fn write_limit_counts_within_a_virtual_second() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 1);
    let entries: Vec<PutRecordsRequestEntry> = (0..500)
        .map(|_| PutRecordsRequestEntry {
            data: Some(vec![1]),
            partition_key: Some("k".into()),
            ..Default::default()
        })
        .collect();
    let put = |c: &mut Cloud, n: usize| {
        c.put_records(PutRecordsInput {
            stream_name: Some("s".into()),
            records: Some(entries[..n].to_vec()),
            ..Default::default()
        })
        .unwrap()
        .failed_record_count
    };
    at(&mut c, 1000);
    assert_eq!(put(&mut c, 500), 0);
    at(&mut c, 1500);
    assert_eq!(put(&mut c, 500), 0);
    assert_eq!(put(&mut c, 10), 10);
    at(&mut c, 2000); // the first 500 stop counting
    assert_eq!(put(&mut c, 500), 0);
    assert_eq!(put(&mut c, 1), 1);
    c.kinesis.settings.throttling = false;
    assert_eq!(put(&mut c, 500), 0);
}

#[test]
fn split_parent_then_children_with_kcl_order() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 1);
    put!(c, t = 1000, "a", "p1").unwrap();
    put!(c, t = 1001, "b", "p2").unwrap();
    c.split_shard(SplitShardInput {
        stream_name: Some("s".into()),
        shard_to_split: Some(S0.into()),
        new_starting_hash_key: Some((1u128 << 127).to_string()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(put!(c, t = 1002, "b", "p3").unwrap().shard_id, S0); // UPDATING: parent still open
    assert_eq!(put!(c, t = 1600, "a", "c1").unwrap().shard_id, S1);
    assert_eq!(put!(c, t = 1601, "b", "c2").unwrap().shard_id, S2);
    let parent = recv!(c, t = 1700, S0, TRIM_HORIZON => ["p1", "p2", "p3"]);
    assert!(parent.next_shard_iterator.is_none());
    let children: Vec<String> = parent.child_shards.unwrap().into_iter().map(|c| c.shard_id).collect();
    assert_eq!(children, [S1, S2]);

    c.kcl_start(KclConfig {
        application: "app".into(),
        stream: "s".into(),
        from_trim_horizon: true,
        checkpoint_every: 2,
        auto_poll: true,
    })
    .unwrap();
    at(&mut c, 10_000);
    let got: Vec<String> = c
        .kcl_take_processed("app")
        .unwrap()
        .into_iter()
        .map(|r| String::from_utf8(r.data).unwrap())
        .collect();
    // Parent first, then each child.
    assert_eq!(got, ["p1", "p2", "p3", "c1", "c2"]);
    let app = &c.kinesis.kcl["app"];
    assert_eq!(app.leases[&0].checkpoint, super::kcl::Checkpoint::ShardEnd);
}

#[test]
fn kcl_restart_reprocesses_after_the_last_checkpoint() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 1);
    for (i, d) in ["1", "2", "3"].iter().enumerate() {
        put!(c, t = 1000 + i as u64, "a", *d).unwrap();
    }
    c.kcl_start(KclConfig {
        application: "app".into(),
        stream: "s".into(),
        from_trim_horizon: true,
        checkpoint_every: 2,
        auto_poll: false,
    })
    .unwrap();
    assert_eq!(c.kcl_poll("app").unwrap(), 3);
    c.kcl_restart("app").unwrap();
    at(&mut c, 2000);
    assert_eq!(c.kcl_poll("app").unwrap(), 1); // "3" again: at-least-once
    let data: Vec<Vec<u8>> = c.kcl_take_processed("app").unwrap().into_iter().map(|r| r.data).collect();
    assert_eq!(data, [b"1".to_vec(), b"2".to_vec(), b"3".to_vec(), b"3".to_vec()]);
}

#[test]
fn merge_and_uniform_scaling_keep_lineage() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 2);
    c.merge_shards(MergeShardsInput {
        stream_name: Some("s".into()),
        shard_to_merge: Some(S0.into()),
        adjacent_shard_to_merge: Some(S1.into()),
        ..Default::default()
    })
    .unwrap();
    at(&mut c, 2000);
    let s = &c.kinesis.streams["s"];
    assert_eq!(s.open_shard_count(), 1);
    assert_eq!((s.shards[&2].parent, s.shards[&2].adjacent_parent), (Some(0), Some(1)));
    c.update_shard_count(UpdateShardCountInput {
        stream_name: Some("s".into()),
        target_shard_count: Some(2),
        scaling_type: Some("UNIFORM_SCALING".into()),
        ..Default::default()
    })
    .unwrap();
    at(&mut c, 3000);
    let s = &c.kinesis.streams["s"];
    let open: Vec<_> = s.open_shards().map(|sh| (sh.range, sh.parent)).collect();
    assert_eq!(open.len(), 2);
    assert_eq!(open[0].0, super::hash_key::uniform_ranges(2)[0]);
    assert!(open.iter().all(|(_, p)| *p == Some(2)));
    // 3 → 5: splits then merges; the open shards end up uniform.
    c.update_shard_count(UpdateShardCountInput {
        stream_name: Some("s".into()),
        target_shard_count: Some(3),
        scaling_type: Some("UNIFORM_SCALING".into()),
        ..Default::default()
    })
    .unwrap();
    at(&mut c, 4000);
    c.update_shard_count(UpdateShardCountInput {
        stream_name: Some("s".into()),
        target_shard_count: Some(5),
        scaling_type: Some("UNIFORM_SCALING".into()),
        ..Default::default()
    })
    .unwrap();
    at(&mut c, 5000);
    let ranges: Vec<_> = c.kinesis.streams["s"].open_shards().map(|sh| sh.range).collect();
    let mut sorted = ranges.clone();
    sorted.sort();
    assert_eq!(sorted, super::hash_key::uniform_ranges(5));
    for sh in c.kinesis.streams["s"].shards.values() {
        assert!(sh.parent.is_some() || sh.index < 2);
    }
}

#[test]
fn subscription_pushes_events_each_second_for_five_minutes() {
    let mut c = Cloud::default();
    stream(&mut c, "s", 1);
    let arn = c.kinesis_stream_arn("s").unwrap();
    let consumer = c
        .register_stream_consumer(RegisterStreamConsumerInput {
            stream_arn: Some(arn.clone()),
            consumer_name: Some("c".into()),
            ..Default::default()
        })
        .unwrap()
        .consumer;
    at(&mut c, 1000);
    put!(c, t = 1000, "a", "1").unwrap();
    let sub = c
        .subscribe_to_shard(SubscribeToShardInput {
            consumer_arn: Some(consumer.consumer_arn.clone()),
            shard_id: Some(S0.into()),
            starting_position: Some(StartingPosition {
                r#type: Some("TRIM_HORIZON".into()),
                ..Default::default()
            }),
        })
        .unwrap();
    assert_eq!(sub.event_stream[0].subscribe_to_shard_event.records.len(), 1);
    put!(c, t = 1500, "a", "2").unwrap();
    at(&mut c, 2000);
    let read = c
        .read_subscription(ReadSubscriptionInput { subscription_id: Some(sub.subscription_id.clone()) })
        .unwrap();
    assert_eq!(read.event_stream.len(), 1);
    assert_eq!(read.event_stream[0].subscribe_to_shard_event.records[0].data, b"2");
    at(&mut c, 1000 + 300_000);
    let read = c
        .read_subscription(ReadSubscriptionInput { subscription_id: Some(sub.subscription_id.clone()) })
        .unwrap();
    assert_eq!(read.status, "ENDED");
    assert_eq!(read.event_stream.len(), 298); // one per second until the 5 minutes are up
    c.deregister_stream_consumer(ConsumerRefInput {
        consumer_arn: Some(consumer.consumer_arn),
        ..Default::default()
    })
    .unwrap();
}

#[cfg(feature = "serde")]
#[test]
fn same_calls_same_events() {
    fn run() -> String {
        let mut r = crate::api::Runner::new(crate::Config::default());
        r.keep_events = true;
        for line in [
            r#"{"call":"kinesis.CreateStream","input":{"StreamName":"s","ShardCount":3}}"#,
            r#"{"advance_ms":500}"#,
            r#"{"call":"kinesis.PutRecords","input":{"StreamName":"s","Records":[{"Data":"YQ==","PartitionKey":"a"},{"Data":"Yg==","PartitionKey":"b"}]}}"#,
            r#"{"call":"kinesis.UpdateShardCount","input":{"StreamName":"s","TargetShardCount":5,"ScalingType":"UNIFORM_SCALING"}}"#,
            r#"{"advance_ms":86401000}"#,
        ] {
            r.handle_line(line);
        }
        serde_json::to_string(&r.events).unwrap()
    }
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    assert!(a.contains("\"type\":\"ShardSplit\"") && a.contains("\"type\":\"RecordExpired\""));
}
