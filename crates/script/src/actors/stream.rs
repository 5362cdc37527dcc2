//! Reading a Kinesis data stream shard by shard: `kinesis-consumer NAME on STREAM` (a KCL
//! worker: per-record processing, checkpoints) and `lambda NAME on STREAM` (an event source
//! mapping: one batch per shard per poll, retried until it succeeds).
//!
//! Each open shard gets an iterator (`TRIM_HORIZON` or `LATEST`); a shard whose iterator runs
//! out (closed by a split or merge and fully read) is finished, and then its children are
//! read, so records of one partition key stay in order across resharding.
//! <https://docs.aws.amazon.com/streams/latest/dev/kinesis-record-processor-scaling.html>
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html>

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use decouple_engine::Instant;
use serde_json::{json, Value};

use super::spec::Fail;
use crate::trace::ScriptEventKind as Ev;
use crate::value::b64_decode;
use crate::world::World;

#[derive(Clone, Debug)]
struct Shard {
    id: String,
    parents: Vec<String>,
    iterator: Option<String>,
    /// Iterator to retry from after a failed Lambda batch.
    retry_from: Option<String>,
    started: bool,
    finished: bool,
    since_checkpoint: u64,
    last_seq: Option<String>,
}

#[derive(Clone, Debug)]
pub struct StreamReader {
    pub stream: String,
    pub lambda: bool,
    pub from: String,
    pub batch: u64,
    pub process_ms: u64,
    pub poll_ms: u64,
    pub fail: Fail,
    pub checkpoint_every: Option<u64>,
    pub crash_after: Option<u64>,
    shards: Vec<Shard>,
    handled: u64,
    discovered: bool,
}

impl StreamReader {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        stream: String,
        lambda: bool,
        from: String,
        batch: u64,
        process_ms: u64,
        poll_ms: u64,
        fail: Fail,
        checkpoint_every: Option<u64>,
        crash_after: Option<u64>,
    ) -> Self {
        Self {
            stream,
            lambda,
            from,
            batch,
            process_ms,
            poll_ms,
            fail,
            checkpoint_every,
            crash_after,
            shards: Vec::new(),
            handled: 0,
            discovered: false,
        }
    }

    fn discover(&mut self, w: &mut World, name: &str) {
        let out = match w.call("kinesis", "ListShards", json!({ "StreamName": self.stream })) {
            Ok(o) => o,
            Err(e) => {
                w.actor_error(name, &e);
                return;
            }
        };
        self.discovered = true;
        let empty = Vec::new();
        for s in out.get("Shards").and_then(Value::as_array).unwrap_or(&empty) {
            let id = s.get("ShardId").and_then(Value::as_str).unwrap_or("").to_string();
            if id.is_empty() || self.shards.iter().any(|k| k.id == id) {
                continue;
            }
            let parents = ["ParentShardId", "AdjacentParentShardId"]
                .iter()
                .filter_map(|k| s.get(*k).and_then(Value::as_str).map(String::from))
                .collect();
            self.shards.push(Shard {
                id,
                parents,
                iterator: None,
                retry_from: None,
                started: false,
                finished: false,
                since_checkpoint: 0,
                last_seq: None,
            });
        }
    }

    /// Acts once (one poll of every readable shard); returns the next wake-up or `None`.
    pub fn step(&mut self, w: &mut World, name: &str) -> Option<Instant> {
        if !self.discovered || self.shards.iter().any(|s| s.finished) {
            self.discover(w, name);
        }
        let mut busy_ms = 0;
        let known: Vec<String> = self.shards.iter().map(|s| s.id.clone()).collect();
        for i in 0..self.shards.len() {
            let Some(shard) = self.shards.get(i).cloned() else { continue };
            if shard.finished {
                continue;
            }
            // Children wait until every known parent is finished.
            let parents_done = shard
                .parents
                .iter()
                .all(|p| !known.contains(p) || self.shards.iter().any(|s| &s.id == p && s.finished));
            if !parents_done {
                continue;
            }
            let mut shard = shard;
            if !shard.started {
                // A child shard is read from its start; the first shards from `from`.
                let kind = if shard.parents.iter().any(|p| known.contains(p)) {
                    "TRIM_HORIZON"
                } else {
                    self.from.as_str()
                };
                match w.call(
                    "kinesis",
                    "GetShardIterator",
                    json!({"StreamName": self.stream, "ShardId": shard.id, "ShardIteratorType": kind}),
                ) {
                    Ok(o) => {
                        shard.iterator = o.get("ShardIterator").and_then(Value::as_str).map(String::from);
                        shard.started = true;
                        w.emit(Ev::ShardIteratorObtained {
                            actor: name.to_string(),
                            source: format_source(&self.stream, &shard.id),
                            shard_iterator_type: kind.to_string(),
                        });
                    }
                    Err(e) => {
                        w.actor_error(name, &e);
                        continue;
                    }
                }
            }
            let (ms, crashed) = self.read(w, name, &mut shard);
            busy_ms += ms;
            if let Some(slot) = self.shards.get_mut(i) {
                *slot = shard;
            }
            if crashed {
                w.emit(Ev::ActorCrashed { actor: name.to_string(), in_flight: 0 });
                return None;
            }
        }
        Some(w.now().plus(busy_ms.max(self.poll_ms)))
    }

    /// One GetRecords on a shard; returns (processing time, crashed).
    fn read(&mut self, w: &mut World, name: &str, shard: &mut Shard) -> (u64, bool) {
        let Some(it) = shard.retry_from.clone().or_else(|| shard.iterator.clone()) else {
            shard.finished = true;
            return (0, false);
        };
        let out = match w.call("kinesis", "GetRecords", json!({"ShardIterator": it, "Limit": self.batch})) {
            Ok(o) => o,
            Err(e) => {
                w.actor_error(name, &e);
                if e.code == "ExpiredIteratorException" {
                    shard.started = false;
                    shard.retry_from = None;
                }
                return (0, false);
            }
        };
        let next = out.get("NextShardIterator").and_then(Value::as_str).map(String::from);
        let empty = Vec::new();
        let records = out.get("Records").and_then(Value::as_array).unwrap_or(&empty);
        let source = format_source(&self.stream, &shard.id);
        if records.is_empty() {
            shard.retry_from = None;
            shard.iterator = next;
            if shard.iterator.is_none() {
                shard.finished = true;
            }
            return (0, false);
        }
        let decoded: Vec<(String, String)> = records
            .iter()
            .map(|r| {
                let seq = r.get("SequenceNumber").and_then(Value::as_str).unwrap_or("").to_string();
                let data = r.get("Data").and_then(Value::as_str).and_then(b64_decode).unwrap_or_default();
                (seq, String::from_utf8_lossy(&data).into_owned())
            })
            .collect();
        for (seq, body) in &decoded {
            w.emit(Ev::ActorReceived {
                actor: name.to_string(),
                source: source.clone(),
                message_id: seq.clone(),
                body: body.clone(),
                receive_count: 1,
            });
        }
        if self.lambda {
            w.emit(Ev::LambdaInvoked {
                actor: name.to_string(),
                source: source.clone(),
                batch_size: decoded.len() as u64,
            });
            let verdicts: Vec<Option<String>> = decoded
                .iter()
                .map(|(_, body)| {
                    self.handled += 1;
                    self.fail.fails(self.handled, body)
                })
                .collect();
            if verdicts.iter().any(Option::is_some) {
                for ((seq, _), v) in decoded.iter().zip(verdicts) {
                    let reason = v.unwrap_or_else(|| "another record of the batch failed".to_string());
                    w.emit(Ev::ActorFailed {
                        actor: name.to_string(),
                        source: source.clone(),
                        message_id: seq.clone(),
                        reason,
                    });
                }
                // The event source mapping retries the same batch.
                shard.retry_from = Some(it);
                return (self.process_ms, false);
            }
            for (seq, _) in &decoded {
                w.emit(Ev::ActorProcessed {
                    actor: name.to_string(),
                    source: source.clone(),
                    message_id: seq.clone(),
                });
            }
            shard.retry_from = None;
            shard.iterator = next;
            return (self.process_ms, false);
        }
        let mut ms = 0;
        for (seq, body) in &decoded {
            self.handled += 1;
            ms += self.process_ms;
            match self.fail.fails(self.handled, body) {
                Some(reason) => w.emit(Ev::ActorFailed {
                    actor: name.to_string(),
                    source: source.clone(),
                    message_id: seq.clone(),
                    reason,
                }),
                None => w.emit(Ev::ActorProcessed {
                    actor: name.to_string(),
                    source: source.clone(),
                    message_id: seq.clone(),
                }),
            }
            shard.last_seq = Some(seq.clone());
            shard.since_checkpoint += 1;
            if self.checkpoint_every.is_some_and(|n| shard.since_checkpoint >= n) {
                shard.since_checkpoint = 0;
                w.emit(Ev::Checkpointed {
                    actor: name.to_string(),
                    shard_id: shard.id.clone(),
                    sequence_number: seq.clone(),
                });
            }
            if self.crash_after.is_some_and(|n| self.handled >= n) {
                return (ms, true);
            }
        }
        shard.iterator = next;
        (ms, false)
    }
}

fn format_source(stream: &str, shard: &str) -> String {
    let mut s = String::from(stream);
    s.push('/');
    s.push_str(shard);
    s
}
