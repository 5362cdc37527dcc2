//! Hex digests AWS computes: MD5 (`MD5OfMessageBody`, `MD5OfMessageAttributes`, Kinesis
//! partition-key hashing) and SHA-256 (content-based deduplication ids).

use alloc::string::String;
use md5::{Digest, Md5};
use sha2::Sha256;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 0xf) as usize] as char);
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

/// An MD5 computation that has consumed a shared prefix: several texts that begin alike
/// (the envelopes of one SNS message, which differ only near the end) hash the prefix once.
#[derive(Clone, Debug)]
pub struct Md5Prefix(Md5);

impl Md5Prefix {
    pub fn new(prefix: &[u8]) -> Self {
        let mut h = Md5::new();
        h.update(prefix);
        Self(h)
    }

    /// The MD5 of the prefix followed by `rest`.
    pub fn finish(&self, rest: &[&[u8]]) -> [u8; 16] {
        let mut h = self.0.clone();
        for r in rest {
            h.update(r);
        }
        h.finalize().into()
    }
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
        assert_eq!(md5_hex(b"hello"), "5d41402abc4b2a76b9719d911017c592");
        let p = Md5Prefix::new(b"hel");
        assert_eq!(hex(&p.finish(&[b"l", b"o"])), md5_hex(b"hello"));
        let long = [b'x'; 200];
        assert_eq!(Md5Prefix::new(&long[..130]).finish(&[&long[130..]]), md5(&long));
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
