//! Retention: how long records stay readable, and their expiry on the virtual clock.
//!
//! AWS: 24 hours by default; `IncreaseStreamRetentionPeriod` up to 8,760 hours (365 days),
//! `DecreaseStreamRetentionPeriod` down to 24 hours. An increase does not bring back records
//! already older than the previous period; a decrease makes older records inaccessible almost
//! immediately (<https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html>,
//! spec/kinesis.md §1.2). A closed shard disappears (EXPIRED) once its records are gone.
//!
//! A record put at `t` is readable while `t + retention > now`; a [`KinesisTimer::Trim`] fires
//! at the earliest such deadline of the stream and removes what expired (`RecordExpired`,
//! `ShardExpired`). Because removal is physical, an increase cannot resurrect anything.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::shapes::{input, Empty};
use super::{KinesisEvent, KinesisTimer};
use crate::coral::Violations;
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Shortest retention, hours.
pub const MIN_RETENTION_HOURS: i64 = 24;
/// Longest retention, hours (365 days).
pub const MAX_RETENTION_HOURS: i64 = 8_760;

input! {
    /// Increase/DecreaseStreamRetentionPeriod.
    pub struct RetentionPeriodInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub retention_period_hours: Option<i64> = "RetentionPeriodHours",
    }
}

impl Cloud {
    /// IncreaseStreamRetentionPeriod (`increase = true`) or DecreaseStreamRetentionPeriod.
    pub fn change_retention_period(
        &mut self,
        input: RetentionPeriodInput,
        increase: bool,
    ) -> Result<Empty, ApiError> {
        let mut v = Violations::new();
        v.not_null("retentionPeriodHours", &input.retention_period_hours);
        v.range("retentionPeriodHours", input.retention_period_hours, Some(1), None);
        v.finish()?;
        let hours = input.retention_period_hours.unwrap_or_default();
        let account = self.ctx.config.account_id.clone();
        let s = self.kinesis_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        if hours < MIN_RETENTION_HOURS {
            return Err(ApiError::retention_too_short(hours));
        }
        if hours > MAX_RETENTION_HOURS {
            return Err(ApiError::retention_too_long(hours));
        }
        let current = i64::from(s.retention_hours);
        let name = s.name.clone();
        if increase && hours < current {
            return Err(ApiError::kinesis_invalid_argument(format!(
                "Requested retention period ({hours} hours) for stream {name} can not be shorter than existing \
                 retention period ({current} hours). Use DecreaseRetentionPeriod API."
            )));
        }
        if !increase && hours > current {
            return Err(ApiError::kinesis_invalid_argument(format!(
                "Requested retention period ({hours} hours) for stream {name} can not be longer than existing \
                 retention period ({current} hours). Use IncreaseRetentionPeriod API."
            )));
        }
        if s.status != super::StreamStatus::Active {
            return Err(ApiError::stream_not_active(&name, &account, s.status.as_str()));
        }
        if let Some(s) = self.kinesis.streams.get_mut(&name) {
            s.retention_hours = hours as u32; // ok: 24 ≤ hours ≤ 8760
        }
        self.ctx.emit(KinesisEvent::RetentionPeriodChanged { stream: name.clone(), hours: hours as u32 });
        // A decrease takes effect now; either way the next expiry moves.
        let id = self.kinesis.streams.get(&name).map_or(0, |s| s.id);
        self.kinesis_trim(&name, id);
        Ok(Empty {})
    }

    /// Makes sure a trim timer is pending for a stream that just got a record.
    pub(crate) fn kinesis_ensure_trim_timer(&mut self, name: &str, arrival: Instant) {
        let Some(s) = self.kinesis.streams.get_mut(name) else { return };
        if s.trim_timer.is_none() {
            let at = arrival.plus(s.retention_ms());
            let id = s.id;
            let t = self.ctx.schedule(at, KinesisTimer::Trim { stream: name.into(), id });
            if let Some(s) = self.kinesis.streams.get_mut(name) {
                s.trim_timer = Some(t);
            }
        }
    }

    /// Timer (and after retention changes): removes expired records and expired closed
    /// shards, then schedules the next expiry.
    pub(crate) fn kinesis_trim(&mut self, name: &str, id: u64) {
        let now = self.ctx.now;
        let Some(s) = self.kinesis.streams.get_mut(name).filter(|s| s.id == id) else { return };
        if let Some(t) = s.trim_timer.take() {
            self.ctx.timers.cancel(t);
        }
        let retention = s.retention_ms();
        let mut expired_records = Vec::new();
        let mut expired_shards = Vec::new();
        for shard in s.shards.values_mut() {
            while shard.records.front().is_some_and(|r| r.arrival.plus(retention) <= now) {
                if let Some(r) = shard.records.pop_front() {
                    expired_records.push((shard.id(), r.sequence_number));
                }
            }
            if shard.records.is_empty() && shard.closed_at.is_some_and(|c| c.plus(retention) <= now) {
                expired_shards.push(shard.index);
            }
        }
        for i in &expired_shards {
            s.shards.remove(i);
        }
        let next = s
            .shards
            .values()
            .flat_map(|sh| {
                let record = sh.records.front().map(|r| r.arrival.plus(retention));
                let close = sh.closed_at.map(|c| c.plus(retention));
                record.into_iter().chain(close)
            })
            .min();
        let stream_id = s.id;
        for (shard, sequence_number) in expired_records {
            self.ctx.emit(KinesisEvent::RecordExpired { stream: name.into(), shard, sequence_number });
        }
        for i in expired_shards {
            self.ctx
                .emit(KinesisEvent::ShardExpired { stream: name.into(), shard: super::shard::shard_id(i) });
        }
        if let Some(at) = next {
            let t = self.ctx.schedule(at, KinesisTimer::Trim { stream: name.into(), id: stream_id });
            if let Some(s) = self.kinesis.streams.get_mut(name) {
                s.trim_timer = Some(t);
            }
        }
    }
}
