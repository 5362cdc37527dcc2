//! `{"cidr": "10.0.0.0/24"}`: IPv4 and IPv6 address blocks (spec/sns.md §7.3.8;
//! <https://docs.aws.amazon.com/sns/latest/dg/ip-address-matching.html>).
//!
//! As AWS's matcher does: an address literal is `d+.d+.d+.d+` (each part ≤ 255) or hex digits
//! and colons with at least one colon (`::` compression allowed, no embedded IPv4, no zone); an
//! IPv4-mapped IPv6 address (`::ffff:a00:1`) is the IPv4 address. A block covers from the
//! address **as written** up to the address with all host bits set, both ends included (so
//! `10.0.0.5/24` starts at `10.0.0.5`). Mask bits must be `0..=31` for IPv4 and `0..=127` for
//! IPv6. Addresses in other notations (`2001:0db8::`) match by value.

use alloc::format;
use alloc::string::String;

/// An address: IPv4 in the low 32 bits, or IPv6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ip {
    V4(u32),
    V6(u128),
}

/// An inclusive address range from a CIDR block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IpRange {
    low: Ip,
    high: Ip,
}

impl IpRange {
    pub(crate) fn contains(&self, ip: Ip) -> bool {
        match (self.low, self.high, ip) {
            (Ip::V4(l), Ip::V4(h), Ip::V4(x)) => l <= x && x <= h,
            (Ip::V6(l), Ip::V6(h), Ip::V6(x)) => l <= x && x <= h,
            _ => false,
        }
    }
}

/// Parses a CIDR block; errors are AWS's texts (reported without a location suffix).
pub(crate) fn parse_cidr(text: &str) -> Result<IpRange, String> {
    // Java `split("/")` drops trailing empty parts: "a/" is one part.
    let trimmed = text.trim_end_matches('/');
    let mut parts = trimmed.split('/');
    let (addr, mask) = match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(m), None) => (a, m),
        _ => return Err(String::from("Malformed CIDR, one '/' required")),
    };
    let bits: i64 =
        parse_java_int(mask).ok_or_else(|| String::from("Malformed CIDR, mask bits must be an integer"))?;
    if bits < 0 {
        return Err(String::from("Malformed CIDR, mask bits must not be negative"));
    }
    let ip = parse_ip_literal(addr)?;
    Ok(match ip {
        Ip::V4(a) => {
            if bits > 31 {
                return Err(String::from("IPv4 mask bits must be < 32"));
            }
            let host = if bits == 0 { u32::MAX } else { u32::MAX >> bits };
            IpRange { low: Ip::V4(a), high: Ip::V4(a | host) }
        }
        Ip::V6(a) => {
            if bits > 127 {
                return Err(String::from("IPv6 mask bits must be < 128"));
            }
            let host = if bits == 0 { u128::MAX } else { u128::MAX >> bits };
            IpRange { low: Ip::V6(a), high: Ip::V6(a | host) }
        }
    })
}

/// Java `Integer.parseInt`: optional sign, ASCII digits, fits in i32.
fn parse_java_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = s.parse().ok()?;
    (i64::from(i32::MIN)..=i64::from(i32::MAX)).contains(&v).then_some(v)
}

/// A policy's address: `Nonstandard IP address: x` when it does not look like one,
/// `Invalid IP address: x` when it looks like one and is not.
fn parse_ip_literal(s: &str) -> Result<Ip, String> {
    if !looks_like_ip(s) {
        return Err(format!("Nonstandard IP address: {s}"));
    }
    parse_ip(s).ok_or_else(|| format!("Invalid IP address: {s}"))
}

fn looks_like_ip(s: &str) -> bool {
    let v4 = {
        let mut n = 0;
        s.split('.').all(|p| {
            n += 1;
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
        }) && n == 4
    };
    let v6 = s.contains(':') && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
    v4 || v6
}

/// Parses an address literal the way AWS's matcher recognises one; `None` otherwise.
pub(crate) fn parse_ip(s: &str) -> Option<Ip> {
    if s.contains(':') {
        if !s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return None;
        }
        let v = parse_v6(s)?;
        // IPv4-mapped addresses are IPv4 addresses (Java `InetAddress`).
        if v >> 32 == 0xffff {
            return Some(Ip::V4(v as u32));
        }
        return Some(Ip::V6(v));
    }
    let mut out: u32 = 0;
    let mut n = 0;
    for part in s.split('.') {
        n += 1;
        if n > 4 || part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let octet: u32 = part.parse().ok()?;
        if octet > 255 {
            return None;
        }
        out = (out << 8) | octet;
    }
    (n == 4).then_some(Ip::V4(out))
}

fn parse_v6(s: &str) -> Option<u128> {
    let (head, tail) = match s.split_once("::") {
        Some((h, t)) => {
            if t.contains("::") {
                return None;
            }
            (h, Some(t))
        }
        None => (s, None),
    };
    let mut groups: [u16; 8] = [0; 8];
    let head_groups = parse_groups(head, &mut groups, 0)?;
    match tail {
        None => (head_groups == 8).then_some(())?,
        Some(t) => {
            let mut tail_buf: [u16; 8] = [0; 8];
            let tail_groups = parse_groups(t, &mut tail_buf, 0)?;
            if head_groups + tail_groups > 7 {
                return None;
            }
            let start = 8 - tail_groups;
            groups.get_mut(start..)?.copy_from_slice(tail_buf.get(..tail_groups)?);
        }
    }
    Some(groups.iter().fold(0u128, |acc, g| (acc << 16) | u128::from(*g)))
}

/// Parses `a:b:c` into `out[at..]`; returns how many groups (0 for "").
fn parse_groups(s: &str, out: &mut [u16; 8], at: usize) -> Option<usize> {
    if s.is_empty() {
        return Some(0);
    }
    let mut n = 0;
    for g in s.split(':') {
        if g.is_empty() || g.len() > 4 {
            return None;
        }
        *out.get_mut(at + n)? = u16::from_str_radix(g, 16).ok()?;
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contains(block: &str, ip: &str) -> bool {
        parse_ip(ip).is_some_and(|ip| parse_cidr(block).unwrap().contains(ip))
    }

    #[test]
    fn ipv4_blocks_include_network_and_broadcast() {
        assert!(contains("10.0.0.0/24", "10.0.0.0"));
        assert!(contains("10.0.0.0/24", "10.0.0.255"));
        assert!(!contains("10.0.0.0/24", "10.0.1.0"));
        assert!(!contains("10.0.0.0/24", "10.0.0.256"));
        assert!(!contains("10.0.0.0/24", "not-an-ip"));
        assert!(contains("0.0.0.0/0", "255.255.255.255"));
        // The block starts at the address as written.
        assert!(!contains("10.0.0.5/24", "10.0.0.4"));
        assert!(contains("10.0.0.5/24", "10.0.0.5"));
    }

    #[test]
    fn ipv6_matches_in_any_notation() {
        assert!(contains("2001:db8:1234:1a00::/64", "2001:0db8:1234:1a00:0000:0000:0000:0000"));
        assert!(contains("2001:db8:1234:1a00::/64", "2001:db8:1234:1a00:ffff:ffff:ffff:ffff"));
        assert!(!contains("2001:db8:1234:1a00::/64", "2001:db8:1234:1a01::"));
        assert!(!contains("2001:db8:1234:1a00::/64", "10.0.0.1"));
        assert!(contains("10.0.0.0/8", "::ffff:a00:1"));
    }

    #[test]
    fn errors() {
        assert_eq!(parse_cidr("10.0.0.0").unwrap_err(), "Malformed CIDR, one '/' required");
        assert_eq!(parse_cidr("10.0.0.0/").unwrap_err(), "Malformed CIDR, one '/' required");
        assert_eq!(parse_cidr("bad-/64filter").unwrap_err(), "Malformed CIDR, mask bits must be an integer");
        assert_eq!(parse_cidr("bad-filter/64").unwrap_err(), "Nonstandard IP address: bad-filter");
        assert_eq!(parse_cidr("xx.11.xx/8").unwrap_err(), "Nonstandard IP address: xx.11.xx");
        assert_eq!(
            parse_cidr("xxxx:db8:1234:1a00::/64").unwrap_err(),
            "Nonstandard IP address: xxxx:db8:1234:1a00::"
        );
        assert_eq!(parse_cidr("10.0.0.256/8").unwrap_err(), "Invalid IP address: 10.0.0.256");
        assert_eq!(parse_cidr("10.0.0.0/32").unwrap_err(), "IPv4 mask bits must be < 32");
        assert_eq!(parse_cidr("10.0.0.0/-1").unwrap_err(), "Malformed CIDR, mask bits must not be negative");
        assert_eq!(parse_cidr("::/128").unwrap_err(), "IPv6 mask bits must be < 128");
        assert!(parse_cidr("::/0").is_ok());
    }
}
