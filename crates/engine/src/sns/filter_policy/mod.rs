//! Subscription filter policies: which published messages a subscription receives.
//!
//! A filter policy is the subscription attribute `FilterPolicy`, a JSON object whose leaves are
//! arrays of conditions. A message is delivered when, for **every** leaf key, **at least one**
//! condition matches **at least one** value at that key (AND across keys, OR within a key);
//! `"$or": [{…}, {…}]` adds OR across groups of keys. `FilterPolicyScope` says what is filtered:
//! the typed message attributes (`MessageAttributes`, the default, flat policies only) or the
//! JSON message body (`MessageBody`, nested keys, arrays "crushed out").
//! AWS pages: <https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html>,
//! <https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html>.
//! Spec: spec/sns.md §7 (and §4.3, §1.4, §9).
//!
//! The policy is compiled once ([`FilterPolicy::parse`]): validation with AWS's error texts,
//! `$or` expanded into AND-branches, strings and numbers pre-decoded. Evaluation
//! ([`FilterPolicy::evaluate`], [`FilterPolicy::matches`]) never re-parses the policy and never
//! panics; it answers an [`Explanation`] the playground draws ("why was this filtered out?").
//!
//! Files: `syntax` (JSON text, Jackson's errors), `stream` (the compact policy as Jackson reads
//! it), `parse` (rule compiler), `validate` (scope, key and complexity limits), `error` (AWS's
//! texts and prefixes), `condition` (the operators), `number`, `cidr`, `values` (what the filter
//! sees of a message), `eval`, `explain`.
//!
//! # Fidelity
//!
//! Settled open questions of spec/sns.md §9, each as the spec recommends:
//! * Q1 (typed values): an exact-string condition never matches a `Number` attribute; string
//!   conditions (prefix, suffix, equals-ignore-case, cidr) never match numbers and numeric
//!   conditions never match strings; `{"anything-but": ["100"]}` matches Number `100`.
//! * Q2 (anything-but on arrays): matches when **any** element is not excluded (the AWS doc
//!   example), not "none of the elements are listed".
//! * Q3 (Binary attributes): ignored entirely, as if absent, also for `exists`.
//! * Q4 (operator drift): only the operators AWS SNS accepted in the 2024 recordings; event-ruler
//!   additions (`wildcard`, `anything-but` with `suffix`/`equals-ignore-case`, prefix/suffix
//!   `equals-ignore-case`) are rejected with event-ruler's texts.
//! * Q5 (arrays of objects in the body): leaf conditions must be satisfied by values from the
//!   **same** array element (event-ruler's `rulesForJSONEvent`); [`ArrayMatching::AnyElement`]
//!   gives the LocalStack/moto reading on request.
//! * Q6 (key count): distinct leaf paths across the whole policy, `$or` branches included.
//! * Q8 (numbers): policy numbers are not range-checked; comparison is IEEE f64, not the
//!   documented ±10⁹ / 5-decimal fixed point.
//! * Q9 (`"{}"`): rejected like any empty object (`Empty objects are not allowed`).
//! * Q10 (`"` and `\` in String attributes): the filter sees the value JSON-escaped once, so a
//!   policy must double-escape them (`a\\\"b` in policy JSON matches the value `a"b`; `a\"b`
//!   does not).
//! * Q12 (`exists: false` on a body `{}`): matches; the "at least one attribute" rule is applied
//!   to the attribute scope only.
//!
//! Other choices where no source decides:
//! * A `String.Array` value that is not JSON makes the message unmatchable when the policy names
//!   that attribute (`FilteredOut-InvalidAttributes`); a JSON scalar counts as one element.
//! * "No attributes" means zero attributes of any type (Binary ones included).
//! * `exists: true` needs a non-null, non-empty leaf value; `exists: false` holds when the path
//!   has none (absent, only `null`/`""`, an object, or `[]`). With same-element array matching
//!   `exists: false` still looks at the whole message.
//! * The policy size limit (256 KB, aws-doc) answers a text of our own:
//!   `Filter policy can not be larger than 256 KB` (AWS's wording is unrecorded).
//! * JSON syntax errors imitate Jackson's messages; columns of rule errors are computed on the
//!   compact re-serialisation of the policy, as AWS shows it. Text after the policy's JSON value
//!   is ignored (Jackson `readTree`); a repeated key keeps its last value.
//! * The depth factor of the combination count is the key's object nesting in the policy
//!   (`{"a":{"b":[…]}}` → 2; `{"a.b":[…]}` → 1).
//! * `{"anything-but": {"prefix": ""}}` is rejected (`Null prefix not allowed`, event-ruler).
//! * Same-element matching searches at most 100,000 steps per branch, then judges per key.

mod cidr;
mod condition;
mod error;
mod eval;
mod explain;
#[cfg(feature = "serde")]
mod explain_json;
mod number;
mod parse;
mod stream;
mod syntax;
mod validate;
mod values;

pub use explain::{
    Absence, BranchExplanation, Explanation, KeyExplanation, KeyOutcome, MessageIssue, SeenValue, Text,
};

use alloc::rc::Rc;
use alloc::vec::Vec;

use crate::message_attributes::MessageAttributes;
use crate::ApiError;

/// What a policy filters on (subscription attribute `FilterPolicyScope`, aws-doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FilterPolicyScope {
    /// The typed message attributes; policies must be flat.
    #[default]
    MessageAttributes,
    /// The message body, parsed as a JSON object; nested policies allowed.
    MessageBody,
}

impl FilterPolicyScope {
    /// The attribute value as AWS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MessageAttributes => "MessageAttributes",
            Self::MessageBody => "MessageBody",
        }
    }

    /// Parses a `FilterPolicyScope` attribute value (case-sensitive), answering AWS's
    /// `Invalid parameter: FilterPolicyScope: Invalid value [<v>]. Please use either MessageBody
    /// or MessageAttributes` with the call's prefix (spec/sns.md §3 SetSubscriptionAttributes).
    pub fn from_attribute(value: &str, origin: PolicyOrigin) -> Result<Self, ApiError> {
        match value {
            "MessageAttributes" => Ok(Self::MessageAttributes),
            "MessageBody" => Ok(Self::MessageBody),
            other => Err(ApiError::filter_policy_scope_invalid(origin, other)),
        }
    }
}

/// Which call sets the policy; it decides the prefix of AWS's error messages (spec/sns.md §7.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyOrigin {
    /// `Subscribe(Attributes.FilterPolicy)`: `Invalid parameter: Attributes Reason: FilterPolicy: …`.
    Subscribe,
    /// `SetSubscriptionAttributes(FilterPolicy)`: `Invalid parameter: FilterPolicy: …`.
    SetSubscriptionAttributes,
}

/// What a policy is evaluated against.
#[derive(Clone, Copy, Debug)]
pub enum MessageView<'a> {
    /// The Publish `MessageAttributes` (attribute scope).
    Attributes(&'a MessageAttributes),
    /// The message for the subscription's protocol (body scope).
    Body(&'a str),
}

/// How body values inside arrays of objects combine across leaf keys (spec/sns.md §9 Q5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ArrayMatching {
    /// All leaf conditions of a branch must be met by values of the same array element
    /// (event-ruler `rulesForJSONEvent`; the default).
    #[default]
    SameElement,
    /// Each leaf may be met by any element (LocalStack, moto).
    AnyElement,
}

/// A compiled, validated filter policy. Cheap to clone (shared, immutable parts).
#[derive(Clone, Debug, PartialEq)]
pub struct FilterPolicy {
    scope: FilterPolicyScope,
    compiled: Rc<parse::Compiled>,
}

impl FilterPolicy {
    /// Parses and validates policy JSON text; errors are `InvalidParameter` with AWS's exact
    /// text and the prefix of the call that set it.
    pub fn parse(
        text: &str,
        scope: FilterPolicyScope,
        origin: PolicyOrigin,
    ) -> Result<FilterPolicy, ApiError> {
        let compiled = parse::compile(text, scope).map_err(|e| e.into_api_error(origin))?;
        Ok(FilterPolicy { scope, compiled: Rc::new(compiled) })
    }

    /// True when `other` is this very compiled policy (a clone of it), not merely an equal one.
    pub fn is(&self, other: &FilterPolicy) -> bool {
        self.scope == other.scope && Rc::ptr_eq(&self.compiled, &other.compiled)
    }

    /// The scope the policy was compiled for.
    pub fn scope(&self) -> FilterPolicyScope {
        self.scope
    }

    /// Evaluates against a message and explains the verdict; never panics.
    pub fn evaluate(&self, message: &MessageView<'_>) -> Explanation {
        eval::evaluate(&self.compiled, self.scope, message, ArrayMatching::default())
    }

    /// [`evaluate`](Self::evaluate) with a choice of array semantics (§9 Q5).
    pub fn evaluate_with(&self, message: &MessageView<'_>, arrays: ArrayMatching) -> Explanation {
        eval::evaluate(&self.compiled, self.scope, message, arrays)
    }

    /// The verdict alone, without building an explanation (the fast path).
    pub fn matches(&self, message: &MessageView<'_>) -> bool {
        self.verdict(message) == Ok(true)
    }

    /// The verdict alone, or what makes the message unmatchable as a whole (the
    /// [`Explanation::message_issue`] of [`evaluate`](Self::evaluate)).
    pub fn verdict(&self, message: &MessageView<'_>) -> Result<bool, MessageIssue> {
        eval::verdict(&self.compiled, message, ArrayMatching::default())
    }

    /// Distinct leaf key paths of the policy, in policy order (`detail.scope`, attribute names…).
    pub fn keys(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for leaf in &self.compiled.leaves {
            if !out.contains(&&*leaf.path) {
                out.push(&leaf.path);
            }
        }
        out
    }

    /// The policy's combination count as AWS counts it (limit 150, spec/sns.md §7.4).
    pub fn combinations(&self) -> u64 {
        self.compiled.combinations
    }
}

#[cfg(test)]
mod tests;
