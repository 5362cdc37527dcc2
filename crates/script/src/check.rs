//! `expect` checks:
//!
//! ```text
//! expect <expression>                                  over the last command's output
//!        (.Messages | length == 1, QueueUrl != null, Messages[0].Body == "hi")
//! expect queue NAME visible|inflight|delayed|count OP N      (also `dlq NAME …`)
//! expect stream NAME [shard ID] records OP N
//! expect bucket NAME objects OP N
//! expect no message processed twice [on QUEUE]
//! expect duplicates [on QUEUE] [OP] N                         messages processed more than once
//! expect actor NAME in order                                 per key (first word of the body),
//!                                                            numbers in bodies increase
//! expect subscription NAME received [OP] N
//! expect actor NAME received|processed|failed [OP] N
//! expect group NAME size [OP] N
//! expect event TYPE [count OP N]                             (default: at least once)
//! expect error [CODE]                                        the previous command failed
//! ```

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::error::{Pos, ScriptError};
use crate::jmespath::{self, Cmp, Expr};
use crate::lex::Word;
use crate::parse::lit;
use decouple_engine::float::parse_f64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueMetric {
    Visible,
    InFlight,
    Delayed,
    Count,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorCount {
    Received,
    Processed,
    Failed,
}

#[derive(Clone, Debug)]
pub enum Check {
    /// A lenient JMESPath expression over the last output; `src` may hold `$VAR`s.
    Output {
        src: String,
        expr: Option<Expr>,
        pos: Pos,
    },
    Queue {
        name: Word,
        metric: QueueMetric,
        cmp: Cmp,
        n: f64,
    },
    Stream {
        name: Word,
        shard: Option<Word>,
        cmp: Cmp,
        n: f64,
    },
    Bucket {
        name: Word,
        cmp: Cmp,
        n: f64,
    },
    /// `expect no message processed twice [on SOURCE]`.
    NoneProcessedTwice {
        on: Option<Word>,
    },
    /// `expect duplicates [on SOURCE] OP N`: messages processed more than once.
    Duplicates {
        on: Option<Word>,
        cmp: Cmp,
        n: f64,
    },
    /// `expect actor NAME in order`: per key (the body's first word), the numbers in the
    /// bodies were processed in increasing order.
    InOrder {
        name: String,
    },
    Subscription {
        name: Word,
        cmp: Cmp,
        n: f64,
    },
    Actor {
        name: String,
        what: ActorCount,
        cmp: Cmp,
        n: f64,
    },
    Group {
        name: String,
        cmp: Cmp,
        n: f64,
    },
    Event {
        kind: String,
        cmp: Cmp,
        n: f64,
    },
    Error {
        code: Option<String>,
    },
}

struct W<'a> {
    words: &'a [Word],
    i: usize,
    last: Pos,
}

impl<'a> W<'a> {
    fn next(&mut self, what: &str) -> Result<&'a Word, ScriptError> {
        let w =
            self.words.get(self.i).ok_or_else(|| ScriptError::new(self.last, format!("missing {what}")))?;
        self.i += 1;
        self.last = w.pos;
        Ok(w)
    }
    fn text(&mut self, what: &str) -> Result<String, ScriptError> {
        let w = self.next(what)?;
        lit(w, what)
    }
    fn end(&self) -> Result<(), ScriptError> {
        match self.words.get(self.i) {
            Some(w) => Err(ScriptError::new(w.pos, "unexpected words at the end of the check")),
            None => Ok(()),
        }
    }
    /// `OP N` or `N` (meaning `== N`).
    fn comparison(&mut self, optional_op: bool) -> Result<(Cmp, f64), ScriptError> {
        let w = self.next("a comparison such as == 0")?;
        let t = lit(w, "the comparison")?;
        let op = match t.as_str() {
            "==" | "=" => Some(Cmp::Eq),
            "!=" => Some(Cmp::Ne),
            "<" => Some(Cmp::Lt),
            "<=" => Some(Cmp::Le),
            ">" => Some(Cmp::Gt),
            ">=" => Some(Cmp::Ge),
            _ => None,
        };
        let (op, num_word) = match op {
            Some(op) => (op, self.next("a number")?),
            None if optional_op => (Cmp::Eq, w),
            None => return Err(ScriptError::new(w.pos, "expected a comparison: == != < <= > >=")),
        };
        let t = lit(num_word, "the number")?;
        let n = parse_f64(&t)
            .ok_or_else(|| ScriptError::new(num_word.pos, format!("expected a number, not `{t}`")))?;
        Ok((op, n))
    }
}

pub fn parse(src: &str, words: &[Word]) -> Result<Check, ScriptError> {
    let first = words.first().ok_or_else(|| ScriptError::new(Pos::default(), "empty"))?;
    let Some(second) = words.get(1) else {
        return Err(ScriptError::new(first.pos, "expect needs a check, e.g. expect .Messages | length == 1"));
    };
    let mut w = W { words, i: 2, last: second.pos };
    let head = second.literal().unwrap_or_default();
    let check = match head.as_str() {
        "queue" | "dlq" => {
            let name = w.next("a queue name")?.clone();
            let mw = w.next("visible, inflight, delayed or count")?;
            let m = lit(mw, "the metric")?;
            let metric = match m.as_str() {
                "visible" | "messages" => QueueMetric::Visible,
                "inflight" | "in-flight" | "not-visible" => QueueMetric::InFlight,
                "delayed" => QueueMetric::Delayed,
                "count" | "total" => QueueMetric::Count,
                _ => {
                    return Err(ScriptError::new(mw.pos, format!("unknown queue measure `{m}`"))
                        .suggest(&m, ["visible", "inflight", "delayed", "count"]))
                }
            };
            let (cmp, n) = w.comparison(false)?;
            Check::Queue { name, metric, cmp, n }
        }
        "stream" => {
            let name = w.next("a stream name")?.clone();
            let mut shard = None;
            let mut kw = w.text("records or shard")?;
            if kw == "shard" {
                shard = Some(w.next("a shard id")?.clone());
                kw = w.text("records")?;
            }
            if kw != "records" {
                return Err(ScriptError::new(w.last, "expected `records`"));
            }
            let (cmp, n) = w.comparison(false)?;
            Check::Stream { name, shard, cmp, n }
        }
        "bucket" => {
            let name = w.next("a bucket name")?.clone();
            if w.text("objects")? != "objects" {
                return Err(ScriptError::new(w.last, "expected `objects`"));
            }
            let (cmp, n) = w.comparison(false)?;
            Check::Bucket { name, cmp, n }
        }
        "no" => {
            let rest: Vec<String> = words.get(2..5).unwrap_or(&[]).iter().filter_map(Word::literal).collect();
            if rest.join(" ") != "message processed twice" {
                return Err(ScriptError::new(
                    second.pos,
                    "expected `expect no message processed twice [on QUEUE]`",
                ));
            }
            w.i = 5;
            let on = if w.i < words.len() {
                if w.text("on")? != "on" {
                    return Err(ScriptError::new(w.last, "expected `on QUEUE`"));
                }
                Some(w.next("a queue or stream name")?.clone())
            } else {
                None
            };
            Check::NoneProcessedTwice { on }
        }
        "duplicates" => {
            let mut on = None;
            if words.get(2).and_then(Word::literal).as_deref() == Some("on") {
                w.i = 3;
                on = Some(w.next("a queue or stream name")?.clone());
            }
            let (cmp, n) = w.comparison(true)?;
            Check::Duplicates { on, cmp, n }
        }
        "subscription" => {
            let name = w.next("a subscription (queue or endpoint name)")?.clone();
            if w.text("received")? != "received" {
                return Err(ScriptError::new(w.last, "expected `received`"));
            }
            let (cmp, n) = w.comparison(true)?;
            Check::Subscription { name, cmp, n }
        }
        "actor" if words.get(3).and_then(Word::literal).as_deref() == Some("in") => {
            let name = w.text("an actor name")?;
            w.i = 4;
            if w.text("order")? != "order" {
                return Err(ScriptError::new(w.last, "expected `in order`"));
            }
            Check::InOrder { name }
        }
        "actor" => {
            let name = w.text("an actor name")?;
            let what_w = w.next("received, processed or failed")?;
            let what = match lit(what_w, "the count")?.as_str() {
                "received" => ActorCount::Received,
                "processed" => ActorCount::Processed,
                "failed" => ActorCount::Failed,
                other => {
                    return Err(ScriptError::new(what_w.pos, format!("unknown actor count `{other}`"))
                        .suggest(other, ["received", "processed", "failed"]))
                }
            };
            let (cmp, n) = w.comparison(true)?;
            Check::Actor { name, what, cmp, n }
        }
        "group" => {
            let name = w.text("an autoscale group name")?;
            let kw = w.text("size")?;
            if kw != "size" && kw != "instances" {
                return Err(ScriptError::new(w.last, "expected `size`"));
            }
            let (cmp, n) = w.comparison(true)?;
            Check::Group { name, cmp, n }
        }
        "event" => {
            let kind = w.text("an event type such as MovedToDeadLetterQueue")?;
            let (cmp, n) = if w.i < words.len() {
                if w.text("count")? != "count" {
                    return Err(ScriptError::new(w.last, "expected `count`"));
                }
                w.comparison(true)?
            } else {
                (Cmp::Ge, 1.0)
            };
            Check::Event { kind, cmp, n }
        }
        "error" => {
            let code = if w.i < words.len() { Some(w.text("an error code")?) } else { None };
            Check::Error { code }
        }
        _ => {
            let start = second.start;
            let end = words.last().map(|l| l.end).unwrap_or(second.end);
            let text = src.get(start..end).unwrap_or("").replace("\\\n", " ");
            let expr = if text.contains('$') {
                None
            } else {
                Some(jmespath::parse_lenient(&text).map_err(|e| {
                    ScriptError::new(
                        Pos::new(second.pos.line, second.pos.col + e.offset as u32),
                        format!("bad expression: {}", e.message),
                    )
                })?)
            };
            w.i = words.len();
            Check::Output { src: text, expr, pos: second.pos }
        }
    };
    w.end()?;
    Ok(check)
}

/// The verdict of a check.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Verdict {
    pub passed: bool,
    pub expected: String,
    pub actual: String,
}

impl Verdict {
    pub fn compare(cmp: Cmp, actual: f64, n: f64) -> Self {
        let passed = match cmp {
            Cmp::Eq => actual == n,
            Cmp::Ne => actual != n,
            Cmp::Lt => actual < n,
            Cmp::Le => actual <= n,
            Cmp::Gt => actual > n,
            Cmp::Ge => actual >= n,
        };
        Verdict { passed, expected: format!("{} {}", cmp.symbol(), fmt_num(n)), actual: fmt_num(actual) }
    }
}

pub fn fmt_num(n: f64) -> String {
    if crate::num::is_whole(n) {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
