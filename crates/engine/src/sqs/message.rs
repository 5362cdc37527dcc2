//! A message inside a queue: what was sent, its system attributes and where it is in its
//! life (spec/sqs.md §5.1, §5.6).
//!
//! States: *delayed* (queue delay or message timer running), *visible* (receivable),
//! *in flight* (received, not deleted, visibility timeout running). Deleted, expired and
//! purged messages leave the store.
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html>

use alloc::rc::Rc;
use alloc::string::String;

use super::body::MessageBody;
use super::stored_attributes::StoredAttributes;
use crate::time::Instant;

/// Where a message is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageState {
    /// Hidden until `visible_at` by a delay.
    Delayed,
    /// Receivable now (FIFO: subject to its group's order).
    Visible,
    /// Received under receipt number `receipt`, hidden until `visible_at`.
    InFlight {
        /// Which receive issued the live receipt handle (= `receive_count` at that time).
        receipt: u32,
        /// When that receive happened (the 12-hour cap counts from here, spec §14 Q3).
        received_at: Instant,
    },
}

/// One stored message.
#[derive(Clone, Debug)]
pub struct Message {
    /// Position in the queue's send order (internal).
    pub seq: u64,
    /// Shared with the events and the deduplication window that name it.
    pub message_id: Rc<str>,
    pub body: MessageBody,
    /// `MD5OfBody` when the send computed it (SendMessage answers it); otherwise (SNS and
    /// other producers, which never see it) computed when a receive asks
    /// ([`Message::md5_of_body`]).
    pub md5_of_body: Option<[u8; 16]>,
    pub attributes: StoredAttributes,
    /// `AWSTraceHeader`, the one supported system attribute.
    pub aws_trace_header: Option<String>,
    /// Shared with the group index and the events.
    pub message_group_id: Option<Rc<str>>,
    /// FIFO: where the store's group index keeps the group (set when the store takes the
    /// message; before, a hint that may be stale — it is checked).
    pub(crate) group_slot: u32,
    pub message_deduplication_id: Option<Rc<str>>,
    /// FIFO `SequenceNumber` (20 decimal digits).
    pub sequence_number: Option<u128>,
    /// `SentTimestamp` (kept across a DLQ move).
    pub sent_at: Instant,
    /// Start of the retention period: the send, or for FIFO the move into a DLQ (spec §5.5).
    pub enqueued_at: Instant,
    /// `ApproximateFirstReceiveTimestamp`.
    pub first_received_at: Option<Instant>,
    /// `ApproximateReceiveCount`.
    pub receive_count: u32,
    pub state: MessageState,
    /// For delayed and in-flight messages: when the message becomes visible.
    pub visible_at: Instant,
    /// `DeadLetterQueueSourceArn` once moved into a DLQ.
    pub dead_letter_source_arn: Option<String>,
    /// Bytes counted against `MaximumMessageSize` (body + attributes, spec §5.8).
    pub size: usize,
    /// True once ChangeMessageVisibility touched the live receipt (ReceiveRequestAttemptId
    /// replays stop then, spec §6.3).
    pub visibility_changed: bool,
    /// The SQS queue (or SNS topic) this came from, for the playground's animation.
    pub sender_id: &'static str,
}

/// `SenderId` of messages sent through the API: the simulated caller (an IAM user id shape).
pub const API_SENDER_ID: &str = "AIDAIT2UOQQY3AUEKVGXU";
/// `SenderId` of messages SNS delivered.
pub const SNS_SENDER_ID: &str = "AIDAIYLAVTDLUXBIEIX46";

impl Message {
    /// True while the message is in flight.
    pub fn in_flight(&self) -> bool {
        matches!(self.state, MessageState::InFlight { .. })
    }

    /// `MD5OfBody`.
    pub fn md5_of_body(&self) -> [u8; 16] {
        self.md5_of_body.unwrap_or_else(|| self.body.md5())
    }
}

/// A FIFO `SequenceNumber`: kept as the number, read and serialised as AWS shows it
/// (decimal text), so answers and events carry it without building a string.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SequenceNumber(pub u128);

impl core::fmt::Display for SequenceNumber {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(Decimal::new(self.0).as_str())
    }
}

impl core::fmt::Debug for SequenceNumber {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(Decimal::new(self.0).as_str(), f)
    }
}

impl PartialEq<str> for SequenceNumber {
    fn eq(&self, other: &str) -> bool {
        Decimal::new(self.0).as_str() == other
    }
}

impl serde::Serialize for SequenceNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(Decimal::new(self.0).as_str())
    }
}

/// Formats a FIFO sequence number as AWS shows it (decimal).
pub fn sequence_string(n: u128) -> String {
    String::from(Decimal::new(n).as_str())
}

/// The decimal digits of a `u128`, on the stack.
struct Decimal {
    buf: [u8; 39],
    start: usize,
}

impl Decimal {
    /// Without `core::fmt` and without a u128 division (both divide in software): sequence
    /// numbers have 20 digits; the leading digit is counted off by subtraction, the other 19
    /// fit a u64.
    fn new(n: u128) -> Self {
        const TEN_19: u128 = 10_000_000_000_000_000_000;
        let mut buf = [b'0'; 39];
        let end = buf.len();
        let (lead, mut low) = match u64::try_from(n) {
            Ok(small) => (None, small),
            Err(_) if n < 10 * TEN_19 => {
                let (mut lead, mut rest) = (0u8, n);
                while rest >= TEN_19 {
                    rest -= TEN_19;
                    lead += 1;
                }
                (Some(lead), rest as u64) // ok: rest < 10^19 < 2^64.
            }
            Err(_) => {
                // Beyond 20 digits (never issued): digit by digit.
                let (mut i, mut rest) = (end, n);
                while rest > 0 {
                    i -= 1; // ok: a u128 has at most 39 digits.
                    buf[i] = b'0' + (rest % 10) as u8;
                    rest /= 10;
                }
                return Self { buf, start: i };
            }
        };
        // Two digits at a time, from the right; places left of the digits stay '0'.
        const PAIRS: [[u8; 2]; 100] = {
            let mut t = [[0u8; 2]; 100];
            let mut i = 0;
            while i < 100 {
                t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
                i += 1;
            }
            t
        };
        let mut i = end;
        while low >= 100 {
            i -= 2; // ok: a u64 has at most 20 digits; with a lead digit `low` has at most 19.
            buf[i..i + 2].copy_from_slice(&PAIRS[(low % 100) as usize]);
            low /= 100;
        }
        if low >= 10 {
            i -= 2;
            buf[i..i + 2].copy_from_slice(&PAIRS[low as usize]); // ok: 10 <= low < 100.
        } else {
            i -= 1;
            buf[i] = b'0' + low as u8;
        }
        if let Some(d) = lead {
            // 19 places below the lead digit: the ones left of `low`'s digits are zeros.
            i = end - 20;
            buf[i] = b'0' + d;
        }
        Self { buf, start: i }
    }

    fn as_str(&self) -> &str {
        // ok: decimal digits are ASCII.
        core::str::from_utf8(self.buf.get(self.start..).unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sequence_numbers_in_decimal() {
        let big = [18_000_000_000_000_000_123, 99_999_999_999_999_999_999, 100_000_000_000_000_000_000];
        for n in [0u128, 7, 10, u64::MAX as u128, u64::MAX as u128 + 1, u128::MAX].into_iter().chain(big) {
            assert_eq!(super::sequence_string(n), alloc::format!("{n}"));
            assert_eq!(alloc::format!("{}", super::SequenceNumber(n)), alloc::format!("{n}"));
        }
    }
}
