//! The rule compiler: policy JSON → leaves (a key path and its conditions) and AND-branches.
//!
//! It reads the compact policy as a token stream, in document order, and reports the first
//! rule error with AWS's text (spec/sns.md §7.4), the way AWS's compiler (event-ruler's JSON
//! rule compiler) does. `"$or": [{…}, {…}, …]` forks the branches built so far, one copy per
//! object; keys met later are added to every branch; a key already in a branch is replaced.
//! `"$or"` is the OR operator only when its value is an array with at least two objects none
//! of whose fields is an operator name; otherwise it is an ordinary key (§7.3.10).

use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::cidr::parse_cidr;
use super::condition::{Op, PolicyStr};
use super::error::PolicyError;
use super::explain::Text;
use super::number::Range;
use super::stream::{Stream, Tok};
use super::syntax::{self, Trailing};
use super::validate;
use super::FilterPolicyScope;

/// One leaf key of the policy.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Leaf {
    /// Field names joined with `.`.
    pub path: Text,
    /// Its `$or` group, for explanations.
    pub group: Text,
    pub ops: Vec<Op>,
    /// Each condition as compact JSON.
    pub texts: Rc<[Text]>,
    /// Object nesting of the key in the policy (1 at the top).
    pub depth: u32,
    /// Index of `path` in `Compiled::lookup`.
    pub slot: usize,
}

/// A compiled policy.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Compiled {
    pub leaves: Vec<Leaf>,
    /// AND-branches: indices into `leaves`. One branch without `$or`.
    pub branches: Vec<Vec<u16>>,
    pub has_or: bool,
    /// Distinct paths, sorted, each with the leaves that name it.
    pub lookup: Vec<(Text, Vec<u16>)>,
    /// Every path and every proper prefix of one at a `.` (`a`, `a.b` for `a.b.c`), sorted:
    /// the body fields worth visiting.
    pub prefixes: Vec<Text>,
    pub combinations: u64,
}

/// Field names that keep `"$or"` from being the OR operator (event-ruler's reserved names).
const RESERVED_IN_OR: &[&str] = &[
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

/// Parses, compiles and validates policy text.
pub(crate) fn compile(text: &str, scope: FilterPolicyScope) -> Result<Compiled, PolicyError> {
    validate::check_size(text)?;
    let tree = syntax::parse(text, Trailing::Ignore).map_err(PolicyError::Syntax)?;
    let mut c = Compiler {
        s: Stream::new(&tree),
        leaves: Vec::new(),
        rules: Vec::new(),
        overflow: false,
        nested: false,
        paths: Vec::new(),
        group: String::new(),
    };
    if c.s.next_token() != Tok::StartObject {
        return Err(c.barf("Filter is not an object"));
    }
    c.object("", 1)?;
    let has_or = c.rules.len() > 1 || c.group_used();
    validate::check_shape(scope, c.nested, c.paths.len(), c.overflow)?;
    let (leaves, branches) = prune(c.leaves, c.rules);
    let combinations = validate::combinations(scope, &leaves, &branches)?;
    let mut lookup: Vec<(Text, Vec<u16>)> = Vec::new();
    for (i, leaf) in leaves.iter().enumerate() {
        let id = u16::try_from(i).unwrap_or(u16::MAX);
        match lookup.iter_mut().find(|(p, _)| *p == leaf.path) {
            Some((_, ids)) => ids.push(id),
            None => lookup.push((leaf.path.clone(), alloc::vec![id])),
        }
    }
    lookup.sort_by(|a, b| a.0.cmp(&b.0));
    let mut leaves = leaves;
    for (slot, (_, ids)) in lookup.iter().enumerate() {
        for id in ids {
            if let Some(l) = leaves.get_mut(usize::from(*id)) {
                l.slot = slot;
            }
        }
    }
    let mut prefixes: Vec<Text> = Vec::new();
    for (path, _) in &lookup {
        prefixes.push(path.clone());
        for (i, _) in path.match_indices('.') {
            prefixes.push(Text::new(path.get(..i).unwrap_or("")));
        }
    }
    prefixes.sort();
    prefixes.dedup();
    Ok(Compiled { leaves, branches, has_or, lookup, prefixes, combinations })
}

/// Keeps only leaves some branch uses, renumbered in policy order.
fn prune(leaves: Vec<Leaf>, rules: Vec<Vec<(String, u32)>>) -> (Vec<Leaf>, Vec<Vec<u16>>) {
    let mut used: Vec<bool> = alloc::vec![false; leaves.len()];
    for r in &rules {
        for (_, id) in r {
            if let Some(u) = used.get_mut(*id as usize) {
                *u = true;
            }
        }
    }
    let mut new_id: Vec<u16> = Vec::with_capacity(leaves.len());
    let mut kept = Vec::new();
    for (leaf, u) in leaves.into_iter().zip(&used) {
        new_id.push(u16::try_from(kept.len()).unwrap_or(u16::MAX));
        if *u {
            kept.push(leaf);
        }
    }
    let branches = rules
        .into_iter()
        .map(|r| {
            let mut ids: Vec<u16> =
                r.iter().filter_map(|(_, id)| new_id.get(*id as usize).copied()).collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    (kept, branches)
}

/// Enough branches to know the policy is too complex: each branch costs at least one.
const MAX_BRANCHES: usize = validate::MAX_COMBINATIONS as usize + 1;

struct Compiler<'n> {
    s: Stream<'n>,
    leaves: Vec<Leaf>,
    /// The branches built so far: (path, leaf) pairs.
    rules: Vec<Vec<(String, u32)>>,
    overflow: bool,
    nested: bool,
    /// Distinct leaf paths seen, up to one past [`validate::MAX_KEYS`] (enough to know the
    /// policy has too many; a scan of at most six, where a `BTreeSet<String>` cost ~5 KB of wasm).
    paths: Vec<String>,
    group: String,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

impl<'n> Compiler<'n> {
    fn barf(&self, message: impl Into<String>) -> PolicyError {
        PolicyError::Rule {
            message: message.into(),
            compact: self.s.compact.clone(),
            column: self.s.column(),
        }
    }

    fn group_used(&self) -> bool {
        self.leaves.iter().any(|l| !l.group.is_empty())
    }

    /// The fields of an object (after its `{`), under `prefix`.
    fn object(&mut self, prefix: &str, depth: u32) -> Result<(), PolicyError> {
        let mut fields = false;
        // Until `}` (or the end).
        while let Tok::Field(name) = self.s.next_token() {
            fields = true;
            if name == "$or" && self.is_or() {
                self.or(prefix, depth)?;
                continue;
            }
            match self.s.next_token() {
                Tok::StartObject => {
                    self.nested = true;
                    self.object(&join(prefix, name), depth + 1)?;
                }
                Tok::StartArray => self.leaf(join(prefix, name), depth)?,
                _ => return Err(self.barf(format!("\"{name}\" must be an object or an array"))),
            }
        }
        if !fields {
            return Err(self.barf("Empty objects are not allowed"));
        }
        Ok(())
    }

    /// Whether the upcoming value makes `"$or"` the OR operator.
    fn is_or(&self) -> bool {
        let mut toks = self.s.peek_all();
        if toks.next() != Some(Tok::StartArray) {
            return false;
        }
        let (mut depth, mut objects, mut reserved) = (1usize, 0usize, false);
        for t in toks {
            match t {
                Tok::StartObject => {
                    if depth == 1 {
                        objects += 1;
                    }
                    depth += 1;
                }
                Tok::StartArray => depth += 1,
                Tok::EndObject | Tok::EndArray => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Tok::Field(f) if depth == 2 => reserved |= RESERVED_IN_OR.contains(&f),
                _ => {}
            }
        }
        objects >= 2 && !reserved
    }

    /// `"$or": [ {…}, {…} ]`: each object extends a copy of the branches so far.
    fn or(&mut self, prefix: &str, depth: u32) -> Result<(), PolicyError> {
        let current = core::mem::take(&mut self.rules);
        let outer_group = core::mem::take(&mut self.group);
        let _ = self.s.next_token(); // ok: `[`, checked by is_or
        let mut collected: Vec<Vec<(String, u32)>> = Vec::new();
        let mut index = 0usize;
        loop {
            match self.s.next_token() {
                Tok::StartObject => {
                    self.rules = if current.is_empty() { alloc::vec![Vec::new()] } else { current.clone() };
                    let here = if prefix.is_empty() {
                        format!("$or[{index}]")
                    } else {
                        format!("{prefix}.$or[{index}]")
                    };
                    self.group =
                        if outer_group.is_empty() { here } else { format!("{outer_group} > {here}") };
                    self.object(prefix, depth)?;
                    collected.append(&mut self.rules);
                    if collected.len() > MAX_BRANCHES {
                        self.overflow = true;
                        collected.truncate(MAX_BRANCHES);
                    }
                    index += 1;
                }
                Tok::EndArray | Tok::End => break,
                _ => return Err(self.barf("Only JSON object is allowed in array of $or relationship.")),
            }
        }
        self.rules = collected;
        self.group = outer_group;
        Ok(())
    }

    /// A leaf array (after its `[`) at `path`.
    fn leaf(&mut self, path: String, depth: u32) -> Result<(), PolicyError> {
        let mut ops = Vec::new();
        let mut texts = Vec::new();
        loop {
            let t = self.s.next_token();
            let start = self.s.last_start();
            let op = match t {
                Tok::EndArray | Tok::End => break,
                Tok::StartObject => self.match_expression()?,
                Tok::Str(s) => {
                    self.s.finish_text();
                    Op::Exact(PolicyStr::new(s))
                }
                Tok::Num(n) => Op::ExactNumber(n),
                Tok::True => Op::Bool(true),
                Tok::False => Op::Bool(false),
                Tok::Null => Op::Null,
                _ => return Err(self.barf("Match value must be String, number, true, false, or null")),
            };
            ops.push(op);
            texts.push(Text::new(self.s.compact.get(start..self.s.last_end()).unwrap_or("")));
        }
        if ops.is_empty() {
            return Err(self.barf("Empty arrays are not allowed"));
        }
        let id = self.leaves.len() as u32;
        self.leaves.push(Leaf {
            path: Text::new(&path),
            group: Text::new(&self.group),
            ops,
            texts: texts.into(),
            depth,
            slot: 0,
        });
        if self.paths.len() <= validate::MAX_KEYS && !self.paths.contains(&path) {
            self.paths.push(path.clone());
        }
        if self.paths.len() > validate::MAX_KEYS {
            // Rejected anyway (key limit); only later structural errors still matter, so stop
            // building branches (keeps huge policies linear).
            self.rules.clear();
            return Ok(());
        }
        if self.rules.is_empty() {
            self.rules.push(Vec::new());
        }
        for rule in &mut self.rules {
            match rule.iter_mut().find(|(p, _)| *p == path) {
                Some(slot) => slot.1 = id,
                None => rule.push((path.clone(), id)),
            }
        }
        Ok(())
    }

    fn expect_end_object(&mut self, message: &str) -> Result<(), PolicyError> {
        if self.s.next_token() != Tok::EndObject {
            return Err(self.barf(message));
        }
        Ok(())
    }

    /// `{ "<operator>": … }` (after its `{`).
    fn match_expression(&mut self) -> Result<Op, PolicyError> {
        const ONE_KEY: &str = "Only one key allowed in match expression";
        const TOO_MANY: &str = "Too many elements in numeric expression";
        let name = match self.s.next_token() {
            Tok::Field(name) => name,
            _ => return Err(self.barf("Match expression name not found")),
        };
        match name {
            "prefix" | "suffix" | "equals-ignore-case" => {
                let Tok::Str(s) = self.s.next_token() else {
                    return Err(self.barf(format!("{name} match pattern must be a string")));
                };
                self.s.finish_text();
                self.expect_end_object(ONE_KEY)?;
                let p = PolicyStr::new(s);
                Ok(match name {
                    "prefix" => Op::Prefix(p),
                    "suffix" => Op::Suffix(p),
                    _ => Op::EqualsIgnoreCase(p),
                })
            }
            "numeric" => {
                if self.s.next_token() != Tok::StartArray {
                    return Err(self.barf("Value of numeric must be an array."));
                }
                let range = self.numeric()?;
                self.expect_end_object(TOO_MANY)?;
                Ok(Op::Numeric(range))
            }
            "anything-but" => {
                let op = self.anything_but()?;
                Ok(op)
            }
            "exists" => {
                let v = match self.s.next_token() {
                    Tok::True => true,
                    Tok::False => false,
                    _ => return Err(self.barf("exists match pattern must be either true or false.")),
                };
                self.expect_end_object(ONE_KEY)?;
                Ok(Op::Exists(v))
            }
            "cidr" => {
                let Tok::Str(s) = self.s.next_token() else {
                    return Err(self.barf("prefix match pattern must be a string"));
                };
                self.s.finish_text();
                let range = parse_cidr(s).map_err(PolicyError::Plain)?;
                self.expect_end_object(ONE_KEY)?;
                Ok(Op::Cidr(range))
            }
            other => Err(self.barf(format!("Unrecognized match type {other}"))),
        }
    }

    fn anything_but(&mut self) -> Result<Op, PolicyError> {
        let t = self.s.next_token();
        if t == Tok::StartObject {
            let op = match self.s.next_token() {
                Tok::Field(op) => op,
                _ => return Err(self.barf("Anything-But expression name not found")),
            };
            if op != "prefix" {
                return Err(self.barf(format!("Unsupported anything-but pattern: {op}")));
            }
            let Tok::Str(s) = self.s.next_token() else {
                return Err(self.barf("prefix match pattern must be a string"));
            };
            self.s.finish_text();
            if s.is_empty() {
                return Err(self.barf("Null prefix not allowed"));
            }
            self.expect_end_object("Only one key allowed in match expression")?;
            self.expect_end_object("Only one key allowed in match expression")?;
            return Ok(Op::AnythingButPrefix(PolicyStr::new(s)));
        }
        let op = match t {
            Tok::Str(s) => {
                self.s.finish_text();
                Op::AnythingBut(alloc::vec![PolicyStr::new(s)])
            }
            Tok::Num(n) => Op::AnythingButNumber(alloc::vec![n]),
            Tok::StartArray => {
                let (mut strings, mut numbers) = (Vec::new(), Vec::new());
                loop {
                    match self.s.next_token() {
                        Tok::EndArray | Tok::End => break,
                        Tok::Str(s) => {
                            self.s.finish_text();
                            strings.push(PolicyStr::new(s));
                        }
                        Tok::Num(n) => numbers.push(n),
                        _ => {
                            return Err(
                                self.barf("Inside anything but list, start|null|boolean is not supported.")
                            )
                        }
                    }
                }
                if strings.is_empty() == numbers.is_empty() {
                    return Err(self.barf(
                        "Inside anything but list, either all values are number or string, mixed type is not supported",
                    ));
                }
                if numbers.is_empty() {
                    Op::AnythingBut(strings)
                } else {
                    Op::AnythingButNumber(numbers)
                }
            }
            _ => {
                return Err(self.barf("Value of anything-but must be an array or single string/number value."))
            }
        };
        self.expect_end_object("Too many elements in numeric expression")?;
        Ok(op)
    }

    /// `["=", n]`, `[op, n]`, `[">"|">=", lo, "<"|"<=", hi]` (after its `[`).
    fn numeric(&mut self) -> Result<Range, PolicyError> {
        const TOO_MANY: &str = "Too many elements in numeric expression";
        let Tok::Str(op) = self.s.next_token() else {
            return Err(self.barf(format!("Invalid member in numeric match: {}", self.s.last_text())));
        };
        self.s.finish_text();
        let value = self.s.next_token();
        let number = |t: Tok<'_>| if let Tok::Num(n) = t { Some(n) } else { None };
        match op {
            "=" => {
                let v = number(value).ok_or_else(|| self.barf("Value of equals must be numeric"))?;
                if self.s.next_token() != Tok::EndArray {
                    return Err(self.barf(TOO_MANY));
                }
                Ok(Range::equals(v))
            }
            ">" | ">=" => {
                let v = number(value).ok_or_else(|| self.barf(format!("Value of {op} must be numeric")))?;
                let low = Some((v, op == ">="));
                match self.s.next_token() {
                    Tok::EndArray => Ok(Range { low, high: None }),
                    Tok::Str(op2) => {
                        self.s.finish_text();
                        if op2 != "<" && op2 != "<=" {
                            return Err(self.barf(format!("Bad numeric range operator: {op2}")));
                        }
                        let top = number(self.s.next_token())
                            .ok_or_else(|| self.barf(format!("Value of {op2} must be numeric")))?;
                        if self.s.next_token() != Tok::EndArray {
                            return Err(self.barf("Too many terms in numeric range expression"));
                        }
                        if v >= top {
                            return Err(self.barf("Bottom must be less than top"));
                        }
                        Ok(Range { low, high: Some((top, op2 == "<=")) })
                    }
                    _ => Err(self.barf(format!("Bad value in numeric range: {}", self.s.last_text()))),
                }
            }
            "<" | "<=" => {
                let v = number(value).ok_or_else(|| self.barf(format!("Value of {op} must be numeric")))?;
                if self.s.next_token() != Tok::EndArray {
                    return Err(self.barf(TOO_MANY));
                }
                Ok(Range { low: None, high: Some((v, op == "<=")) })
            }
            other => Err(self.barf(format!("Unrecognized numeric range operator: {other}"))),
        }
    }
}
