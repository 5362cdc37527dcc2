//! Hex digests AWS computes: MD5 (`MD5OfMessageBody`, `MD5OfMessageAttributes`, Kinesis
//! partition-key hashing) and SHA-256 (content-based deduplication ids).

use alloc::string::String;
use md5::{Digest, Md5};
use sha2::Sha256;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of `bytes`, written 32 bytes at a time on the stack (digests are 16 or 32).
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.chunks(32) {
        let mut digits = [0u8; 64];
        for (b, pair) in chunk.iter().zip(digits.chunks_exact_mut(2)) {
            pair[0] = HEX[(b >> 4) as usize];
            pair[1] = HEX[(b & 0xf) as usize];
        }
        // ok: hex digits are ASCII.
        out.push_str(core::str::from_utf8(&digits[..chunk.len() * 2]).unwrap_or_default());
    }
    out
}

/// The 16-byte MD5 digest of `data`.
pub fn md5(data: &[u8]) -> [u8; 16] {
    Md5::digest(data).into()
}

/// Lowercase hex MD5 of `data` (`MD5OfMessageBody`).
pub fn md5_hex(data: &[u8]) -> String {
    hex(&md5(data))
}

/// Lowercase hex SHA-256 of `data` (content-based `MessageDeduplicationId`).
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(&[0xab; 33]), "ab".repeat(33));
        assert_eq!(md5_hex(b"hello"), "5d41402abc4b2a76b9719d911017c592");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
