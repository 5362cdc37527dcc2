//! Reading DEFLATE data (RFC 1951 §3.2): stored, fixed-Huffman and dynamic-Huffman blocks,
//! whatever compressor made them (share links made by earlier versions came from
//! miniz_oxide). Bad input is an error, never a panic.

use alloc::vec;
use alloc::vec::Vec;

use super::{fixed_lengths, CL_ORDER, DIST_BASE, DIST_EXTRA, LEN_BASE, LEN_EXTRA};

const BAD: &str = "invalid deflate data";
const TOO_LARGE: &str = "deflate data inflates beyond the limit";

/// Bits read least-significant first (RFC 1951 §3.1.1).
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    held: u32,
}

impl Bits<'_> {
    fn take(&mut self, n: u32) -> Result<u32, &'static str> {
        while self.held < n {
            let byte = *self.data.get(self.pos).ok_or(BAD)?;
            self.pos += 1;
            self.buf |= u32::from(byte) << self.held;
            self.held += 8;
        }
        let v = self.buf & ((1u32 << n) - 1);
        self.buf >>= n;
        self.held -= n;
        Ok(v)
    }

    /// Skips to the next byte boundary (fewer than 8 bits are ever held between reads).
    fn align(&mut self) {
        self.buf = 0;
        self.held = 0;
    }
}

/// A canonical Huffman code: how many codes have each length, and the symbols in code order.
struct Code {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Code {
    fn new(lengths: &[u8]) -> Code {
        // ok: indexes below are lengths masked to 0..=15 or loop bounds within 16
        let mut counts = [0u16; 16];
        for &l in lengths {
            counts[usize::from(l & 15)] += 1;
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let at = &mut offsets[usize::from(l & 15)];
                if let Some(slot) = symbols.get_mut(usize::from(*at)) {
                    *slot = sym as u16;
                }
                *at += 1;
            }
        }
        counts[0] = 0;
        Code { counts, symbols }
    }

    /// The next symbol: codes are read bit by bit, most significant first.
    fn decode(&self, bits: &mut Bits) -> Result<usize, &'static str> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.counts[1..] {
            code |= bits.take(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                let at = usize::try_from(index + code - first).map_err(|_| BAD)?;
                return self.symbols.get(at).map(|&s| usize::from(s)).ok_or(BAD);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(BAD)
    }
}

/// The raw DEFLATE stream `data` decompressed, if it is at most `limit` bytes.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, &'static str> {
    let mut bits = Bits { data, pos: 0, buf: 0, held: 0 };
    let mut out = Vec::new();
    loop {
        let last = bits.take(1)? == 1;
        match bits.take(2)? {
            0 => stored(&mut bits, &mut out)?,
            1 => {
                let (lit, dist) = fixed_lengths();
                codes(&mut bits, &mut out, &Code::new(&lit), &Code::new(&dist), limit)?
            }
            2 => {
                let (lit, dist) = dynamic(&mut bits)?;
                codes(&mut bits, &mut out, &lit, &dist, limit)?
            }
            _ => return Err(BAD),
        }
        if out.len() > limit {
            return Err(TOO_LARGE);
        }
        if last {
            return Ok(out);
        }
    }
}

fn stored(bits: &mut Bits, out: &mut Vec<u8>) -> Result<(), &'static str> {
    bits.align();
    let head = bits.data.get(bits.pos..bits.pos + 4).ok_or(BAD)?;
    let len = usize::from(u16::from_le_bytes([head[0], head[1]])); // ok: head has 4 bytes
    if u16::from_le_bytes([head[2], head[3]]) != !(len as u16) {
        return Err(BAD);
    }
    bits.pos += 4;
    out.extend_from_slice(bits.data.get(bits.pos..bits.pos + len).ok_or(BAD)?);
    bits.pos += len;
    Ok(())
}

/// The literal/length and distance codes of a dynamic block's header (§3.2.7).
fn dynamic(bits: &mut Bits) -> Result<(Code, Code), &'static str> {
    let nlit = bits.take(5)? as usize + 257;
    let ndist = bits.take(5)? as usize + 1;
    let ncl = bits.take(4)? as usize + 4;
    let mut cl = [0u8; 19];
    for &sym in &CL_ORDER[..ncl] {
        // ok: ncl ≤ 15 + 4 = CL_ORDER.len(), and every symbol in it is < 19
        cl[usize::from(sym)] = bits.take(3)? as u8;
    }
    let cl = Code::new(&cl);
    let mut lengths = Vec::with_capacity(nlit + ndist);
    while lengths.len() < nlit + ndist {
        let (value, repeat) = match cl.decode(bits)? {
            sym @ 0..=15 => (sym as u8, 1),
            16 => (*lengths.last().ok_or(BAD)?, 3 + bits.take(2)?),
            17 => (0, 3 + bits.take(3)?),
            _ => (0, 11 + bits.take(7)?),
        };
        lengths.extend(core::iter::repeat_n(value, repeat as usize));
    }
    if lengths.len() > nlit + ndist || lengths.get(256) == Some(&0) {
        return Err(BAD);
    }
    // ok: lengths holds exactly nlit + ndist entries here
    Ok((Code::new(&lengths[..nlit]), Code::new(&lengths[nlit..])))
}

/// A block's compressed data: literals and (length, distance) copies up to end-of-block.
fn codes(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    lit: &Code,
    dist: &Code,
    limit: usize,
) -> Result<(), &'static str> {
    loop {
        let sym = lit.decode(bits)?;
        if sym < 256 {
            out.push(sym as u8);
            continue;
        }
        if sym == 256 {
            return Ok(());
        }
        let i = sym - 257;
        // ok: LEN_EXTRA and DIST_EXTRA are as long as the base tables just checked
        let len = usize::from(*LEN_BASE.get(i).ok_or(BAD)?) + bits.take(u32::from(LEN_EXTRA[i]))? as usize;
        let d = dist.decode(bits)?;
        let back = usize::from(*DIST_BASE.get(d).ok_or(BAD)?) + bits.take(u32::from(DIST_EXTRA[d]))? as usize;
        let from = out.len().checked_sub(back).ok_or(BAD)?;
        if out.len() + len > limit {
            return Err(TOO_LARGE);
        }
        for k in from..from + len {
            out.push(out[k]); // ok: k < out.len() since from < out.len() and the copy grows out
        }
    }
}
