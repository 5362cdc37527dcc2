//! `--chaos`: the seeded liberties AWS takes with standard queues, off by default
//! (api-contract.md rule 2; spec/sqs.md §5.1, §5.3).
//!
//! * Sampled short polls: a short poll returns a random subset of the eligible messages
//!   (possibly none, never more than MaxNumberOfMessages), in shuffled order. Guarantees: a
//!   message skipped twice in a row by polls that could have returned it is included next
//!   time; a queue with ≥ 1,000 visible messages always answers MaxNumberOfMessages.
//! * Duplicate delivery: now and then (1 in 20 sampled polls) one message that is already in
//!   flight is handed out again with a new receipt handle — at-least-once delivery.
//! * Never on FIFO queues, never on long polls.

use alloc::vec::Vec;

use super::queue::Queue;
use super::receive::Knobs;
use crate::collections::VecMap;
use crate::Ctx;

/// Skipped this many times in a row → included.
pub const MAX_SKIPS: u32 = 2;
/// Queues at least this deep always fill the answer.
pub const FULL_ANSWER_DEPTH: u64 = 1_000;
/// How many eligible messages a sample considers (the oldest ones).
const WINDOW: usize = 100;

/// Per-queue memory of the sampler: skips by message sequence number (a sorted `Vec`; every
/// sample already walks it all to drop messages that are gone).
#[derive(Clone, Debug, Default)]
pub struct ChaosState {
    skips: VecMap<u64, u32>,
}

/// Chooses which visible messages a sampled short poll returns.
pub(crate) fn sample(q: &mut Queue, ctx: &mut Ctx, max: usize) -> Vec<u64> {
    let candidates: Vec<u64> = q.store.visible_seqs().take(WINDOW).collect();
    let deep = q.store.counts().visible >= FULL_ANSWER_DEPTH;
    let mut chosen: Vec<u64> = Vec::new();
    for &seq in &candidates {
        if q.chaos.skips.get(&seq).copied().unwrap_or(0) >= MAX_SKIPS && chosen.len() < max {
            chosen.push(seq);
        }
    }
    let target = if deep { max } else { ctx.rng.below(max as u64 + 1) as usize };
    let mut pool: Vec<u64> = candidates.iter().copied().filter(|s| !chosen.contains(s)).collect();
    while chosen.len() < target.min(max) && !pool.is_empty() {
        let i = ctx.rng.below(pool.len() as u64) as usize;
        chosen.push(pool.swap_remove(i));
    }
    for &seq in candidates.iter().take(max.max(1) * 2) {
        if chosen.contains(&seq) {
            q.chaos.skips.remove(&seq);
        } else {
            *q.chaos.skips.entry(seq).or_insert(0) += 1;
        }
    }
    q.chaos.skips.retain(|s, _| q.store.get(*s).is_some());
    chosen
}

/// Sometimes adds a duplicate: a message already in flight, received again.
pub(crate) fn maybe_duplicate(
    q: &mut Queue,
    ctx: &mut Ctx,
    knobs: Knobs,
    taken: &mut Vec<(u64, alloc::rc::Rc<str>)>,
) {
    if taken.len() >= knobs.max || !ctx.rng.chance(1, 20) {
        return;
    }
    let in_flight: Vec<u64> =
        q.store.in_flight_seqs().into_iter().filter(|s| !taken.iter().any(|(t, _)| t == s)).collect();
    if in_flight.is_empty() {
        return;
    }
    let Some(&seq) = in_flight.get(ctx.rng.below(in_flight.len() as u64) as usize) else { return };
    if let Some(h) = q.take(ctx, seq, knobs.visibility_ms) {
        taken.push((seq, h));
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;
    use alloc::vec::Vec;

    use crate::sqs::queue::CreateQueueInput;
    use crate::sqs::receive::ReceiveMessageInput;
    use crate::sqs::send::SendMessageInput;
    use crate::{Cloud, Config};

    fn world(chaos: bool) -> (Cloud, alloc::string::String) {
        let mut c = Cloud::new(Config { chaos, seed: 3, ..Config::default() });
        let url = c
            .create_queue(CreateQueueInput { queue_name: Some("q".into()), ..Default::default() })
            .unwrap()
            .queue_url;
        for i in 0..5 {
            c.send_message(SendMessageInput {
                queue_url: Some(url.clone()),
                message_body: Some(i.to_string()),
                ..Default::default()
            })
            .unwrap();
        }
        (c, url)
    }

    fn poll(c: &mut Cloud, url: &str, wait: i64) -> Vec<alloc::string::String> {
        c.receive_message(ReceiveMessageInput {
            queue_url: Some(url.into()),
            max_number_of_messages: Some(10),
            wait_time_seconds: Some(wait),
            visibility_timeout: Some(0),
            ..Default::default()
        })
        .unwrap()
        .messages
        .into_iter()
        .map(|m| m.body)
        .collect()
    }

    #[test]
    fn sampled_short_polls_never_skip_a_message_three_times_running() {
        let (mut c, url) = world(true);
        let mut skipped = [0u32; 5];
        let mut sizes = Vec::new();
        for _ in 0..40 {
            let got = poll(&mut c, &url, 0);
            sizes.push(got.len());
            for (i, s) in skipped.iter_mut().enumerate() {
                if got.iter().any(|b| *b == i.to_string()) {
                    *s = 0;
                } else {
                    *s += 1;
                    assert!(*s <= super::MAX_SKIPS, "message {i} skipped {s} times in a row");
                }
            }
        }
        assert!(sizes.iter().any(|n| *n < 5), "sampling returns fewer than all sometimes: {sizes:?}");
    }

    #[test]
    fn long_polls_and_default_mode_are_exact() {
        let (mut c, url) = world(true);
        assert_eq!(poll(&mut c, &url, 1).len(), 5);
        let (mut c, url) = world(false);
        for _ in 0..10 {
            assert_eq!(poll(&mut c, &url, 0), ["0", "1", "2", "3", "4"]);
        }
    }
}
