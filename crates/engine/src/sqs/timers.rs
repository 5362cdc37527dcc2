//! SQS on the virtual clock: each queue keeps one timer at its earliest deadline (a delay or
//! visibility timeout ending, or the oldest message's retention running out), so advancing
//! time costs one timer per due instant, never a scan (spec/sqs.md §5.2, §5.4, §5.5).
//!
//! [`Queue::settle`] runs after every action and timer: it makes due messages visible, expires
//! messages past retention (in flight too), re-arms the timer and samples the gauges.

use super::message::MessageState;
use super::queue::Queue;
use super::SqsEvent;
use crate::time::Instant;
use crate::{Cloud, Ctx};

/// Timers of SQS.
#[derive(Clone, Debug, PartialEq)]
pub enum SqsTimer {
    /// Something in queue `queue_id` may be due.
    Wake { queue_id: u64 },
    /// A move task sends its next message.
    MoveTask { task: u64 },
}

impl Cloud {
    pub(crate) fn sqs_on_timer(&mut self, timer: SqsTimer) {
        match timer {
            SqsTimer::Wake { queue_id } => {
                let super::Sqs { names_by_id, queues, .. } = &mut self.sqs;
                let Some(q) = names_by_id.get(&queue_id).and_then(|n| queues.get_mut(n)) else { return };
                q.timer = None;
                q.settle(&mut self.ctx);
            }
            SqsTimer::MoveTask { task } => self.move_task_step(task),
        }
    }
}

impl Queue {
    /// Applies everything due at `ctx.now`, re-arms the timer and samples the gauges.
    /// Runs after every action: the earliest wake and the oldest message are looked up once
    /// and serve the due check, the timer and the age gauge.
    pub(crate) fn settle(&mut self, ctx: &mut Ctx) {
        let now = ctx.now;
        let period = self.retention_ms();
        let mut heads = self.store.heads();
        if heads.due(now, period) {
            self.apply_due(ctx);
            heads = self.store.heads();
        }
        if let Some(next) = heads.deadline(period) {
            self.arm_timer_at(ctx, next);
        }
        let oldest = self.store.oldest_enqueued(heads.oldest, super::metrics::QueueMetrics::lookahead());
        self.metrics.gauges(&mut ctx.metrics, now, self.store.counts(), oldest);
    }

    /// Expires the messages past retention (in flight too) and makes due messages visible.
    #[inline(never)]
    fn apply_due(&mut self, ctx: &mut Ctx) {
        let now = ctx.now;
        let period = self.retention_ms();
        while let Some(seq) = self.store.due_expiry(now, period) {
            if let Some(m) = self.store.remove(seq) {
                let in_flight = m.in_flight();
                ctx.emit(SqsEvent::MessageRetentionExpired {
                    queue: self.name.clone(),
                    message_id: m.message_id,
                    in_flight,
                });
            }
        }
        while let Some(seq) = self.store.due_wake(now) {
            let Some(m) = self.store.get(seq) else { break };
            let event = match m.state {
                MessageState::Delayed => SqsEvent::MessageBecameVisible {
                    queue: self.name.clone(),
                    message_id: m.message_id.clone(),
                    group_id: m.message_group_id.clone(),
                },
                _ => SqsEvent::VisibilityTimeoutExpired {
                    queue: self.name.clone(),
                    message_id: m.message_id.clone(),
                    group_id: m.message_group_id.clone(),
                    receive_count: m.receive_count,
                },
            };
            self.store.set_visible(seq);
            ctx.emit(event);
        }
    }

    /// Makes sure a timer fires at or before `next`, the earliest deadline. A timer that ends
    /// up early (its message was deleted) fires, finds nothing and re-arms.
    fn arm_timer_at(&mut self, ctx: &mut Ctx, next: Instant) {
        if let Some(t) = self.timer {
            if t.deadline <= next {
                return;
            }
            ctx.timers.cancel(t);
        }
        self.timer = Some(ctx.schedule(next, SqsTimer::Wake { queue_id: self.id }));
    }
}
