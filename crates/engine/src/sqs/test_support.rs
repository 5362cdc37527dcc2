//! Timeline helpers for unit tests: a world, a queue, and `send!` / `recv!` / `del!` macros
//! that read like the design's timelines (`send!(w, q, t=0, "a"); recv!(w, q, t=1, => ["a"])`).
//! Times are seconds after the world's start; the clock only moves forward.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::queue::CreateQueueInput;
use super::receive::{ReceiveMessageInput, ReceivedMessage};
use super::send::SendMessageInput;
use crate::time::{SECOND, WORLD_START};
use crate::{Cloud, Config};

/// A world and the handles received so far, by body.
pub struct World {
    pub cloud: Cloud,
    pub handles: alloc::collections::BTreeMap<String, String>,
}

impl World {
    pub fn new() -> Self {
        Self { cloud: Cloud::new(Config::default()), handles: Default::default() }
    }

    /// Creates a queue with `attrs` and returns its URL.
    pub fn queue(&mut self, name: &str, attrs: &[(&str, &str)]) -> String {
        let attributes =
            (!attrs.is_empty()).then(|| attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        self.cloud
            .create_queue(CreateQueueInput { queue_name: Some(name.into()), attributes, tags: None })
            .expect("queue created")
            .queue_url
    }

    /// Moves the clock to `t` seconds after the start (never backwards).
    pub fn at(&mut self, t: f64) {
        let target = WORLD_START.plus((t * SECOND as f64) as u64);
        self.cloud.advance_to(target);
    }

    pub fn send(&mut self, url: &str, body: &str, group: Option<&str>, delay: Option<i64>) -> String {
        let fifo = url.ends_with(".fifo");
        self.cloud
            .send_message(SendMessageInput {
                queue_url: Some(url.into()),
                message_body: Some(body.into()),
                message_group_id: group.map(String::from),
                message_deduplication_id: fifo.then(|| body.to_string()),
                delay_seconds: delay,
                ..Default::default()
            })
            .expect("sent")
            .message_id
            .to_string()
    }

    pub fn recv(&mut self, url: &str, max: i64, wait: Option<i64>, vt: Option<i64>) -> Vec<ReceivedMessage> {
        let out = self
            .cloud
            .receive_message(ReceiveMessageInput {
                queue_url: Some(url.into()),
                max_number_of_messages: Some(max),
                wait_time_seconds: wait.or(Some(0)),
                visibility_timeout: vt,
                message_system_attribute_names: Some(alloc::vec!["All".into()]),
                ..Default::default()
            })
            .expect("received")
            .messages;
        for m in &out {
            self.handles.insert(m.body.clone(), m.receipt_handle.to_string());
        }
        out
    }

    pub fn bodies(msgs: &[ReceivedMessage]) -> Vec<&str> {
        msgs.iter().map(|m| m.body.as_str()).collect()
    }
}

/// `send!(w, q, t=1, "body")`, with optional `group="g"` and `delay=n`.
macro_rules! send {
    ($w:expr, $q:expr, t=$t:expr, $body:expr) => {{
        $w.at($t as f64);
        $w.send(&$q, $body, None, None)
    }};
    ($w:expr, $q:expr, t=$t:expr, $body:expr, group=$g:expr) => {{
        $w.at($t as f64);
        $w.send(&$q, $body, Some($g), None)
    }};
    ($w:expr, $q:expr, t=$t:expr, $body:expr, delay=$d:expr) => {{
        $w.at($t as f64);
        $w.send(&$q, $body, None, Some($d))
    }};
}

/// `recv!(w, q, t=1, => ["a", "b"])`, with optional `max=n`, `wait=n`, `vt=n`.
macro_rules! recv {
    ($w:expr, $q:expr, t=$t:expr $(, max=$max:expr)? $(, wait=$wait:expr)? $(, vt=$vt:expr)?, => [$($b:expr),* $(,)?]) => {{
        $w.at($t as f64);
        #[allow(unused_mut, unused_assignments)]
        let mut max = 10i64; $(max = $max;)?
        #[allow(unused_mut, unused_assignments)]
        let mut wait: Option<i64> = None; $(wait = Some($wait);)?
        #[allow(unused_mut, unused_assignments)]
        let mut vt: Option<i64> = None; $(vt = Some($vt);)?
        let got = $w.recv(&$q, max, wait, vt);
        let bodies = $crate::sqs::test_support::World::bodies(&got);
        let want: alloc::vec::Vec<&str> = alloc::vec![$($b),*];
        assert_eq!(bodies, want, "receive at t={}", $t);
        got
    }};
}

/// `del!(w, q, t=2, "a")`: deletes with the last handle received for body "a".
macro_rules! del {
    ($w:expr, $q:expr, t=$t:expr, $body:expr) => {{
        $w.at($t as f64);
        let h = $w.handles.get($body).cloned().expect("received before");
        $w.cloud.delete_message($crate::sqs::delete::DeleteMessageInput {
            queue_url: Some($q.clone()),
            receipt_handle: Some(h),
        })
    }};
}

pub(crate) use {del, recv, send};
