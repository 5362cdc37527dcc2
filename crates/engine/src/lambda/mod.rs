//! AWS Lambda, simulated with a small set of **built-in deterministic functions** (no user
//! code runs): the consumer end of SQS queues, SNS topics, Kinesis streams and Firehose
//! transformations (<https://docs.aws.amazon.com/lambda/latest/dg/welcome.html>).
//!
//! * [`handler`] holds the built-in functions (`pass-through`, `uppercase-field:<field>`,
//!   `add-newline`, `drop-when:<text>`, `fail-when:<text>`, `throw-when:<text>`, `slow:<ms>`,
//!   `crash-every:<n>`).
//! * [`function`] holds `CreateFunction`, `GetFunction`, `ListFunctions`, `DeleteFunction`,
//!   `Invoke` (`RequestResponse`, `Event`, `DryRun`) and [`Cloud::lambda_invoke_async`]
//!   (SNS `lambda` subscriptions).
//! * [`mapping`], [`sqs_poller`], [`kinesis_poller`]: event source mappings (`CreateEventSourceMapping`, …) for SQS queues and
//!   Kinesis streams, polled on the virtual clock ([`LambdaTimer::Poll`]).
//!
//! Pseudo actions of the `decouple api` protocol (`lambda.<Action>`, AWS member names):
//!
//! | call | input | output |
//! | --- | --- | --- |
//! | `lambda.CreateFunction` | `{"FunctionName", "Handler", "Timeout"?, "MemorySize"?, "Runtime"?, "Role"?, "Description"?}` | `FunctionConfiguration` (`FunctionName`, `FunctionArn`, `Handler`, `Timeout`, `State`: `Active`, …) |
//! | `lambda.GetFunction` | `{"FunctionName"}` | `{"Configuration": FunctionConfiguration}` |
//! | `lambda.ListFunctions` | `{}` | `{"Functions": [FunctionConfiguration]}` |
//! | `lambda.DeleteFunction` | `{"FunctionName"}` | `{}` |
//! | `lambda.Invoke` | `{"FunctionName", "InvocationType"?, "Payload"?: base64 or JSON}` | `{"StatusCode": 200/202/204, "Payload"?: base64, "FunctionError"?: "Unhandled", "ExecutedVersion"?}` |
//! | `lambda.CreateEventSourceMapping` | AWS's members (`EventSourceArn`, `FunctionName`, `BatchSize`, …) | `EventSourceMappingConfiguration` |
//! | `lambda.GetEventSourceMapping` / `UpdateEventSourceMapping` / `DeleteEventSourceMapping` | `{"UUID", …}` | `EventSourceMappingConfiguration` |
//! | `lambda.ListEventSourceMappings` | `{"EventSourceArn"?, "FunctionName"?}` | `{"EventSourceMappings": [...]}` |
//!
//! # Fidelity
//! * Functions are `Active` as soon as `CreateFunction` returns (AWS reports `Pending` for a
//!   few seconds). There are no versions or aliases: every call runs `$LATEST`.
//! * Each invocation runs in 1 ms of virtual time (`slow:<ms>`: `<ms>`); past `Timeout` it
//!   fails with `Sandbox.Timedout`. Concurrency is not limited.
//! * `DeleteFunction` also deletes the function's event source mappings (on AWS they remain
//!   and fail).
//! * Event source mappings poll every second (SQS with short receives, which never move the
//!   clock; AWS long-polls continuously), so a message or record waits up to 1 s for its
//!   batch. SQS mappings run at most `ScalingConfig.MaximumConcurrency` (default 5) batches at
//!   once (AWS scales from 5 pollers by up to 60 a minute to 1,000); batches are not cut at
//!   6 MB, and the visibility extension for `window + timeout > VisibilityTimeout` is not
//!   applied.
//! * Kinesis mappings run one batch per shard at a time: `ParallelizationFactor` and
//!   `TumblingWindowInSeconds` are validated and reported but do not change processing.
//!   Retries happen at the next poll (no backoff).
//! * Error texts for a missing Kinesis stream, a missing `StartingPosition` and parameters of
//!   the other source kind are not AWS-recorded; the duplicate-mapping rule (AWS-recorded for
//!   SQS) is applied to Kinesis too.

pub mod errors;
pub mod function;
pub mod handler;
#[cfg(feature = "serde")]
pub(crate) mod json;
pub mod kinesis_poller;
pub mod mapping;
#[cfg(feature = "serde")]
pub(crate) mod mapping_json;
pub mod sqs_poller;

use crate::collections::VecMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::Cloud;

pub use function::{CreateFunctionInput, Function, Invocation, InvocationType};
pub use handler::{Handler, Outcome};

/// All functions (by name) and event source mappings (by UUID).
#[derive(Clone, Debug, Default)]
pub struct Lambda {
    pub functions: VecMap<String, Function>,
    pub mappings: VecMap<String, mapping::Mapping>,
    pub(crate) next_serial: u64,
}

crate::event::event_enum! {
    /// Events of Lambda.
    #[derive(Clone, Debug, PartialEq)]
    pub enum LambdaEvent {
        FunctionCreated {
            function: String,
            handler: String,
        },
        FunctionDeleted {
            function: String,
        },
        /// One invocation ran; `source` is `Invoke`, an SNS subscription, a mapping UUID or a
        /// delivery stream; `result` is `Success`, `Error` or `TimedOut`.
        FunctionInvoked {
            function: String,
            source: String,
            request_id: String,
            batch_size: usize,
            duration_ms: u64,
            result: String,
        },
        /// The invocation threw (also reported by `FunctionInvoked` with `result: Error`).
        FunctionFailed {
            function: String,
            source: String,
            request_id: String,
            error_type: String,
            error_message: String,
        },
        /// An `Event` invocation was queued (first attempt or a retry).
        AsyncInvocationQueued {
            function: String,
            source: String,
            attempt: u32,
        },
        /// An `Event` invocation was dropped after its retries (or its function was deleted).
        AsyncInvocationDiscarded {
            function: String,
            source: String,
            reason: String,
        },
        EventSourceMappingCreated {
            uuid: String,
            function: String,
            source_arn: String,
        },
        /// `Enabled`, `Disabled`, `Updating`, `Deleting`, …
        EventSourceMappingStateChanged {
            uuid: String,
            state: String,
        },
        EventSourceMappingDeleted {
            uuid: String,
        },
        /// A partial batch response (`ReportBatchItemFailures`) listed these items.
        BatchItemFailuresReported {
            uuid: String,
            function: String,
            item_identifiers: Vec<String>,
        },
        /// A failed Kinesis batch was split in two (`BisectBatchOnFunctionError`).
        BatchBisected {
            uuid: String,
            shard_id: String,
            sizes: [usize; 2],
        },
        /// A Kinesis batch was given up (`RetryAttemptsExhausted`, `RecordAgeExceeded`); its
        /// metadata went to the on-failure destination when `delivered`.
        BatchDiscarded {
            uuid: String,
            shard_id: String,
            records: usize,
            condition: String,
            destination: Option<String>,
            delivered: bool,
        },
        /// An SQS batch finished: `deleted` of `messages` were deleted from the queue.
        SqsBatchSettled {
            uuid: String,
            messages: usize,
            deleted: usize,
        },
    }
}

/// Timers of Lambda.
#[derive(Clone, Debug, PartialEq)]
pub enum LambdaTimer {
    /// Run a queued asynchronous invocation.
    AsyncInvoke { function: String, payload: String, source: String, attempt: u32 },
    /// A mapping's state transition completes.
    MappingSettled { uuid: String, serial: u64 },
    /// A mapping polls its source.
    Poll { uuid: String, serial: u64, gen: u64 },
    /// An SQS batch's invocation ended: settle its messages.
    SqsBatchDone { uuid: String, serial: u64, handles: Vec<(String, String)>, settle: sqs_poller::Settle },
}

impl Cloud {
    pub(crate) fn lambda_on_timer(&mut self, timer: LambdaTimer) {
        match timer {
            LambdaTimer::AsyncInvoke { function, payload, source, attempt } => {
                self.run_async(function, payload, source, attempt)
            }
            LambdaTimer::MappingSettled { uuid, serial } => self.mapping_settled(&uuid, serial),
            LambdaTimer::Poll { uuid, serial, gen } => self.mapping_poll(&uuid, serial, gen),
            LambdaTimer::SqsBatchDone { uuid, serial, handles, settle } => {
                self.sqs_batch_done(&uuid, serial, handles, settle)
            }
        }
    }
}
