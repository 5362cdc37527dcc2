//! Evaluation: does a message match, and why (spec/sns.md §7.2, §7.7).
//!
//! For each leaf: some condition meets some value at its path, or the leaf has
//! `{"exists": false}` and the path holds no present value (absent, `null`, `""`, an object,
//! `[]`). A branch matches when all its leaves do; with same-element array matching (§9 Q5)
//! the chosen values must also come from the same element of every array of objects they
//! share. The policy matches when any branch does. Attribute scope never matches a message
//! without attributes.

use alloc::rc::Rc;
use alloc::vec::Vec;

use super::condition::{is_present, Op};
use super::explain::{
    BranchExplanation, Explanation, KeyOutcome, KeyResult, SeenValue, SeenValues, ValueText, MAX_VALUES_SHOWN,
};
use super::parse::{Compiled, Leaf};
use super::values::{self, PathValues, Scalar, Seen, Tagged};
use super::{ArrayMatching, FilterPolicyScope, MessageIssue, MessageView};

/// Bound on the same-element search (steps); beyond it the branch is judged per key.
const MAX_SEARCH_STEPS: usize = 100_000;

fn seen<'a>(policy: &Compiled, message: &MessageView<'a>) -> Seen<'a> {
    match message {
        MessageView::Attributes(attrs) => values::from_attributes(policy, attrs),
        MessageView::Body(body) => values::from_body(policy, body),
    }
}

/// The values a leaf sees.
fn values_of<'s, 'a>(_policy: &Compiled, seen: &'s Seen<'a>, leaf: &Leaf) -> Option<&'s PathValues<'a>> {
    seen.paths.get(leaf.slot)
}

/// The first `(condition, value)` that satisfies the leaf; `value` is `None` for a satisfied
/// `exists: false`.
fn leaf_match(leaf: &Leaf, pv: Option<&PathValues<'_>>) -> Option<(usize, Option<usize>)> {
    let vals: &[Tagged<'_>] = pv.map(|p| p.vals.as_slice()).unwrap_or(&[]);
    let mut exists_false = None;
    for (ci, op) in leaf.ops.iter().enumerate() {
        if let Op::Exists(false) = op {
            exists_false.get_or_insert(ci);
            continue;
        }
        if let Some(vi) = vals.iter().position(|t| op.matches(t.v.val())) {
            return Some((ci, Some(vi)));
        }
    }
    let ci = exists_false?;
    (!vals.iter().any(|t| is_present(t.v.val()))).then_some((ci, None))
}

/// Candidate tag lists for a leaf in the same-element search: `None` when the leaf is
/// satisfied by something compatible with anything (an untagged value, or absence).
fn candidates<'s>(
    leaf: &Leaf,
    pv: Option<&'s PathValues<'_>>,
    seen: &'s Seen<'_>,
) -> Option<Vec<&'s [(u32, u32)]>> {
    let vals: &[Tagged<'_>] = pv.map(|p| p.vals.as_slice()).unwrap_or(&[]);
    let mut out: Vec<&[(u32, u32)]> = Vec::new();
    for t in vals {
        if leaf.ops.iter().any(|op| op.matches(t.v.val())) {
            if t.tags.1 == 0 {
                return None;
            }
            let tags = seen.tags.get(t.tags.0 as usize..(t.tags.0 + t.tags.1) as usize).unwrap_or(&[]);
            // Equal tag lists are interchangeable; checking a few recent ones catches the
            // common repeats without a quadratic scan.
            if !out.iter().rev().take(8).any(|o| *o == tags) {
                out.push(tags);
            }
        }
    }
    if leaf.ops.contains(&Op::Exists(false)) && !vals.iter().any(|t| is_present(t.v.val())) {
        return None;
    }
    Some(out)
}

fn compatible(a: &[(u32, u32)], b: &[(u32, u32)]) -> bool {
    a.iter().all(|(arr, idx)| b.iter().all(|(arr2, idx2)| arr != arr2 || idx == idx2))
}

/// Whether the matched leaves of a branch can all be met within the same array elements.
fn same_element(policy: &Compiled, seen: &Seen<'_>, branch: &[u16]) -> bool {
    let mut sets: Vec<Vec<&[(u32, u32)]>> = Vec::new();
    for id in branch {
        let Some(leaf) = policy.leaves.get(usize::from(*id)) else { continue };
        if let Some(c) = candidates(leaf, values_of(policy, seen, leaf), seen) {
            sets.push(c);
        }
    }
    if sets.len() < 2 {
        return true;
    }
    // Fewest candidates first: the search prunes sooner.
    sets.sort_by_key(Vec::len);
    let mut chosen: Vec<&[(u32, u32)]> = Vec::with_capacity(sets.len());
    let mut steps = 0usize;
    search(&sets, &mut chosen, &mut steps).unwrap_or(true)
}

/// Backtracking; `None` when the step bound was hit.
fn search<'t>(
    sets: &[Vec<&'t [(u32, u32)]>],
    chosen: &mut Vec<&'t [(u32, u32)]>,
    steps: &mut usize,
) -> Option<bool> {
    let Some(set) = sets.get(chosen.len()) else { return Some(true) };
    for cand in set {
        *steps += 1;
        if *steps > MAX_SEARCH_STEPS {
            return None;
        }
        if chosen.iter().all(|c| compatible(c, cand)) {
            chosen.push(cand);
            let found = search(sets, chosen, steps)?;
            chosen.pop();
            if found {
                return Some(true);
            }
        }
    }
    Some(false)
}

/// Branch verdict: (matched, all keys matched but only across different array elements).
fn branch_verdict(
    policy: &Compiled,
    seen: &Seen<'_>,
    branch: &[u16],
    leaf_ok: &dyn Fn(usize) -> bool,
    arrays: ArrayMatching,
) -> (bool, bool) {
    if !branch.iter().all(|id| leaf_ok(usize::from(*id))) {
        return (false, false);
    }
    if arrays == ArrayMatching::AnyElement || seen.tags.is_empty() || branch.len() < 2 {
        return (true, false);
    }
    let ok = same_element(policy, seen, branch);
    (ok, !ok)
}

/// The verdict alone: `Err` when the message as a whole cannot match (no key is evaluated).
pub(crate) fn verdict(
    policy: &Compiled,
    message: &MessageView<'_>,
    arrays: ArrayMatching,
) -> Result<bool, MessageIssue> {
    let seen = seen(policy, message);
    if let Some(issue) = seen.issue {
        return Err(issue);
    }
    let leaf_ok = |i: usize| {
        policy.leaves.get(i).is_some_and(|leaf| leaf_match(leaf, values_of(policy, &seen, leaf)).is_some())
    };
    Ok(policy.branches.iter().any(|b| branch_verdict(policy, &seen, b, &leaf_ok, arrays).0))
}

/// The verdict with its explanation.
pub(crate) fn evaluate(
    shared: &Rc<Compiled>,
    scope: FilterPolicyScope,
    message: &MessageView<'_>,
    arrays: ArrayMatching,
) -> Explanation {
    let policy: &Compiled = shared;
    let seen = seen(policy, message);
    let mut keys = Vec::with_capacity(policy.leaves.len());
    let mut ok = Bits::new(policy.leaves.len());
    for (i, leaf) in policy.leaves.iter().enumerate() {
        let pv = if seen.issue.is_some() { None } else { values_of(policy, &seen, leaf) };
        let found = if seen.issue.is_some() { None } else { leaf_match(leaf, pv) };
        if found.is_some() {
            ok.set(i);
        }
        keys.push(explain_key(leaf, pv, found));
    }
    let mut branches = Vec::new();
    let mut matched = false;
    let mut array_elements_differ = false;
    if seen.issue.is_none() {
        let leaf_ok = |i: usize| ok.get(i);
        for b in &policy.branches {
            let (m, differ) = branch_verdict(policy, &seen, b, &leaf_ok, arrays);
            matched |= m;
            array_elements_differ |= differ;
            if policy.has_or {
                branches.push(BranchExplanation {
                    matched: m,
                    keys: b.clone(),
                    array_elements_differ: differ,
                });
            }
        }
    }
    Explanation {
        matched,
        scope,
        message_issue: seen.issue.clone(),
        branches,
        array_elements_differ: array_elements_differ && !matched,
        results: keys,
        policy: Rc::clone(shared),
    }
}

fn seen_value(s: &Scalar<'_>) -> SeenValue {
    match s {
        Scalar::Str(t) => SeenValue::String(ValueText::new(t)),
        Scalar::AttrStr(t) => SeenValue::String(ValueText::new(t)),
        Scalar::Num(n) => SeenValue::Number(*n),
        Scalar::Bool(b) => SeenValue::Boolean(*b),
        Scalar::Null => SeenValue::Null,
    }
}

fn explain_key(leaf: &Leaf, pv: Option<&PathValues<'_>>, found: Option<(usize, Option<usize>)>) -> KeyResult {
    let vals: &[Tagged<'_>] = pv.map(|p| p.vals.as_slice()).unwrap_or(&[]);
    let mut values = SeenValues::default();
    for t in vals.iter().take(MAX_VALUES_SHOWN) {
        values.push(seen_value(&t.v));
    }
    let to_u16 = |i: usize| u16::try_from(i).unwrap_or(u16::MAX);
    let outcome = match found {
        Some((ci, vi)) => KeyOutcome::Matched {
            condition: to_u16(ci),
            value: vi.filter(|v| *v < MAX_VALUES_SHOWN).map(to_u16),
        },
        None if vals.is_empty() => KeyOutcome::Missing {
            absence: pv.and_then(|p| p.absence).unwrap_or(super::explain::Absence::Absent),
        },
        None => KeyOutcome::NoConditionMatched {
            hint: leaf.ops.iter().find_map(|op| vals.iter().find_map(|t| op.hint(t.v.val()))),
        },
    };
    KeyResult { values, value_count: u32::try_from(vals.len()).unwrap_or(u32::MAX), outcome }
}

/// Which leaves matched: a bit mask for up to 128 leaves, a list beyond.
enum Bits {
    Small(u128),
    Big(Vec<bool>),
}

impl Bits {
    fn new(n: usize) -> Self {
        if n <= 128 {
            Bits::Small(0)
        } else {
            Bits::Big(alloc::vec![false; n])
        }
    }

    fn set(&mut self, i: usize) {
        match self {
            Bits::Small(m) => *m |= 1u128.checked_shl(i as u32).unwrap_or(0),
            Bits::Big(v) => {
                if let Some(b) = v.get_mut(i) {
                    *b = true;
                }
            }
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Bits::Small(m) => m.checked_shr(i as u32).is_some_and(|x| x & 1 == 1),
            Bits::Big(v) => v.get(i).copied().unwrap_or(false),
        }
    }
}
