//! Shard iterators: GetShardIterator and the opaque token that encodes a position.
//!
//! AWS: an iterator names a position in one shard — `TRIM_HORIZON` (oldest untrimmed record),
//! `LATEST` (just after the newest record at the time of the call), `AT_SEQUENCE_NUMBER`,
//! `AFTER_SEQUENCE_NUMBER`, `AT_TIMESTAMP` (first record with `ApproximateArrivalTimestamp ≥
//! Timestamp`). It "expires 5 minutes after it is returned to the requester", is not consumed
//! by use, and is an opaque base64 string of 1–512 characters
//! (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html>,
//! spec/kinesis.md §1.6). GetShardIterator is limited to 5 calls/s per shard.
//!
//! The token here is base64 of `00 00 00 00 00 00 00 01` (as AWS's start), an 8-byte check
//! (start of the MD5 of the content) and the content masked by a keystream derived from the
//! check: `issued ms ‖ stream incarnation ‖ shard index ‖ seqIx ‖ stream name`. The
//! position is a `seqIx`: reading starts at the first retained record whose `seqIx` is at
//! least it. Anything that does not decode is `Invalid ShardIterator.`; an iterator
//! older than 300,000 ms is an `ExpiredIteratorException` (300,000 ms exactly is still valid).

use alloc::string::String;
use alloc::vec::Vec;
use base64::Engine as _;

use super::sequence_number::SequenceNumber;
use super::shapes::{input, output};
use super::shard::{parse_shard_id, shard_id, Shard};
use super::KinesisEvent;
use crate::coral::{is_name, Violations};
use crate::digest::md5;
use crate::time::{Instant, MINUTE};
use crate::{ApiError, Cloud};

/// How long an iterator stays valid.
pub const ITERATOR_LIFETIME_MS: u64 = 5 * MINUTE;
/// `ShardIteratorType` values, in the order AWS's validation message lists them (`Member must
/// satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, …]`; kinesalite
/// `test/getShardIterator.js`, run against AWS), which is not the API model's order.
pub const ITERATOR_TYPES: [&str; 5] =
    ["AFTER_SEQUENCE_NUMBER", "LATEST", "AT_TIMESTAMP", "AT_SEQUENCE_NUMBER", "TRIM_HORIZON"];

const HEADER: [u8; 8] = [0, 0, 0, 0, 0, 0, 0, 1];
const CHECK: usize = 8;
const FIXED: usize = 8 + 8 + 4 + 8;

/// What an iterator token holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IteratorToken {
    pub issued: Instant,
    pub stream_id: u64,
    pub stream: String,
    pub shard: u32,
    /// Read from the first record with `seqIx ≥ position`.
    pub position: u64,
}

/// XORs `bytes` with a keystream of MD5 blocks seeded by the check (so tokens look random).
fn mask(check: &[u8], bytes: &mut [u8]) {
    for (block, chunk) in bytes.chunks_mut(16).enumerate() {
        let mut seed: Vec<u8> = Vec::with_capacity(check.len() + 4);
        seed.extend_from_slice(check);
        seed.extend_from_slice(&(block as u32).to_be_bytes());
        for (b, k) in chunk.iter_mut().zip(md5(&seed)) {
            *b ^= k;
        }
    }
}

impl IteratorToken {
    pub fn encode(&self) -> String {
        let mut body: Vec<u8> = Vec::with_capacity(FIXED + self.stream.len());
        body.extend_from_slice(&self.issued.millis().to_be_bytes());
        body.extend_from_slice(&self.stream_id.to_be_bytes());
        body.extend_from_slice(&self.shard.to_be_bytes());
        body.extend_from_slice(&self.position.to_be_bytes());
        body.extend_from_slice(self.stream.as_bytes());
        let digest = md5(&body);
        let check = digest.get(..CHECK).unwrap_or(&[]); // ok: MD5 has 16 bytes
        mask(check, &mut body);
        let mut all = Vec::with_capacity(HEADER.len() + CHECK + body.len());
        all.extend_from_slice(&HEADER);
        all.extend_from_slice(check);
        all.extend_from_slice(&body);
        base64::engine::general_purpose::STANDARD.encode(all)
    }

    /// Decodes a token (AWS also accepts it wrapped in double quotes). Does not check expiry.
    pub fn decode(text: &str) -> Result<Self, ApiError> {
        let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
        let bad = ApiError::invalid_shard_iterator;
        let bytes = base64::engine::general_purpose::STANDARD.decode(text.as_bytes()).map_err(|_| bad())?;
        let rest = bytes.strip_prefix(&HEADER[..]).ok_or_else(bad)?;
        if rest.len() < CHECK + FIXED + 1 {
            return Err(bad());
        }
        let (check, body) = rest.split_at(CHECK);
        let mut content = body.to_vec();
        mask(check, &mut content);
        if md5(&content).get(..CHECK) != Some(check) {
            return Err(bad());
        }
        let u64_at = |i: usize| content.get(i..i + 8).and_then(|s| s.try_into().ok()).map(u64::from_be_bytes);
        let issued = Instant(u64_at(0).ok_or_else(bad)?);
        let stream_id = u64_at(8).ok_or_else(bad)?;
        let shard =
            content.get(16..20).and_then(|s| s.try_into().ok()).map(u32::from_be_bytes).ok_or_else(bad)?;
        let position = u64_at(20).ok_or_else(bad)?;
        let stream = content
            .get(FIXED..)
            .map(|s| String::from_utf8(s.to_vec()))
            .ok_or_else(bad)?
            .map_err(|_| bad())?;
        Ok(Self { issued, stream_id, stream, shard, position })
    }

    /// Decodes and checks the 5-minute life at `now`.
    pub fn decode_at(text: &str, now: Instant) -> Result<Self, ApiError> {
        let t = Self::decode(text)?;
        if now.since(t.issued) > ITERATOR_LIFETIME_MS {
            return Err(ApiError::expired_iterator(t.issued, now));
        }
        Ok(t)
    }
}

/// Fuzz harness: any bytes give an iterator or an AWS error, never a panic.
pub fn fuzz_shard_iterator(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match IteratorToken::decode_at(&text, crate::time::WORLD_START) {
        Ok(t) => assert_eq!(IteratorToken::decode(&t.encode()).ok(), Some(t)),
        Err(e) => assert!(matches!(e.code, "InvalidArgumentException" | "ExpiredIteratorException")),
    }
}

input! {
    /// GetShardIterator.
    pub struct GetShardIteratorInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub shard_id: Option<String> = "ShardId",
        pub shard_iterator_type: Option<String> = "ShardIteratorType",
        pub starting_sequence_number: Option<String> = "StartingSequenceNumber",
        /// Epoch seconds (fractions allowed).
        pub timestamp: Option<f64> = "Timestamp",
    }
}

output! {
    /// GetShardIterator's answer.
    pub struct GetShardIteratorOutput {
        pub shard_iterator: String = "ShardIterator",
    }
}

/// Epoch seconds (as the JSON protocols send timestamps) to an instant.
pub fn instant_of_secs(secs: f64) -> Instant {
    if secs.is_finite() && secs > 0.0 {
        Instant((secs * 1000.0) as u64)
    } else {
        Instant(0)
    }
}

/// The shard index a short ("version 0") sequence number encodes, as AWS reads it: numbers below
/// 2^128 are taken as the old layout whose low 16 bits name the shard (`5` encodes
/// `shardId-000000000005`), unless their creation-seconds field is too large. AWS answers such a
/// number on another shard with "Invalid StartingSequenceNumber. It encodes …" and on its own
/// shard with `InternalFailure` (spec §1.5; kinesalite `test/getShardIterator.js` and
/// `db/index.js parseSequence`, run against AWS).
pub(crate) fn legacy_shard_index(text: &str) -> Option<u32> {
    let n: u128 = text.parse().ok()?;
    let m = if n < 1 << 124 { n + (1 << 124) } else { n };
    let created_secs = (m >> 88) & ((1 << 36) - 1);
    (created_secs < LEGACY_MAX_CREATED_SECS).then_some((m & 0xffff) as u32)
}

/// Creation seconds at which AWS stops reading a short sequence number (kinesalite, AWS-run:
/// "sequence number with large date").
const LEGACY_MAX_CREATED_SECS: u128 = 16_025_175_000;

/// Where `AT_TIMESTAMP` starts in `shard`.
pub(crate) fn position_at_timestamp(shard: &Shard, t: Instant) -> u64 {
    let i = shard.records.partition_point(|r| r.arrival < t);
    shard.records.get(i).map_or(shard.next_seq_ix, |r| r.sequence_number.seq_ix)
}

impl Cloud {
    /// GetShardIterator.
    pub fn get_shard_iterator(
        &mut self,
        input: GetShardIteratorInput,
    ) -> Result<GetShardIteratorOutput, ApiError> {
        let mut v = Violations::new();
        let sid = input.shard_id.as_deref();
        v.not_null("shardId", &input.shard_id);
        v.length("shardId", sid, 1, 128);
        v.pattern("shardId", sid, "[a-zA-Z0-9_.-]+", is_name);
        v.not_null("shardIteratorType", &input.shard_iterator_type);
        v.one_of("shardIteratorType", input.shard_iterator_type.as_deref(), &ITERATOR_TYPES);
        let ssn = input.starting_sequence_number.as_deref();
        v.pattern(
            "startingSequenceNumber",
            ssn,
            super::put::SEQUENCE_NUMBER_PATTERN,
            super::put::is_sequence_number_text,
        );
        super::stream::check_stream_ref(&mut v, input.stream_name.as_deref(), input.stream_arn.as_deref());
        v.finish()?;
        let now = self.ctx.now;
        let account = self.ctx.config.account_id.clone();
        let key = self.kinesis_stream_key(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
        let raw_id = input.shard_id.unwrap_or_default();
        let Some(index) = parse_shard_id(&raw_id) else {
            return Err(ApiError::could_not_find_shard(&raw_id, &key, &account));
        };
        let id = shard_id(index);
        // An unknown stream is answered like an unknown shard (spec §1.2 table; kinesalite
        // `test/getShardIterator.js`, run against AWS: "unknown stream and shard ID").
        let found = self.kinesis.streams.get(&key).filter(|s| s.is_readable());
        let Some((s, shard)) = found.and_then(|s| s.shards.get(&index).map(|sh| (s, sh))) else {
            return Err(ApiError::shard_does_not_exist(&id, &key, &account));
        };
        let kind = input.shard_iterator_type.unwrap_or_default();
        let wants_seq = matches!(kind.as_str(), "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER");
        let either =
            "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber \
                      or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified";
        let position = match (kind.as_str(), ssn) {
            ("TRIM_HORIZON" | "LATEST", Some(_)) => {
                return Err(ApiError::kinesis_invalid_argument(alloc::format!(
                    "{either} {kind} and also a StartingSequenceNumber."
                )))
            }
            (_, None) if wants_seq => {
                return Err(ApiError::kinesis_invalid_argument(alloc::format!(
                    "{either} {kind} and no StartingSequenceNumber."
                )))
            }
            ("TRIM_HORIZON", None) => 0,
            ("LATEST", None) => shard.next_seq_ix,
            ("AT_TIMESTAMP", _) => {
                let Some(ts) = input.timestamp else {
                    return Err(ApiError::kinesis_invalid_argument(
                        "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current \
                         request has no timestamp parameter.",
                    ));
                };
                let t = instant_of_secs(ts);
                if t > now {
                    return Err(ApiError::kinesis_invalid_argument(alloc::format!(
                        "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. \
                         timestampInMillis: {}, currentTimestampInMillis: {}",
                        t.millis(),
                        now.millis()
                    )));
                }
                position_at_timestamp(shard, t)
            }
            (_, Some(text)) => {
                let invalid = || {
                    ApiError::kinesis_invalid_argument(alloc::format!(
                        "StartingSequenceNumber {text} used in GetShardIterator on shard {id} in stream {} under \
                         account {account} is invalid.",
                        s.name
                    ))
                };
                let encodes_other = |other: u32| {
                    ApiError::kinesis_invalid_argument(alloc::format!(
                        "Invalid StartingSequenceNumber. It encodes {}, while it was used in a call to a shard with {id}",
                        shard_id(other)
                    ))
                };
                let Some(seq) = SequenceNumber::parse(text) else {
                    return Err(match legacy_shard_index(text) {
                        Some(other) if other != index => encodes_other(other),
                        Some(_) => ApiError::kinesis_internal_failure(),
                        None => invalid(),
                    });
                };
                if seq.shard_index != index {
                    return Err(encodes_other(seq.shard_index));
                }
                if !shard.owns(&seq) {
                    return Err(ApiError::kinesis_invalid_argument(alloc::format!(
                        "StartingSequenceNumber {text} used in GetShardIterator on shard {id} in stream {} under \
                         account {account} is invalid because it did not come from this stream.",
                        s.name
                    )));
                }
                if kind == "AFTER_SEQUENCE_NUMBER" {
                    seq.seq_ix.saturating_add(1)
                } else {
                    seq.seq_ix
                }
            }
            _ => 0, // ok: the enum was validated above
        };
        let token =
            IteratorToken { issued: now, stream_id: s.id, stream: s.name.clone(), shard: index, position };
        let name = s.name.clone();
        if self.kinesis.settings.throttling {
            let shard = self.kinesis.streams.get_mut(&name).and_then(|s| s.shards.get_mut(&index));
            if let Some(sh) = shard {
                if !sh.read.get_shard_iterator.has_room(now) {
                    self.ctx.emit(KinesisEvent::ThroughputExceeded {
                        stream: name.clone(),
                        shard: id.clone(),
                        operation: "GetShardIterator",
                    });
                    return Err(ApiError::rate_exceeded(&id, &name, &account));
                }
                sh.read.get_shard_iterator.count(now);
            }
        }
        Ok(GetShardIteratorOutput { shard_iterator: token.encode() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_tampering() {
        let t = IteratorToken {
            issued: crate::time::WORLD_START,
            stream_id: 7,
            stream: "clicks".into(),
            shard: 3,
            position: 42,
        };
        let text = t.encode();
        assert!(text.starts_with("AAAAAAAAAA"));
        assert_eq!(IteratorToken::decode(&text), Ok(t.clone()));
        assert_eq!(IteratorToken::decode(&alloc::format!("\"{text}\"")), Ok(t.clone()));
        let mut bytes = base64::engine::general_purpose::STANDARD.decode(&text).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = base64::engine::general_purpose::STANDARD.encode(bytes);
        assert_eq!(IteratorToken::decode(&tampered).unwrap_err().message, "Invalid ShardIterator.");
        let at = |ms| IteratorToken::decode_at(&text, crate::time::WORLD_START.plus(ms));
        assert!(at(300_000).is_ok());
        assert_eq!(at(300_001).unwrap_err().code, "ExpiredIteratorException");
        fuzz_shard_iterator(b"AAAAAAAAAAE=");
        fuzz_shard_iterator(text.as_bytes());
    }
}
