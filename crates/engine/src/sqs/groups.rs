//! FIFO message groups inside a queue's store (spec/sqs.md §6.2): each group's messages in
//! send order, and the groups whose first message is visible, in the order they became
//! available (a group re-enters at the back). A group's returnable messages are the visible
//! prefix of its list — the "precise form" of group blocking.
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html>
//!
//! Groups live in slots found by a hash of their id ([`HashSlots`]): a send, receive and
//! delete each find their group without comparing id strings along a tree. A group exists
//! while it holds messages or is listed as ready, and the last [`IDLE_KEEP`] groups that
//! emptied stay a while: a producer that sends to the same few groups finds its group (and
//! its shared id string) instead of rebuilding it for every message. An empty group not
//! listed as ready behaves exactly as no group. A freed slot keeps its list's memory for the
//! next group.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use alloc::vec::Vec;

use crate::collections::{fnv1a, HashSlots};

/// Lists longer than this are not kept for reuse when their group goes.
const KEEP_CAPACITY: usize = 64;
/// Emptied groups kept for their next message.
pub const IDLE_KEEP: usize = 64;

#[derive(Clone, Debug, Default)]
struct Group {
    /// The group id; `None` for a free slot.
    id: Option<Rc<str>>,
    hash: u64,
    msgs: VecDeque<u64>,
    /// True while the group is listed in `ready`.
    queued: bool,
    /// True while the group is listed in `idle`.
    idle: bool,
}

/// A walk through one group during a receive: the group's slot and the position of the next
/// candidate in it.
#[derive(Clone, Debug, Default)]
pub struct GroupCursor(Option<(u32, usize)>);

impl GroupCursor {
    /// The candidate returned last was taken (set in flight): continue after it.
    pub fn taken(&mut self) {
        if let Some((_, i)) = &mut self.0 {
            *i += 1;
        }
    }
}

/// The groups of one FIFO queue.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    slots: Vec<Group>,
    index: HashSlots,
    free: Vec<u32>,
    /// Slots of the groups whose first message is (or was, when listed) visible.
    ready: VecDeque<u32>,
    /// Slots of groups that emptied, oldest first (a listed group may hold messages again).
    idle: VecDeque<u32>,
}

impl Groups {
    fn group(&self, slot: u32) -> Option<&Group> {
        self.slots.get(slot as usize).filter(|g| g.id.is_some())
    }

    fn group_mut(&mut self, slot: u32) -> Option<&mut Group> {
        self.slots.get_mut(slot as usize).filter(|g| g.id.is_some())
    }

    /// The slot of group `id`.
    fn slot_of(&self, id: &str) -> Option<u32> {
        let slots = &self.slots;
        self.index.find(fnv1a(&[id.as_bytes()]), |s| {
            slots.get(s as usize).and_then(|g| g.id.as_deref()).is_some_and(|g| g == id)
        })
    }

    /// The slot of group `id`: `hint` when that slot holds this very id string (a message
    /// remembers its group's slot), else looked up.
    fn slot_hinted(&self, id: &Rc<str>, hint: u32) -> Option<u32> {
        let held = self.group(hint).and_then(|g| g.id.as_ref()).is_some_and(|g| Rc::ptr_eq(g, id));
        if held {
            Some(hint)
        } else {
            self.slot_of(id)
        }
    }

    /// The slot and shared id string of group `id`, if the group exists.
    pub fn find(&self, id: &str) -> Option<(u32, Rc<str>)> {
        let slot = self.slot_of(id)?;
        Some((slot, self.group(slot)?.id.clone()?))
    }

    /// Appends message `seq` to group `id` (created if needed; `hint` as in
    /// [`Groups::slot_hinted`]) and returns the group's slot; `visible` tells whether a
    /// message is visible. Lists the group as ready when `seq` heads it and is visible.
    pub fn push(&mut self, id: &Rc<str>, hint: u32, seq: u64, visible: impl Fn(u64) -> bool) -> u32 {
        let slot = match self.slot_hinted(id, hint) {
            Some(s) => s,
            None => self.add(id),
        };
        let Some(g) = self.group_mut(slot) else { return slot };
        g.msgs.push_back(seq);
        if g.msgs.len() == 1 {
            self.make_ready(slot, visible);
        }
        slot
    }

    fn add(&mut self, id: &Rc<str>) -> u32 {
        let hash = fnv1a(&[id.as_bytes()]);
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(Group::default());
                (self.slots.len() - 1) as u32
            }
        };
        if let Some(g) = self.slots.get_mut(slot as usize) {
            g.id = Some(id.clone());
            g.hash = hash;
            g.queued = false;
            g.idle = false;
        }
        self.index.insert(hash, slot);
        slot
    }

    /// Lists group `slot` in `ready` if its first message is visible and it is not listed.
    fn make_ready(&mut self, slot: u32, visible: impl Fn(u64) -> bool) {
        let Some(g) = self.group_mut(slot) else { return };
        if g.queued || !g.msgs.front().is_some_and(|s| visible(*s)) {
            return;
        }
        g.queued = true;
        self.ready.push_back(slot);
    }

    /// Message `seq` of group `id` (at `hint`) became visible: lists the group if `seq`
    /// heads it.
    pub fn became_visible(&mut self, id: &Rc<str>, hint: u32, seq: u64, visible: impl Fn(u64) -> bool) {
        let Some(slot) = self.slot_hinted(id, hint) else { return };
        if self.group(slot).and_then(|g| g.msgs.front()) == Some(&seq) {
            self.make_ready(slot, visible);
        }
    }

    /// Takes removed message `seq` out of group `id` (at `hint`).
    pub fn unlink(&mut self, id: &Rc<str>, hint: u32, seq: u64, visible: impl Fn(u64) -> bool) {
        let Some(slot) = self.slot_hinted(id, hint) else { return };
        let Some(g) = self.group_mut(slot) else { return };
        let mut head_changed = false;
        if g.msgs.front() == Some(&seq) {
            g.msgs.pop_front();
            head_changed = true;
        } else if let Some(i) = g.msgs.iter().position(|s| *s == seq) {
            g.msgs.remove(i);
        }
        if g.msgs.is_empty() && !g.queued {
            self.retire(slot);
        } else if head_changed {
            self.make_ready(slot, visible);
        }
    }

    /// The next receivable message — the next message of the group being walked if it is
    /// visible, else the head of the next ready group (spec §6.2 rules 2–4).
    pub fn next(&mut self, cur: &mut GroupCursor, visible: impl Fn(u64) -> bool) -> Option<u64> {
        if let Some((slot, i)) = cur.0 {
            let seq = self.group(slot).and_then(|g| g.msgs.get(i)).copied();
            if let Some(seq) = seq.filter(|s| visible(*s)) {
                return Some(seq);
            }
            cur.0 = None;
            self.drop_if_empty(slot);
        }
        loop {
            let slot = self.ready.pop_front()?;
            let Some(g) = self.group_mut(slot) else { continue };
            g.queued = false;
            match g.msgs.front().copied().filter(|s| visible(*s)) {
                Some(seq) => {
                    // Walk this group from its head (the caller takes it, then goes on).
                    cur.0 = Some((slot, 0));
                    return Some(seq);
                }
                None => self.drop_if_empty(slot),
            }
        }
    }

    fn drop_if_empty(&mut self, slot: u32) {
        if self.group(slot).is_some_and(|g| g.msgs.is_empty() && !g.queued) {
            self.retire(slot);
        }
    }

    /// Group `slot` emptied: lists it as idle, and frees the oldest idle group if too many
    /// are listed and it is still empty.
    fn retire(&mut self, slot: u32) {
        let Some(g) = self.group_mut(slot) else { return };
        if !g.idle {
            g.idle = true;
            self.idle.push_back(slot);
        }
        if self.idle.len() <= IDLE_KEEP {
            return;
        }
        let Some(old) = self.idle.pop_front() else { return };
        let Some(g) = self.group_mut(old) else { return };
        g.idle = false;
        if g.msgs.is_empty() && !g.queued {
            self.drop_group(old);
        }
    }

    /// Frees group `slot`, keeping its (empty) list's memory for a later group.
    fn drop_group(&mut self, slot: u32) {
        let Some(g) = self.group_mut(slot) else { return };
        g.id = None;
        g.msgs.clear();
        if g.msgs.capacity() > KEEP_CAPACITY {
            g.msgs = VecDeque::new();
        }
        let hash = g.hash;
        self.index.remove(hash, slot);
        self.free.push(slot);
    }

    /// True when a ready group's first message is visible.
    pub fn has_receivable(&self, visible: impl Fn(u64) -> bool) -> bool {
        self.ready.iter().any(|s| self.group(*s).and_then(|g| g.msgs.front()).is_some_and(|m| visible(*m)))
    }
}
