//! The operators of a leaf array and how each meets one value (spec/sns.md §7.3, §7.5).
//!
//! Values are typed: strings, numbers, booleans, `null`. String operators never match numbers
//! and numeric operators never match strings (§9 Q1). `anything-but` needs a value: it never
//! matches a missing key (§7.3.6). `{"exists": false}` never meets a value; it is decided per
//! key in `eval`.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::cidr::{parse_ip, IpRange};
use super::explain::Hint;
use super::number::Range;

/// A value of the message as the filter sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Val<'a> {
    /// A body string, or a `String.Array` element.
    Str(&'a str),
    /// The `StringValue` of a `String` attribute, compared as AWS sees it: JSON-escaped once
    /// (§9 Q10).
    AttrStr(&'a str),
    Num(f64),
    Bool(bool),
    Null,
}

/// A string of the policy. For `String` attributes it is compared in its unescaped form
/// (`a\"b` in the decoded policy matches the value `a"b`), and a policy string that is not a
/// valid escaped form (a bare `"`, a lone `\`) never meets such a value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PolicyStr {
    pub text: Box<str>,
    attr: AttrForm,
}

#[derive(Clone, Debug, PartialEq)]
enum AttrForm {
    Same,
    Unescaped(Box<str>),
    Never,
}

impl PolicyStr {
    pub(crate) fn new(text: &str) -> Self {
        let attr = if text.contains(['"', '\\']) {
            match unescape_once(text) {
                Some(u) => AttrForm::Unescaped(u.into_boxed_str()),
                None => AttrForm::Never,
            }
        } else {
            AttrForm::Same
        };
        PolicyStr { text: text.into(), attr }
    }

    /// The form to compare with `v`, and `v`'s text; `None` when `v` is not a string or the
    /// form can never meet it.
    fn pair<'v>(&self, v: Val<'v>) -> Option<(&str, &'v str)> {
        match v {
            Val::Str(s) => Some((&self.text, s)),
            Val::AttrStr(s) => match &self.attr {
                AttrForm::Same => Some((&self.text, s)),
                AttrForm::Unescaped(u) => Some((u, s)),
                AttrForm::Never => None,
            },
            _ => None,
        }
    }
}

/// Undoes one level of `\"` / `\\` escaping; `None` if `s` has a bare `"` or another escape.
fn unescape_once(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next() {
                Some(e @ ('"' | '\\')) => out.push(e),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// One condition of a leaf array.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    /// `"red"`
    Exact(PolicyStr),
    /// `100`, `3.5e2`
    ExactNumber(f64),
    /// `true`, `false`
    Bool(bool),
    /// `null`
    Null,
    Prefix(PolicyStr),
    Suffix(PolicyStr),
    EqualsIgnoreCase(PolicyStr),
    /// `{"anything-but": "a"}` / `["a", "b"]`
    AnythingBut(Vec<PolicyStr>),
    /// `{"anything-but": 1}` / `[1, 2]`
    AnythingButNumber(Vec<f64>),
    /// `{"anything-but": {"prefix": "p"}}`
    AnythingButPrefix(PolicyStr),
    Numeric(Range),
    Exists(bool),
    Cidr(IpRange),
}

impl Op {
    /// Whether this condition meets the value `v`.
    pub(crate) fn matches(&self, v: Val<'_>) -> bool {
        match self {
            Op::Exact(p) => p.pair(v).is_some_and(|(a, b)| a == b),
            Op::ExactNumber(n) => matches!(v, Val::Num(x) if x == *n),
            Op::Bool(b) => matches!(v, Val::Bool(x) if x == *b),
            Op::Null => matches!(v, Val::Null),
            Op::Prefix(p) => p.pair(v).is_some_and(|(a, b)| b.starts_with(a)),
            Op::Suffix(p) => p.pair(v).is_some_and(|(a, b)| b.ends_with(a)),
            Op::EqualsIgnoreCase(p) => p.pair(v).is_some_and(|(a, b)| eq_ignore_case(a, b)),
            Op::AnythingBut(list) => match v {
                Val::Str(_) | Val::AttrStr(_) => !list.iter().any(|p| p.pair(v).is_some_and(|(a, b)| a == b)),
                _ => true,
            },
            Op::AnythingButNumber(list) => match v {
                Val::Num(x) => !list.contains(&x),
                _ => true,
            },
            Op::AnythingButPrefix(p) => match v {
                Val::Str(_) | Val::AttrStr(_) => !p.pair(v).is_some_and(|(a, b)| b.starts_with(a)),
                _ => false,
            },
            Op::Numeric(r) => matches!(v, Val::Num(x) if r.contains(x)),
            Op::Exists(true) => is_present(v),
            Op::Exists(false) => false,
            Op::Cidr(range) => match v {
                Val::Str(s) | Val::AttrStr(s) => parse_ip(s).is_some_and(|ip| range.contains(ip)),
                _ => false,
            },
        }
    }

    /// A likely reason this condition did not meet `v`, for explanations (cold path).
    pub(crate) fn hint(&self, v: Val<'_>) -> Option<Hint> {
        let num_text = |s: &str| super::number::parse_attribute_number(s);
        match (self, v) {
            (Op::Exact(p), Val::Num(x)) if num_text(&p.text) == Some(x) => {
                Some(Hint::QuotedPolicyValueAgainstNumber)
            }
            (Op::ExactNumber(n), Val::Str(s) | Val::AttrStr(s)) if num_text(s) == Some(*n) => {
                Some(Hint::NumberAgainstString)
            }
            (Op::Numeric(_), Val::Str(s) | Val::AttrStr(s)) if num_text(s).is_some() => {
                Some(Hint::NumericAgainstString)
            }
            (Op::Prefix(_) | Op::Suffix(_) | Op::EqualsIgnoreCase(_) | Op::Cidr(_), Val::Num(_)) => {
                Some(Hint::StringConditionAgainstNumber)
            }
            (Op::Bool(_) | Op::Null, Val::Str(_) | Val::AttrStr(_)) => Some(Hint::LiteralAgainstString),
            (Op::Exact(p), Val::AttrStr(s)) if s.contains(['"', '\\']) && *p.text == *s => {
                Some(Hint::NeedsDoubleEscape)
            }
            (Op::Exact(p), Val::Str(s) | Val::AttrStr(s)) if eq_ignore_case(&p.text, s) => {
                Some(Hint::CaseDiffers)
            }
            _ => None,
        }
    }
}

/// Present for `exists: true`: a leaf value that is not `null` and not `""` (aws-doc).
pub(crate) fn is_present(v: Val<'_>) -> bool {
    match v {
        Val::Str(s) | Val::AttrStr(s) => !s.is_empty(),
        Val::Null => false,
        Val::Num(_) | Val::Bool(_) => true,
    }
}

/// Unicode case-insensitive equality without allocating.
fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars().flat_map(crate::case::to_lowercase).eq(b.chars().flat_map(crate::case::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> PolicyStr {
        PolicyStr::new(t)
    }

    #[test]
    fn exact_is_typed() {
        assert!(Op::Exact(s("100")).matches(Val::Str("100")));
        assert!(!Op::Exact(s("100")).matches(Val::Num(100.0)));
        assert!(Op::ExactNumber(100.0).matches(Val::Num(1e2)));
        assert!(!Op::ExactNumber(100.0).matches(Val::Str("100")));
        assert!(Op::Bool(true).matches(Val::Bool(true)));
        assert!(!Op::Bool(true).matches(Val::Str("true")));
        assert!(Op::Null.matches(Val::Null));
        assert!(Op::Exact(s("")).matches(Val::Str("")));
    }

    #[test]
    fn string_attribute_values_are_seen_escaped() {
        // Policy JSON "a\"b" decodes to a"b: never matches the attribute value a"b.
        assert!(!Op::Exact(s("a\"b")).matches(Val::AttrStr("a\"b")));
        // Policy JSON "a\\\"b" decodes to a\"b: matches it.
        assert!(Op::Exact(s("a\\\"b")).matches(Val::AttrStr("a\"b")));
        // In the body, strings compare decoded.
        assert!(Op::Exact(s("a\"b")).matches(Val::Str("a\"b")));
        // anything-but with an unusable string excludes nothing.
        assert!(Op::AnythingBut(alloc::vec![s("a\"b")]).matches(Val::AttrStr("a\"b")));
    }

    #[test]
    fn prefix_suffix_ignore_case() {
        assert!(Op::Prefix(s("ord")).matches(Val::Str("order")));
        assert!(!Op::Prefix(s("10")).matches(Val::Num(100.0)));
        assert!(Op::Suffix(s(".png")).matches(Val::AttrStr("a.png")));
        assert!(!Op::Suffix(s(".png")).matches(Val::AttrStr("a.PNG")));
        assert!(Op::EqualsIgnoreCase(s("RED")).matches(Val::Str("rEd")));
        assert!(Op::EqualsIgnoreCase(s("ÄB")).matches(Val::Str("äb")));
        assert!(!Op::EqualsIgnoreCase(s("red")).matches(Val::Num(1.0)));
    }

    #[test]
    fn anything_but() {
        let strs = Op::AnythingBut(alloc::vec![s("rugby"), s("tennis")]);
        assert!(strs.matches(Val::Str("baseball")));
        assert!(!strs.matches(Val::Str("rugby")));
        assert!(Op::AnythingBut(alloc::vec![s("100")]).matches(Val::Num(100.0)));
        let nums = Op::AnythingButNumber(alloc::vec![100.0, 500.0]);
        assert!(!nums.matches(Val::Num(100.0)));
        assert!(nums.matches(Val::Num(101.0)));
        assert!(nums.matches(Val::Str("100")));
        let pre = Op::AnythingButPrefix(s("order-"));
        assert!(pre.matches(Val::Str("order_number")));
        assert!(pre.matches(Val::Str("data-entry")));
        assert!(!pre.matches(Val::Str("order-cancelled")));
        assert!(!pre.matches(Val::Num(1.0)));
    }

    #[test]
    fn numeric_exists_cidr() {
        let r = Op::Numeric(Range { low: Some((0.0, false)), high: None });
        assert!(r.matches(Val::Num(1.0)));
        assert!(!r.matches(Val::Str("99")));
        assert!(Op::Exists(true).matches(Val::Bool(false)));
        assert!(!Op::Exists(true).matches(Val::Null));
        assert!(!Op::Exists(true).matches(Val::Str("")));
        let c = Op::Cidr(super::super::cidr::parse_cidr("10.0.0.0/24").unwrap());
        assert!(c.matches(Val::AttrStr("10.0.0.7")));
        assert!(!c.matches(Val::Num(10.0)));
    }
}
