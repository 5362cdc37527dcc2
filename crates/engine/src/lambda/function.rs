//! Functions: `CreateFunction`, `GetFunction`, `ListFunctions`, `DeleteFunction`, `Invoke`,
//! and the asynchronous invocation other services use ([`Cloud::lambda_invoke_async`]).
//!
//! Asynchronous (`Event`) invocations are queued and run on the virtual clock; "if the
//! function returns an error, Lambda attempts to run it two more times, with a one-minute wait
//! between the first two attempts, and two minutes between the second and third attempts"
//! (<https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html>).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::handler::{self, Handler, Outcome};
use super::{LambdaEvent, LambdaTimer};
use crate::metrics::MetricKey;
use crate::time::{Instant, MINUTE, SECOND};
use crate::{ApiError, Cloud};

/// `Timeout` default and bounds in seconds (API Reference `CreateFunction`: default 3, max 900).
pub const TIMEOUT_DEFAULT_S: u64 = 3;
pub const TIMEOUT_MAX_S: u64 = 900;
/// `MemorySize` default and bounds in MB (128–10,240, default 128).
pub const MEMORY_DEFAULT_MB: u64 = 128;
pub const MEMORY_MIN_MB: u64 = 128;
pub const MEMORY_MAX_MB: u64 = 10_240;
/// Synchronous invocation payload limit (Lambda quotas: 6 MB request and response).
pub const SYNC_PAYLOAD_MAX: usize = 6 * 1024 * 1024;
/// Asynchronous invocation payload limit (Lambda quotas: 1 MB since 2025; 256 KB before).
pub const ASYNC_PAYLOAD_MAX: usize = 1024 * 1024;
/// Retries of a failed asynchronous invocation and the waits before them.
pub const ASYNC_RETRY_WAITS_MS: [u64; 2] = [MINUTE, 2 * MINUTE];
/// Longest function name (API Reference: `FunctionName` 1–64 characters for a name).
pub const FUNCTION_NAME_MAX: usize = 64;

/// One function.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: String,
    pub arn: String,
    /// The `Handler` string as given (`uppercase-field:name`).
    pub handler_spec: String,
    pub handler: Handler,
    pub runtime: String,
    pub role: String,
    pub description: String,
    pub timeout_s: u64,
    pub memory_mb: u64,
    pub last_modified: Instant,
    /// Invocations so far (drives `crash-every:<n>`).
    pub invocations: u64,
}

crate::shape::input_shape! {
    /// `CreateFunction` input (the members the simulator uses; `Code` is ignored).
    #[derive(Clone, Debug, Default)]
    pub struct CreateFunctionInput {
        pub function_name: Option<String> = "FunctionName",
        pub handler: Option<String> = "Handler",
        pub runtime: Option<String> = "Runtime",
        pub role: Option<String> = "Role",
        pub description: Option<String> = "Description",
        pub timeout: Option<i64> = "Timeout",
        pub memory_size: Option<i64> = "MemorySize",
    }
}

/// How a function was invoked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvocationType {
    RequestResponse,
    Event,
    DryRun,
}

/// A synchronous invocation's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Invocation {
    pub request_id: String,
    pub outcome: Outcome,
    /// Virtual milliseconds the invocation ran.
    pub duration_ms: u64,
}

fn is_valid_name(name: &str) -> bool {
    (1..=FUNCTION_NAME_MAX).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Cloud {
    /// The ARN of function `name` in this account and region.
    pub fn function_arn(&self, name: &str) -> String {
        format!("arn:aws:lambda:{}:{}:function:{}", self.ctx.region(), self.ctx.account(), name)
    }

    /// Resolves a `FunctionName` (a name, `name:$LATEST`, or a function ARN) to the name of an
    /// existing function.
    pub fn resolve_function(&self, name_or_arn: &str) -> Result<String, ApiError> {
        let prefix = format!("arn:aws:lambda:{}:{}:function:", self.ctx.region(), self.ctx.account());
        let bare = name_or_arn.strip_prefix(&prefix).unwrap_or(name_or_arn);
        let bare = bare.strip_suffix(":$LATEST").unwrap_or(bare);
        if self.lambda.functions.contains_key(bare) {
            Ok(bare.to_string())
        } else {
            Err(ApiError::function_not_found(&self.function_arn(bare)))
        }
    }

    /// `CreateFunction`: a built-in function (`Handler` names one of [`handler::HANDLERS`]).
    pub fn create_function(&mut self, input: CreateFunctionInput) -> Result<&Function, ApiError> {
        let name = input.function_name.unwrap_or_default();
        if !is_valid_name(&name) {
            return Err(ApiError::lambda_validation(
                &name,
                "functionName",
                "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]{1,64}",
            ));
        }
        let spec = input.handler.unwrap_or_default();
        let handler = Handler::parse(&spec).ok_or_else(|| {
            ApiError::lambda_invalid_parameter(format!(
                "Handler '{spec}' is not one of the simulator's built-in functions: {}",
                handler::HANDLERS
            ))
        })?;
        let timeout_s = match input.timeout {
            None => TIMEOUT_DEFAULT_S,
            Some(t) if (1..=TIMEOUT_MAX_S as i64).contains(&t) => t as u64,
            Some(t) => {
                let c = if t < 1 {
                    "Member must have value greater than or equal to 1"
                } else {
                    "Member must have value less than or equal to 900"
                };
                return Err(ApiError::lambda_validation(&t.to_string(), "timeout", c));
            }
        };
        let memory_mb = match input.memory_size {
            None => MEMORY_DEFAULT_MB,
            Some(m) if (MEMORY_MIN_MB as i64..=MEMORY_MAX_MB as i64).contains(&m) => m as u64,
            Some(m) => {
                let c = if m < MEMORY_MIN_MB as i64 {
                    "Member must have value greater than or equal to 128"
                } else {
                    "Member must have value less than or equal to 10240"
                };
                return Err(ApiError::lambda_validation(&m.to_string(), "memorySize", c));
            }
        };
        if self.lambda.functions.contains_key(&name) {
            return Err(ApiError::function_already_exists(&name));
        }
        let f = Function {
            arn: self.function_arn(&name),
            name: name.clone(),
            handler_spec: spec,
            handler,
            runtime: input.runtime.unwrap_or_else(|| "provided.al2023".into()),
            role: input
                .role
                .unwrap_or_else(|| format!("arn:aws:iam::{}:role/lambda-role", self.ctx.account())),
            description: input.description.unwrap_or_default(),
            timeout_s,
            memory_mb,
            last_modified: self.ctx.now,
            invocations: 0,
        };
        self.ctx
            .emit(LambdaEvent::FunctionCreated { function: name.clone(), handler: f.handler_spec.clone() });
        Ok(self.lambda.functions.entry(name).or_insert(f))
    }

    /// `DeleteFunction`: also removes its event source mappings (AWS keeps orphaned mappings
    /// that fail; see `# Fidelity` in the module docs).
    pub fn delete_function(&mut self, name_or_arn: &str) -> Result<(), ApiError> {
        let name = self.resolve_function(name_or_arn)?;
        self.lambda.functions.remove(&name);
        self.lambda.mappings.retain(|_, m| m.function != name);
        self.ctx.metrics.forget("AWS/Lambda", &name);
        self.ctx.emit(LambdaEvent::FunctionDeleted { function: name });
        Ok(())
    }

    /// Runs function `name` once on `event` now (Lambda's synchronous path): counts the
    /// invocation, applies the timeout, records metrics and events.
    pub fn lambda_execute(
        &mut self,
        name: &str,
        event: &Value,
        source: &str,
        batch_size: usize,
    ) -> Result<Invocation, ApiError> {
        let request_id = self.ctx.rng.uuid();
        let f = self.lambda.functions.get_mut(name).ok_or_else(|| ApiError::function_not_found(name))?;
        f.invocations += 1;
        let (handler, count, timeout_s) = (f.handler.clone(), f.invocations, f.timeout_s);
        let mut duration_ms = handler.duration_ms();
        let outcome = if duration_ms > timeout_s * SECOND {
            duration_ms = timeout_s * SECOND;
            handler::timed_out(&request_id, timeout_s)
        } else {
            handler::run(&handler, event, count)
        };
        let now = self.ctx.now;
        let m = |metric: &str| MetricKey::new("AWS/Lambda", metric, "FunctionName", name);
        self.ctx.metrics.record(&m("Invocations"), now, 1.0);
        self.ctx.metrics.record(&m("Duration"), now, duration_ms as f64);
        self.ctx.metrics.record(&m("Errors"), now, if outcome.is_error() { 1.0 } else { 0.0 });
        let result = match &outcome {
            Outcome::Returned(_) => "Success",
            Outcome::Threw { error_type, .. } if error_type == "Sandbox.Timedout" => "TimedOut",
            Outcome::Threw { .. } => "Error",
        };
        self.ctx.emit(LambdaEvent::FunctionInvoked {
            function: name.into(),
            source: source.into(),
            request_id: request_id.clone(),
            batch_size,
            duration_ms,
            result: result.into(),
        });
        if let Outcome::Threw { error_type, error_message } = &outcome {
            self.ctx.emit(LambdaEvent::FunctionFailed {
                function: name.into(),
                source: source.into(),
                request_id: request_id.clone(),
                error_type: error_type.clone(),
                error_message: error_message.clone(),
            });
        }
        Ok(Invocation { request_id, outcome, duration_ms })
    }

    /// `Invoke` with `RequestResponse` (runs now), `Event` (queued; runs on the clock with
    /// retries) or `DryRun` (checks only).
    pub fn invoke(
        &mut self,
        name_or_arn: &str,
        kind: InvocationType,
        payload: &[u8],
    ) -> Result<Option<Invocation>, ApiError> {
        let name = self.resolve_function(name_or_arn)?;
        let limit = if kind == InvocationType::Event { ASYNC_PAYLOAD_MAX } else { SYNC_PAYLOAD_MAX };
        if payload.len() > limit {
            return Err(ApiError::request_too_large(limit));
        }
        let event: Value = if payload.is_empty() {
            Value::Object(Default::default())
        } else {
            serde_json::from_slice(payload).map_err(|_| ApiError::invalid_request_content())?
        };
        match kind {
            InvocationType::DryRun => Ok(None),
            InvocationType::RequestResponse => self.lambda_execute(&name, &event, "Invoke", 1).map(Some),
            InvocationType::Event => {
                let text = String::from_utf8_lossy(payload).into_owned();
                self.queue_async(&name, text, "Invoke".into(), 1);
                Ok(None)
            }
        }
    }

    /// Queues an asynchronous (`Event`) invocation of `function_arn` with `payload` from
    /// `source` (an SNS subscription ARN, …); it runs on the clock at the current instant, with
    /// two retries on error. This is how SNS delivers to `lambda` subscriptions.
    pub fn lambda_invoke_async(
        &mut self,
        function_arn: &str,
        payload: String,
        source: &str,
    ) -> Result<(), ApiError> {
        let name = self.resolve_function(function_arn)?;
        if payload.len() > ASYNC_PAYLOAD_MAX {
            return Err(ApiError::request_too_large(ASYNC_PAYLOAD_MAX));
        }
        self.queue_async(&name, payload, source.into(), 1);
        Ok(())
    }

    fn queue_async(&mut self, name: &str, payload: String, source: String, attempt: u32) {
        let at = self.ctx.now;
        self.ctx.emit(LambdaEvent::AsyncInvocationQueued {
            function: name.into(),
            source: source.clone(),
            attempt,
        });
        self.ctx.schedule(at, LambdaTimer::AsyncInvoke { function: name.into(), payload, source, attempt });
    }

    /// Runs one queued asynchronous invocation (timer).
    pub(crate) fn run_async(&mut self, function: String, payload: String, source: String, attempt: u32) {
        if !self.lambda.functions.contains_key(&function) {
            self.ctx.emit(LambdaEvent::AsyncInvocationDiscarded {
                function,
                source,
                reason: "FunctionDeleted".into(),
            });
            return;
        }
        let event: Value = crate::json_text::from_str(&payload).unwrap_or(Value::String(payload.clone()));
        let failed = match self.lambda_execute(&function, &event, &source, 1) {
            Ok(inv) => inv.outcome.is_error(),
            Err(_) => true,
        };
        if !failed {
            return;
        }
        match ASYNC_RETRY_WAITS_MS.get((attempt as usize).saturating_sub(1)) {
            Some(wait) => {
                let at = self.ctx.now.plus(*wait);
                self.ctx.schedule(
                    at,
                    LambdaTimer::AsyncInvoke { function, payload, source, attempt: attempt + 1 },
                );
            }
            None => self.ctx.emit(LambdaEvent::AsyncInvocationDiscarded {
                function,
                source,
                reason: "RetriesExhausted".into(),
            }),
        }
    }

    /// Functions in name order.
    pub fn list_functions(&self) -> Vec<&Function> {
        self.lambda.functions.values().collect()
    }
}
