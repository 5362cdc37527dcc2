//! Opaque `NextToken`s (ListShards, ListStreams, ListStreamConsumers).
//!
//! AWS: a `NextToken` is opaque, and "has a limited lifetime … 300 seconds"; an old one is an
//! `ExpiredNextTokenException`
//! (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html>).
//! Here a token is base64 of `kind ‖ issued ms ‖ stream incarnation ‖ key ‖ check`, where the
//! check is the start of an MD5 over the rest, so a token that was not issued here (or was
//! altered) is an `InvalidArgumentException`, never a panic.

use alloc::string::String;
use alloc::vec::Vec;
use base64::Engine as _;

use crate::digest::md5;
use crate::time::{Instant, SECOND};
use crate::ApiError;

/// How long a token may be used, ms.
pub const NEXT_TOKEN_LIFETIME_MS: u64 = 300 * SECOND;

/// What a token continues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum TokenKind {
    ListShards = 1,
    ListStreams = 2,
    ListStreamConsumers = 3,
}

/// A decoded token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextToken {
    pub kind: TokenKind,
    pub issued: Instant,
    /// Stream incarnation id (0 for ListStreams).
    pub stream_id: u64,
    /// Resumption state: the stream name, then `\n` and the last key listed (and, for
    /// ListShards, a filter code).
    pub key: String,
}

const CHECK: usize = 6;

impl NextToken {
    pub fn encode(&self) -> String {
        let mut b: Vec<u8> = Vec::with_capacity(24 + self.key.len());
        b.push(self.kind as u8);
        b.extend_from_slice(&self.issued.millis().to_be_bytes());
        b.extend_from_slice(&self.stream_id.to_be_bytes());
        b.extend_from_slice(self.key.as_bytes());
        let check = md5(&b);
        b.extend_from_slice(check.get(..CHECK).unwrap_or(&[])); // ok: an MD5 digest has 16 bytes
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
    }

    /// Decodes `text` issued for `kind`; expired tokens are `ExpiredNextTokenException`.
    pub fn decode(text: &str, kind: TokenKind, now: Instant) -> Result<Self, ApiError> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text.as_bytes())
            .map_err(|_| ApiError::invalid_next_token())?;
        if bytes.len() < 17 + CHECK {
            return Err(ApiError::invalid_next_token());
        }
        let (body, check) = bytes.split_at(bytes.len() - CHECK);
        if md5(body).get(..CHECK) != Some(check) {
            return Err(ApiError::invalid_next_token());
        }
        let (head, key) = body.split_at(17);
        let (k, rest) = head.split_at(1);
        if k != [kind as u8] {
            return Err(ApiError::invalid_next_token());
        }
        let (issued, stream_id) = rest.split_at(8);
        let issued =
            Instant(u64::from_be_bytes(issued.try_into().map_err(|_| ApiError::invalid_next_token())?));
        let stream_id = u64::from_be_bytes(stream_id.try_into().map_err(|_| ApiError::invalid_next_token())?);
        let key = String::from_utf8(key.to_vec()).map_err(|_| ApiError::invalid_next_token())?;
        if now.since(issued) > NEXT_TOKEN_LIFETIME_MS {
            return Err(ApiError::expired_next_token());
        }
        Ok(Self { kind, issued, stream_id, key })
    }
}

/// Fuzz harness: any bytes decode to a token or an AWS error, never a panic.
pub fn fuzz_next_token(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for kind in [TokenKind::ListShards, TokenKind::ListStreams, TokenKind::ListStreamConsumers] {
        match NextToken::decode(&text, kind, crate::time::WORLD_START) {
            Ok(t) => assert_eq!(t.kind, kind),
            Err(e) => assert!(matches!(e.code, "InvalidArgumentException" | "ExpiredNextTokenException")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_expiry() {
        let t0 = crate::time::WORLD_START;
        let t = NextToken {
            kind: TokenKind::ListShards,
            issued: t0,
            stream_id: 3,
            key: "s\nshardId-000000000001".into(),
        };
        let text = t.encode();
        assert_eq!(NextToken::decode(&text, TokenKind::ListShards, t0.plus(300_000)), Ok(t));
        assert_eq!(
            NextToken::decode(&text, TokenKind::ListShards, t0.plus(300_001)).unwrap_err().code,
            "ExpiredNextTokenException"
        );
        assert_eq!(
            NextToken::decode(&text, TokenKind::ListStreams, t0).unwrap_err().code,
            "InvalidArgumentException"
        );
        fuzz_next_token(b"garbage");
        fuzz_next_token(text.as_bytes());
    }
}
