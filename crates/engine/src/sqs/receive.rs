//! ReceiveMessage (spec/sqs.md §4.9, §5.2, §5.3, §6.2, §6.3, §7;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html>).
//!
//! * Returns `min(MaxNumberOfMessages, eligible)`: standard queues oldest first, FIFO queues
//!   group by group along each group's visible prefix ([`super::store`]).
//! * Each returned message gets a new receipt handle, `visible_at = now + VisibilityTimeout`
//!   and `ApproximateReceiveCount + 1`. A message whose count would pass the source queue's
//!   `maxReceiveCount` moves to the DLQ instead ([`super::dead_letter`]).
//! * Long polling (`WaitTimeSeconds > 0`, or the queue's `ReceiveMessageWaitTimeSeconds`)
//!   advances the virtual clock until a message is eligible or the wait ends
//!   (api-contract.md rule 1).
//! * FIFO `ReceiveRequestAttemptId`: a retry within 5 minutes answers the same messages and
//!   handles while all of them are still in flight under those handles and untouched by
//!   ChangeMessageVisibility; the retry restarts their visibility timeout.
//!
//! # Fidelity
//! * In-flight limits (spec §5.2): standard queues answer `OverLimit` to a short poll once
//!   120,000 messages are in flight; FIFO queues return nothing new.
//! * FIFO `VisibilityTimeout=0` never duplicates within one response (spec §6.2 rule 7).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::attributes::{MAX_VISIBILITY_TIMEOUT, MAX_WAIT_SECONDS};
use super::fifo::is_valid_token;
use super::groups::GroupCursor;
use super::message::{sequence_string, Message, MessageState};
use super::metrics::Counter;
use super::queue::Queue;
use super::receipt::Receipt;
use super::SqsEvent;
use crate::digest::Md5Hex;
use crate::message_attributes::{md5_of_attributes, MessageAttributes};
use crate::time::{Instant, MINUTE, SECOND};
use crate::{ApiError, Cloud, Ctx};

/// Messages per receive: 1–10.
pub const MAX_MESSAGES: i64 = 10;
/// In-flight limit of a queue (standard and FIFO, spec §5.2 and §14 Q4).
pub const IN_FLIGHT_LIMIT: u64 = 120_000;
/// How long a ReceiveRequestAttemptId is remembered.
pub const ATTEMPT_WINDOW_MS: u64 = 5 * MINUTE;

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ReceiveMessageInput {
        pub queue_url: Option<String> = "QueueUrl",
        pub attribute_names: Option<Vec<String>> = "AttributeNames",
        pub message_system_attribute_names: Option<Vec<String>> = "MessageSystemAttributeNames",
        pub message_attribute_names: Option<Vec<String>> = "MessageAttributeNames",
        pub max_number_of_messages: Option<i64> = "MaxNumberOfMessages",
        pub visibility_timeout: Option<i64> = "VisibilityTimeout",
        pub wait_time_seconds: Option<i64> = "WaitTimeSeconds",
        pub receive_request_attempt_id: Option<String> = "ReceiveRequestAttemptId",
    }
}

crate::shape::output_shape! {
    /// One received message.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ReceivedMessage {
        /// Shared with the store and the events (one id, no copy per answer).
        pub message_id: Rc<str> = "MessageId",
        /// Shared with the `MessageReceived` event.
        pub receipt_handle: Rc<str> = "ReceiptHandle",
        pub md5_of_body: Md5Hex = "MD5OfBody",
        pub body: String = "Body",
        pub attributes: Option<BTreeMap<String, String>> = "Attributes" skip_none,
        pub md5_of_message_attributes: Option<String> = "MD5OfMessageAttributes" skip_none,
        pub message_attributes: Option<MessageAttributes> = "MessageAttributes" skip_none,
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ReceiveMessageOutput {
        pub messages: Vec<ReceivedMessage> = "Messages" skip_empty,
    }
}

/// A remembered FIFO receive attempt.
#[derive(Clone, Debug)]
pub struct Attempt {
    at: Instant,
    /// (message position, receipt number, handle)
    taken: Vec<(u64, u32, Rc<str>)>,
}

/// What the caller asked to see of each message.
#[derive(Clone, Debug, Default)]
pub(crate) struct Selection {
    system: Vec<String>,
    user: Vec<String>,
}

fn invalid_range(value: i64, param: &str, reason: &str) -> ApiError {
    ApiError::sqs_invalid_value(&value.to_string(), param, reason)
}

impl Selection {
    fn wants_system(&self, name: &str) -> bool {
        self.system.iter().any(|n| n == "All" || n == name)
    }

    fn wants_user(&self, name: &str) -> bool {
        self.user.iter().any(|p| {
            p == "All"
                || p == ".*"
                || p == "*"
                || p == name
                || p.strip_suffix(".*").is_some_and(|prefix| {
                    !prefix.is_empty()
                        && name.len() > prefix.len()
                        && name.starts_with(prefix)
                        && name.as_bytes()[prefix.len()] == b'.'
                })
        })
    }

    /// Builds the answer for one message as the selection asks.
    pub(crate) fn render(&self, m: &Message, handle: &Rc<str>, fifo: bool) -> ReceivedMessage {
        // Without names asked for, no attribute maps are built (the usual receive).
        let attributes = if self.system.is_empty() { None } else { self.system_attributes(m, fifo) };
        let (md5_of_message_attributes, message_attributes) = if self.user.is_empty() {
            (None, None)
        } else {
            let user: MessageAttributes = crate::collections::btree_map(
                m.attributes.iter().filter(|(k, _)| self.wants_user(k)).map(|(k, v)| (k.clone(), v.clone())),
            );
            (md5_of_attributes(&user), (!user.is_empty()).then_some(user))
        };
        ReceivedMessage {
            message_id: m.message_id.clone(),
            receipt_handle: handle.clone(),
            md5_of_body: Md5Hex::new(&m.md5_of_body()),
            body: m.body.to_text(),
            attributes,
            md5_of_message_attributes,
            message_attributes,
        }
    }

    /// The system attributes asked for, if any.
    fn system_attributes(&self, m: &Message, fifo: bool) -> Option<BTreeMap<String, String>> {
        let mut attrs = BTreeMap::new();
        let mut put = |name: &str, value: Option<String>| {
            if let Some(v) = value {
                if self.wants_system(name) {
                    attrs.insert(name.to_string(), v);
                }
            }
        };
        put("SenderId", Some(m.sender_id.to_string()));
        put("SentTimestamp", Some(m.sent_at.millis().to_string()));
        put("ApproximateReceiveCount", Some(m.receive_count.to_string()));
        put("ApproximateFirstReceiveTimestamp", m.first_received_at.map(|t| t.millis().to_string()));
        put("AWSTraceHeader", m.aws_trace_header.clone());
        put("DeadLetterQueueSourceArn", m.dead_letter_source_arn.clone());
        put("MessageGroupId", m.message_group_id.as_deref().map(String::from));
        if fifo {
            put("MessageDeduplicationId", m.message_deduplication_id.as_deref().map(String::from));
            put("SequenceNumber", m.sequence_number.map(sequence_string));
        }
        (!attrs.is_empty()).then_some(attrs)
    }
}

/// The validated knobs of one receive.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Knobs {
    pub max: usize,
    pub visibility_ms: u64,
    pub wait_ms: u64,
}

impl Queue {
    /// Takes message `seq` into flight: new receipt, count + 1, event. Returns the handle.
    pub(crate) fn take(&mut self, ctx: &mut Ctx, seq: u64, visibility_ms: u64) -> Option<Rc<str>> {
        let now = ctx.now;
        let until = now.plus(visibility_ms);
        let m = self.store.receive(seq, now, until)?;
        let receipt = m.receive_count;
        let (message_id, group_id) = (m.message_id.clone(), m.message_group_id.clone());
        let r = Receipt { queue_id: self.id, seq, receipt, received_at: now };
        let handle = r.encode(&mut ctx.rng);
        self.issued.remember(&handle, r);
        ctx.emit(SqsEvent::MessageReceived {
            queue: self.name.clone(),
            message_id,
            group_id,
            receive_count: receipt,
            receipt_handle: handle.clone(),
            visible_at: until,
            replayed: false,
        });
        Some(handle)
    }

    /// The answer for the messages taken, as `sel` asks to see them.
    fn render(&self, taken: &[(u64, Rc<str>)], sel: &Selection) -> ReceiveMessageOutput {
        let fifo = self.is_fifo();
        let mut messages = Vec::with_capacity(taken.len());
        messages
            .extend(taken.iter().filter_map(|(seq, h)| self.store.get(*seq).map(|m| sel.render(m, h, fifo))));
        ReceiveMessageOutput { messages }
    }

    /// Counts a finished receive, remembers its attempt id and builds the answer.
    fn answer(
        &mut self,
        ctx: &mut Ctx,
        taken: &[(u64, Rc<str>)],
        attempt_id: Option<String>,
        sel: &Selection,
    ) -> ReceiveMessageOutput {
        let now = ctx.now;
        if taken.is_empty() {
            self.metrics.count(&mut ctx.metrics, now, Counter::EmptyReceives, 1.0);
            ctx.emit(SqsEvent::EmptyReceive { queue: self.name.clone() });
        } else {
            self.metrics.count(&mut ctx.metrics, now, Counter::Received, taken.len() as f64);
            if let Some(a) = attempt_id {
                self.attempts.retain(|_, at| now.since(at.at) < ATTEMPT_WINDOW_MS);
                let list = taken
                    .iter()
                    .filter_map(|(seq, h)| {
                        self.store.get(*seq).map(|m| match m.state {
                            MessageState::InFlight { receipt, .. } => (*seq, receipt, h.clone()),
                            _ => (*seq, m.receive_count, h.clone()),
                        })
                    })
                    .collect();
                self.attempts.insert(a, Attempt { at: now, taken: list });
            }
        }
        self.render(taken, sel)
    }

    /// True when the next receive of `seq` must move it to the DLQ instead.
    fn must_move(&self, seq: u64, dlq_ok: bool) -> bool {
        match (&self.attributes.redrive_policy, self.store.get(seq)) {
            (Some(p), Some(m)) => dlq_ok && m.receive_count + 1 > p.max_receive_count,
            _ => false,
        }
    }

    /// Picks and takes up to `max` messages now. Messages due for the DLQ are removed and
    /// returned in `moved`.
    // The store keeps messages boxed; moving them as boxes copies no message.
    #[allow(clippy::vec_box)]
    pub(crate) fn receive_now(
        &mut self,
        ctx: &mut Ctx,
        knobs: Knobs,
        dlq_ok: bool,
        sampled: bool,
        moved: &mut Vec<Box<Message>>,
        out: &mut Vec<(u64, Rc<str>)>,
    ) {
        if self.is_fifo() {
            if self.store.counts().in_flight >= IN_FLIGHT_LIMIT {
                return;
            }
            let mut cur = GroupCursor::default();
            while out.len() < knobs.max {
                let Some(seq) = self.store.fifo_next(&mut cur) else { break };
                if self.must_move(seq, dlq_ok) {
                    moved.extend(self.store.remove(seq));
                    continue;
                }
                match self.take(ctx, seq, knobs.visibility_ms) {
                    Some(h) => out.push((seq, h)),
                    None => break,
                }
                cur.taken();
            }
        } else if sampled {
            for seq in super::chaos::sample(self, ctx, knobs.max) {
                if self.must_move(seq, dlq_ok) {
                    moved.extend(self.store.remove(seq));
                } else if let Some(h) = self.take(ctx, seq, knobs.visibility_ms) {
                    out.push((seq, h));
                }
            }
        } else {
            while out.len() < knobs.max {
                let Some(seq) = self.store.first_visible_after(None) else { break };
                if self.must_move(seq, dlq_ok) {
                    moved.extend(self.store.remove(seq));
                    continue;
                }
                match self.take(ctx, seq, knobs.visibility_ms) {
                    Some(h) => out.push((seq, h)),
                    None => break,
                }
            }
        }
    }

    /// Replays a FIFO attempt if every message is still in flight under the same handle.
    fn replay(&mut self, ctx: &mut Ctx, attempt_id: &str, visibility_ms: u64) -> Option<Vec<(u64, Rc<str>)>> {
        let a = self.attempts.get(attempt_id)?;
        if ctx.now.since(a.at) >= ATTEMPT_WINDOW_MS {
            return None;
        }
        let still = a.taken.iter().all(|(seq, receipt, _)| {
            self.store.get(*seq).is_some_and(|m| {
                matches!(m.state, MessageState::InFlight { receipt: r, .. } if r == *receipt)
                    && !m.visibility_changed
            })
        });
        if !still {
            return None;
        }
        let taken = a.taken.clone();
        let until = ctx.now.plus(visibility_ms);
        for (seq, receipt, handle) in &taken {
            let received_at = match self.store.get(*seq).map(|m| m.state) {
                Some(MessageState::InFlight { received_at, .. }) => received_at,
                _ => ctx.now,
            };
            self.store.set_in_flight(*seq, until, *receipt, received_at);
            if let Some(m) = self.store.get(*seq) {
                ctx.emit(SqsEvent::MessageReceived {
                    queue: self.name.clone(),
                    message_id: m.message_id.clone(),
                    group_id: m.message_group_id.clone(),
                    receive_count: *receipt,
                    receipt_handle: handle.clone(),
                    visible_at: until,
                    replayed: true,
                });
            }
        }
        Some(taken.into_iter().map(|(s, _, h)| (s, h)).collect())
    }
}

impl Cloud {
    /// ReceiveMessage (spec §4.9).
    pub fn receive_message(&mut self, input: ReceiveMessageInput) -> Result<ReceiveMessageOutput, ApiError> {
        let q = self.sqs.queue_mut(input.queue_url.as_deref(), self.ctx.account())?;
        // Attributes cannot change during a long poll (only timers run), so this holds for
        // every attempt below.
        let redrive = q.attributes.redrive_policy.is_some();
        let max = input.max_number_of_messages.unwrap_or(1);
        if !(1..=MAX_MESSAGES).contains(&max) {
            return Err(invalid_range(max, "MaxNumberOfMessages", "Must be between 1 and 10, if provided."));
        }
        let wait = input.wait_time_seconds.unwrap_or(q.attributes.receive_message_wait_time_seconds as i64);
        if !(0..=MAX_WAIT_SECONDS as i64).contains(&wait) {
            return Err(invalid_range(wait, "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided."));
        }
        let vt = input.visibility_timeout.unwrap_or(q.attributes.visibility_timeout as i64);
        if !(0..=MAX_VISIBILITY_TIMEOUT as i64).contains(&vt) {
            return Err(invalid_range(vt, "VisibilityTimeout", "Must be >= 0 and <= 43200, if provided."));
        }
        let attempt_id = match (&input.receive_request_attempt_id, q.is_fifo()) {
            (Some(a), true) => {
                if !is_valid_token(a) {
                    return Err(ApiError::sqs_invalid_value(
                        a,
                        "ReceiveRequestAttemptId",
                        "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
                    ));
                }
                Some(a.clone())
            }
            _ => None,
        };
        let selection = Selection {
            system: input.message_system_attribute_names.or(input.attribute_names).unwrap_or_default(),
            user: input.message_attribute_names.unwrap_or_default(),
        };
        let knobs =
            Knobs { max: max as usize, visibility_ms: vt as u64 * SECOND, wait_ms: wait as u64 * SECOND };
        let fifo = q.is_fifo();
        if !fifo && knobs.wait_ms == 0 && q.store.counts().in_flight >= IN_FLIGHT_LIMIT {
            return Err(ApiError::over_limit(
                "You have reached the maximum number of in-flight messages (120000) for this queue.",
            ));
        }

        if let Some(a) = &attempt_id {
            if let Some(taken) = q.replay(&mut self.ctx, a, knobs.visibility_ms) {
                q.settle(&mut self.ctx);
                return Ok(q.render(&taken, &selection));
            }
        }
        if !redrive && knobs.wait_ms == 0 && !self.ctx.config.chaos {
            // No dead-letter moves, no wait, no sampling: one attempt on this queue, the same
            // steps as below without looking the queue up again.
            // The queue's scratch list holds the taken messages (no list allocated per call).
            let mut taken = core::mem::take(&mut q.scratch);
            q.receive_now(&mut self.ctx, knobs, false, false, &mut Vec::new(), &mut taken);
            q.settle(&mut self.ctx);
            let answer = q.answer(&mut self.ctx, &taken, attempt_id, &selection);
            taken.clear();
            q.scratch = taken;
            return Ok(answer);
        }
        let (queue_id, name) = (q.id, q.name.clone());

        let started = self.ctx.now;
        let deadline = started.plus(knobs.wait_ms);
        let mut taken = self.receive_once(&name, knobs, knobs.wait_ms == 0, redrive);
        while taken.is_empty() && self.ctx.now < deadline {
            let found = self.advance_until(deadline, |c| {
                c.sqs.queue_by_id(queue_id).is_some_and(|q| q.store.has_receivable())
            });
            if !self.sqs.queues.contains_key(&name) {
                return Err(ApiError::queue_does_not_exist());
            }
            taken = self.receive_once(&name, knobs, false, redrive);
            if !found {
                break;
            }
        }
        if knobs.wait_ms > 0 && self.ctx.now > started {
            self.ctx.emit(SqsEvent::ReceiveWaited {
                queue: name.clone(),
                waited_ms: self.ctx.now.since(started),
                found: !taken.is_empty(),
            });
        }
        let q = self.sqs.queues.get_mut(&name).ok_or_else(ApiError::queue_does_not_exist)?;
        Ok(q.answer(&mut self.ctx, &taken, attempt_id, &selection))
    }

    /// One receive attempt at the current instant, including DLQ moves.
    fn receive_once(
        &mut self,
        name: &str,
        knobs: Knobs,
        short_poll: bool,
        redrive: bool,
    ) -> Vec<(u64, Rc<str>)> {
        let sampled = short_poll && self.ctx.config.chaos;
        let dlq_ok = redrive && self.dead_letter_target_ok(name);
        let mut moved = Vec::new();
        let Some(q) = self.sqs.queues.get_mut(name) else { return Vec::new() };
        let mut taken = Vec::with_capacity(knobs.max);
        q.receive_now(&mut self.ctx, knobs, dlq_ok, sampled, &mut moved, &mut taken);
        if sampled && !q.is_fifo() && !taken.is_empty() {
            super::chaos::maybe_duplicate(q, &mut self.ctx, knobs, &mut taken);
        }
        q.settle(&mut self.ctx);
        if !moved.is_empty() {
            self.move_to_dead_letter_queue(name, moved);
        }
        taken
    }
}
