//! The queues of one world, by name, and the resolution of a `QueueUrl` to its queue
//! (spec/sqs.md §2: `…/<account>/<name>`).
//!
//! Every send, receive and delete names its queue by URL, and a client sends the same URL
//! call after call: the last URL resolved is remembered with its queue's slot, so a repeat
//! costs one string comparison instead of parsing the URL and searching names.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;

use super::queue::{name_from_url, Queue};
use crate::collections::VecMap;

/// Queues by name (iterated in name order), stored in slots. The names are a sorted `Vec`
/// (lookups by binary search; a `BTreeMap<Rc<str>, u32>` was ~10 KB of wasm code for a table
/// that changes only when a queue is created or deleted).
#[derive(Clone, Debug, Default)]
pub(crate) struct Queues {
    by_name: VecMap<Rc<str>, u32>,
    slots: Vec<Option<Queue>>,
    free: Vec<u32>,
    /// The last URL resolved and its queue's slot; cleared whenever a queue goes.
    hot: Option<Hot>,
}

impl Queues {
    pub fn get(&self, name: &str) -> Option<&Queue> {
        let slot = *self.by_name.get(name)?;
        self.slots.get(slot as usize)?.as_ref()
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Queue> {
        let slot = *self.by_name.get(name)?;
        self.slots.get_mut(slot as usize)?.as_mut()
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// Adds `q` under `name` (replacing a queue of that name).
    pub fn insert(&mut self, name: Rc<str>, q: Queue) {
        self.remove(&name);
        let slot = match self.free.pop() {
            Some(s) => {
                if let Some(e) = self.slots.get_mut(s as usize) {
                    *e = Some(q);
                }
                s
            }
            None => {
                self.slots.push(Some(q));
                (self.slots.len() - 1) as u32
            }
        };
        self.by_name.insert(name, slot);
    }

    pub fn remove(&mut self, name: &str) -> Option<Queue> {
        let slot = self.by_name.remove(name)?;
        self.hot = None;
        self.free.push(slot);
        self.slots.get_mut(slot as usize)?.take()
    }

    /// The slot of the queue `name`.
    pub fn slot_of(&self, name: &str) -> Option<u32> {
        self.by_name.get(name).copied()
    }

    /// The queue in `slot`.
    pub fn at(&self, slot: u32) -> Option<&Queue> {
        self.slots.get(slot as usize)?.as_ref()
    }

    /// The queue in `slot`, mutable.
    pub fn at_mut(&mut self, slot: u32) -> Option<&mut Queue> {
        self.slots.get_mut(slot as usize)?.as_mut()
    }

    /// Names in order.
    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> {
        self.by_name.keys()
    }

    /// Queues in name order.
    pub fn values(&self) -> impl Iterator<Item = &Queue> {
        self.by_name.values().filter_map(|s| self.slots.get(*s as usize)?.as_ref())
    }

    /// The slot of the queue `url` names in `account`, and whether it is the remembered one.
    fn slot_for_url(&self, url: &str, account: &str) -> Option<(u32, bool)> {
        if let Some(hot) = &self.hot {
            if hot.url == url && hot.account == account {
                return Some((hot.slot, true));
            }
        }
        Some((*self.by_name.get(name_from_url(url, account)?)?, false))
    }

    /// The queue `url` names in `account`, remembering the URL for the next call.
    pub fn by_url_mut(&mut self, url: &str, account: &str) -> Option<&mut Queue> {
        let (slot, remembered) = self.slot_for_url(url, account)?;
        if !remembered {
            self.hot = Some(Hot { url: String::from(url), account: String::from(account), slot });
        }
        self.slots.get_mut(slot as usize)?.as_mut()
    }

    /// [`Queues::by_url_mut`] without remembering.
    pub fn by_url(&self, url: &str, account: &str) -> Option<&Queue> {
        let (slot, _) = self.slot_for_url(url, account)?;
        self.slots.get(slot as usize)?.as_ref()
    }
}

/// The slot a caller found its queue in last time (an SNS subscription delivers to the same
/// queue message after message): tried first, and believed only when the queue there is the
/// one asked for, so a deleted or re-created queue is simply looked up again.
#[derive(Clone, Default)]
pub struct SlotHint(Cell<Option<u32>>);

impl SlotHint {
    pub(crate) fn get(&self) -> Option<u32> {
        self.0.get()
    }

    pub(crate) fn set(&self, slot: u32) {
        self.0.set(Some(slot));
    }
}

impl core::fmt::Debug for SlotHint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Not state: a hint (worlds with the same history may hold different hints).
        f.write_str("SlotHint")
    }
}

/// A resolved URL: the URL and account it was resolved in, and the queue's slot.
#[derive(Clone, Debug)]
struct Hot {
    url: String,
    account: String,
    slot: u32,
}

#[cfg(test)]
mod tests {
    use crate::sqs::queue::QueueUrlInput;
    use crate::sqs::send::SendMessageInput;
    use crate::sqs::test_support::World;

    fn send(w: &mut World, url: &str) -> Result<(), &'static str> {
        let input = SendMessageInput {
            queue_url: Some(url.into()),
            message_body: Some("m".into()),
            ..Default::default()
        };
        w.cloud.send_message(input).map(|_| ()).map_err(|e| e.code)
    }

    #[test]
    fn a_remembered_url_follows_deletion_and_re_creation() {
        let mut w = World::new();
        let a = w.queue("a", &[]);
        let b = w.queue("b", &[]);
        for url in [&a, &b, &a, &alloc::format!("{a}/")] {
            send(&mut w, url).unwrap();
        }
        let count = |w: &World, n: &str| w.cloud.sqs.queue(n).map(|q| q.counts().visible);
        assert_eq!((count(&w, "a"), count(&w, "b")), (Some(3), Some(1)));
        w.cloud.delete_queue(QueueUrlInput { queue_url: Some(a.clone()) }).unwrap();
        assert_eq!(send(&mut w, &a), Err("QueueDoesNotExist"));
        w.at(61.0);
        assert_eq!(w.queue("a", &[]), a);
        send(&mut w, &a).unwrap();
        assert_eq!(count(&w, "a"), Some(1), "the new queue, not the deleted one");
        let other_account = a.replace("000000000000", "111111111111");
        assert!(send(&mut w, &other_account).is_err());
        send(&mut w, &b).unwrap();
        assert_eq!(count(&w, "b"), Some(2));
    }
}
