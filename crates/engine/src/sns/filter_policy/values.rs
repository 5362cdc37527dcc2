//! What the filter sees of a message: for each key the policy names, its typed values
//! (spec/sns.md §7.2).
//!
//! * Attribute scope: `String` (and `String.*` except `String.Array`) → one string, seen
//!   JSON-escaped (§9 Q10); `Number.*` → one number; `String.Array` → each element of its
//!   JSON array (a JSON scalar is one element; nested arrays are flattened; objects are not
//!   leaves); `Binary.*` → ignored. A `String.Array` that is not JSON makes the message
//!   unmatchable.
//! * Body scope: the body must be a JSON object. Fields are flattened to paths joined with
//!   `.` (nesting and dotted names are the same path); arrays contribute each element at the
//!   same path, arrays of objects their fields under it. Values under an array of objects carry
//!   the array and element they came from, for same-element matching (§9 Q5).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::condition::Val;
use super::explain::{Absence, BodyProblem, MessageIssue};
use super::number::parse_attribute_number;
use super::parse::Compiled;
use super::syntax::{self, Node, Trailing};
use super::validate::MAX_KEYS;
use crate::message_attributes::{base_type, BaseType, MessageAttributes};

/// A value with its owned-or-borrowed text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar<'a> {
    Str(Cow<'a, str>),
    AttrStr(&'a str),
    Num(f64),
    Bool(bool),
    Null,
}

impl Scalar<'_> {
    pub(crate) fn val(&self) -> Val<'_> {
        match self {
            Scalar::Str(s) => Val::Str(s),
            Scalar::AttrStr(s) => Val::AttrStr(s),
            Scalar::Num(n) => Val::Num(*n),
            Scalar::Bool(b) => Val::Bool(*b),
            Scalar::Null => Val::Null,
        }
    }
}

/// A value and the array elements it lies in: `tags[start..start+len]` of [`Seen::tags`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tagged<'a> {
    pub v: Scalar<'a>,
    pub tags: (u32, u32),
}

/// A list of values that does not allocate for zero or one value (the attribute case).
#[derive(Clone, Debug, Default)]
pub(crate) enum Vals<'a> {
    #[default]
    Empty,
    One(Tagged<'a>),
    Many(Vec<Tagged<'a>>),
}

impl<'a> Vals<'a> {
    pub(crate) fn push(&mut self, t: Tagged<'a>) {
        *self = match core::mem::take(self) {
            Vals::Empty => Vals::One(t),
            Vals::One(a) => Vals::Many(alloc::vec![a, t]),
            Vals::Many(mut v) => {
                v.push(t);
                Vals::Many(v)
            }
        };
    }

    pub(crate) fn as_slice(&self) -> &[Tagged<'a>] {
        match self {
            Vals::Empty => &[],
            Vals::One(t) => core::slice::from_ref(t),
            Vals::Many(v) => v,
        }
    }
}

/// The values at one path.
#[derive(Clone, Debug, Default)]
pub(crate) struct PathValues<'a> {
    pub vals: Vals<'a>,
    /// Why there are none (meaningful when `vals` is empty).
    pub absence: Option<Absence>,
}

/// One slot per distinct policy path (validation caps them at [`MAX_KEYS`]).
pub(crate) type Slots<'a> = [PathValues<'a>; MAX_KEYS];

fn empty_slots<'a>() -> Slots<'a> {
    core::array::from_fn(|_| PathValues::default())
}

/// Everything the filter sees, indexed like `Compiled::lookup`.
pub(crate) struct Seen<'a> {
    pub issue: Option<MessageIssue>,
    pub paths: Slots<'a>,
    /// `(array id, element index)` pairs.
    pub tags: Vec<(u32, u32)>,
}

impl Seen<'_> {
    fn with_issue(issue: MessageIssue) -> Self {
        Seen { issue: Some(issue), paths: empty_slots(), tags: Vec::new() }
    }
}

fn one(v: Scalar<'_>) -> PathValues<'_> {
    PathValues { vals: Vals::One(Tagged { v, tags: (0, 0) }), absence: None }
}

fn absent(a: Absence) -> PathValues<'static> {
    PathValues { vals: Vals::Empty, absence: Some(a) }
}

/// Attribute scope.
pub(crate) fn from_attributes<'a>(policy: &Compiled, attrs: &'a MessageAttributes) -> Seen<'a> {
    if attrs.is_empty() {
        return Seen::with_issue(MessageIssue::NoMessageAttributes);
    }
    let mut paths = empty_slots();
    for ((name, _), slot) in policy.lookup.iter().zip(paths.iter_mut()) {
        let Some(attr) = attrs.get(&**name) else {
            *slot = absent(Absence::Absent);
            continue;
        };
        let data_type = attr.data_type();
        let text = attr.string_value.as_deref();
        let base = match data_type {
            "String" | "String.Array" => Some(BaseType::String),
            "Number" => Some(BaseType::Number),
            other => base_type(other),
        };
        let pv = match (base, text) {
            (Some(BaseType::Binary), _) => absent(Absence::BinaryIgnored),
            (Some(BaseType::String), Some(t)) if data_type == "String.Array" => match string_array(t) {
                Some(pv) => pv,
                None => {
                    return Seen::with_issue(MessageIssue::InvalidAttributes {
                        attribute: String::from(&**name),
                    })
                }
            },
            (Some(BaseType::String), Some(t)) => one(Scalar::AttrStr(t)),
            (Some(BaseType::Number), Some(t)) => match parse_attribute_number(t) {
                Some(n) => one(Scalar::Num(n)),
                None => {
                    return Seen::with_issue(MessageIssue::InvalidAttributes {
                        attribute: String::from(&**name),
                    })
                }
            },
            // No StringValue or an unknown type: Publish rejects these; nothing to see.
            _ => absent(Absence::Absent),
        };
        *slot = pv;
    }
    Seen { issue: None, paths, tags: Vec::new() }
}

/// A `String.Array` value: its JSON elements; `None` if it is not JSON.
fn string_array(text: &str) -> Option<PathValues<'_>> {
    let node = syntax::parse(text, Trailing::Reject).ok()?;
    let mut pv = PathValues::default();
    // Depth-first, left to right.
    let mut stack: Vec<Node<'_>> = alloc::vec![node];
    let mut saw_object = false;
    while let Some(n) = stack.pop() {
        let v = match n {
            Node::Array(items) => {
                stack.extend(items.into_iter().rev());
                continue;
            }
            Node::String(s) => Scalar::Str(s),
            Node::Number(_, v) => Scalar::Num(v),
            Node::Bool(b) => Scalar::Bool(b),
            Node::Null => Scalar::Null,
            Node::Object(_) => {
                saw_object = true;
                continue;
            }
        };
        pv.vals.push(Tagged { v, tags: (0, 0) });
    }
    if pv.vals.as_slice().is_empty() {
        pv.absence = Some(if saw_object { Absence::NotALeaf } else { Absence::EmptyArray });
    }
    Some(pv)
}

/// Body scope.
pub(crate) fn from_body<'a>(policy: &Compiled, body: &'a str) -> Seen<'a> {
    let node = match syntax::parse(body, Trailing::Reject) {
        Ok(n) => n,
        Err(_) => {
            return Seen::with_issue(MessageIssue::InvalidMessageBody { problem: BodyProblem::NotJson })
        }
    };
    let Node::Object(_) = node else {
        return Seen::with_issue(MessageIssue::InvalidMessageBody { problem: BodyProblem::NotAnObject });
    };
    let mut f = Flattener {
        policy,
        paths: empty_slots(),
        tags: Vec::new(),
        stack: Vec::new(),
        next_array: 0,
        path: String::new(),
    };
    f.node(node);
    for pv in &mut f.paths {
        if pv.vals.as_slice().is_empty() && pv.absence.is_none() {
            pv.absence = Some(Absence::Absent);
        }
    }
    Seen { issue: None, paths: f.paths, tags: f.tags }
}

struct Flattener<'p, 'a> {
    policy: &'p Compiled,
    paths: Slots<'a>,
    tags: Vec<(u32, u32)>,
    /// The array elements (of arrays of containers) around the current position.
    stack: Vec<(u32, u32)>,
    next_array: u32,
    path: String,
}

impl<'a> Flattener<'_, 'a> {
    /// Whether some policy path is `path` or lies under it.
    fn relevant(&self, path: &str) -> bool {
        self.policy.prefixes.binary_search_by(|p| (**p).cmp(path)).is_ok()
    }

    fn slot(&self) -> Option<usize> {
        self.policy.lookup.binary_search_by(|(p, _)| (**p).cmp(&self.path)).ok()
    }

    fn node(&mut self, n: Node<'a>) {
        match n {
            Node::Object(members) => {
                if let Some(i) = self.slot() {
                    if let Some(pv) = self.paths.get_mut(i) {
                        pv.absence.get_or_insert(Absence::NotALeaf);
                    }
                }
                let base = self.path.len();
                for (name, value) in members {
                    if base > 0 {
                        self.path.push('.');
                    }
                    self.path.push_str(&name);
                    if self.relevant(&self.path) {
                        self.node(value);
                    }
                    self.path.truncate(base);
                }
            }
            Node::Array(items) => {
                if items.is_empty() {
                    if let Some(i) = self.slot() {
                        if let Some(pv) = self.paths.get_mut(i) {
                            pv.absence.get_or_insert(Absence::EmptyArray);
                        }
                    }
                    return;
                }
                let id = self.next_array;
                self.next_array += 1;
                for (idx, item) in items.into_iter().enumerate() {
                    let container = matches!(item, Node::Object(_) | Node::Array(_));
                    if container {
                        self.stack.push((id, idx as u32));
                    }
                    self.node(item);
                    if container {
                        self.stack.pop();
                    }
                }
            }
            scalar => {
                let Some(i) = self.slot() else { return };
                let v = match scalar {
                    Node::String(s) => Scalar::Str(s),
                    Node::Number(_, v) => Scalar::Num(v),
                    Node::Bool(b) => Scalar::Bool(b),
                    _ => Scalar::Null,
                };
                let tags = if self.stack.is_empty() {
                    (0, 0)
                } else {
                    let start = self.tags.len() as u32;
                    self.tags.extend_from_slice(&self.stack);
                    (start, self.stack.len() as u32)
                };
                if let Some(pv) = self.paths.get_mut(i) {
                    pv.vals.push(Tagged { v, tags });
                }
            }
        }
    }
}
