//! [`Explanation`]: why a message matched a filter policy or not, shaped for the playground's
//! "why" panel and for `NotificationDelivered` / `NotificationFilteredOut` events.
//!
//! One [`KeyExplanation`] per leaf key of the policy (in policy order): the conditions, the
//! values the message holds at that key, and which condition met which value, or why none
//! did. A policy with `$or` also lists its AND-branches ([`BranchExplanation`]); the message
//! matches when one branch has all its keys matched.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Deref;

use super::parse::Compiled;
use super::FilterPolicyScope;

/// Shared immutable text (a key path, a condition as compact JSON); cloning is a reference
/// count increment.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(pub(crate) Rc<str>);

impl Text {
    pub(crate) fn new(s: &str) -> Self {
        Text(Rc::from(s))
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

/// The verdict and its reasons. Holds the compiled policy (shared), so building one costs
/// one allocation for the key results and no copies of policy text.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// Whether the message is delivered to the subscription.
    pub matched: bool,
    pub scope: FilterPolicyScope,
    /// A problem with the message as a whole that makes it unmatchable (no keys evaluated).
    pub message_issue: Option<MessageIssue>,
    /// The AND-branches of a policy with `$or` (empty without `$or`: then all keys must match).
    pub branches: Vec<BranchExplanation>,
    /// Not matched although every key of some branch matched: the values came from
    /// different elements of one array of objects (spec/sns.md §9 Q5).
    pub array_elements_differ: bool,
    pub(crate) results: Vec<KeyResult>,
    pub(crate) policy: Rc<Compiled>,
}

/// What the message showed at one key.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyResult {
    pub values: SeenValues,
    pub value_count: u32,
    pub outcome: KeyOutcome,
}

impl Explanation {
    /// One entry per leaf key of the policy, in policy order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = KeyExplanation<'_>> + '_ {
        self.results.iter().zip(self.policy.leaves.iter()).map(|(r, leaf)| KeyExplanation {
            key: &leaf.path,
            group: &leaf.group,
            conditions: &leaf.texts,
            values: &r.values,
            value_count: r.value_count,
            outcome: r.outcome,
        })
    }

    /// The `i`-th key (see [`keys`](Self::keys)).
    pub fn key(&self, i: usize) -> Option<KeyExplanation<'_>> {
        self.keys().nth(i)
    }
}

impl PartialEq for Explanation {
    fn eq(&self, other: &Self) -> bool {
        self.matched == other.matched
            && self.scope == other.scope
            && self.message_issue == other.message_issue
            && self.branches == other.branches
            && self.array_elements_differ == other.array_elements_differ
            && self.results == other.results
            && (Rc::ptr_eq(&self.policy, &other.policy) || self.policy == other.policy)
    }
}

/// Why no key could be evaluated (AWS counts these under the `NumberOfNotificationsFilteredOut-*`
/// metrics).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageIssue {
    /// Attribute scope, and the message has no attributes at all
    /// (`NumberOfNotificationsFilteredOut-NoMessageAttributes`).
    NoMessageAttributes,
    /// Attribute scope, and an attribute the policy names is a `String.Array` whose value is
    /// not JSON (`NumberOfNotificationsFilteredOut-InvalidAttributes`).
    InvalidAttributes { attribute: String },
    /// Body scope, and the body is not a JSON object
    /// (`NumberOfNotificationsFilteredOut-InvalidMessageBody`).
    InvalidMessageBody { problem: BodyProblem },
}

/// One leaf key: what was tried against what.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyExplanation<'e> {
    /// The key path: an attribute name, or body fields joined with `.` (`detail.scope`).
    pub key: &'e str,
    /// Where the key sits among `$or` groups: `""` at the top, `"$or[1]"`,
    /// `"detail.$or[0] > $or[1]"`.
    pub group: &'e str,
    /// The conditions of the key, each as compact JSON (`"red"`, `{"prefix":"ord"}`).
    pub conditions: &'e [Text],
    /// The values the message holds at the key (at most [`MAX_VALUES_SHOWN`]).
    pub values: &'e [SeenValue],
    /// How many values there were in all (may exceed `values.len()`).
    pub value_count: u32,
    pub outcome: KeyOutcome,
}

/// At most this many values per key are copied into an explanation.
pub const MAX_VALUES_SHOWN: usize = 16;

impl KeyExplanation<'_> {
    /// Whether this key is satisfied.
    pub fn matched(&self) -> bool {
        matches!(self.outcome, KeyOutcome::Matched { .. })
    }
}

/// The result for one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyOutcome {
    /// `conditions[condition]` met `values[value]`; `value` is `None` for a satisfied
    /// `{"exists": false}` (or a value beyond the shown ones).
    Matched { condition: u16, value: Option<u16> },
    /// The key has values, and no condition matched any of them. `hint` names a likely
    /// cause when one is evident (a type mismatch such as `"100"` against Number 100).
    NoConditionMatched { hint: Option<Hint> },
    /// The key has no value and no condition is `{"exists": false}`.
    Missing { absence: Absence },
}

/// What is wrong with a body in `MessageBody` scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyProblem {
    /// Not JSON at all (`Regular string message`).
    NotJson,
    /// JSON, but a string, number, array, `true`, `false` or `null`.
    NotAnObject,
}

/// A likely cause of a failed key, as a code the playground words in its own language
/// ([`Hint::text`] is the English wording).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// `"100"` in the policy against the number 100.
    QuotedPolicyValueAgainstNumber,
    /// `100` in the policy against the string `"100"`.
    NumberAgainstString,
    /// A numeric condition against a string that looks like a number.
    NumericAgainstString,
    /// prefix / suffix / equals-ignore-case / cidr against a number.
    StringConditionAgainstNumber,
    /// `true` / `false` / `null` against a string.
    LiteralAgainstString,
    /// A `"` or `\` in a `String` attribute value that the policy escaped only once.
    NeedsDoubleEscape,
    /// Equal but for letter case.
    CaseDiffers,
}

impl Hint {
    /// The English wording.
    pub fn text(self) -> &'static str {
        match self {
            Hint::QuotedPolicyValueAgainstNumber => {
                "a quoted policy value matches strings only; this value is a number (write it unquoted)"
            }
            Hint::NumberAgainstString => {
                "an unquoted policy number matches numbers only; this value is a string (use DataType Number)"
            }
            Hint::NumericAgainstString => {
                "numeric conditions match numbers only; this value is a string (use DataType Number)"
            }
            Hint::StringConditionAgainstNumber => "string conditions never match numbers",
            Hint::LiteralAgainstString => {
                "true, false and null in the policy match JSON literals only, not strings"
            }
            Hint::NeedsDoubleEscape => {
                "quotes and backslashes in String attribute values must be escaped twice in the policy"
            }
            Hint::CaseDiffers => "string matching is case-sensitive; use {\"equals-ignore-case\": …}",
        }
    }
}

/// Why a key has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
pub enum SeenValue {
    String(ValueText),
    Number(f64),
    Boolean(bool),
    Null,
}

/// Strings longer than this many bytes are cut (at a character boundary) and end with `…`.
pub const MAX_VALUE_BYTES_SHOWN: usize = 256;

const INLINE: usize = 22;

/// The text of a string value: stored inline up to 22 bytes (no allocation on the
/// evaluation path for typical attribute values), shared beyond.
#[derive(Clone)]
pub struct ValueText(TextRepr);

#[derive(Clone)]
enum TextRepr {
    Inline(u8, [u8; INLINE]),
    Shared(Rc<str>),
}

impl ValueText {
    pub(crate) fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            if let Some(dst) = buf.get_mut(..s.len()) {
                dst.copy_from_slice(s.as_bytes());
            }
            return ValueText(TextRepr::Inline(s.len() as u8, buf));
        }
        if s.len() <= MAX_VALUE_BYTES_SHOWN {
            return ValueText(TextRepr::Shared(Rc::from(s)));
        }
        let mut cut = MAX_VALUE_BYTES_SHOWN;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut t = String::with_capacity(cut + 3);
        t.push_str(s.get(..cut).unwrap_or(""));
        t.push('…');
        ValueText(TextRepr::Shared(Rc::from(t)))
    }
}

impl Deref for ValueText {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.0 {
            TextRepr::Inline(len, buf) => {
                buf.get(..usize::from(*len)).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("")
            }
            TextRepr::Shared(s) => s,
        }
    }
}

impl PartialEq for ValueText {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for ValueText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl From<&str> for ValueText {
    fn from(s: &str) -> Self {
        ValueText::new(s)
    }
}

/// The values of one key; no allocation for zero or one value.
#[derive(Clone, Default, PartialEq)]
pub struct SeenValues(ValuesRepr);

#[derive(Clone, Default, PartialEq)]
enum ValuesRepr {
    #[default]
    Empty,
    One(SeenValue),
    Many(Vec<SeenValue>),
}

impl SeenValues {
    pub(crate) fn push(&mut self, v: SeenValue) {
        self.0 = match core::mem::take(&mut self.0) {
            ValuesRepr::Empty => ValuesRepr::One(v),
            ValuesRepr::One(a) => ValuesRepr::Many(alloc::vec![a, v]),
            ValuesRepr::Many(mut list) => {
                list.push(v);
                ValuesRepr::Many(list)
            }
        };
    }
}

impl Deref for SeenValues {
    type Target = [SeenValue];
    fn deref(&self) -> &[SeenValue] {
        match &self.0 {
            ValuesRepr::Empty => &[],
            ValuesRepr::One(v) => core::slice::from_ref(v),
            ValuesRepr::Many(list) => list,
        }
    }
}

impl fmt::Debug for SeenValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// One AND-branch of a policy with `$or`.
#[derive(Clone, Debug, PartialEq)]
pub struct BranchExplanation {
    pub matched: bool,
    /// Indices into [`Explanation::keys`].
    pub keys: Vec<u16>,
    /// All keys matched, but only with values from different elements of one array of
    /// objects (spec/sns.md §9 Q5).
    pub array_elements_differ: bool,
}
