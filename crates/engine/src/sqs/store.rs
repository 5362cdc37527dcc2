//! Where a queue keeps its messages, with the indexes that make every action cheap: no
//! action and no timer scans the whole queue.
//!
//! * `visible` (standard queues): receivable messages by send order — "oldest first"
//!   (api-contract.md, rule 2).
//! * `groups` (FIFO): each message group's messages in send order and the groups ready to
//!   receive from ([`super::groups`]).
//! * `wakes`: delayed and in-flight messages by the instant they become visible.
//! * `retention`: every message by the start of its retention period.
//! * `counts`: the three `ApproximateNumberOfMessages*` counters, kept exact.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

pub use super::groups::GroupCursor;
use super::groups::Groups;
use super::message::{Message, MessageState};
use super::ordered::{OrderedSet, Positions};
use crate::time::Instant;

/// The read-only counters of GetQueueAttributes (spec §3), exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// `ApproximateNumberOfMessages`: visible, including FIFO messages blocked by their group.
    pub visible: u64,
    /// `ApproximateNumberOfMessagesNotVisible`: in flight.
    pub in_flight: u64,
    /// `ApproximateNumberOfMessagesDelayed`.
    pub delayed: u64,
}

/// True when message `seq` is stored and visible.
fn visible(msgs: &Positions<Box<Message>>, seq: u64) -> bool {
    msgs.get(seq).is_some_and(|m| m.state == MessageState::Visible)
}

/// What `Queue::settle` looks at: the earliest delayed or in-flight
/// message's wake and the oldest message by retention start.
#[derive(Clone, Copy, Debug)]
pub struct Heads {
    pub wake: Option<(Instant, u64)>,
    pub oldest: Option<(Instant, u64)>,
}

impl Heads {
    /// True when a wake or an expiry (retention `period_ms`) is due at `now`.
    pub fn due(&self, now: Instant, period_ms: u64) -> bool {
        self.wake.is_some_and(|(at, _)| at <= now)
            || self.oldest.is_some_and(|(at, _)| at.plus(period_ms) <= now)
    }

    /// When the next wake or expiry is due.
    pub fn deadline(&self, period_ms: u64) -> Option<Instant> {
        let wake = self.wake.map(|(at, _)| at);
        let expiry = self.oldest.map(|(at, _)| at.plus(period_ms));
        match (wake, expiry) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// The messages of one queue.
#[derive(Clone, Debug, Default)]
pub struct Store {
    fifo: bool,
    /// Boxed: a message moves between the send, the store and a delete as one pointer.
    msgs: Positions<Box<Message>>,
    visible: OrderedSet<u64>,
    groups: Groups,
    wakes: OrderedSet<(Instant, u64)>,
    retention: OrderedSet<(Instant, u64)>,
    counts: Counts,
    next_seq: u64,
}

/// The store's indexes a message's state change touches, borrowed apart from the message slab
/// so one transition can serve every caller that already holds the message.
struct Places<'a> {
    visible: &'a mut OrderedSet<u64>,
    wakes: &'a mut OrderedSet<(Instant, u64)>,
    counts: &'a mut Counts,
}

impl Places<'_> {
    /// Puts visible or in-flight message `seq` in flight until `until` under `receipt`; a
    /// delayed message stays delayed (false).
    fn put_in_flight(
        self,
        seq: u64,
        m: &mut Message,
        until: Instant,
        receipt: u32,
        received_at: Instant,
    ) -> bool {
        match m.state {
            MessageState::Visible => {
                self.counts.visible -= 1;
                self.counts.in_flight += 1;
                self.visible.remove(&seq);
            }
            MessageState::InFlight { .. } => {
                self.wakes.remove(&(m.visible_at, seq));
            }
            MessageState::Delayed => return false,
        }
        m.state = MessageState::InFlight { receipt, received_at };
        m.visible_at = until;
        self.wakes.insert((until, seq));
        true
    }
}

impl Store {
    pub fn new(fifo: bool) -> Self {
        Self { fifo, ..Default::default() }
    }

    /// A fresh internal sequence number (send order).
    pub fn allocate_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    pub fn len(&self) -> usize {
        self.msgs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.msgs.is_empty()
    }

    pub fn get(&self, seq: u64) -> Option<&Message> {
        self.msgs.get(seq).map(|m| &**m)
    }

    /// Mutable access for fields that no index depends on (never `state`, `visible_at`,
    /// `enqueued_at`, `message_group_id`).
    pub fn get_mut(&mut self, seq: u64) -> Option<&mut Message> {
        self.msgs.get_mut(seq).map(|m| &mut **m)
    }

    /// Every message in send order.
    pub fn iter(&self) -> impl Iterator<Item = &Message> {
        self.msgs.values().map(|m| &**m)
    }

    /// Adds a message in its `state` (delayed or visible).
    pub fn insert(&mut self, mut m: Box<Message>) {
        let seq = m.seq;
        self.retention.insert((m.enqueued_at, seq));
        match m.state {
            MessageState::Delayed | MessageState::InFlight { .. } => {
                self.wakes.insert((m.visible_at, seq));
                if m.state == MessageState::Delayed {
                    self.counts.delayed += 1;
                } else {
                    self.counts.in_flight += 1;
                }
            }
            MessageState::Visible => {
                self.counts.visible += 1;
                if !self.fifo {
                    self.visible.insert(seq);
                }
            }
        }
        if let Some(g) = m.message_group_id.as_ref().filter(|_| self.fifo) {
            // The new message is visible exactly when it is in the visible state.
            let (msgs, new_visible) = (&self.msgs, m.state == MessageState::Visible);
            m.group_slot =
                self.groups.push(
                    g,
                    m.group_slot,
                    seq,
                    |s| if s == seq { new_visible } else { visible(msgs, s) },
                );
        }
        self.msgs.insert(seq, m);
    }

    /// Removes a message (deleted, expired, purged, moved); fixes every index.
    pub fn remove(&mut self, seq: u64) -> Option<Box<Message>> {
        let m = self.msgs.remove(seq)?;
        self.retention.remove(&(m.enqueued_at, seq));
        match m.state {
            MessageState::Delayed => {
                self.wakes.remove(&(m.visible_at, seq));
                self.counts.delayed -= 1;
            }
            MessageState::InFlight { .. } => {
                self.wakes.remove(&(m.visible_at, seq));
                self.counts.in_flight -= 1;
            }
            MessageState::Visible => {
                self.counts.visible -= 1;
                self.visible.remove(&seq);
            }
        }
        if self.fifo {
            self.unlink_from_group(&m);
        }
        Some(m)
    }

    /// Takes a removed FIFO message out of its group.
    fn unlink_from_group(&mut self, m: &Message) {
        if let Some(g) = &m.message_group_id {
            let msgs = &self.msgs;
            self.groups.unlink(g, m.group_slot, m.seq, |s| visible(msgs, s));
        }
    }

    /// Makes a delayed or in-flight message visible.
    pub fn set_visible(&mut self, seq: u64) -> bool {
        let Some(m) = self.msgs.get_mut(seq) else { return false };
        match m.state {
            MessageState::Visible => return false,
            MessageState::Delayed => self.counts.delayed -= 1,
            MessageState::InFlight { .. } => self.counts.in_flight -= 1,
        }
        self.wakes.remove(&(m.visible_at, seq));
        m.state = MessageState::Visible;
        m.visible_at = Instant(0);
        self.counts.visible += 1;
        if !self.fifo {
            self.visible.insert(seq);
        } else if let Some(m) = self.msgs.get(seq) {
            if let Some(g) = &m.message_group_id {
                let msgs = &self.msgs;
                self.groups.became_visible(g, m.group_slot, seq, |s| visible(msgs, s));
            }
        }
        true
    }

    /// Puts a visible or in-flight message in flight until `until` under receipt `receipt`
    /// (a receive, or ChangeMessageVisibility on a live receipt).
    pub fn set_in_flight(&mut self, seq: u64, until: Instant, receipt: u32, received_at: Instant) -> bool {
        let Some(m) = self.msgs.get_mut(seq) else { return false };
        let places = Places { visible: &mut self.visible, wakes: &mut self.wakes, counts: &mut self.counts };
        places.put_in_flight(seq, m, until, receipt, received_at)
    }

    /// Receives message `seq` at `now`: one receive more (the first sets
    /// `ApproximateFirstReceiveTimestamp`), a fresh receipt, and a visible or in-flight message
    /// goes in flight until `until` (as [`Store::set_in_flight`]). One lookup for all of it.
    pub fn receive(&mut self, seq: u64, now: Instant, until: Instant) -> Option<&Message> {
        let m = self.msgs.get_mut(seq)?;
        m.receive_count += 1;
        m.first_received_at.get_or_insert(now);
        m.visibility_changed = false;
        let receipt = m.receive_count;
        let places = Places { visible: &mut self.visible, wakes: &mut self.wakes, counts: &mut self.counts };
        places.put_in_flight(seq, m, until, receipt, now);
        Some(m)
    }

    /// Moves a delayed message's end of delay (FIFO retroactive DelaySeconds, spec §5.4).
    pub fn set_delay_end(&mut self, seq: u64, until: Instant) {
        let Some(m) = self.msgs.get_mut(seq) else { return };
        if m.state != MessageState::Delayed {
            return;
        }
        self.wakes.remove(&(m.visible_at, seq));
        m.visible_at = until;
        self.wakes.insert((until, seq));
    }

    /// Delayed messages, in send order.
    pub fn delayed(&self) -> Vec<u64> {
        self.msgs.values().filter(|m| m.state == MessageState::Delayed).map(|m| m.seq).collect()
    }

    /// Re-anchors a message's retention (FIFO move into a DLQ resets it, spec §5.5).
    pub fn set_enqueued_at(&mut self, seq: u64, at: Instant) {
        let Some(m) = self.msgs.get_mut(seq) else { return };
        self.retention.remove(&(m.enqueued_at, seq));
        m.enqueued_at = at;
        self.retention.insert((at, seq));
    }

    /// Standard queue: the oldest visible message after `after` (exclusive), if any.
    pub fn first_visible_after(&self, after: Option<u64>) -> Option<u64> {
        match after {
            None => self.visible.first(),
            Some(a) => self.visible.iter_from(a + 1).next(),
        }
    }

    /// Standard queue: the visible messages in send order.
    pub fn visible_seqs(&self) -> impl Iterator<Item = u64> + '_ {
        self.visible.iter()
    }

    /// FIFO: the slot and shared id string of group `id`, while the group exists (a send
    /// passes the slot on as its message's [`Message::group_slot`]).
    pub fn group(&self, id: &str) -> Option<(u32, Rc<str>)> {
        self.groups.find(id)
    }

    /// FIFO: the next receivable message ([`Groups::next`]).
    pub fn fifo_next(&mut self, cur: &mut GroupCursor) -> Option<u64> {
        let msgs = &self.msgs;
        self.groups.next(cur, |s| visible(msgs, s))
    }

    /// True when a receive would find a message now.
    pub fn has_receivable(&self) -> bool {
        if !self.fifo {
            return !self.visible.is_empty();
        }
        self.groups.has_receivable(|s| visible(&self.msgs, s))
    }

    /// The earliest delayed or in-flight message due at or before `now`.
    pub fn due_wake(&self, now: Instant) -> Option<u64> {
        self.wakes.first().filter(|(at, _)| *at <= now).map(|(_, s)| s)
    }

    /// The earliest message whose retention (`period_ms` from its enqueue) has run out.
    pub fn due_expiry(&self, now: Instant, period_ms: u64) -> Option<u64> {
        self.retention.first().filter(|(at, _)| at.plus(period_ms) <= now).map(|(_, s)| s)
    }

    /// The earliest wake and the oldest retention entry.
    pub fn heads(&self) -> Heads {
        Heads { wake: self.wakes.first(), oldest: self.retention.first() }
    }

    /// The oldest message for `ApproximateAgeOfOldestMessage`, skipping messages received
    /// three times or more (the poison-pill rule, spec §10); looks at most `limit` messages.
    /// `head` is the oldest retention entry ([`Heads::oldest`]).
    pub fn oldest_enqueued(&self, head: Option<(Instant, u64)>, limit: usize) -> Option<Instant> {
        let counts = |s: &u64| self.msgs.get(*s).is_some_and(|m| m.receive_count < 3);
        // Usually the oldest message counts: no iterator over the set.
        let (at, s) = head?;
        if counts(&s) {
            return Some(at);
        }
        self.retention.iter().take(limit).find(|(_, s)| counts(s)).map(|(at, _)| at)
    }

    /// Removes every message (PurgeQueue); returns how many.
    pub fn clear(&mut self) -> usize {
        let n = self.msgs.len();
        let next_seq = self.next_seq;
        *self = Self::new(self.fifo);
        self.next_seq = next_seq;
        n
    }

    /// In-flight messages, by seq.
    pub fn in_flight_seqs(&self) -> Vec<u64> {
        self.msgs.values().filter(|m| m.in_flight()).map(|m| m.seq).collect()
    }
}
