//! [`Explanation`]: why a message matched a filter policy or not, shaped for the playground's
//! "why" panel and for `NotificationDelivered` / `NotificationFilteredOut` events.
//!
//! One [`KeyExplanation`] per leaf key of the policy (in policy order): the conditions, the
//! values the message holds at that key, and which condition met which value, or why none
//! did. A policy with `$or` also lists its AND-branches ([`BranchExplanation`]); the message
//! matches when one branch has all its keys matched.

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Deref;

use super::FilterPolicyScope;

/// Shared immutable text (a key path, a condition as compact JSON); cloning is a reference
/// count increment.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(pub(crate) Arc<str>);

impl Text {
    pub(crate) fn new(s: &str) -> Self {
        Text(Arc::from(s))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(feature = "serde")]
fn serialize_texts<S: serde::Serializer>(texts: &Arc<[Text]>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(texts.len()))?;
    for t in texts.iter() {
        seq.serialize_element(t)?;
    }
    seq.end()
}

/// The verdict and its reasons.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Explanation {
    /// Whether the message is delivered to the subscription.
    pub matched: bool,
    pub scope: FilterPolicyScope,
    /// A problem with the message as a whole that makes it unmatchable (no keys evaluated).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message_issue: Option<MessageIssue>,
    /// One entry per leaf key of the policy, in policy order.
    pub keys: Vec<KeyExplanation>,
    /// The AND-branches of a policy with `$or` (empty without `$or`: then all keys must match).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub branches: Vec<BranchExplanation>,
    /// Not matched although every key of some branch matched: the values came from
    /// different elements of one array of objects (spec/sns.md §9 Q5).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "core::ops::Not::not"))]
    pub array_elements_differ: bool,
}

/// Why no key could be evaluated (AWS counts these under the `NumberOfNotificationsFilteredOut-*`
/// metrics).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind"))]
pub enum MessageIssue {
    /// Attribute scope, and the message has no attributes at all
    /// (`NumberOfNotificationsFilteredOut-NoMessageAttributes`).
    NoMessageAttributes,
    /// Attribute scope, and an attribute the policy names is a `String.Array` whose value is
    /// not JSON (`NumberOfNotificationsFilteredOut-InvalidAttributes`).
    InvalidAttributes { attribute: String },
    /// Body scope, and the body is not a JSON object
    /// (`NumberOfNotificationsFilteredOut-InvalidMessageBody`).
    InvalidMessageBody { reason: &'static str },
}

/// One leaf key: what was tried against what.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct KeyExplanation {
    /// The key path: an attribute name, or body fields joined with `.` (`detail.scope`).
    pub key: Text,
    /// Where the key sits among `$or` groups: `""` at the top, `"$or[1]"`, `"detail.$or[0].$or[1]"`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "str::is_empty"))]
    pub group: Text,
    /// The conditions of the key, each as compact JSON (`"red"`, `{"prefix":"ord"}`).
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_texts"))]
    pub conditions: Arc<[Text]>,
    /// The values the message holds at the key (at most [`MAX_VALUES_SHOWN`]).
    pub values: Vec<SeenValue>,
    /// How many values there were in all (may exceed `values.len()`).
    pub value_count: u32,
    pub outcome: KeyOutcome,
}

/// At most this many values per key are copied into an explanation.
pub const MAX_VALUES_SHOWN: usize = 16;

impl KeyExplanation {
    /// Whether this key is satisfied.
    pub fn matched(&self) -> bool {
        matches!(self.outcome, KeyOutcome::Matched { .. })
    }
}

/// The result for one key.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "result", rename_all = "camelCase"))]
pub enum KeyOutcome {
    /// `conditions[condition]` met `values[value]`; `value` is `None` for a satisfied
    /// `{"exists": false}` (or a value beyond the shown ones).
    #[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
    Matched { condition: u16, value: Option<u16> },
    /// The key has values, and no condition matched any of them. `hint` names a likely
    /// cause when one is evident (a type mismatch such as `"100"` against Number 100).
    #[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
    NoConditionMatched {
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        hint: Option<&'static str>,
    },
    /// The key has no value and no condition is `{"exists": false}`.
    Missing { absence: Absence },
}

/// Why a key has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Absence {
    /// Not in the message.
    Absent,
    /// A `Binary` attribute: SNS ignores those when filtering.
    BinaryIgnored,
    /// The body field holds an object, which is not a leaf.
    NotALeaf,
    /// The body field (or `String.Array`) is an empty array: no values.
    EmptyArray,
}

/// A value of the message, typed as the filter sees it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", content = "value"))]
pub enum SeenValue {
    String(String),
    Number(f64),
    Boolean(bool),
    Null,
}

/// One AND-branch of a policy with `$or`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct BranchExplanation {
    pub matched: bool,
    /// Indices into [`Explanation::keys`].
    pub keys: Vec<u16>,
    /// All keys matched, but only with values from different elements of one array of
    /// objects (spec/sns.md §9 Q5).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "core::ops::Not::not"))]
    pub array_elements_differ: bool,
}
