//! DEFLATE (RFC 1951, <https://www.rfc-editor.org/rfc/rfc1951>) for Firehose's GZIP objects
//! and the playground's share links: a small compressor (LZ77 with lazy matching, one
//! dynamic- or fixed-Huffman block) and a complete decompressor. Written here instead of
//! depending on miniz_oxide: only these two functions are needed, and miniz_oxide's
//! general-purpose streaming engine was about 20 KB of the playground's WebAssembly. Data
//! miniz_oxide compressed (older share links) reads back unchanged.

mod compress;
mod huffman;
mod inflate;

pub use compress::deflate;
pub use inflate::inflate;

/// Base match length of length codes 257..=285 and their extra bits (§3.2.5).
const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
    227, 258,
];
const LEN_EXTRA: [u8; 29] =
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/// Base distance of distance codes 0..=29 and their extra bits (§3.2.5).
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/// The order code-length code lengths are sent in (§3.2.7).
const CL_ORDER: [u8; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// The code lengths of the fixed Huffman codes (§3.2.6): literal/length, distance.
fn fixed_lengths() -> ([u8; 288], [u8; 30]) {
    let mut lit = [8u8; 288];
    lit[144..256].fill(9);
    lit[256..280].fill(7);
    (lit, [5; 30])
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec;
    use alloc::vec::Vec;

    /// Deterministic test inputs: empty, tiny, repetitive, JSON-like and pseudo-random bytes.
    fn samples() -> Vec<Vec<u8>> {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut rand = |n: usize, alphabet: u8| {
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x % u64::from(alphabet)) as u8
                })
                .collect::<Vec<u8>>()
        };
        let json = (0..400)
            .map(|i| format!("{{\"call\":\"sqs.SendMessage\",\"input\":{{\"QueueUrl\":\"q{}\",\"MessageBody\":\"m{i}\"}}}}\n", i % 7))
            .collect::<String>();
        vec![
            Vec::new(),
            b"a".to_vec(),
            b"ab".to_vec(),
            vec![7; 100_000],
            b"abcabcabcabcabcabcx".repeat(50),
            json.into_bytes(),
            rand(70_000, 255),
            rand(5_000, 4),
            (0..=255u8).cycle().take(3_000).collect(),
        ]
    }

    #[test]
    fn round_trips_and_agrees_with_miniz_oxide() {
        for data in samples() {
            let ours = deflate(&data);
            assert_eq!(inflate(&ours, usize::MAX).unwrap(), data, "ours → ours");
            assert_eq!(miniz_oxide::inflate::decompress_to_vec(&ours).unwrap(), data, "ours → miniz");
            for level in [1, 6, 9] {
                let theirs = miniz_oxide::deflate::compress_to_vec(&data, level);
                assert_eq!(inflate(&theirs, usize::MAX).unwrap(), data, "miniz level {level} → ours");
                assert!(
                    ours.len() <= theirs.len() + theirs.len() / 20 + 16,
                    "{} vs {}",
                    ours.len(),
                    theirs.len()
                );
            }
        }
    }

    #[test]
    fn stored_and_fixed_blocks_read() {
        // One stored block "hi", then one fixed-Huffman block "a" (both made by hand).
        assert_eq!(inflate(&[1, 2, 0, 0xfd, 0xff, b'h', b'i'], 10).unwrap(), b"hi");
        assert_eq!(inflate(&miniz_oxide::deflate::compress_to_vec(b"hi", 0), 10).unwrap(), b"hi");
        assert_eq!(inflate(&[0x4b, 0x04, 0x00], 10).unwrap(), b"a");
    }

    #[test]
    fn bad_or_oversized_input_is_an_error() {
        let big = deflate(&[0; 10_000]);
        assert!(inflate(&big, 9_999).is_err());
        assert!(inflate(&[], 10).is_err());
        assert!(inflate(&[0xff; 40], 1 << 20).is_err());
        let good = deflate(b"hello hello hello");
        for cut in 0..good.len() {
            assert!(inflate(&good[..cut], 1 << 20).is_err(), "truncated at {cut}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut x = 88172645463325252u64;
        for n in 0..3_000usize {
            let data: Vec<u8> = (0..n % 97)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            let _ = inflate(&data, 1 << 16);
            // Valid prefixes with a corrupted tail reach deeper into the decoder.
            let mut mangled = deflate(&data);
            if let Some(b) = mangled.last_mut() {
                *b ^= x as u8 | 1;
            }
            let _ = inflate(&mangled, 1 << 16);
        }
    }
}
