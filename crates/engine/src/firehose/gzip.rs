//! `CompressionFormat: GZIP`: each object is one gzip member (RFC 1952) holding the
//! concatenated records, deflated by [`crate::deflate`]. Compression is applied per object after
//! buffering; the buffer's size threshold counts uncompressed bytes (FH-DG, "buffering hints
//! … the size threshold applies before compression").

use alloc::vec::Vec;

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE 802.3, reflected), as gzip's trailer carries it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// A gzip file of `data`: header (no name, mtime 0, OS unknown), raw deflate, CRC-32, size.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let body = crate::deflate::deflate(data);
    let mut out = Vec::with_capacity(body.len() + 18);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Inflates a gzip file written by [`gzip`] (for tests and the playground's object viewer).
pub fn gunzip(file: &[u8]) -> Option<Vec<u8>> {
    let body = file.get(10..file.len().checked_sub(8)?)?;
    let data = crate::deflate::inflate(body, usize::MAX).ok()?;
    let crc = file.get(file.len() - 8..file.len() - 4)?;
    (crc == crc32(&data).to_le_bytes()).then_some(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_check_value_and_gzip_round_trips() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let data = b"hello hello hello hello firehose".repeat(20);
        let z = gzip(&data);
        assert!(z.len() < data.len());
        assert_eq!(&z[..3], &[0x1f, 0x8b, 8]);
        assert_eq!(gunzip(&z).as_deref(), Some(&data[..]));
        assert_eq!(gunzip(&gzip(b"")).as_deref(), Some(&b""[..]));
    }
}
