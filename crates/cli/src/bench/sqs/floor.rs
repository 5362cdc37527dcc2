//! The fidelity floor: the least work one send + receive + delete cycle must do to answer as
//! SQS answers through the typed API, on top of the bare `VecDeque` + `BTreeMap` baseline.
//! It is not a queue: no validation, no indexes beyond the baseline's, no timers, metrics or
//! events. It shows how close to the baseline any faithful simulator can get.
//!
//! Per cycle, the standard floor does the baseline's container work plus:
//! * the `String`s the typed inputs hold: three `QueueUrl`s, the body, the receipt handle the
//!   caller copies into DeleteMessage;
//! * a random `MessageId` (UUID v4 text, shared by the stored message and the answer);
//! * `MD5OfMessageBody`: the MD5 of the body, as hex (computed once; the receive answers the
//!   stored digest as hex again);
//! * a receipt handle in our format (random nonce, check, base64) and, on delete, its decoding
//!   and check (a handle the queue never issued must fail);
//! * the receive's answer: a `Vec` of one message owning a copy of the body.
//!
//! The FIFO floor adds the client's `MessageGroupId` and `MessageDeduplicationId` strings
//! (built as the bench's client builds them), a sequence number draw, and a
//! deduplication-window lookup and insert keyed by a hash of the id.

use std::collections::{BTreeMap, VecDeque};
use std::hint::black_box;
use std::rc::Rc;

use decouple_engine::digest::{md5, Md5Hex};
use decouple_engine::rng::Rng;
use decouple_engine::sqs::receipt::Receipt;
use decouple_engine::time::Instant;

use super::Client;
use crate::bench::per_second;

const URL: &str = "https://sqs.us-east-1.amazonaws.com/000000000000/bench";

/// What the floor keeps per message: id, body, its MD5.
type Stored = (Rc<str>, String, [u8; 16]);

/// Cycles per second of the standard floor (its own symbol, for a profiler).
#[inline(never)]
pub fn standard(n: u64) -> f64 {
    floor(n, false)
}

/// Cycles per second of the FIFO floor.
#[inline(never)]
pub fn fifo(n: u64) -> f64 {
    floor(n, true)
}

/// Cycles per second of the floor; `fifo` adds the FIFO work.
#[inline(always)]
fn floor(n: u64, fifo: bool) -> f64 {
    let mut rng = Rng::new(7);
    let mut visible: VecDeque<(u64, Stored)> = VecDeque::new();
    let mut in_flight: BTreeMap<u64, Stored> = BTreeMap::new();
    let mut window: BTreeMap<u64, u64> = BTreeMap::new();
    let mut sequence: u128 = 18_000_000_000_000_000_000;
    let now = Instant(1_704_067_200_000);
    let mut client = Client::new();
    per_second(n, |i| {
        // SendMessage: the input's strings, then an id and the body's MD5.
        let url = black_box(String::from(URL));
        let body = black_box(String::from("hello"));
        if fifo {
            let group = black_box(client.group(i));
            let dedup = black_box(client.dedup_id());
            let key = dedup
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3));
            window.entry(key).or_insert(i);
            sequence += 2 + u128::from(rng.below(1 << 16));
            black_box((group, sequence));
        }
        let id = rng.uuid_shared();
        let digest = md5(body.as_bytes());
        black_box(Md5Hex::new(&digest));
        black_box(&url);
        visible.push_back((i, (id.clone(), body, digest)));
        // ReceiveMessage: the input's URL, a handle, the answer owning a copy of the body.
        let url = black_box(String::from(URL));
        let Some((seq, stored)) = visible.pop_front() else { return };
        let handle = Receipt { queue_id: 1, seq, receipt: 1, received_at: now }.encode(&mut rng);
        let answer = vec![(stored.0.clone(), handle.clone(), Md5Hex::new(&stored.2), stored.1.clone())];
        black_box((&url, &answer));
        in_flight.insert(seq, stored);
        drop(answer);
        // DeleteMessage: the input's URL and handle copy; the handle read and checked.
        let url = black_box(String::from(URL));
        let copy = black_box(String::from(&*handle));
        let seq = Receipt::decode(&copy).map_or(seq, |r| r.seq);
        black_box((&url, in_flight.remove(&seq)));
    })
}
