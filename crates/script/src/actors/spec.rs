//! Actor statements:
//!
//! ```text
//! producer NAME every 2s [count N] [start 5s]: <aws command with {{templates}}>
//! consumer NAME on QUEUE [wait 20] [batch 10] [visibility 30] [process 45s]
//!          [fail every 3rd | fail when body contains X] [crash after 5]
//! lambda NAME on QUEUE|STREAM [batch 10] [process 2s] [fail …] [report-batch-item-failures]
//!          [from TRIM_HORIZON|LATEST]
//! kinesis-consumer NAME on STREAM [from TRIM_HORIZON|LATEST] [checkpoint every 10]
//!          [process 100ms] [poll 1s] [fail …] [crash after N]
//! autoscale GROUP of CONSUMER on QUEUE when ApproximateNumberOfMessagesVisible > 1000
//!          add 2 [remove 1 when < 100] [min 1 max 10] [cooldown 60s]
//! ```

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::error::{Pos, ScriptError};
use crate::jmespath::Cmp;
use crate::lex::Word;
use crate::parse::{duration, lit};
use decouple_engine::float::parse_f64;

/// When a consumer's processing fails.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Fail {
    #[default]
    Never,
    /// Every nth message handled fails (`fail every 3rd`).
    EveryNth(u64),
    /// Messages whose body contains the text fail.
    BodyContains(String),
    /// Every message fails.
    Always,
}

#[derive(Clone, Debug)]
pub struct ProducerSpec {
    pub name: String,
    pub every_ms: u64,
    pub count: Option<u64>,
    pub start_ms: u64,
    /// The command, `aws` first; `{{…}}` templates are expanded at each tick.
    pub body: Vec<Word>,
}

#[derive(Clone, Debug)]
pub struct ConsumerSpec {
    pub name: String,
    pub queue: Word,
    pub wait_s: u64,
    pub batch: u64,
    pub visibility: Option<u64>,
    pub process_ms: u64,
    pub fail: Fail,
    pub crash_after: Option<u64>,
}

#[derive(Clone, Debug)]
pub struct LambdaSpec {
    pub name: String,
    pub source: Word,
    pub batch: u64,
    pub process_ms: u64,
    pub fail: Fail,
    pub report_item_failures: bool,
    pub from: String,
}

#[derive(Clone, Debug)]
pub struct KinesisConsumerSpec {
    pub name: String,
    pub stream: Word,
    pub from: String,
    pub checkpoint_every: Option<u64>,
    pub process_ms: u64,
    pub poll_ms: u64,
    pub batch: u64,
    pub fail: Fail,
    pub crash_after: Option<u64>,
}

#[derive(Clone, Debug)]
pub struct AutoscaleSpec {
    pub group: String,
    pub consumer: String,
    pub queue: Word,
    pub metric: String,
    pub cmp: Cmp,
    pub threshold: f64,
    pub add: u64,
    pub remove: Option<(u64, Cmp, f64)>,
    pub min: u64,
    pub max: u64,
    pub cooldown_ms: u64,
}

#[derive(Clone, Debug)]
pub enum ActorSpec {
    Producer(ProducerSpec),
    Consumer(ConsumerSpec),
    Lambda(LambdaSpec),
    KinesisConsumer(KinesisConsumerSpec),
    Autoscale(AutoscaleSpec),
}

impl ActorSpec {
    pub fn name(&self) -> &str {
        match self {
            ActorSpec::Producer(p) => &p.name,
            ActorSpec::Consumer(c) => &c.name,
            ActorSpec::Lambda(l) => &l.name,
            ActorSpec::KinesisConsumer(k) => &k.name,
            ActorSpec::Autoscale(a) => &a.group,
        }
    }
}

/// Walks the option words of an actor statement.
struct Opts<'a> {
    words: &'a [Word],
    i: usize,
    last: Pos,
}

impl<'a> Opts<'a> {
    fn next_word(&mut self, what: &str) -> Result<&'a Word, ScriptError> {
        match self.words.get(self.i) {
            Some(w) => {
                self.i += 1;
                self.last = w.pos;
                Ok(w)
            }
            None => Err(ScriptError::new(self.last, format!("missing {what}"))),
        }
    }
    fn text(&mut self, what: &str) -> Result<String, ScriptError> {
        let w = self.next_word(what)?;
        lit(w, what)
    }
    fn number(&mut self, what: &str) -> Result<u64, ScriptError> {
        let w = self.next_word(what)?;
        let t = lit(w, what)?;
        t.parse().map_err(|_| ScriptError::new(w.pos, format!("{what} must be a whole number, not `{t}`")))
    }
    fn dur(&mut self, what: &str) -> Result<u64, ScriptError> {
        let w = self.next_word(what)?;
        let t = lit(w, what)?;
        duration(&t, true).map_err(|m| ScriptError::new(w.pos, m))
    }
    fn keyword(&mut self, kw: &str) -> Result<(), ScriptError> {
        let w = self.next_word(kw)?;
        match w.literal() {
            Some(t) if t == kw => Ok(()),
            _ => Err(ScriptError::new(w.pos, format!("expected `{kw}`"))),
        }
    }
    fn done(&self) -> bool {
        self.i >= self.words.len()
    }
}

fn unknown_option(w: &Word, t: &str, known: &[&str]) -> ScriptError {
    ScriptError::new(w.pos, format!("unknown actor option `{t}`"))
        .suggest(t, known.iter().copied())
        .with_suggestion_if_none(format!("options: {}", known.join(", ")))
}

trait OrElseSuggestion {
    fn with_suggestion_if_none(self, s: String) -> Self;
}
impl OrElseSuggestion for ScriptError {
    fn with_suggestion_if_none(self, s: String) -> Self {
        if self.suggestion.is_none() {
            self.with_suggestion(s)
        } else {
            self
        }
    }
}

/// `fail every 3rd` | `fail when body contains X` | `fail always`.
fn fail(o: &mut Opts) -> Result<Fail, ScriptError> {
    let w = o.next_word("every, when or always after fail")?;
    match w.literal().as_deref() {
        Some("every") => {
            let w = o.next_word("an ordinal such as 3rd")?;
            let t = lit(w, "the ordinal")?;
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            let suffix = t.get(digits.len()..).unwrap_or("");
            match digits.parse::<u64>() {
                Ok(n) if n > 0 && ["", "st", "nd", "rd", "th"].contains(&suffix) => Ok(Fail::EveryNth(n)),
                _ => Err(ScriptError::new(w.pos, format!("expected an ordinal such as 3rd, not `{t}`"))),
            }
        }
        Some("when") => {
            o.keyword("body")?;
            o.keyword("contains")?;
            let w = o.next_word("the text to look for")?;
            Ok(Fail::BodyContains(lit(w, "the text")?))
        }
        Some("always") => Ok(Fail::Always),
        _ => Err(ScriptError::new(
            w.pos,
            "expected `fail every 3rd`, `fail when body contains X` or `fail always`",
        )),
    }
}

fn cmp_word(w: &Word) -> Result<Cmp, ScriptError> {
    match w.literal().as_deref() {
        Some("==" | "=") => Ok(Cmp::Eq),
        Some("!=") => Ok(Cmp::Ne),
        Some("<") => Ok(Cmp::Lt),
        Some("<=") => Ok(Cmp::Le),
        Some(">") => Ok(Cmp::Gt),
        Some(">=") => Ok(Cmp::Ge),
        _ => Err(ScriptError::new(w.pos, "expected a comparison: == != < <= > >=")),
    }
}

fn float(o: &mut Opts, what: &str) -> Result<f64, ScriptError> {
    let w = o.next_word(what)?;
    let t = lit(w, what)?;
    parse_f64(&t).ok_or_else(|| ScriptError::new(w.pos, format!("{what} must be a number, not `{t}`")))
}

/// Parses an actor statement (the first word names the kind).
pub fn parse(src: &str, words: &[Word]) -> Result<ActorSpec, ScriptError> {
    let _ = src;
    let first = words.first().ok_or_else(|| ScriptError::new(Pos::default(), "empty"))?;
    let kind = first.literal().unwrap_or_default();
    let mut o = Opts { words, i: 1, last: first.pos };
    let name = o.text("an actor name")?;
    match kind.as_str() {
        "producer" => {
            o.keyword("every")?;
            let mut every_ms = 0;
            let mut count = None;
            let mut start_ms = 0;
            // `every 2s [count N] [start 5s]:` — the colon ends the header.
            let mut header: Vec<(String, Pos)> = Vec::new();
            loop {
                let w = o.next_word("`:` and a command")?;
                let t = lit(w, "the producer header")?;
                let (t, colon) = match t.strip_suffix(':') {
                    Some(t) => (t.to_string(), true),
                    None => (t, false),
                };
                if !t.is_empty() {
                    header.push((t, w.pos));
                }
                if colon {
                    break;
                }
            }
            let mut it = header.into_iter();
            while let Some((t, p)) = it.next() {
                if every_ms == 0 {
                    every_ms = duration(&t, true).map_err(|m| ScriptError::new(p, m))?;
                    if every_ms == 0 {
                        return Err(ScriptError::new(p, "a producer's period must be more than 0"));
                    }
                    continue;
                }
                match t.as_str() {
                    "count" => {
                        let (n, np) = it.next().ok_or_else(|| ScriptError::new(p, "missing a count"))?;
                        count = Some(
                            n.parse().map_err(|_| ScriptError::new(np, "count must be a whole number"))?,
                        );
                    }
                    "start" => {
                        let (n, np) =
                            it.next().ok_or_else(|| ScriptError::new(p, "missing a start delay"))?;
                        start_ms = duration(&n, true).map_err(|m| ScriptError::new(np, m))?;
                    }
                    other => {
                        return Err(ScriptError::new(p, format!("unknown producer option `{other}`"))
                            .suggest(other, ["count", "start"]))
                    }
                }
            }
            let body = words.get(o.i..).unwrap_or(&[]).to_vec();
            match body.first().and_then(Word::literal).as_deref() {
                Some("aws") => {}
                _ => {
                    return Err(ScriptError::new(
                        o.last,
                        "a producer runs an aws command: producer NAME every 2s: aws …",
                    ))
                }
            }
            Ok(ActorSpec::Producer(ProducerSpec { name, every_ms, count, start_ms, body }))
        }
        "consumer" => {
            o.keyword("on")?;
            let queue = o.next_word("a queue name or URL")?.clone();
            let mut c = ConsumerSpec {
                name,
                queue,
                wait_s: 20,
                batch: 1,
                visibility: None,
                process_ms: 0,
                fail: Fail::Never,
                crash_after: None,
            };
            const KNOWN: &[&str] = &["wait", "batch", "visibility", "process", "fail", "crash"];
            while !o.done() {
                let w = o.next_word("an option")?;
                let t = w.literal().unwrap_or_default();
                match t.as_str() {
                    "wait" => c.wait_s = o.number("the wait time in seconds")?,
                    "batch" => c.batch = o.number("the batch size")?,
                    "visibility" => c.visibility = Some(o.number("the visibility timeout in seconds")?),
                    "process" => c.process_ms = o.dur("the processing time")?,
                    "fail" => c.fail = fail(&mut o)?,
                    "crash" => {
                        o.keyword("after")?;
                        c.crash_after = Some(o.number("the number of messages before the crash")?);
                    }
                    _ => return Err(unknown_option(w, &t, KNOWN)),
                }
            }
            if c.wait_s > 20 {
                return Err(ScriptError::new(
                    o.last,
                    "wait is the long-poll time: 0 to 20 seconds (WaitTimeSeconds)",
                ));
            }
            if c.batch == 0 || c.batch > 10 {
                return Err(ScriptError::new(o.last, "batch is MaxNumberOfMessages: 1 to 10"));
            }
            Ok(ActorSpec::Consumer(c))
        }
        "lambda" => {
            o.keyword("on")?;
            let source = o.next_word("a queue or stream")?.clone();
            let mut l = LambdaSpec {
                name,
                source,
                batch: 10,
                process_ms: 0,
                fail: Fail::Never,
                report_item_failures: false,
                from: "TRIM_HORIZON".into(),
            };
            const KNOWN: &[&str] = &["batch", "process", "fail", "report-batch-item-failures", "from"];
            while !o.done() {
                let w = o.next_word("an option")?;
                let t = w.literal().unwrap_or_default();
                match t.as_str() {
                    "batch" => l.batch = o.number("the batch size")?,
                    "process" => l.process_ms = o.dur("the processing time")?,
                    "fail" => l.fail = fail(&mut o)?,
                    "report-batch-item-failures" => l.report_item_failures = true,
                    "from" => l.from = o.text("TRIM_HORIZON or LATEST")?,
                    _ => return Err(unknown_option(w, &t, KNOWN)),
                }
            }
            if l.batch == 0 || l.batch > 10_000 {
                return Err(ScriptError::new(o.last, "batch is BatchSize: 1 to 10000"));
            }
            Ok(ActorSpec::Lambda(l))
        }
        "kinesis-consumer" => {
            o.keyword("on")?;
            let stream = o.next_word("a stream name")?.clone();
            let mut k = KinesisConsumerSpec {
                name,
                stream,
                from: "TRIM_HORIZON".into(),
                checkpoint_every: None,
                process_ms: 0,
                poll_ms: 1000,
                batch: 10_000,
                fail: Fail::Never,
                crash_after: None,
            };
            const KNOWN: &[&str] = &["from", "checkpoint", "process", "poll", "batch", "fail", "crash"];
            while !o.done() {
                let w = o.next_word("an option")?;
                let t = w.literal().unwrap_or_default();
                match t.as_str() {
                    "from" => k.from = o.text("TRIM_HORIZON or LATEST")?,
                    "checkpoint" => {
                        o.keyword("every")?;
                        k.checkpoint_every =
                            Some(o.number("the number of records between checkpoints")?.max(1));
                    }
                    "process" => k.process_ms = o.dur("the processing time per record")?,
                    "poll" => k.poll_ms = o.dur("the polling interval")?.max(200),
                    "batch" => k.batch = o.number("the GetRecords limit")?.clamp(1, 10_000),
                    "fail" => k.fail = fail(&mut o)?,
                    "crash" => {
                        o.keyword("after")?;
                        k.crash_after = Some(o.number("the number of records before the crash")?);
                    }
                    _ => return Err(unknown_option(w, &t, KNOWN)),
                }
            }
            if k.from != "TRIM_HORIZON" && k.from != "LATEST" {
                return Err(ScriptError::new(o.last, "from must be TRIM_HORIZON or LATEST"));
            }
            Ok(ActorSpec::KinesisConsumer(k))
        }
        "autoscale" => {
            o.keyword("of")?;
            let consumer = o.text("the consumer actor to scale")?;
            o.keyword("on")?;
            let queue = o.next_word("a queue")?.clone();
            o.keyword("when")?;
            let metric = o.text("a metric such as ApproximateNumberOfMessagesVisible")?;
            const METRICS: &[&str] = &[
                "ApproximateNumberOfMessagesVisible",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
                "BacklogPerInstance",
            ];
            if !METRICS.contains(&metric.as_str()) {
                return Err(ScriptError::new(o.last, format!("unknown metric `{metric}`"))
                    .suggest(&metric, METRICS.iter().copied()));
            }
            let cmp = cmp_word(o.next_word("a comparison")?)?;
            let threshold = float(&mut o, "the threshold")?;
            o.keyword("add")?;
            let add = o.number("how many instances to add")?;
            let mut a = AutoscaleSpec {
                group: name,
                consumer,
                queue,
                metric,
                cmp,
                threshold,
                add,
                remove: None,
                min: 1,
                max: 10,
                cooldown_ms: 60_000,
            };
            const KNOWN: &[&str] = &["remove", "min", "max", "cooldown"];
            while !o.done() {
                let w = o.next_word("an option")?;
                let t = w.literal().unwrap_or_default();
                match t.as_str() {
                    "remove" => {
                        let n = o.number("how many instances to remove")?;
                        o.keyword("when")?;
                        let c = cmp_word(o.next_word("a comparison")?)?;
                        let v = float(&mut o, "the scale-in threshold")?;
                        a.remove = Some((n, c, v));
                    }
                    "min" => a.min = o.number("the minimum size")?,
                    "max" => a.max = o.number("the maximum size")?,
                    "cooldown" => a.cooldown_ms = o.dur("the cooldown")?,
                    _ => return Err(unknown_option(w, &t, KNOWN)),
                }
            }
            if a.min == 0 || a.min > a.max {
                return Err(ScriptError::new(o.last, "need 1 <= min <= max"));
            }
            Ok(ActorSpec::Autoscale(a))
        }
        other => Err(ScriptError::new(first.pos, format!("unknown actor kind `{other}`"))),
    }
}

impl Fail {
    /// Whether the `n`th message handled (1-based) with this body fails.
    pub fn fails(&self, n: u64, body: &str) -> Option<String> {
        match self {
            Fail::Never => None,
            Fail::Always => Some("fail always".to_string()),
            Fail::EveryNth(k) if *k > 0 && n % k == 0 => Some(format!("fail every {}", ordinal(*k))),
            Fail::EveryNth(_) => None,
            Fail::BodyContains(t) if body.contains(t.as_str()) => Some(format!("body contains {t:?}")),
            Fail::BodyContains(_) => None,
        }
    }
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
