//! `decouple bench sqs`: send + receive + delete cycles per second through the typed API on a
//! standard queue and on a FIFO queue with 10 message groups, the same cycle on a bare
//! `VecDeque` + `BTreeMap` baseline, the [`floor`] (the baseline plus only the work AWS
//! fidelity requires of every cycle: ids, MD5, receipt handles, the typed API's strings), and
//! the wall time to advance 14 virtual days over 100,000 delayed or in-flight messages.

use std::collections::{BTreeMap, VecDeque};
use std::time::Instant as WallClock;

use decouple_engine::event::Event;
use decouple_engine::sqs::delete::DeleteMessageInput;
use decouple_engine::sqs::queue::CreateQueueInput;
use decouple_engine::sqs::receive::ReceiveMessageInput;
use decouple_engine::sqs::send::SendMessageInput;
use decouple_engine::time::DAY;
use decouple_engine::{Cloud, Config};

use super::{per_second, rates, Figure};

mod floor;

fn queue(c: &mut Cloud, name: &str, attrs: &[(&str, &str)]) -> String {
    let attributes = Some(attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
    c.create_queue(CreateQueueInput { queue_name: Some(name.into()), attributes, tags: None })
        .expect("queue")
        .queue_url
}

/// What the bench's client holds between calls, as a real client holds its strings: the
/// FIFO group ids, built once, and its next deduplication id, counted up in decimal.
pub(crate) struct Client {
    groups: [String; 10],
    next_dedup_id: String,
    /// The buffer events are drained into (a client reads them, then reuses the buffer).
    events: Vec<Event>,
}

impl Client {
    pub(crate) fn new() -> Self {
        Self {
            groups: core::array::from_fn(|g| format!("g{g}")),
            next_dedup_id: String::from("0"),
            events: Vec::new(),
        }
    }

    /// The group id of cycle `i` (the client's own string, copied into the request).
    pub(crate) fn group(&self, i: u64) -> String {
        self.groups[(i % 10) as usize].clone()
    }

    /// The next deduplication id: 0, 1, 2, … in decimal (the cycle number, as cycles count
    /// from 0).
    pub(crate) fn dedup_id(&mut self) -> String {
        let id = self.next_dedup_id.clone();
        let digits = &mut self.next_dedup_id;
        let mut nines = 0;
        while digits.ends_with('9') {
            digits.pop();
            nines += 1;
        }
        let next = match digits.pop() {
            Some(d) => char::from(d as u8 + 1),
            None => '1',
        };
        digits.push(next);
        digits.extend(std::iter::repeat_n('0', nines));
        id
    }
}

/// A standard-queue cycle (its own symbol, so a profiler can tell the two apart).
#[inline(never)]
fn standard_cycle(c: &mut Cloud, client: &mut Client, url: &str, i: u64) {
    cycle(c, client, url, false, i);
}

/// A FIFO cycle over 10 groups.
#[inline(never)]
fn fifo_cycle(c: &mut Cloud, client: &mut Client, url: &str, i: u64) {
    cycle(c, client, url, true, i);
}

/// One send + receive + delete on `url`; FIFO cycles rotate over 10 groups.
#[inline(always)]
fn cycle(c: &mut Cloud, client: &mut Client, url: &str, fifo: bool, i: u64) {
    c.send_message(SendMessageInput {
        queue_url: Some(url.to_string()),
        message_body: Some("hello".into()),
        message_group_id: fifo.then(|| client.group(i)),
        message_deduplication_id: fifo.then(|| client.dedup_id()),
        ..Default::default()
    })
    .expect("send");
    let got = c
        .receive_message(ReceiveMessageInput { queue_url: Some(url.to_string()), ..Default::default() })
        .expect("receive");
    for m in got.messages {
        c.delete_message(DeleteMessageInput {
            queue_url: Some(url.to_string()),
            receipt_handle: Some(String::from(&*m.receipt_handle)),
        })
        .expect("delete");
    }
    if i % 1024 == 0 {
        // Take the events, look at them, let them go (the buffer stays for the next drain).
        c.drain_events_into(&mut client.events);
        std::hint::black_box(&client.events);
        client.events.clear();
    }
}

/// The least any queue must do: append, pop the oldest into an in-flight map, remove it.
/// (Its own symbol, so a profiler can count its instructions.)
#[inline(never)]
fn baseline(n: u64) -> f64 {
    let mut visible: VecDeque<(u64, String)> = VecDeque::new();
    let mut in_flight: BTreeMap<u64, String> = BTreeMap::new();
    per_second(n, |i| {
        visible.push_back((i, String::from("hello")));
        if let Some((id, body)) = visible.pop_front() {
            in_flight.insert(id, body);
        }
        std::hint::black_box(in_flight.remove(&i));
    })
}

fn fourteen_days(n: u64) -> f64 {
    let mut c = Cloud::new(Config::default());
    let url = queue(&mut c, "deep", &[("MessageRetentionPeriod", "1209600"), ("VisibilityTimeout", "43200")]);
    for i in 0..n {
        let delay = if i % 2 == 0 { Some((i % 900) as i64) } else { None };
        c.send_message(SendMessageInput {
            queue_url: Some(url.clone()),
            message_body: Some("m".into()),
            delay_seconds: delay,
            ..Default::default()
        })
        .expect("send");
    }
    loop {
        let got = c
            .receive_message(ReceiveMessageInput {
                queue_url: Some(url.clone()),
                max_number_of_messages: Some(10),
                ..Default::default()
            })
            .expect("receive");
        if got.messages.is_empty() {
            break;
        }
    }
    c.drain_events();
    let start = WallClock::now();
    c.advance_by(14 * DAY);
    let secs = start.elapsed().as_secs_f64();
    assert!(c.sqs.queue("deep").is_some_and(|q| q.messages().next().is_none()), "everything expired");
    secs
}

/// The suite.
pub fn run(quick: bool) -> Vec<Figure> {
    let n = if quick { 20_000 } else { 300_000 };
    let mut c = Cloud::new(Config::default());
    let std_url = queue(&mut c, "bench", &[]);
    let fifo_url = queue(&mut c, "bench.fifo", &[("FifoQueue", "true")]);
    let mut client = Client::new();
    let (standard, standard_cpu) = rates(n, |i| standard_cycle(&mut c, &mut client, &std_url, i));
    let (fifo, fifo_cpu) = rates(n, |i| fifo_cycle(&mut c, &mut client, &fifo_url, i));
    let base = baseline(n * 10);
    let floor_standard = floor::standard(n * 2);
    let floor_fifo = floor::fifo(n * 2);
    let days = fourteen_days(if quick { 10_000 } else { 100_000 });
    let mut figures = vec![
        Figure::new("standard send+receive+delete cycles", standard, "cycles/s"),
        Figure::new("FIFO (10 groups) send+receive+delete cycles", fifo, "cycles/s"),
        Figure::new("VecDeque+BTreeMap baseline cycles", base, "cycles/s"),
        Figure::new("baseline / standard (x slower)", base / standard, "x"),
        Figure::new("baseline / FIFO (x slower)", base / fifo, "x"),
        Figure::new("fidelity floor (see bench/sqs/floor.rs), standard cycles", floor_standard, "cycles/s"),
        Figure::new("fidelity floor, FIFO (10 groups) cycles", floor_fifo, "cycles/s"),
        Figure::new("baseline / fidelity floor standard (x slower)", base / floor_standard, "x"),
        Figure::new("baseline / fidelity floor FIFO (x slower)", base / floor_fifo, "x"),
        Figure::new("advance 14 days, 100k delayed/in-flight messages", days * 1000.0, "ms"),
    ];
    if let Some(cpu) = standard_cpu {
        figures.push(Figure::new("standard cycles per CPU-second of the bench thread", cpu, "cycles/s"));
    }
    if let Some(cpu) = fifo_cpu {
        figures.push(Figure::new("FIFO cycles per CPU-second of the bench thread", cpu, "cycles/s"));
    }
    figures
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_client_counts_dedup_ids_in_decimal() {
        let mut client = super::Client::new();
        for i in 0..2_000u64 {
            assert_eq!(client.dedup_id(), i.to_string());
        }
    }
}
