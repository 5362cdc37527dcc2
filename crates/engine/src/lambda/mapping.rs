//! Event source mappings: Lambda polls an SQS queue or a Kinesis stream and invokes a
//! function with batches (`CreateEventSourceMapping`, `GetEventSourceMapping`,
//! `ListEventSourceMappings`, `UpdateEventSourceMapping`, `DeleteEventSourceMapping`;
//! <https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html>).
//!
//! Parameters and ranges (Lambda API model; sqs.md §11, kinesis.md §1.11):
//! * SQS: `BatchSize` default 10, 1–10,000 (FIFO 1–10); `MaximumBatchingWindowInSeconds`
//!   0–300, standard queues only, and at least 1 when `BatchSize` > 10;
//!   `ScalingConfig.MaximumConcurrency` 2–1,000.
//! * Kinesis: `StartingPosition` (`TRIM_HORIZON`, `LATEST`, `AT_TIMESTAMP`) required;
//!   `BatchSize` default 100, 1–10,000; `ParallelizationFactor` 1–10;
//!   `BisectBatchOnFunctionError`; `MaximumRetryAttempts` −1 (infinite, default)…10,000;
//!   `MaximumRecordAgeInSeconds` −1 (default) or 60–604,800; `DestinationConfig.OnFailure`.
//! * `FunctionResponseTypes: ["ReportBatchItemFailures"]` for partial batch responses.
//!
//! States: `CreateEventSourceMapping` answers `Creating`, then `Enabled` (or `Disabled`) after
//! [`STATE_MS`]; updates pass through `Updating`, deletion through `Deleting`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{LambdaEvent, LambdaTimer};
use crate::stream_reader::{StartAt, StreamReader};
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Time of each state transition of a mapping.
pub const STATE_MS: u64 = 500;
pub const SQS_BATCH_DEFAULT: i64 = 10;
pub const KINESIS_BATCH_DEFAULT: i64 = 100;
pub const BATCH_MAX: i64 = 10_000;
pub const FIFO_BATCH_MAX: i64 = 10;
pub const WINDOW_MAX_S: i64 = 300;
/// Concurrent batches of an SQS mapping when `ScalingConfig` is absent (Lambda starts with
/// five pollers, sqs.md §11).
pub const SQS_DEFAULT_CONCURRENCY: u64 = 5;

/// Kind of source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Sqs { fifo: bool },
    Kinesis,
}

/// `State` of a mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingState {
    Creating,
    Enabled,
    Disabled,
    Enabling,
    Disabling,
    Updating,
    Deleting,
}

impl MappingState {
    pub fn as_str(self) -> &'static str {
        match self {
            MappingState::Creating => "Creating",
            MappingState::Enabled => "Enabled",
            MappingState::Disabled => "Disabled",
            MappingState::Enabling => "Enabling",
            MappingState::Disabling => "Disabling",
            MappingState::Updating => "Updating",
            MappingState::Deleting => "Deleting",
        }
    }
}

/// `CreateEventSourceMapping` / `UpdateEventSourceMapping` input (members the simulator uses).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MappingInput {
    pub uuid: Option<String>,
    pub event_source_arn: Option<String>,
    pub function_name: Option<String>,
    pub enabled: Option<bool>,
    pub batch_size: Option<i64>,
    pub maximum_batching_window_in_seconds: Option<i64>,
    pub starting_position: Option<String>,
    pub starting_position_timestamp: Option<f64>,
    pub parallelization_factor: Option<i64>,
    pub bisect_batch_on_function_error: Option<bool>,
    pub maximum_retry_attempts: Option<i64>,
    pub maximum_record_age_in_seconds: Option<i64>,
    pub on_failure_destination: Option<String>,
    pub function_response_types: Option<Vec<String>>,
    pub maximum_concurrency: Option<i64>,
    pub tumbling_window_in_seconds: Option<i64>,
}

/// One mapping.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub uuid: String,
    pub serial: u64,
    pub function: String,
    pub function_arn: String,
    pub source_arn: String,
    pub kind: SourceKind,
    pub state: MappingState,
    pub enabled: bool,
    pub batch_size: u64,
    pub window_s: u64,
    pub report_batch_item_failures: bool,
    pub starting_position: Option<String>,
    pub starting_position_timestamp: Option<f64>,
    pub parallelization_factor: u64,
    pub bisect: bool,
    pub max_retry_attempts: i64,
    pub max_record_age_s: i64,
    pub on_failure: Option<String>,
    pub max_concurrency: Option<u64>,
    pub tumbling_window_s: u64,
    pub last_modified: Instant,
    pub last_processing_result: String,
    /// Generation of the polling loop (a new loop starts at each transition to `Enabled`).
    pub poll_gen: u64,
    /// SQS: batches being processed and the batch being gathered.
    pub sqs: super::sqs_poller::SqsPollState,
    /// Kinesis: the shard reader and per-shard batches.
    pub kinesis: Option<super::kinesis_poller::KinesisPollState>,
}

fn range(v: i64, min: i64, max: i64, member: &str) -> Result<(), ApiError> {
    if v < min {
        return Err(ApiError::lambda_validation(
            &v.to_string(),
            member,
            &format!("Member must have value greater than or equal to {min}"),
        ));
    }
    if v > max {
        return Err(ApiError::lambda_validation(
            &v.to_string(),
            member,
            &format!("Member must have value less than or equal to {max}"),
        ));
    }
    Ok(())
}

impl Cloud {
    fn mapping_kind(&self, arn: &str) -> Result<SourceKind, ApiError> {
        let parts: Vec<&str> = arn.split(':').collect();
        match parts.get(2).copied() {
            Some("sqs") => {
                let fifo = self.sqs_queue_is_fifo(arn).ok_or_else(|| {
                    ApiError::lambda_invalid_parameter(
                        "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it.",
                    )
                })?;
                Ok(SourceKind::Sqs { fifo })
            }
            Some("kinesis") => {
                if self.kinesis_stream_name_of_arn(arn).is_none() {
                    return Err(ApiError::lambda_invalid_parameter(format!("Stream not found: {arn}")));
                }
                Ok(SourceKind::Kinesis)
            }
            _ => Err(ApiError::lambda_invalid_parameter(format!(
                "Unsupported event source type: {arn} (the simulator maps SQS queues and Kinesis streams)"
            ))),
        }
    }

    /// Validates the members common to create and update against the source kind.
    fn check_mapping(kind: SourceKind, m: &MappingInput, batch: i64, window: i64) -> Result<(), ApiError> {
        range(batch, 1, BATCH_MAX, "batchSize")?;
        range(window, 0, WINDOW_MAX_S, "maximumBatchingWindowInSeconds")?;
        if let Some(types) = &m.function_response_types {
            if let Some(t) = types.iter().find(|t| t.as_str() != "ReportBatchItemFailures") {
                return Err(ApiError::lambda_validation(
                    t,
                    "functionResponseTypes",
                    "Member must satisfy enum value set: [ReportBatchItemFailures]",
                ));
            }
        }
        match kind {
            SourceKind::Sqs { fifo } => {
                if m.starting_position.is_some() || m.starting_position_timestamp.is_some() {
                    return Err(ApiError::lambda_invalid_parameter(
                        "StartingPosition is not valid for Amazon SQS event sources.",
                    ));
                }
                for (v, n) in [
                    (m.parallelization_factor.is_some(), "ParallelizationFactor"),
                    (m.bisect_batch_on_function_error.is_some(), "BisectBatchOnFunctionError"),
                    (m.maximum_retry_attempts.is_some(), "MaximumRetryAttempts"),
                    (m.maximum_record_age_in_seconds.is_some(), "MaximumRecordAgeInSeconds"),
                    (m.on_failure_destination.is_some(), "DestinationConfig"),
                    (m.tumbling_window_in_seconds.is_some(), "TumblingWindowInSeconds"),
                ] {
                    if v {
                        return Err(ApiError::lambda_invalid_parameter(format!(
                            "Unsupported SQS source parameter: {n}"
                        )));
                    }
                }
                if fifo && batch > FIFO_BATCH_MAX {
                    return Err(ApiError::lambda_invalid_parameter(
                        "Batch size for FIFO queues must be between 1 and 10.",
                    ));
                }
                if fifo && window > 0 {
                    return Err(ApiError::lambda_invalid_parameter(
                        "Batching window is not supported for FIFO queues.",
                    ));
                }
                if batch > 10 && window == 0 {
                    return Err(ApiError::lambda_invalid_parameter(
                        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
                    ));
                }
                if let Some(c) = m.maximum_concurrency {
                    range(c, 2, 1000, "scalingConfig.maximumConcurrency")?;
                }
            }
            SourceKind::Kinesis => {
                if let Some(p) = m.parallelization_factor {
                    range(p, 1, 10, "parallelizationFactor")?;
                }
                if let Some(r) = m.maximum_retry_attempts {
                    range(r, -1, 10_000, "maximumRetryAttempts")?;
                }
                if let Some(a) = m.maximum_record_age_in_seconds {
                    range(a, -1, 604_800, "maximumRecordAgeInSeconds")?;
                    if (0..60).contains(&a) {
                        return Err(ApiError::lambda_invalid_parameter(
                            "MaximumRecordAgeInSeconds must be -1 or between 60 and 604800.",
                        ));
                    }
                }
                if let Some(t) = m.tumbling_window_in_seconds {
                    range(t, 0, 900, "tumblingWindowInSeconds")?;
                }
                if m.maximum_concurrency.is_some() {
                    return Err(ApiError::lambda_invalid_parameter(
                        "Unsupported Kinesis source parameter: ScalingConfig",
                    ));
                }
            }
        }
        Ok(())
    }

    /// `CreateEventSourceMapping`.
    pub fn create_event_source_mapping(&mut self, m: MappingInput) -> Result<&Mapping, ApiError> {
        let fname = m
            .function_name
            .clone()
            .ok_or_else(|| ApiError::lambda_validation("null", "functionName", "Member must not be null"))?;
        let arn = m
            .event_source_arn
            .clone()
            .ok_or_else(|| ApiError::lambda_invalid_parameter("EventSourceArn is required."))?;
        let function = self.resolve_function(&fname)?;
        let kind = self.mapping_kind(&arn)?;
        let batch = m.batch_size.unwrap_or(if kind == SourceKind::Kinesis {
            KINESIS_BATCH_DEFAULT
        } else {
            SQS_BATCH_DEFAULT
        });
        let window = m.maximum_batching_window_in_seconds.unwrap_or(0);
        Self::check_mapping(kind, &m, batch, window)?;
        let (start, start_ts) = match kind {
            SourceKind::Kinesis => {
                match m.starting_position.as_deref() {
                    None => {
                        return Err(ApiError::lambda_invalid_parameter(
                            "StartingPosition is required for Amazon Kinesis event sources.",
                        ))
                    }
                    Some("AT_TIMESTAMP") => {
                        let ts = m.starting_position_timestamp.ok_or_else(|| {
                        ApiError::lambda_invalid_parameter("StartingPositionTimestamp is required when StartingPosition is AT_TIMESTAMP.")
                    })?;
                        (Some("AT_TIMESTAMP".to_string()), Some(ts))
                    }
                    Some(p @ ("TRIM_HORIZON" | "LATEST")) => (Some(p.to_string()), None),
                    Some(p) => {
                        return Err(ApiError::lambda_validation(
                            p,
                            "startingPosition",
                            "Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
                        ))
                    }
                }
            }
            SourceKind::Sqs { .. } => (None, None),
        };
        if let Some(existing) =
            self.lambda.mappings.values().find(|x| x.source_arn == arn && x.function == function)
        {
            let label = if kind == SourceKind::Kinesis { "Kinesis" } else { "SQS" };
            return Err(ApiError::mapping_already_exists(label, &arn, &function, &existing.uuid));
        }
        let uuid = self.ctx.rng.uuid();
        self.lambda.next_serial += 1;
        let serial = self.lambda.next_serial;
        let now = self.ctx.now;
        let kinesis = match kind {
            SourceKind::Kinesis => {
                let stream = self.kinesis_stream_name_of_arn(&arn).unwrap_or_default();
                let at = match (start.as_deref(), start_ts) {
                    (Some("TRIM_HORIZON"), _) => StartAt::TrimHorizon,
                    (_, Some(ts)) => StartAt::AtTimestamp(ts),
                    _ => StartAt::Latest,
                };
                let mut reader = StreamReader::new(&stream, at);
                // LATEST means "when the mapping was created".
                if self.reader_sync(&mut reader).is_ok() {
                    self.reader_prime(&mut reader);
                }
                Some(super::kinesis_poller::KinesisPollState::new(reader))
            }
            SourceKind::Sqs { .. } => None,
        };
        let mapping = Mapping {
            uuid: uuid.clone(),
            serial,
            function_arn: self.function_arn(&function),
            function: function.clone(),
            source_arn: arn.clone(),
            kind,
            state: MappingState::Creating,
            enabled: m.enabled.unwrap_or(true),
            batch_size: batch as u64,
            window_s: window as u64,
            report_batch_item_failures: m.function_response_types.as_ref().is_some_and(|t| !t.is_empty()),
            starting_position: start,
            starting_position_timestamp: start_ts,
            parallelization_factor: m.parallelization_factor.unwrap_or(1) as u64,
            bisect: m.bisect_batch_on_function_error.unwrap_or(false),
            max_retry_attempts: m.maximum_retry_attempts.unwrap_or(-1),
            max_record_age_s: m.maximum_record_age_in_seconds.unwrap_or(-1),
            on_failure: m.on_failure_destination.clone(),
            max_concurrency: m.maximum_concurrency.map(|c| c as u64),
            tumbling_window_s: m.tumbling_window_in_seconds.unwrap_or(0) as u64,
            last_modified: now,
            last_processing_result: "No records processed".into(),
            poll_gen: 0,
            sqs: Default::default(),
            kinesis,
        };
        self.lambda.mappings.insert(uuid.clone(), mapping);
        self.ctx.emit(LambdaEvent::EventSourceMappingCreated {
            uuid: uuid.clone(),
            function,
            source_arn: arn,
        });
        self.ctx.schedule(now.plus(STATE_MS), LambdaTimer::MappingSettled { uuid: uuid.clone(), serial });
        self.lambda.mappings.get(&uuid).ok_or_else(ApiError::mapping_not_found)
    }

    /// `GetEventSourceMapping`.
    pub fn get_event_source_mapping(&self, uuid: &str) -> Result<&Mapping, ApiError> {
        self.lambda.mappings.get(uuid).ok_or_else(ApiError::mapping_not_found)
    }

    /// `ListEventSourceMappings`, in creation order, filtered by source and function.
    pub fn list_event_source_mappings(
        &self,
        source_arn: Option<&str>,
        function: Option<&str>,
    ) -> Result<Vec<&Mapping>, ApiError> {
        let function = match function {
            Some(f) => Some(self.resolve_function(f)?),
            None => None,
        };
        let mut out: Vec<&Mapping> = self
            .lambda
            .mappings
            .values()
            .filter(|m| source_arn.is_none_or(|a| a == m.source_arn))
            .filter(|m| function.as_deref().is_none_or(|f| f == m.function))
            .collect();
        crate::collections::sort_by(&mut out, &|a, b| a.serial.cmp(&b.serial));
        Ok(out)
    }

    /// `UpdateEventSourceMapping`: `Updating`, then `Enabled`/`Disabled`.
    pub fn update_event_source_mapping(&mut self, m: MappingInput) -> Result<&Mapping, ApiError> {
        let uuid = m
            .uuid
            .clone()
            .ok_or_else(|| ApiError::lambda_validation("null", "uUID", "Member must not be null"))?;
        let cur = self.lambda.mappings.get(&uuid).ok_or_else(ApiError::mapping_not_found)?;
        if !matches!(cur.state, MappingState::Enabled | MappingState::Disabled) {
            return Err(ApiError::mapping_in_use(&uuid, cur.state.as_str()));
        }
        let kind = cur.kind;
        let batch = m.batch_size.unwrap_or(cur.batch_size as i64);
        let window = m.maximum_batching_window_in_seconds.unwrap_or(cur.window_s as i64);
        Self::check_mapping(kind, &m, batch, window)?;
        let function = match &m.function_name {
            Some(f) => Some(self.resolve_function(f)?),
            None => None,
        };
        let function_arn = function.as_ref().map(|f| self.function_arn(f));
        let now = self.ctx.now;
        let Some(x) = self.lambda.mappings.get_mut(&uuid) else { return Err(ApiError::mapping_not_found()) };
        if let (Some(f), Some(a)) = (function, function_arn) {
            x.function = f;
            x.function_arn = a;
        }
        x.batch_size = batch as u64;
        x.window_s = window as u64;
        if let Some(e) = m.enabled {
            x.enabled = e;
        }
        if let Some(t) = &m.function_response_types {
            x.report_batch_item_failures = !t.is_empty();
        }
        if let Some(p) = m.parallelization_factor {
            x.parallelization_factor = p as u64;
        }
        if let Some(b) = m.bisect_batch_on_function_error {
            x.bisect = b;
        }
        if let Some(r) = m.maximum_retry_attempts {
            x.max_retry_attempts = r;
        }
        if let Some(a) = m.maximum_record_age_in_seconds {
            x.max_record_age_s = a;
        }
        if m.on_failure_destination.is_some() {
            x.on_failure = m.on_failure_destination.clone();
        }
        if let Some(c) = m.maximum_concurrency {
            x.max_concurrency = Some(c as u64);
        }
        x.state = MappingState::Updating;
        x.last_modified = now;
        let serial = x.serial;
        self.ctx.emit(LambdaEvent::EventSourceMappingStateChanged {
            uuid: uuid.clone(),
            state: "Updating".into(),
        });
        self.ctx.schedule(now.plus(STATE_MS), LambdaTimer::MappingSettled { uuid: uuid.clone(), serial });
        self.lambda.mappings.get(&uuid).ok_or_else(ApiError::mapping_not_found)
    }

    /// `DeleteEventSourceMapping`: answers the mapping in state `Deleting`; it is gone
    /// [`STATE_MS`] later.
    pub fn delete_event_source_mapping(&mut self, uuid: &str) -> Result<Mapping, ApiError> {
        let now = self.ctx.now;
        let x = self.lambda.mappings.get_mut(uuid).ok_or_else(ApiError::mapping_not_found)?;
        if x.state == MappingState::Deleting {
            return Err(ApiError::mapping_in_use(uuid, "Deleting"));
        }
        x.state = MappingState::Deleting;
        let serial = x.serial;
        let out = x.clone();
        self.ctx.emit(LambdaEvent::EventSourceMappingStateChanged {
            uuid: uuid.into(),
            state: "Deleting".into(),
        });
        self.ctx.schedule(now.plus(STATE_MS), LambdaTimer::MappingSettled { uuid: uuid.into(), serial });
        Ok(out)
    }

    /// Timer: a state transition completes; an enabled mapping starts polling.
    pub(crate) fn mapping_settled(&mut self, uuid: &str, serial: u64) {
        let now = self.ctx.now;
        let Some(x) = self.lambda.mappings.get_mut(uuid).filter(|x| x.serial == serial) else { return };
        if x.state == MappingState::Deleting {
            self.lambda.mappings.remove(uuid);
            self.ctx.emit(LambdaEvent::EventSourceMappingDeleted { uuid: uuid.into() });
            return;
        }
        x.state = if x.enabled { MappingState::Enabled } else { MappingState::Disabled };
        x.poll_gen += 1;
        let (state, gen) = (x.state, x.poll_gen);
        self.ctx.emit(LambdaEvent::EventSourceMappingStateChanged {
            uuid: uuid.into(),
            state: state.as_str().into(),
        });
        if state == MappingState::Enabled {
            self.ctx.schedule(now, LambdaTimer::Poll { uuid: uuid.into(), serial, gen });
        }
    }

    /// Timer: one polling round of an enabled mapping.
    pub(crate) fn mapping_poll(&mut self, uuid: &str, serial: u64, gen: u64) {
        let Some(x) = self.lambda.mappings.get(uuid).filter(|x| x.serial == serial && x.poll_gen == gen)
        else {
            return;
        };
        if x.state != MappingState::Enabled {
            return;
        }
        let next = match x.kind {
            SourceKind::Sqs { .. } => self.sqs_mapping_poll(uuid),
            SourceKind::Kinesis => self.kinesis_mapping_poll(uuid),
        };
        let at = self.ctx.now.plus(next);
        self.ctx.schedule(at, LambdaTimer::Poll { uuid: uuid.into(), serial, gen });
    }
}
