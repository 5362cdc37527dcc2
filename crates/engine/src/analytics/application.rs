//! Applications: `CreateApplication`, `StartApplication`, `StopApplication`,
//! `DescribeApplication`, `DeleteApplication`, and the flow of rows from the input to the
//! outputs (Kinesis Data Analytics API v1, <https://docs.aws.amazon.com/kinesisanalytics/latest/dev/API_Reference.html>).
//!
//! Lifecycle: `READY` after creation; `StartApplication` → `STARTING` → `RUNNING`,
//! `StopApplication` → `STOPPING` → `READY`, `DeleteApplication` → `DELETING` → gone, each
//! transition taking [`TRANSITION_MS`]. Only a `RUNNING` application reads its input.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::sql::{self, Query};
use super::window::{self, Sliding, Tumbling};
use super::{AnalyticsEvent, AnalyticsTimer};
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Time of each lifecycle transition.
pub const TRANSITION_MS: u64 = 500;
/// Application name bounds (API: 1–128, `[a-zA-Z0-9_.-]+`).
pub const NAME_MAX: usize = 128;

/// `ApplicationStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppStatus {
    Ready,
    Starting,
    Running,
    Stopping,
    Deleting,
}

impl AppStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppStatus::Ready => "READY",
            AppStatus::Starting => "STARTING",
            AppStatus::Running => "RUNNING",
            AppStatus::Stopping => "STOPPING",
            AppStatus::Deleting => "DELETING",
        }
    }
}

/// Where an application reads or writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// A Kinesis data stream (`KinesisStreamsInput` / `KinesisStreamsOutput`).
    KinesisStream { arn: String },
    /// A Firehose delivery stream (`KinesisFirehoseInput` / `KinesisFirehoseOutput`).
    Firehose { arn: String, name: String },
}

/// One output: the in-application stream it drains and where it writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub name: String,
    pub endpoint: Endpoint,
}

/// One application.
#[derive(Clone, Debug)]
pub struct Application {
    pub name: String,
    pub arn: String,
    pub serial: u64,
    pub status: AppStatus,
    pub code: String,
    pub query: Query,
    pub version: u64,
    pub created: Instant,
    pub input_prefix: String,
    pub input: Endpoint,
    pub outputs: Vec<Output>,
    pub tumbling: Tumbling,
    pub sliding: Sliding,
    pub rows_in: u64,
    pub rows_out: u64,
    pub rows_rejected: u64,
    /// The starting position `StartApplication` asked for (`NOW`, `TRIM_HORIZON`,
    /// `LAST_STOPPED_POINT`).
    pub starting_position: String,
    /// The reader of a Kinesis stream input.
    pub reader: Option<crate::stream_reader::StreamReader>,
}

/// `CreateApplication` input, as validated by the JSON edge.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateApplication {
    pub name: String,
    pub code: String,
    pub input_prefix: String,
    pub input: Endpoint,
    pub outputs: Vec<Output>,
}

fn code_error(e: &sql::SqlError) -> ApiError {
    ApiError::client("CodeValidationException", 400, e.to_string())
}

impl Cloud {
    fn application_mut(&mut self, name: &str) -> Result<&mut Application, ApiError> {
        self.analytics.applications.get_mut(name).ok_or_else(|| ApiError::application_not_found(name))
    }

    /// `CreateApplication`: validates the code against the input's in-application stream.
    pub fn create_application(&mut self, input: CreateApplication) -> Result<&Application, ApiError> {
        let name = input.name;
        if name.is_empty()
            || name.len() > NAME_MAX
            || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
        {
            return Err(ApiError::client(
                "ValidationException",
                400,
                format!("1 validation error detected: Value '{name}' at 'applicationName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
            ));
        }
        if self.analytics.applications.contains_key(&name) {
            return Err(ApiError::client(
                "ResourceInUseException",
                400,
                format!("Application {name} already exists"),
            ));
        }
        let query = sql::parse(&input.code).map_err(|e| code_error(&e))?;
        let source = format!("{}_001", input.input_prefix);
        if !query.source.eq_ignore_ascii_case(&source) {
            return Err(ApiError::client(
                "CodeValidationException",
                400,
                format!(
                    "The query reads {} but the application's input is the in-application stream {source}.",
                    query.source
                ),
            ));
        }
        if let Some(d) = &query.destination {
            if let Some(o) = input.outputs.iter().find(|o| !o.name.eq_ignore_ascii_case(d)) {
                return Err(ApiError::client(
                    "InvalidArgumentException",
                    400,
                    format!(
                        "Output {} names no in-application stream of the code (the pump writes {d}).",
                        o.name
                    ),
                ));
            }
        }
        let arn = format!(
            "arn:aws:kinesisanalytics:{}:{}:application/{}",
            self.ctx.region(),
            self.ctx.account(),
            name
        );
        self.analytics.next_serial += 1;
        let app = Application {
            name: name.clone(),
            arn,
            serial: self.analytics.next_serial,
            status: AppStatus::Ready,
            code: input.code,
            query,
            version: 1,
            created: self.ctx.now,
            input_prefix: input.input_prefix,
            input: input.input,
            outputs: input.outputs,
            tumbling: Tumbling::new(),
            sliding: Sliding::new(),
            rows_in: 0,
            rows_out: 0,
            rows_rejected: 0,
            starting_position: "NOW".into(),
            reader: None,
        };
        self.ctx.emit(AnalyticsEvent::ApplicationCreated { application: name.clone() });
        Ok(self.analytics.applications.entry(name).or_insert(app))
    }

    fn transition(&mut self, name: &str, from: &[AppStatus], to: AppStatus) -> Result<(), ApiError> {
        let now = self.ctx.now;
        let app = self.application_mut(name)?;
        if !from.contains(&app.status) {
            return Err(ApiError::client(
                "ResourceInUseException",
                400,
                format!("Application {name} is in {} state.", app.status.as_str()),
            ));
        }
        app.status = to;
        let serial = app.serial;
        self.ctx.emit(AnalyticsEvent::ApplicationStatusChanged {
            application: name.into(),
            status: to.as_str().into(),
        });
        self.ctx.schedule(
            now.plus(TRANSITION_MS),
            AnalyticsTimer::Transition { application: name.into(), serial },
        );
        Ok(())
    }

    /// `StartApplication`; `position` is `NOW` (default), `TRIM_HORIZON` or
    /// `LAST_STOPPED_POINT` (for a Kinesis stream input).
    pub fn start_application(&mut self, name: &str, position: Option<&str>) -> Result<(), ApiError> {
        let position = position.unwrap_or("NOW");
        if !matches!(position, "NOW" | "TRIM_HORIZON" | "LAST_STOPPED_POINT") {
            return Err(ApiError::client(
                "ValidationException",
                400,
                format!("1 validation error detected: Value '{position}' at 'inputConfigurations.1.member.inputStartingPositionConfiguration.inputStartingPosition' failed to satisfy constraint: Member must satisfy enum value set: [NOW, TRIM_HORIZON, LAST_STOPPED_POINT]"),
            ));
        }
        self.transition(name, &[AppStatus::Ready], AppStatus::Starting)?;
        if let Some(app) = self.analytics.applications.get_mut(name) {
            app.starting_position = position.into();
        }
        Ok(())
    }

    /// `StopApplication`: open windows are dropped.
    pub fn stop_application(&mut self, name: &str) -> Result<(), ApiError> {
        self.transition(name, &[AppStatus::Running, AppStatus::Starting], AppStatus::Stopping)
    }

    /// `DeleteApplication`.
    pub fn delete_application(&mut self, name: &str) -> Result<(), ApiError> {
        self.transition(
            name,
            &[AppStatus::Ready, AppStatus::Running, AppStatus::Starting, AppStatus::Stopping],
            AppStatus::Deleting,
        )
    }

    pub(crate) fn analytics_transition_done(&mut self, name: &str, serial: u64) {
        let Some(app) = self.analytics.applications.get_mut(name).filter(|a| a.serial == serial) else {
            return;
        };
        let next = match app.status {
            AppStatus::Starting => AppStatus::Running,
            AppStatus::Stopping => AppStatus::Ready,
            AppStatus::Deleting => {
                self.analytics.applications.remove(name);
                self.ctx.emit(AnalyticsEvent::ApplicationDeleted { application: name.into() });
                return;
            }
            other => other,
        };
        if next == AppStatus::Ready {
            app.tumbling.clear();
            app.sliding.clear();
        }
        app.status = next;
        let kinesis_input = match &app.input {
            Endpoint::KinesisStream { arn } if next == AppStatus::Running => Some(arn.clone()),
            _ => None,
        };
        self.ctx.emit(AnalyticsEvent::ApplicationStatusChanged {
            application: name.into(),
            status: next.as_str().into(),
        });
        if let Some(arn) = kinesis_input {
            self.analytics_open_reader(name, serial, &arn);
        }
    }

    /// At RUNNING with a Kinesis stream input: positions on every shard, then a read every
    /// second (as the service reads its streaming source continuously).
    fn analytics_open_reader(&mut self, name: &str, serial: u64, arn: &str) {
        use crate::stream_reader::{StartAt, StreamReader};
        let Some(stream) = self.kinesis_stream_name_of_arn(arn) else { return };
        let Some(app) = self.analytics.applications.get_mut(name) else { return };
        let mut reader = match (app.starting_position.as_str(), app.reader.take()) {
            ("LAST_STOPPED_POINT", Some(r)) => r,
            ("TRIM_HORIZON", _) => StreamReader::new(&stream, StartAt::TrimHorizon),
            _ => StreamReader::new(&stream, StartAt::Latest),
        };
        for shard in reader.leases.keys().cloned().collect::<Vec<_>>() {
            reader.rewind(&shard);
        }
        if self.reader_sync(&mut reader).is_ok() {
            self.reader_prime(&mut reader);
        }
        if let Some(app) = self.analytics.applications.get_mut(name) {
            app.reader = Some(reader);
        }
        let at = self.ctx.now.plus(super::POLL_MS);
        self.ctx.schedule(at, AnalyticsTimer::Poll { application: name.into(), serial });
    }

    /// Timer: reads the Kinesis input of a running application.
    pub(crate) fn analytics_poll(&mut self, name: &str, serial: u64) {
        let Some(app) = self.analytics.applications.get_mut(name).filter(|a| a.serial == serial) else {
            return;
        };
        if app.status != AppStatus::Running {
            return;
        }
        let Some(mut reader) = app.reader.take() else { return };
        let mut rows = Vec::new();
        if self.reader_sync(&mut reader).is_ok() {
            for shard in reader.ready() {
                if let Ok(records) = self.reader_read(&mut reader, &shard, 10_000) {
                    if let Some(last) = records.last() {
                        reader.commit(&shard, &last.sequence_number);
                    }
                    rows.extend(records.into_iter().map(|r| r.data));
                }
            }
        }
        if let Some(app) = self.analytics.applications.get_mut(name) {
            app.reader = Some(reader);
        }
        for data in rows {
            self.analytics_ingest_app(name, &data);
        }
        let at = self.ctx.now.plus(super::POLL_MS);
        self.ctx.schedule(at, AnalyticsTimer::Poll { application: name.into(), serial });
    }

    /// Feeds one record of an input (a Firehose delivery stream or Kinesis stream) to every
    /// running application reading it.
    pub(crate) fn analytics_ingest(&mut self, input: &Endpoint, data: &[u8]) {
        let names: Vec<String> = self
            .analytics
            .applications
            .values()
            .filter(|a| a.status == AppStatus::Running && a.input == *input)
            .map(|a| a.name.clone())
            .collect();
        for name in names {
            self.analytics_ingest_app(&name, data);
        }
    }

    /// Feeds one record to application `name` (arrival now = `ROWTIME`).
    fn analytics_ingest_app(&mut self, name: &str, data: &[u8]) {
        let now = self.ctx.now;
        let Some(app) = self.analytics.applications.get_mut(name) else { return };
        let row = match serde_json::from_slice::<Value>(data) {
            Ok(Value::Object(m)) => m,
            _ => {
                app.rows_rejected += 1;
                self.ctx.emit(AnalyticsEvent::RowRejected {
                    application: name.into(),
                    reason: "The record is not a JSON object (the input schema's RecordFormatType is JSON)."
                        .into(),
                });
                return;
            }
        };
        if !window::passes(&app.query, &row) {
            return;
        }
        app.rows_in += 1;
        let (opened, out) = window::ingest(&app.query, &mut app.tumbling, &mut app.sliding, (now, row));
        let serial = app.serial;
        if let (Some(start), super::sql::Window::Tumbling { step_ms, .. }) = (opened, &app.query.window) {
            let end = Instant(start.saturating_add(*step_ms));
            self.ctx.schedule(
                end,
                AnalyticsTimer::CloseWindow { application: name.into(), serial, window_start: start },
            );
        }
        if !out.is_empty() {
            self.analytics_emit(name, out);
        }
    }

    pub(crate) fn analytics_close_window(&mut self, name: &str, serial: u64, start: u64) {
        let Some(app) = self.analytics.applications.get_mut(name).filter(|a| a.serial == serial) else {
            return;
        };
        let rows = window::close(&app.query, &mut app.tumbling, start);
        let end = match app.query.window {
            super::sql::Window::Tumbling { step_ms, .. } => start.saturating_add(step_ms),
            _ => start,
        };
        self.ctx.emit(AnalyticsEvent::WindowClosed {
            application: name.into(),
            window_start: Instant(start),
            window_end: Instant(end),
            rows: rows.len(),
        });
        self.analytics_emit(name, rows);
    }

    /// Writes output rows (JSON) to every output of the application.
    fn analytics_emit(&mut self, name: &str, rows: Vec<window::OutRow>) {
        let Some(app) = self.analytics.applications.get_mut(name) else { return };
        app.rows_out += rows.len() as u64;
        let outputs = app.outputs.clone();
        for row in rows {
            let text = window::to_json(&row);
            let data = text.as_bytes();
            for o in &outputs {
                let delivered = self.analytics_write(&o.endpoint, data);
                self.ctx.emit(AnalyticsEvent::RowEmitted {
                    application: name.into(),
                    output: o.name.clone(),
                    data: text.clone(),
                    delivered,
                });
            }
        }
    }
}

impl ApiError {
    /// `ResourceNotFoundException` for an unknown application.
    pub fn application_not_found(name: &str) -> Self {
        ApiError::client("ResourceNotFoundException", 400, format!("Application {name} not found"))
    }
}
