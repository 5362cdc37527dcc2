//! Kinesis Data Analytics for SQL applications, light: an application reads a Kinesis data
//! stream or a Firehose delivery stream as the in-application stream `SOURCE_SQL_STREAM_001`
//! (`ROWTIME` = arrival in the application), runs one continuous SQL query with tumbling
//! (`STEP`) or sliding (`OVER … RANGE … PRECEDING`) windows, and writes JSON rows to a Kinesis
//! stream or a delivery stream (kinesis.md §3; <https://docs.aws.amazon.com/kinesisanalytics/latest/dev/how-it-works.html>).
//!
//! **Deprecated service**: Kinesis Data Analytics for SQL applications stops accepting new
//! applications on 2025-10-15 and deletes applications from 2026-01-27; its successor,
//! Amazon Managed Service for Apache Flink, runs user Flink jobs that a browser simulator
//! cannot run faithfully. This module exists to show the *concept* exam study notes ask
//! about: windowed aggregation over a stream.
//!
//! Pseudo actions (`kinesisanalytics.<Action>`, API v1 member names):
//!
//! | call | input | output |
//! | --- | --- | --- |
//! | `CreateApplication` | `{"ApplicationName", "ApplicationCode", "Inputs": [{"NamePrefix", "KinesisStreamsInput" \| "KinesisFirehoseInput": {"ResourceARN", "RoleARN"}}], "Outputs"?: [{"Name", "KinesisStreamsOutput" \| "KinesisFirehoseOutput": {"ResourceARN", "RoleARN"}}]}` | `{"ApplicationSummary": {"ApplicationName", "ApplicationARN", "ApplicationStatus": "READY"}}` |
//! | `StartApplication` | `{"ApplicationName", "InputConfigurations"?}` | `{}` (`STARTING` → `RUNNING`) |
//! | `StopApplication` | `{"ApplicationName"}` | `{}` (`STOPPING` → `READY`) |
//! | `DescribeApplication` | `{"ApplicationName"}` | `{"ApplicationDetail": {…, "ApplicationStatus", "ApplicationCode", "InputDescriptions", "OutputDescriptions"}}` |
//! | `ListApplications` | `{}` | `{"ApplicationSummaries": [...], "HasMoreApplications": false}` |
//! | `DeleteApplication` | `{"ApplicationName", "CreateTimestamp"?}` | `{}` |
//!
//! The SQL subset is in [`sql`]; errors in the code answer `CodeValidationException` with the
//! line and column.
//!
//! # Fidelity
//! * One query (one pump) per application, JSON records only, no reference data, no
//!   `DiscoverInputSchema`: columns are read from each record's JSON members (case-insensitive).
//! * Output column names are the destination stream's columns when `CREATE OR REPLACE
//!   STREAM` lists as many as the select list, else the aliases (`COUNT`, `SUM_PRICE`, …).
//! * Records that are not JSON objects are counted as rejected (AWS sends them to the
//!   `error_stream`). Reading starts when the application is `RUNNING` (`NOW`).
//! * Lifecycle transitions take 500 ms (AWS: tens of seconds to minutes).
//! * A Kinesis stream input is read once a second; rows written to a Kinesis stream output get
//!   a random partition key.

pub mod application;
#[cfg(feature = "serde")]
pub(crate) mod json;
pub mod sql;
pub mod window;

use crate::collections::VecMap;
use alloc::string::String;

use crate::time::Instant;
use crate::Cloud;

pub use application::{AppStatus, Application, Endpoint, Output};

/// Time between reads of a Kinesis stream input.
pub const POLL_MS: u64 = crate::time::SECOND;

/// Nested writes (application → delivery stream → application …) stop at this depth.
pub const MAX_CHAIN: u32 = 4;

/// All applications, by name.
#[derive(Clone, Debug, Default)]
pub struct Analytics {
    pub applications: VecMap<String, Application>,
    pub(crate) next_serial: u64,
    pub(crate) depth: u32,
}

crate::event::event_enum! {
    /// Events of Kinesis Data Analytics.
    #[derive(Clone, Debug, PartialEq)]
    pub enum AnalyticsEvent {
        ApplicationCreated {
            application: String,
        },
        ApplicationStatusChanged {
            application: String,
            status: String,
        },
        ApplicationDeleted {
            application: String,
        },
        /// A record could not be read as a row.
        RowRejected {
            application: String,
            reason: String,
        },
        /// A tumbling window closed with `rows` output rows.
        WindowClosed {
            application: String,
            window_start: Instant,
            window_end: Instant,
            rows: usize,
        },
        /// One output row went to an output (`delivered` false when the destination was missing
        /// or not active).
        RowEmitted {
            application: String,
            output: String,
            data: String,
            delivered: bool,
        },
    }
}

/// Timers of Kinesis Data Analytics.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalyticsTimer {
    /// A lifecycle transition completes.
    Transition { application: String, serial: u64 },
    /// A tumbling window ends.
    CloseWindow { application: String, serial: u64, window_start: u64 },
    /// Read the Kinesis stream input.
    Poll { application: String, serial: u64 },
}

impl Cloud {
    pub(crate) fn analytics_on_timer(&mut self, timer: AnalyticsTimer) {
        match timer {
            AnalyticsTimer::Transition { application, serial } => {
                self.analytics_transition_done(&application, serial)
            }
            AnalyticsTimer::CloseWindow { application, serial, window_start } => {
                self.analytics_close_window(&application, serial, window_start)
            }
            AnalyticsTimer::Poll { application, serial } => self.analytics_poll(&application, serial),
        }
    }

    /// Writes one output row to an endpoint; false when it could not be written.
    pub(crate) fn analytics_write(&mut self, endpoint: &Endpoint, data: &[u8]) -> bool {
        if self.analytics.depth >= MAX_CHAIN {
            return false;
        }
        self.analytics.depth += 1;
        let ok = match endpoint {
            Endpoint::Firehose { name, .. } => self.firehose_put_record(name, data.to_vec()).is_ok(),
            Endpoint::KinesisStream { arn } => {
                let partition_key = self.ctx.rng.hex(16);
                self.put_record(crate::kinesis::put::PutRecordInput {
                    stream_arn: Some(arn.clone()),
                    data: Some(data.to_vec()),
                    partition_key: Some(partition_key),
                    ..Default::default()
                })
                .is_ok()
            }
        };
        self.analytics.depth -= 1;
        ok
    }
}
