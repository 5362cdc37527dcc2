//! A KCL-style consumer application: one lease per shard, checkpoints, parents before
//! children.
//!
//! AWS's Kinesis Client Library keeps one **lease** per shard (in a DynamoDB table named after
//! the application) with the shard's `checkpoint` (a sequence number, or `TRIM_HORIZON`,
//! `LATEST`, `SHARD_END`) and its `parentShardId`s; a worker processes a child shard only after
//! its parents reached `SHARD_END` and were checkpointed; delivery is at least once (records
//! after the last checkpoint are processed again after a restart)
//! (<https://docs.aws.amazon.com/streams/latest/dev/shared-throughput-kcl-consumers.html>,
//! spec/kinesis.md §1.11).
//!
//! Here one worker holds every lease of the application. It polls every [`POLL_INTERVAL_MS`]
//! of virtual time (KCL's `idleTimeBetweenReadsInMillis` default) through the public API —
//! GetShardIterator and GetRecords, so its reads count against the shard's read limits — and
//! checkpoints every `checkpoint_every` records and at `SHARD_END`. The scripts crate drives it
//! (`kinesis-consumer NAME on STREAM [from TRIM_HORIZON] [checkpoint every 10]`) through
//! [`Cloud::kcl_start`], [`Cloud::kcl_poll`], [`Cloud::kcl_take_processed`] and
//! [`Cloud::kcl_restart`] (which forgets iterators, so processing resumes at the checkpoints).

use crate::collections::VecMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::iterator::GetShardIteratorInput;
use super::read::GetRecordsInput;
use super::sequence_number::SequenceNumber;
use super::shard::shard_id;
use super::{KinesisEvent, KinesisTimer};
use crate::time::{Instant, SECOND};
use crate::{ApiError, Cloud};

/// Virtual milliseconds between polls.
pub const POLL_INTERVAL_MS: u64 = SECOND;
/// Records per GetRecords call (KCL's `maxRecords` default).
pub const MAX_RECORDS: i64 = 10_000;

/// Where a lease's processing resumes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checkpoint {
    TrimHorizon,
    Latest,
    /// Processed up to and including this record.
    At(SequenceNumber),
    /// The shard was read to its end.
    ShardEnd,
}

impl Checkpoint {
    /// How KCL's lease table shows it.
    pub fn label(&self) -> String {
        match self {
            Checkpoint::TrimHorizon => "TRIM_HORIZON".into(),
            Checkpoint::Latest => "LATEST".into(),
            Checkpoint::At(s) => alloc::format!("{s}"),
            Checkpoint::ShardEnd => "SHARD_END".into(),
        }
    }
}

/// One lease.
#[derive(Clone, Debug, PartialEq)]
pub struct Lease {
    pub shard: u32,
    pub parents: Vec<u32>,
    pub checkpoint: Checkpoint,
    /// Records processed since the last checkpoint, and the last of them.
    pub uncheckpointed: u32,
    pub last_processed: Option<SequenceNumber>,
    pub lease_counter: u64,
    pub(crate) iterator: Option<String>,
}

/// A record handed to the application's record processor.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessedRecord {
    pub shard: String,
    pub sequence_number: SequenceNumber,
    pub partition_key: String,
    pub data: Vec<u8>,
    pub arrival: Instant,
}

/// How an application starts.
#[derive(Clone, Debug, PartialEq)]
pub struct KclConfig {
    pub application: String,
    pub stream: String,
    /// `TRIM_HORIZON` (true) or `LATEST` (false) for shards open at the start.
    pub from_trim_horizon: bool,
    /// Checkpoint after this many records of a shard (0: only at `SHARD_END`).
    pub checkpoint_every: u32,
    /// Poll automatically every second of virtual time.
    pub auto_poll: bool,
}

/// A KCL-style application.
#[derive(Clone, Debug, PartialEq)]
pub struct KclApplication {
    pub config: KclConfig,
    pub leases: VecMap<u32, Lease>,
    /// Records processed and not yet taken by [`Cloud::kcl_take_processed`].
    pub processed: Vec<ProcessedRecord>,
    pub running: bool,
}

fn unknown_app(name: &str) -> ApiError {
    ApiError::kinesis_not_found(alloc::format!("Consumer application {name} does not exist."))
}

impl Cloud {
    /// Starts an application on a stream (replacing one of the same name).
    pub fn kcl_start(&mut self, config: KclConfig) -> Result<(), ApiError> {
        self.kinesis_stream(Some(&config.stream), None)?;
        let name = config.application.clone();
        let auto = config.auto_poll;
        self.kinesis.kcl.insert(
            name.clone(),
            KclApplication { config, leases: VecMap::new(), processed: Vec::new(), running: true },
        );
        self.kcl_sync_leases(&name);
        if auto {
            self.ctx
                .schedule(self.ctx.now.plus(POLL_INTERVAL_MS), KinesisTimer::KclPoll { application: name });
        }
        Ok(())
    }

    /// Stops an application (its leases and checkpoints are kept).
    pub fn kcl_stop(&mut self, application: &str) -> Result<(), ApiError> {
        let app = self.kinesis.kcl.get_mut(application).ok_or_else(|| unknown_app(application))?;
        app.running = false;
        Ok(())
    }

    /// Restarts a stopped (or failed-over) worker: iterators are dropped, so each shard
    /// resumes after its last checkpoint — records processed since are processed again.
    pub fn kcl_restart(&mut self, application: &str) -> Result<(), ApiError> {
        let app = self.kinesis.kcl.get_mut(application).ok_or_else(|| unknown_app(application))?;
        for lease in app.leases.values_mut() {
            lease.iterator = None;
            lease.uncheckpointed = 0;
            lease.last_processed = None;
        }
        let was_running = core::mem::replace(&mut app.running, true);
        if app.config.auto_poll && !was_running {
            let name = String::from(application);
            self.ctx
                .schedule(self.ctx.now.plus(POLL_INTERVAL_MS), KinesisTimer::KclPoll { application: name });
        }
        Ok(())
    }

    /// Takes the records processed so far.
    pub fn kcl_take_processed(&mut self, application: &str) -> Result<Vec<ProcessedRecord>, ApiError> {
        let app = self.kinesis.kcl.get_mut(application).ok_or_else(|| unknown_app(application))?;
        Ok(core::mem::take(&mut app.processed))
    }

    /// Adds a lease for every shard of the stream that has none (shards open at the start
    /// take the initial position; shards discovered later start at `TRIM_HORIZON`).
    fn kcl_sync_leases(&mut self, application: &str) {
        let Some(app) = self.kinesis.kcl.get(application) else { return };
        let Some(stream) = self.kinesis.streams.get(&app.config.stream) else { return };
        let first_sync = app.leases.is_empty();
        let from_trim = app.config.from_trim_horizon;
        let new: Vec<Lease> = stream
            .shards
            .values()
            .filter(|s| !app.leases.contains_key(&s.index))
            .filter(|s| !(first_sync && !from_trim && !s.is_open()))
            .map(|s| Lease {
                shard: s.index,
                parents: s.parent.into_iter().chain(s.adjacent_parent).collect(),
                checkpoint: if first_sync && !from_trim {
                    Checkpoint::Latest
                } else {
                    Checkpoint::TrimHorizon
                },
                uncheckpointed: 0,
                last_processed: None,
                lease_counter: 0,
                iterator: None,
            })
            .collect();
        let mut taken = Vec::new();
        if let Some(app) = self.kinesis.kcl.get_mut(application) {
            for l in new {
                taken.push(l.shard);
                app.leases.insert(l.shard, l);
            }
        }
        for shard in taken {
            self.ctx
                .emit(KinesisEvent::LeaseTaken { application: application.into(), shard: shard_id(shard) });
        }
    }

    /// One round of the worker: sync leases, then read each lease whose parents are done.
    /// Returns how many records were processed.
    pub fn kcl_poll(&mut self, application: &str) -> Result<usize, ApiError> {
        let app = self.kinesis.kcl.get(application).ok_or_else(|| unknown_app(application))?;
        let stream = app.config.stream.clone();
        self.kinesis_stream(Some(&stream), None)?;
        self.kcl_sync_leases(application);
        let Some(app) = self.kinesis.kcl.get(application) else { return Ok(0) };
        let done = |i: &u32| app.leases.get(i).is_none_or(|l| l.checkpoint == Checkpoint::ShardEnd);
        let ready: Vec<u32> = app
            .leases
            .values()
            .filter(|l| l.checkpoint != Checkpoint::ShardEnd && l.parents.iter().all(done))
            .map(|l| l.shard)
            .collect();
        let mut total = 0;
        for shard in ready {
            total += self.kcl_process_shard(application, &stream, shard);
        }
        Ok(total)
    }

    fn kcl_process_shard(&mut self, application: &str, stream: &str, shard: u32) -> usize {
        let Some(lease) = self.kinesis.kcl.get(application).and_then(|a| a.leases.get(&shard)) else {
            return 0;
        };
        let iterator = match &lease.iterator {
            Some(it) => it.clone(),
            None => {
                let (kind, seq) = match lease.checkpoint {
                    Checkpoint::TrimHorizon => ("TRIM_HORIZON", None),
                    Checkpoint::Latest => ("LATEST", None),
                    Checkpoint::At(s) => ("AFTER_SEQUENCE_NUMBER", Some(alloc::format!("{s}"))),
                    Checkpoint::ShardEnd => return 0,
                };
                let got = self.get_shard_iterator(GetShardIteratorInput {
                    stream_name: Some(stream.into()),
                    shard_id: Some(shard_id(shard)),
                    shard_iterator_type: Some(kind.into()),
                    starting_sequence_number: seq,
                    ..Default::default()
                });
                match got {
                    Ok(o) => o.shard_iterator,
                    Err(_) => return 0, // throttled or gone: try again next poll
                }
            }
        };
        let out = match self.get_records(GetRecordsInput {
            shard_iterator: Some(iterator),
            limit: Some(MAX_RECORDS),
            stream_arn: None,
        }) {
            Ok(o) => o,
            Err(e) => {
                if e.code == "ExpiredIteratorException" {
                    if let Some(l) =
                        self.kinesis.kcl.get_mut(application).and_then(|a| a.leases.get_mut(&shard))
                    {
                        l.iterator = None;
                    }
                }
                return 0;
            }
        };
        let n = out.records.len();
        let id = shard_id(shard);
        let every = self.kinesis.kcl.get(application).map_or(0, |a| a.config.checkpoint_every);
        let mut checkpoints = Vec::new();
        let Some(app) = self.kinesis.kcl.get_mut(application) else { return 0 };
        let Some(lease) = app.leases.get_mut(&shard) else { return 0 };
        for r in out.records {
            lease.uncheckpointed += 1;
            lease.last_processed = Some(r.sequence_number);
            app.processed.push(ProcessedRecord {
                shard: id.clone(),
                sequence_number: r.sequence_number,
                partition_key: String::from(&*r.partition_key),
                data: r.data,
                arrival: Instant((r.approximate_arrival_timestamp * 1000.0 + 0.5) as u64),
            });
            if every > 0 && lease.uncheckpointed >= every {
                lease.checkpoint = Checkpoint::At(r.sequence_number);
                lease.uncheckpointed = 0;
                lease.lease_counter += 1;
                checkpoints.push(lease.checkpoint.label());
            }
        }
        match out.next_shard_iterator {
            Some(next) => lease.iterator = Some(next),
            None => {
                lease.iterator = None;
                lease.checkpoint = Checkpoint::ShardEnd;
                lease.uncheckpointed = 0;
                lease.lease_counter += 1;
                checkpoints.push(lease.checkpoint.label());
            }
        }
        if n > 0 {
            self.ctx.emit(KinesisEvent::RecordsProcessed {
                application: application.into(),
                shard: id.clone(),
                count: n,
            });
        }
        for checkpoint in checkpoints {
            self.ctx.emit(KinesisEvent::Checkpointed {
                application: application.into(),
                shard: id.clone(),
                checkpoint,
            });
        }
        n
    }

    /// Timer: an auto-polling application's next round.
    pub(crate) fn kcl_on_timer(&mut self, application: &str) {
        let Some(app) = self.kinesis.kcl.get(application) else { return };
        if !app.running {
            return;
        }
        if self.kcl_poll(application).is_err() {
            if let Some(app) = self.kinesis.kcl.get_mut(application) {
                app.running = false; // the stream is gone
            }
            return;
        }
        let at = self.ctx.now.plus(POLL_INTERVAL_MS);
        self.ctx.schedule(at, KinesisTimer::KclPoll { application: application.into() });
    }
}
