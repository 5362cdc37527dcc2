//! DLQ redrive: StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask
//! (spec/sqs.md §4.15;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html>).
//!
//! A task moves the visible messages the DLQ held when it started — to `DestinationArn`, or
//! each back to its `DeadLetterQueueSourceArn` — as *new* messages (new id, send time and
//! retention). It runs on the virtual clock: the first step at the start instant (it fires on
//! the next advance, even of 0 ms), then one step per second moving
//! `MaxNumberOfMessagesPerSecond` messages; without a rate, everything in one step.
//!
//! # Fidelity
//! * Cancel goes straight to `CANCELLED` (AWS passes through `CANCELLING`).
//! * Messages with neither a destination nor a source ARN are skipped.
//! * A task whose destination disappears ends `FAILED` with
//!   `AWS.SimpleQueueService.NonExistentQueue`; the 36-hour limit is not modelled.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;

use super::send::{Prepared, NO_SLOT};
use super::timers::SqsTimer;
use super::SqsEvent;
use crate::collections::VecMap;
use crate::time::{Instant, TimerId, SECOND};
use crate::{ApiError, Cloud};

/// `MaxNumberOfMessagesPerSecond` upper bound.
pub const MAX_RATE: i64 = 500;
/// ListMessageMoveTasks `MaxResults`: default 1, at most 10.
pub const MAX_LIST: i64 = 10;

/// `Status` of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveTaskStatus {
    Running,
    Completed,
    Cancelled,
    Failed,
}

impl MoveTaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "RUNNING",
            Self::Completed => "COMPLETED",
            Self::Cancelled => "CANCELLED",
            Self::Failed => "FAILED",
        }
    }
}

/// One move task.
#[derive(Clone, Debug)]
pub struct MoveTask {
    pub handle: String,
    pub source_arn: String,
    pub destination_arn: Option<String>,
    pub rate: Option<u32>,
    pub status: MoveTaskStatus,
    pub moved: u64,
    pub to_move: u64,
    pub failure_reason: Option<String>,
    pub started_at: Instant,
    source_queue_id: u64,
    last_seq: u64,
    cursor: Option<u64>,
    timer: Option<TimerId>,
}

/// Every task of the world, by start order (a sorted `Vec`: ids only grow, so each new task
/// is appended; a `BTreeMap` of tasks was ~5 KB of wasm for a handful of entries).
#[derive(Clone, Debug, Default)]
pub struct MoveTasks {
    tasks: VecMap<u64, MoveTask>,
    next: u64,
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct StartMessageMoveTaskInput {
        pub source_arn: Option<String> = "SourceArn",
        pub destination_arn: Option<String> = "DestinationArn",
        pub max_number_of_messages_per_second: Option<i64> = "MaxNumberOfMessagesPerSecond",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct StartMessageMoveTaskOutput {
        pub task_handle: String = "TaskHandle",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListMessageMoveTasksInput {
        pub source_arn: Option<String> = "SourceArn",
        pub max_results: Option<i64> = "MaxResults",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListMessageMoveTasksResultEntry {
        pub task_handle: Option<String> = "TaskHandle" skip_none,
        pub status: String = "Status",
        pub source_arn: String = "SourceArn",
        pub destination_arn: Option<String> = "DestinationArn" skip_none,
        pub max_number_of_messages_per_second: Option<u32> = "MaxNumberOfMessagesPerSecond" skip_none,
        pub approximate_number_of_messages_moved: u64 = "ApproximateNumberOfMessagesMoved",
        pub approximate_number_of_messages_to_move: u64 = "ApproximateNumberOfMessagesToMove",
        pub failure_reason: Option<String> = "FailureReason" skip_none,
        pub started_timestamp: u64 = "StartedTimestamp",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListMessageMoveTasksOutput {
        pub results: Vec<ListMessageMoveTasksResultEntry> = "Results",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CancelMessageMoveTaskInput {
        pub task_handle: Option<String> = "TaskHandle",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CancelMessageMoveTaskOutput {
        pub approximate_number_of_messages_moved: u64 = "ApproximateNumberOfMessagesMoved",
    }
}

fn source_missing() -> ApiError {
    ApiError::sqs_resource_not_found(
        "The resource that you specified for the SourceArn parameter doesn't exist.",
    )
}

/// A task handle: base64 of `{"taskId":"<id>","sourceArn":"<arn>"}` (AWS's shape).
fn encode_handle(id: &str, source_arn: &str) -> String {
    let json = serde_json::json!({"taskId": id, "sourceArn": source_arn}).to_string();
    base64::engine::general_purpose::STANDARD.encode(json)
}

fn decode_handle(handle: &str) -> Option<(String, String)> {
    let raw = base64::engine::general_purpose::STANDARD.decode(handle).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&raw).ok()?;
    Some((v.get("taskId")?.as_str()?.to_string(), v.get("sourceArn")?.as_str()?.to_string()))
}

impl Cloud {
    /// StartMessageMoveTask.
    pub fn start_message_move_task(
        &mut self,
        input: StartMessageMoveTaskInput,
    ) -> Result<StartMessageMoveTaskOutput, ApiError> {
        let source_arn = input.source_arn.ok_or_else(|| ApiError::sqs_missing_parameter("SourceArn"))?;
        let rate = match input.max_number_of_messages_per_second {
            None => None,
            Some(r) if (1..=MAX_RATE).contains(&r) => Some(r as u32),
            Some(r) => {
                return Err(ApiError::sqs_invalid_value(
                    &r.to_string(),
                    "MaxNumberOfMessagesPerSecond",
                    "Must be between 1 and 500.",
                ))
            }
        };
        let src = self.sqs.queue_by_arn(&source_arn).ok_or_else(source_missing)?;
        let is_dlq = self.sqs.queues.values().any(|q| {
            q.attributes.redrive_policy.as_ref().is_some_and(|p| p.dead_letter_target_arn == source_arn)
        });
        if !is_dlq {
            return Err(ApiError::sqs_invalid_parameter(
                "Source queue must be configured as a Dead Letter Queue.",
            ));
        }
        if let Some(d) = &input.destination_arn {
            if self.sqs.queue_by_arn(d).is_none() {
                return Err(ApiError::sqs_resource_not_found(
                    "The resource that you specified for the DestinationArn parameter doesn't exist.",
                ));
            }
        }
        if self
            .sqs
            .move_tasks
            .tasks
            .values()
            .any(|t| t.source_arn == source_arn && t.status == MoveTaskStatus::Running)
        {
            return Err(ApiError::sqs_invalid_parameter(
                "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
            ));
        }
        let (source_queue_id, to_move) = (src.id, src.counts().visible);
        let last_seq = src.store.iter().last().map_or(0, |m| m.seq);
        self.sqs.move_tasks.next += 1;
        let id = self.sqs.move_tasks.next;
        let handle = encode_handle(&self.ctx.rng.uuid(), &source_arn);
        let timer = self.ctx.schedule(self.ctx.now, SqsTimer::MoveTask { task: id });
        self.ctx.emit(SqsEvent::MoveTaskStarted {
            task_handle: handle.clone(),
            source_arn: source_arn.clone(),
            destination_arn: input.destination_arn.clone(),
            messages_to_move: to_move,
        });
        let task = MoveTask {
            handle: handle.clone(),
            source_arn,
            destination_arn: input.destination_arn,
            rate,
            status: MoveTaskStatus::Running,
            moved: 0,
            to_move,
            failure_reason: None,
            started_at: self.ctx.now,
            source_queue_id,
            last_seq,
            cursor: None,
            timer: Some(timer),
        };
        self.sqs.move_tasks.tasks.insert(id, task);
        Ok(StartMessageMoveTaskOutput { task_handle: handle })
    }

    /// One step of task `id`: move up to `rate` messages, then re-arm one second later.
    pub(crate) fn move_task_step(&mut self, id: u64) {
        let Some(task) = self.sqs.move_tasks.tasks.get_mut(&id) else { return };
        task.timer = None;
        if task.status != MoveTaskStatus::Running {
            return;
        }
        let budget = task.rate.map_or(u64::MAX, u64::from);
        let (handle, source_queue_id, dest, last_seq) =
            (task.handle.clone(), task.source_queue_id, task.destination_arn.clone(), task.last_seq);
        let mut cursor = task.cursor;
        let mut moved = 0u64;
        let mut failure = None;
        let mut done = false;
        while moved < budget {
            let Some(src) = self.sqs.queue_by_id(source_queue_id) else {
                failure = Some("AWS.SimpleQueueService.NonExistentQueue");
                break;
            };
            let Some(seq) = src.store.first_visible_after(cursor).filter(|s| *s <= last_seq) else {
                done = true;
                break;
            };
            cursor = Some(seq);
            let Some(target) =
                dest.clone().or_else(|| src.store.get(seq).and_then(|m| m.dead_letter_source_arn.clone()))
            else {
                continue;
            };
            let Some(dest_name) = self.sqs.queue_by_arn(&target).map(|q| q.name.clone()) else {
                failure = Some("AWS.SimpleQueueService.NonExistentQueue");
                break;
            };
            let src_name = src.name.clone();
            let Some(m) = self.sqs.queues.get_mut(&src_name).and_then(|q| q.store.remove(seq)) else {
                continue;
            };
            let m = *m;
            if let Some(q) = self.sqs.queues.get_mut(&src_name) {
                q.settle(&mut self.ctx);
            }
            let Some(dq) = self.sqs.queues.get_mut(&dest_name) else { continue };
            let prepared = Prepared {
                size: m.size,
                body: m.body,
                attributes: m.attributes,
                trace_header: m.aws_trace_header,
                group_id: m.message_group_id.filter(|_| dq.is_fifo()),
                group_slot: NO_SLOT,
                dedup_id: m.message_deduplication_id.filter(|_| dq.is_fifo()),
                delay_seconds: dq.attributes.delay_seconds,
                md5_of_body: m.md5_of_body,
            };
            let out = dq.enqueue(&mut self.ctx, prepared, m.sender_id, None);
            moved += 1;
            let total = self.sqs.move_tasks.tasks.get(&id).map_or(0, |t| t.moved) + moved;
            self.ctx.emit(SqsEvent::MoveTaskProgressed {
                task_handle: handle.clone(),
                message_id: out.message_id,
                destination_queue: dest_name,
                moved: total,
            });
        }
        let now = self.ctx.now;
        let Some(task) = self.sqs.move_tasks.tasks.get_mut(&id) else { return };
        task.moved += moved;
        task.cursor = cursor;
        if let Some(reason) = failure {
            task.status = MoveTaskStatus::Failed;
            task.failure_reason = Some(reason.into());
            let event =
                SqsEvent::MoveTaskFailed { task_handle: handle, moved: task.moved, reason: reason.into() };
            self.ctx.emit(event);
        } else if done {
            task.status = MoveTaskStatus::Completed;
            let event = SqsEvent::MoveTaskCompleted { task_handle: handle, moved: task.moved };
            self.ctx.emit(event);
        } else {
            task.timer = Some(self.ctx.schedule(now.plus(SECOND), SqsTimer::MoveTask { task: id }));
        }
    }

    /// ListMessageMoveTasks: most recent first.
    pub fn list_message_move_tasks(
        &mut self,
        input: ListMessageMoveTasksInput,
    ) -> Result<ListMessageMoveTasksOutput, ApiError> {
        let source_arn = input.source_arn.ok_or_else(|| ApiError::sqs_missing_parameter("SourceArn"))?;
        let max = input.max_results.unwrap_or(1);
        if !(1..=MAX_LIST).contains(&max) {
            return Err(ApiError::sqs_invalid_value(
                &max.to_string(),
                "MaxResults",
                "Must be between 1 and 10.",
            ));
        }
        self.sqs.queue_by_arn(&source_arn).ok_or_else(source_missing)?;
        let results = self
            .sqs
            .move_tasks
            .tasks
            .values()
            .rev()
            .filter(|t| t.source_arn == source_arn)
            .take(max as usize)
            .map(|t| ListMessageMoveTasksResultEntry {
                task_handle: (t.status == MoveTaskStatus::Running).then(|| t.handle.clone()),
                status: t.status.as_str().into(),
                source_arn: t.source_arn.clone(),
                destination_arn: t.destination_arn.clone(),
                max_number_of_messages_per_second: t.rate,
                approximate_number_of_messages_moved: t.moved,
                approximate_number_of_messages_to_move: t.to_move,
                failure_reason: t.failure_reason.clone(),
                started_timestamp: t.started_at.millis(),
            })
            .collect();
        Ok(ListMessageMoveTasksOutput { results })
    }

    /// CancelMessageMoveTask: only a RUNNING task; moved messages stay moved.
    pub fn cancel_message_move_task(
        &mut self,
        input: CancelMessageMoveTaskInput,
    ) -> Result<CancelMessageMoveTaskOutput, ApiError> {
        let handle = input.task_handle.ok_or_else(|| ApiError::sqs_missing_parameter("TaskHandle"))?;
        let Some((_, source_arn)) = decode_handle(&handle) else {
            return Err(ApiError::sqs_invalid_parameter("Value for parameter TaskHandle is invalid."));
        };
        self.sqs.queue_by_arn(&source_arn).ok_or_else(source_missing)?;
        let Some(task) = self.sqs.move_tasks.tasks.values_mut().find(|t| t.handle == handle) else {
            return Err(ApiError::sqs_resource_not_found("Task does not exist."));
        };
        if task.status != MoveTaskStatus::Running {
            return Err(ApiError::sqs_invalid_parameter(format!(
                "Task does not have status RUNNING: it is {}.",
                task.status.as_str()
            )));
        }
        task.status = MoveTaskStatus::Cancelled;
        let moved = task.moved;
        if let Some(t) = task.timer.take() {
            self.ctx.timers.cancel(t);
        }
        self.ctx.emit(SqsEvent::MoveTaskCancelled { task_handle: handle, moved });
        Ok(CancelMessageMoveTaskOutput { approximate_number_of_messages_moved: moved })
    }
}
