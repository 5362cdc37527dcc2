//! `{{…}}` templates in actor bodies, expanded at each tick:
//! `{{seq}}` (1, 2, 3 …), `{{choice a|b|c}}` (seeded random pick), `{{cycle a|b|c}}` (round
//! robin), `{{random 1 100}}` (seeded integer, inclusive), `{{uuid}}` (seeded), `{{actor}}`,
//! `{{now}}` (epoch milliseconds).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// A small seeded generator (SplitMix64) for templates; the engine's own generator is left
/// alone so that adding an actor does not change the engine's ids.
#[derive(Clone, Debug)]
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// What a template can refer to.
pub struct Ctx<'a> {
    pub seq: u64,
    pub actor: &'a str,
    pub now_ms: u64,
    pub rng: &'a mut SplitMix,
}

/// Expands every `{{…}}` in `text`; an unknown template is an error message.
pub fn expand(text: &str, cx: &mut Ctx) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 2..).unwrap_or("");
        let Some(j) = after.find("}}") else {
            return Err("unterminated {{ template".to_string());
        };
        let inner = after.get(..j).unwrap_or("").trim();
        out.push_str(&one(inner, cx)?);
        rest = after.get(j + 2..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(out)
}

fn one(inner: &str, cx: &mut Ctx) -> Result<String, String> {
    let (name, arg) = match inner.split_once([' ', ':']) {
        Some((n, a)) => (n, a.trim()),
        None => (inner, ""),
    };
    match name {
        "seq" => Ok(cx.seq.to_string()),
        "actor" => Ok(cx.actor.to_string()),
        "now" => Ok(cx.now_ms.to_string()),
        "choice" | "cycle" => {
            let options: Vec<&str> = arg.split('|').collect();
            if arg.is_empty() || options.is_empty() {
                return Err(format!("{{{{{name} a|b|c}}}} needs options separated by |"));
            }
            let k = if name == "choice" {
                cx.rng.below(options.len() as u64)
            } else {
                cx.seq.saturating_sub(1) % options.len() as u64
            };
            Ok(options.get(k as usize).copied().unwrap_or("").to_string())
        }
        "random" => {
            let mut it = arg.split_whitespace().map(str::parse::<i64>);
            match (it.next(), it.next()) {
                (Some(Ok(lo)), Some(Ok(hi))) if lo <= hi => {
                    let span = (hi - lo) as u64 + 1;
                    Ok((lo + cx.rng.below(span) as i64).to_string())
                }
                _ => Err("{{random LOW HIGH}} needs two integers, LOW <= HIGH".to_string()),
            }
        }
        "uuid" => {
            let a = cx.rng.next_u64();
            let b = cx.rng.next_u64();
            Ok(format!(
                "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                a >> 32,
                (a >> 16) & 0xffff,
                a & 0x0fff,
                ((b >> 48) & 0x3fff) | 0x8000,
                b & 0xffff_ffff_ffff
            ))
        }
        other => Err(format!(
            "unknown template {{{{{other}}}}}: use seq, choice, cycle, random, uuid, actor or now"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let mut rng = SplitMix(1);
        let mut cx = Ctx { seq: 3, actor: "p", now_ms: 5, rng: &mut rng };
        assert_eq!(expand("order-{{seq}} by {{actor}}", &mut cx).unwrap(), "order-3 by p");
        assert_eq!(expand("{{cycle a|b}}", &mut cx).unwrap(), "a");
        let c = expand("{{choice x|y}}", &mut cx).unwrap();
        assert!(c == "x" || c == "y");
        let r: i64 = expand("{{random 5 6}}", &mut cx).unwrap().parse().unwrap();
        assert!((5..=6).contains(&r));
        assert!(expand("{{nope}}", &mut cx).is_err());
    }
}
