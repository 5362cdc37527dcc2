//! The limits of a filter policy (spec/sns.md §7.4;
//! <https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html>).
//!
//! Checked after the rule compiler accepted the policy, in this order: nesting in attribute
//! scope, key count, combinations.
//!
//! * **Keys**: at most 5 distinct leaf paths (keys whose value is an array), `$or` branches
//!   included (current doc; §9 Q6).
//! * **Combinations**: at most 150. Each AND-branch (after `$or` expansion) costs the product,
//!   over its leaves, of `conditions × depth`, where depth is the key's object nesting in the
//!   policy (1 at the top, always 1 in attribute scope); the policy costs the sum over its
//!   branches. Doc example: 4 values at depth 3 and 3 at depth 2 → 12 × 6 = 72.
//! * **Size**: at most 256 KB of policy text (aws-doc; the error text is ours).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::PolicyError;
use super::parse::Leaf;
use super::FilterPolicyScope;

/// Maximum number of keys (aws-doc, aws-snapshot).
pub(crate) const MAX_KEYS: usize = 5;
/// Maximum total combinations (aws-doc, aws-snapshot).
pub(crate) const MAX_COMBINATIONS: u64 = 150;
/// Maximum policy size in bytes: 256 KB (aws-doc).
pub(crate) const MAX_POLICY_BYTES: usize = 256 * 1024;

pub(crate) fn check_size(text: &str) -> Result<(), PolicyError> {
    if text.len() > MAX_POLICY_BYTES {
        return Err(PolicyError::Plain(String::from("Filter policy can not be larger than 256 KB")));
    }
    Ok(())
}

/// Nesting, key count, and a branch count already known to be too many.
pub(crate) fn check_shape(
    scope: FilterPolicyScope,
    nested: bool,
    keys: usize,
    too_many_branches: bool,
) -> Result<(), PolicyError> {
    if nested && scope == FilterPolicyScope::MessageAttributes {
        return Err(PolicyError::NestedInAttributeScope);
    }
    if keys > MAX_KEYS {
        return Err(PolicyError::Plain(format!("Filter policy can not have more than {MAX_KEYS} keys")));
    }
    if too_many_branches {
        return Err(too_complex());
    }
    Ok(())
}

fn too_complex() -> PolicyError {
    PolicyError::Plain(String::from("Filter policy is too complex"))
}

/// The combination count; an error above [`MAX_COMBINATIONS`].
pub(crate) fn combinations(
    scope: FilterPolicyScope,
    leaves: &[Leaf],
    branches: &[Vec<u16>],
) -> Result<u64, PolicyError> {
    let mut total: u64 = 0;
    for branch in branches {
        let mut product: u64 = 1;
        for id in branch {
            let Some(leaf) = leaves.get(usize::from(*id)) else { continue };
            let depth = match scope {
                FilterPolicyScope::MessageAttributes => 1,
                FilterPolicyScope::MessageBody => u64::from(leaf.depth),
            };
            product = product.saturating_mul((leaf.ops.len() as u64).saturating_mul(depth));
        }
        total = total.saturating_add(product);
    }
    if total > MAX_COMBINATIONS {
        return Err(too_complex());
    }
    Ok(total)
}
