//! [`Session`]: runs a scenario statement by statement. The CLI runs it all; the playground
//! steps one line, runs to a line, shows the current line and the events of each line.
//!
//! ```
//! use decouple_script::{Options, Session};
//! let mut s = Session::new("X=hello\necho $X\nexpect queue nope visible == 0\n", Options::default());
//! assert_eq!(s.current_line(), Some(1));
//! s.step();
//! assert_eq!(s.current_line(), Some(2));
//! s.run_all();
//! assert_eq!(s.results()[1].stdout, "hello\n");
//! ```

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use decouple_engine::{ApiError, Cloud, Config, Instant};
use serde::Serialize;
use serde_json::{json, Value};

use crate::actors::autoscale::{Autoscaler, Decision, PERIOD_MS};
use crate::actors::consumer::{Consumer, LambdaMode};
use crate::actors::spec::ActorSpec;
use crate::actors::stream::StreamReader;
use crate::actors::{Actor, Kind, Producer};
use crate::args::{self, AwsCall, ExpWord, Files};
use crate::error::{closest, Pos, ScriptError};
use crate::lex::{Part, Word};
use crate::output::{self, Format};
use crate::parse::{parse_script, Stmt, StmtKind};
use crate::template;
use crate::trace::{ScriptEventKind as Ev, Trace};
use crate::world::{Limits, World};

/// How a session runs.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Seed of the engine and of `{{choice}}`-style templates.
    pub seed: u64,
    /// The engine's AWS-like liberties (`--chaos`).
    pub chaos: bool,
    /// Keep running after a script error.
    pub keep_going: bool,
    /// Files for `file://NAME` besides those the script embeds.
    pub files: Files,
    pub limits: Limits,
}

/// What one statement did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// A statement without output (sleep, assignment, actor …).
    Done,
    /// An AWS command's output (after `--query`).
    Ok { output: Value },
    /// An AWS error answer.
    ApiError { error: ApiError },
    /// An error in the script (with line and column).
    ScriptError { error: ScriptError },
    /// An `expect`.
    Check { passed: bool, expected: String, actual: String, check: String, pos: Pos },
}

/// The result of one executed line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineResult {
    pub line: u32,
    pub col: u32,
    pub source: String,
    pub outcome: Outcome,
    /// What the AWS CLI (or `echo`, `cat`) printed on standard output.
    pub stdout: String,
    /// What went to standard error (AWS error messages).
    pub stderr: String,
    /// Engine and script events of the line, in order.
    pub events: Vec<Trace>,
    /// The virtual clock after the line.
    pub clock: Instant,
}

impl LineResult {
    /// True for a script error or a failed check.
    pub fn is_failure(&self) -> bool {
        matches!(self.outcome, Outcome::ScriptError { .. } | Outcome::Check { passed: false, .. })
    }

    /// The `decouple run --json` object of this line.
    pub fn to_json(&self, with_events: bool) -> Value {
        let mut v = match &self.outcome {
            Outcome::Done => {
                let mut o = json!({"line": self.line, "ok": {}});
                if !self.stdout.is_empty() {
                    o["stdout"] = json!(self.stdout);
                }
                o
            }
            Outcome::Ok { output } => json!({"line": self.line, "ok": output}),
            Outcome::ApiError { error } => {
                let mut o = decouple_engine::api::error_line(error);
                o["line"] = json!(self.line);
                o
            }
            Outcome::ScriptError { error } => {
                let mut o =
                    json!({"line": error.pos.line, "col": error.pos.col, "script_error": error.message});
                if let Some(s) = &error.suggestion {
                    o["suggestion"] = json!(s);
                }
                o
            }
            Outcome::Check { passed, expected, actual, check, pos } => json!({
                "line": pos.line, "col": pos.col, "check": if *passed { "passed" } else { "failed" },
                "expression": check, "expected": expected, "actual": actual,
            }),
        };
        if with_events {
            v["events"] = Value::Array(self.events.iter().map(Trace::to_json).collect());
        }
        v
    }
}

/// A running scenario.
#[derive(Clone, Debug)]
pub struct Session {
    stmts: Vec<Stmt>,
    next: usize,
    halted: bool,
    keep_going: bool,
    world: World,
    vars: BTreeMap<String, String>,
    files: Files,
    actors: Vec<Actor>,
    last_output: Option<Value>,
    last_error: Option<ApiError>,
    results: Vec<LineResult>,
}

/// A failure while running one statement.
enum Fail {
    Script(ScriptError),
    Api(ApiError),
}

impl From<ScriptError> for Fail {
    fn from(e: ScriptError) -> Self {
        Fail::Script(e)
    }
}

impl Session {
    /// Parses `source` (parse errors surface when their line is reached).
    pub fn new(source: &str, options: Options) -> Self {
        let config = Config { seed: options.seed, chaos: options.chaos, ..Default::default() };
        Self {
            stmts: parse_script(source),
            next: 0,
            halted: false,
            keep_going: options.keep_going,
            world: World::new(Cloud::new(config), options.limits, options.seed),
            vars: BTreeMap::new(),
            files: options.files,
            actors: Vec::new(),
            last_output: None,
            last_error: None,
            results: Vec::new(),
        }
    }

    /// The simulated cloud (for the playground's views).
    pub fn cloud(&self) -> &Cloud {
        &self.world.cloud
    }

    /// Where the scenario started on the virtual clock.
    pub fn start(&self) -> Instant {
        self.world.start
    }

    /// Every error that can be found without running: parse errors, and unknown commands or
    /// options of `aws` statements (for an editor to underline). Running reports them again
    /// when their line is reached.
    pub fn diagnostics(&self) -> Vec<ScriptError> {
        let mut out = Vec::new();
        for s in &self.stmts {
            collect_diagnostics(s, &mut out);
        }
        out
    }

    /// Lines of the statements, in order.
    pub fn lines(&self) -> Vec<u32> {
        self.stmts.iter().map(|s| s.pos.line).collect()
    }

    /// The line of the next statement to run, or `None` when finished or halted.
    pub fn current_line(&self) -> Option<u32> {
        if self.halted {
            return None;
        }
        self.stmts.get(self.next).map(|s| s.pos.line)
    }

    pub fn is_done(&self) -> bool {
        self.current_line().is_none()
    }

    /// Results of the lines run so far.
    pub fn results(&self) -> &[LineResult] {
        &self.results
    }

    /// True when a check failed or a script error happened.
    pub fn failed(&self) -> bool {
        self.results.iter().any(LineResult::is_failure)
    }

    /// Names, kinds and next wake-ups of the actors.
    pub fn actors(&self) -> Vec<(String, &'static str, Option<Instant>)> {
        self.actors.iter().map(|a| (a.name.clone(), a.kind_name(), a.wake)).collect()
    }

    /// Variables set so far.
    pub fn vars(&self) -> &BTreeMap<String, String> {
        &self.vars
    }

    /// Runs every remaining statement.
    pub fn run_all(&mut self) -> &[LineResult] {
        while self.step().is_some() {}
        &self.results
    }

    /// Runs statements until the next one is at `line` or later.
    pub fn run_to_line(&mut self, line: u32) {
        while self.current_line().is_some_and(|l| l < line) {
            self.step();
        }
    }

    /// Runs one statement and returns its result.
    pub fn step(&mut self) -> Option<&LineResult> {
        if self.halted {
            return None;
        }
        let stmt = self.stmts.get(self.next)?.clone();
        self.next += 1;
        self.world.steps = 0;
        let outcome = self.exec(&stmt);
        let outcome = match (outcome, self.world.limit_hit.take()) {
            (o @ Outcome::ScriptError { .. }, _) => o,
            (_, Some(limit)) => Outcome::ScriptError { error: ScriptError::new(stmt.pos, limit) },
            (o, None) => o,
        };
        if matches!(outcome, Outcome::ScriptError { .. }) && !self.keep_going {
            self.halted = true;
        }
        let result = LineResult {
            line: stmt.pos.line,
            col: stmt.pos.col,
            source: stmt.text.clone(),
            outcome,
            stdout: core::mem::take(&mut self.world.stdout),
            stderr: core::mem::take(&mut self.world.stderr),
            events: core::mem::take(&mut self.world.trace),
            clock: self.world.now(),
        };
        self.results.push(result);
        self.results.last()
    }

    fn exec(&mut self, stmt: &Stmt) -> Outcome {
        match self.exec_inner(stmt) {
            Ok(o) => o,
            Err(Fail::Script(e)) => Outcome::ScriptError { error: e },
            Err(Fail::Api(e)) => {
                self.last_error = Some(e.clone());
                Outcome::ApiError { error: e }
            }
        }
    }

    fn exec_inner(&mut self, stmt: &Stmt) -> Result<Outcome, Fail> {
        match &stmt.kind {
            StmtKind::Invalid(e) => Err(Fail::Script(e.clone())),
            StmtKind::Aws(words) => {
                let words = self.expand(words)?;
                self.last_error = None;
                match self.run_aws(&words) {
                    Ok((value, printed)) => {
                        self.world.stdout.push_str(&printed);
                        self.last_output = Some(value.clone());
                        Ok(Outcome::Ok { output: value })
                    }
                    Err(e) => Err(e),
                }
            }
            StmtKind::Assign { name, value } => {
                let v = self.expand_one(value)?;
                self.vars.insert(name.clone(), v);
                Ok(Outcome::Done)
            }
            StmtKind::Echo(words) => {
                let words = self.expand(words)?;
                let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                self.world.stdout.push_str(&texts.join(" "));
                self.world.stdout.push('\n');
                Ok(Outcome::Done)
            }
            StmtKind::Cat(word) => {
                let name = self.expand_one(word)?;
                match self.files.get(&name) {
                    Some(b) => {
                        let text = String::from_utf8_lossy(b).into_owned();
                        self.world.stdout.push_str(&text);
                        Ok(Outcome::Done)
                    }
                    None => Err(Fail::Script(ScriptError::new(
                        word.pos,
                        format!("cat: {name}: No such file or directory"),
                    ))),
                }
            }
            StmtKind::File { name, body, expand } => {
                let body =
                    if *expand { self.expand_text(&heredoc_escapes(body), stmt.pos)? } else { body.clone() };
                self.files.insert(name.clone(), body.into_bytes());
                Ok(Outcome::Done)
            }
            StmtKind::Sleep(ms) => {
                let target = self.world.now().plus(*ms);
                self.check_time(target, stmt.pos)?;
                self.run_until(target);
                Ok(Outcome::Done)
            }
            StmtKind::At { at_ms, body } => {
                let at = self.world.start.plus(*at_ms);
                self.check_time(at, stmt.pos)?;
                if at <= self.world.now() {
                    return self.exec_inner(body);
                }
                self.add_actor(
                    stmt.pos,
                    format!("at:{}", stmt.pos.line),
                    Some(at),
                    Kind::Scheduled((**body).clone()),
                )?;
                Ok(Outcome::Done)
            }
            StmtKind::Actor(spec) => {
                self.start_actor(spec, stmt.pos)?;
                Ok(Outcome::Done)
            }
            StmtKind::Stop(name) => {
                let Some(a) = self.actors.iter_mut().find(|a| &a.name == name && a.wake.is_some()) else {
                    let names: Vec<&str> = self.actors.iter().map(|a| a.name.as_str()).collect();
                    return Err(Fail::Script(
                        ScriptError::new(stmt.pos, format!("no running actor named `{name}`"))
                            .suggest(name, names),
                    ));
                };
                a.wake = None;
                self.world.emit(Ev::ActorStopped { actor: name.clone() });
                Ok(Outcome::Done)
            }
            StmtKind::Expect(check) => self.check(check, stmt),
        }
    }

    fn check_time(&self, target: Instant, pos: Pos) -> Result<(), ScriptError> {
        if target.since(self.world.start) > self.world.limits.max_virtual_ms {
            return Err(ScriptError::new(
                pos,
                format!(
                    "virtual time limit reached: a scenario may run at most {} days of virtual time",
                    self.world.limits.max_virtual_ms / 86_400_000
                ),
            ));
        }
        Ok(())
    }

    // ---- expansion ----

    fn var(&self, name: &str, pos: Pos) -> Result<String, ScriptError> {
        self.vars.get(name).cloned().ok_or_else(|| {
            let e = ScriptError::new(pos, format!("variable ${name} is not set"));
            match closest(name, self.vars.keys().map(String::as_str)) {
                Some(c) => e.with_suggestion(format!("did you mean ${c}?")),
                None => e.with_suggestion(format!("set it first: {name}=…")),
            }
        })
    }

    /// Expands words with shell semantics: unquoted expansions split on blanks.
    fn expand(&mut self, words: &[Word]) -> Result<Vec<ExpWord>, Fail> {
        let mut out = Vec::new();
        for w in words {
            let mut fields: Vec<String> = Vec::new();
            let mut cur = String::new();
            let mut has = false;
            for p in &w.parts {
                let (text, quoted) = match p {
                    Part::Lit(t) => {
                        cur.push_str(t);
                        has = has || !t.is_empty() || w.quoted;
                        continue;
                    }
                    Part::Var { name, quoted, pos } => (self.var(name, *pos)?, *quoted),
                    Part::Subst { words, quoted, pos } => (self.substitute(words, *pos)?, *quoted),
                };
                if quoted {
                    cur.push_str(&text);
                    has = true;
                    continue;
                }
                let mut pieces = text.split([' ', '\t', '\n']).filter(|s| !s.is_empty()).peekable();
                if text.starts_with([' ', '\t', '\n']) && has {
                    fields.push(core::mem::take(&mut cur));
                    has = false;
                }
                while let Some(piece) = pieces.next() {
                    cur.push_str(piece);
                    has = true;
                    if pieces.peek().is_some() {
                        fields.push(core::mem::take(&mut cur));
                    }
                }
                if text.ends_with([' ', '\t', '\n']) && has {
                    fields.push(core::mem::take(&mut cur));
                    has = false;
                }
            }
            if has {
                fields.push(cur);
            }
            let quoted_start = w.quoted && matches!(w.parts.first(), Some(Part::Lit(_)));
            for f in fields {
                out.push(ExpWord { text: f, pos: w.pos, quoted: quoted_start });
            }
        }
        Ok(out)
    }

    /// Expands one word without splitting (assignments, names).
    fn expand_one(&mut self, w: &Word) -> Result<String, Fail> {
        let mut s = String::new();
        for p in &w.parts {
            match p {
                Part::Lit(t) => s.push_str(t),
                Part::Var { name, pos, .. } => s.push_str(&self.var(name, *pos)?),
                Part::Subst { words, pos, .. } => s.push_str(&self.substitute(words, *pos)?),
            }
        }
        Ok(s)
    }

    /// `$( … )`: the command's standard output without trailing newlines.
    fn substitute(&mut self, words: &[Word], pos: Pos) -> Result<String, Fail> {
        let words = self.expand(words)?;
        match words.first().map(|w| w.text.as_str()) {
            Some("aws") => {
                let (_, printed) = self.run_aws(&words)?;
                Ok(printed.trim_end_matches('\n').to_string())
            }
            Some("echo") => Ok(words.iter().skip(1).map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")),
            Some("cat") => {
                let name = words.get(1).map(|w| w.text.clone()).unwrap_or_default();
                match self.files.get(&name) {
                    Some(b) => Ok(String::from_utf8_lossy(b).trim_end_matches('\n').to_string()),
                    None => Err(Fail::Script(ScriptError::new(
                        pos,
                        format!("cat: {name}: No such file or directory"),
                    ))),
                }
            }
            _ => Err(Fail::Script(ScriptError::new(pos, "$( … ) may hold an aws, echo or cat command"))),
        }
    }

    // ---- aws ----

    fn run_aws(&mut self, words: &[ExpWord]) -> Result<(Value, String), Fail> {
        let call = args::parse(words, &self.files)?;
        self.run_call(call)
    }

    fn run_call(&mut self, call: AwsCall) -> Result<(Value, String), Fail> {
        let AwsCall { service, action, mut input, query, output: fmt, outfile, warnings } = call;
        for w in warnings {
            self.world.stderr.push_str(&w);
            self.world.stderr.push('\n');
        }
        let wait = input.get("WaitTimeSeconds").and_then(Value::as_u64).unwrap_or(0);
        let result = if action.name == "ReceiveMessage"
            && wait > 0
            && self.actors.iter().any(|a| a.wake.is_some())
        {
            // A long poll while actors run: poll, letting the clock and actors move between
            // polls, until a message arrives or the wait ends (api-contract.md rule 1).
            if let Some(o) = input.as_object_mut() {
                o.insert("WaitTimeSeconds".into(), json!(0));
            }
            let deadline = self.world.now().plus(wait * 1000);
            loop {
                let r = self.world.call(service.engine, action.name, input.clone());
                let got = r
                    .as_ref()
                    .map(|v| v.get("Messages").and_then(Value::as_array).is_some_and(|a| !a.is_empty()));
                if !matches!(got, Ok(false)) || self.world.now() >= deadline || self.world.limit_hit.is_some()
                {
                    break r;
                }
                if !self.run_one(deadline) {
                    self.world.advance_to(deadline);
                }
            }
        } else {
            self.world.call(service.engine, action.name, input)
        };
        let mut value = match result {
            Ok(v) => v,
            Err(e) => {
                self.world.stderr.push_str(&format!(
                    "\nAn error occurred ({}) when calling the {} operation: {}\n",
                    e.query_code, action.name, e.message
                ));
                return Err(Fail::Api(e));
            }
        };
        if let (Some(file), Some(o)) = (outfile, value.as_object_mut()) {
            let member = if action.name == "Invoke" { "Payload" } else { "Body" };
            let bytes = o
                .remove(member)
                .and_then(|b| b.as_str().and_then(crate::value::b64_decode))
                .unwrap_or_default();
            self.files.insert(file, bytes);
        }
        output::humanize(&mut value);
        let queried = query.is_some();
        if let Some(q) = &query {
            value = crate::jmespath::eval(q, &value)
                .map_err(|m| Fail::Script(ScriptError::new(words_pos(&self.stmts, self.next), m)))?;
        }
        let fmt = fmt
            .or_else(|| self.vars.get("AWS_DEFAULT_OUTPUT").and_then(|f| Format::parse(f)))
            .unwrap_or(Format::Json);
        let printed = output::render(&value, fmt, action.name, queried);
        Ok((value, printed))
    }

    // ---- time and actors ----

    /// Runs actors and engine timers up to `target`, then sets the clock to it.
    fn run_until(&mut self, target: Instant) {
        while self.world.limit_hit.is_none() && self.run_one(target) {}
        if self.world.limit_hit.is_none() {
            self.world.advance_to(target);
        }
    }

    /// Runs the next thing due at or before `limit` (an engine deadline first at equal
    /// instants, then actors in creation order). False when nothing is due.
    fn run_one(&mut self, limit: Instant) -> bool {
        let actor = self.actors.iter().enumerate().filter_map(|(i, a)| a.wake.map(|w| (w, i))).min();
        let engine = self.world.cloud.next_deadline();
        let engine_first = match (engine, actor) {
            (Some(e), Some((a, _))) => e <= a,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return false,
        };
        if engine_first {
            let Some(e) = engine else { return false };
            if e > limit {
                return false;
            }
            self.world.advance_to(e);
        } else {
            let Some((t, i)) = actor else { return false };
            if t > limit {
                return false;
            }
            self.world.advance_to(t);
            if !self.world.step() {
                return false;
            }
            self.step_actor(i);
        }
        self.wake_pollers();
        true
    }

    /// Long-polling consumers wake as soon as their queue shows visible messages.
    fn wake_pollers(&mut self) {
        let now = self.world.now();
        let mut depth: BTreeMap<String, u64> = BTreeMap::new();
        for a in self.actors.iter_mut() {
            let (Some(_), Kind::Consumer(c)) = (a.wake, &a.kind) else { continue };
            let Some(since) = c.polling_since() else { continue };
            if since >= now {
                continue;
            }
            let visible = match depth.get(&c.url) {
                Some(v) => *v,
                None => {
                    let v = World::queue_depth(&mut self.world.cloud, &c.url).map(|d| d.0).unwrap_or(0);
                    depth.insert(c.url.clone(), v);
                    v
                }
            };
            if visible > 0 {
                a.wake = Some(now);
            }
        }
    }

    fn step_actor(&mut self, i: usize) {
        let Some(actor) = self.actors.get(i).cloned() else { return };
        let name = actor.name.clone();
        let mut kind = actor.kind;
        let wake = match &mut kind {
            Kind::Consumer(c) => c.step(&mut self.world, &name),
            Kind::Stream(s) => s.step(&mut self.world, &name),
            Kind::Producer(p) => self.produce(&name, p),
            Kind::Autoscale(a) => self.autoscale(&name, a),
            Kind::Scheduled(stmt) => {
                let line = stmt.pos.line;
                self.world.emit(Ev::ScheduledRan { line });
                let stmt = stmt.clone();
                let outcome = self.exec(&stmt);
                self.report_inner(&stmt, outcome);
                None
            }
        };
        if let Some(a) = self.actors.get_mut(i) {
            // `stop` may have run inside a scheduled statement.
            if a.wake.is_some() {
                a.wake = wake;
            }
            a.kind = kind;
        }
    }

    /// Output of a statement run by `at`: printed into the running line.
    fn report_inner(&mut self, stmt: &Stmt, outcome: Outcome) {
        match outcome {
            Outcome::ScriptError { error } => {
                self.world.stderr.push_str(&format!("{error}\n"));
                if self.world.limit_hit.is_none() {
                    self.world.limit_hit = Some(format!(
                        "the statement scheduled on line {} failed: {}",
                        stmt.pos.line,
                        error.text()
                    ));
                }
            }
            Outcome::Check { passed: false, expected, actual, check, .. }
                if self.world.limit_hit.is_none() =>
            {
                self.world.limit_hit = Some(format!(
                    "check `{check}` scheduled on line {} failed: expected {expected}, got {actual}",
                    stmt.pos.line
                ));
            }
            _ => {}
        }
    }

    fn produce(&mut self, name: &str, p: &mut Producer) -> Option<Instant> {
        if p.remaining == Some(0) {
            return None;
        }
        p.seq += 1;
        self.world.messages_sent += 1;
        if self.world.messages_sent > self.world.limits.max_messages && self.world.limit_hit.is_none() {
            self.world.limit_hit = Some(format!(
                "message limit reached: producers may send at most {} messages in one scenario",
                self.world.limits.max_messages
            ));
            return None;
        }
        let words = match self.expand(&p.body) {
            Ok(w) => w,
            Err(Fail::Script(e)) => {
                self.world.limit_hit = Some(format!("producer {name}: {}", e.text()));
                return None;
            }
            Err(Fail::Api(e)) => {
                self.world.actor_error(name, &e);
                return Some(self.world.now().plus(p.every_ms));
            }
        };
        let now_ms = self.world.now().millis();
        let mut expanded = Vec::with_capacity(words.len());
        for w in words {
            let mut cx = template::Ctx { seq: p.seq, actor: name, now_ms, rng: &mut self.world.rng };
            match template::expand(&w.text, &mut cx) {
                Ok(text) => expanded.push(ExpWord { text, ..w }),
                Err(m) => {
                    self.world.limit_hit = Some(format!("producer {name}: {m}"));
                    return None;
                }
            }
        }
        self.world.emit(Ev::ActorSent { actor: name.to_string(), seq: p.seq });
        match args::parse(&expanded, &self.files) {
            Ok(call) => {
                if let Err(Fail::Api(e)) = self.run_call(call) {
                    self.world.actor_error(name, &e);
                }
            }
            Err(e) => {
                self.world.limit_hit = Some(format!("producer {name}: {}", e.text()));
                return None;
            }
        }
        if let Some(r) = p.remaining.as_mut() {
            *r -= 1;
            if *r == 0 {
                return None;
            }
        }
        Some(self.world.now().plus(p.every_ms))
    }

    fn autoscale(&mut self, name: &str, a: &mut Autoscaler) -> Option<Instant> {
        let now = self.world.now();
        let next = Some(now.plus(PERIOD_MS));
        let depth = match World::queue_depth(&mut self.world.cloud, &a.url) {
            Ok(d) => d,
            Err(e) => {
                self.world.actor_error(name, &e);
                return next;
            }
        };
        let value = a.metric_value(depth);
        let from = a.instances.len() as u64;
        match a.decide(now, value) {
            Decision::Hold => {}
            Decision::Out(n) => {
                let Some(template) = self.actors.iter().find(|x| x.name == a.consumer).cloned() else {
                    return next;
                };
                for _ in 0..n {
                    let k = a.instances.len() + 1;
                    let inst = format!("{}-{k}", a.consumer);
                    let mut kind = template.kind.clone();
                    if let Kind::Consumer(c) = &mut kind {
                        *c = Consumer::new(
                            c.url.clone(),
                            c.queue.clone(),
                            c.wait_s,
                            c.batch,
                            c.visibility,
                            c.process_ms,
                            c.fail.clone(),
                            c.crash_after,
                            c.lambda.clone(),
                        );
                    }
                    if self.actors.len() >= self.world.limits.max_actors {
                        self.world.limit_hit = Some(format!(
                            "actor limit reached: at most {} actors",
                            self.world.limits.max_actors
                        ));
                        break;
                    }
                    self.world.emit(Ev::ActorStarted {
                        actor: inst.clone(),
                        kind: "consumer".into(),
                        source: a.queue.clone(),
                    });
                    self.actors.push(Actor { name: inst.clone(), wake: Some(now), kind });
                    a.instances.push(inst);
                }
                a.last_scaled = Some(now);
                let to = a.instances.len() as u64;
                self.world.emit(Ev::ScaledOut {
                    group: name.to_string(),
                    metric: a.metric.clone(),
                    value,
                    from,
                    to,
                });
            }
            Decision::In(n) => {
                for _ in 0..n {
                    let Some(inst) = a.instances.pop() else { break };
                    if let Some(x) = self.actors.iter_mut().find(|x| x.name == inst) {
                        x.wake = None;
                    }
                    self.world.emit(Ev::ActorStopped { actor: inst });
                }
                a.last_scaled = Some(now);
                let to = a.instances.len() as u64;
                self.world.emit(Ev::ScaledIn {
                    group: name.to_string(),
                    metric: a.metric.clone(),
                    value,
                    from,
                    to,
                });
            }
        }
        next
    }

    fn add_actor(&mut self, pos: Pos, name: String, wake: Option<Instant>, kind: Kind) -> Result<(), Fail> {
        if self.actors.len() >= self.world.limits.max_actors {
            return Err(Fail::Script(ScriptError::new(
                pos,
                format!("actor limit reached: at most {} actors", self.world.limits.max_actors),
            )));
        }
        if !matches!(kind, Kind::Scheduled(_)) {
            if self.actors.iter().any(|a| a.name == name) {
                return Err(Fail::Script(ScriptError::new(
                    pos,
                    format!("an actor named `{name}` already exists"),
                )));
            }
            let a = Actor { name: name.clone(), wake, kind };
            let source = match &a.kind {
                Kind::Consumer(c) => c.queue.clone(),
                Kind::Stream(s) => s.stream.clone(),
                Kind::Autoscale(x) => x.queue.clone(),
                _ => String::new(),
            };
            self.world.emit(Ev::ActorStarted { actor: name, kind: a.kind_name().to_string(), source });
            self.actors.push(a);
        } else {
            self.actors.push(Actor { name, wake, kind });
        }
        Ok(())
    }

    fn resolve_queue(&mut self, word: &Word, actor: &str) -> Result<(String, String), Fail> {
        let q = self.expand_one(word)?;
        let url = self.world.queue_url(&q).map_err(|e| {
            Fail::Script(ScriptError::new(
                word.pos,
                format!("{actor}: queue `{q}` not found ({}: {})", e.code, e.message),
            ))
        })?;
        let name = url.rsplit('/').next().unwrap_or(&q).to_string();
        Ok((url, name))
    }

    fn start_actor(&mut self, spec: &ActorSpec, pos: Pos) -> Result<(), Fail> {
        let now = self.world.now();
        match spec {
            ActorSpec::Producer(p) => {
                let kind = Kind::Producer(Producer {
                    every_ms: p.every_ms,
                    remaining: p.count,
                    seq: 0,
                    body: p.body.clone(),
                });
                self.add_actor(pos, p.name.clone(), Some(now.plus(p.start_ms)), kind)
            }
            ActorSpec::Consumer(c) => {
                let (url, queue) = self.resolve_queue(&c.queue, &c.name)?;
                let kind = Kind::Consumer(Consumer::new(
                    url,
                    queue,
                    c.wait_s,
                    c.batch,
                    c.visibility,
                    c.process_ms,
                    c.fail.clone(),
                    c.crash_after,
                    None,
                ));
                self.add_actor(pos, c.name.clone(), Some(now), kind)
            }
            ActorSpec::Lambda(l) => {
                let src = self.expand_one(&l.source)?;
                let is_stream = src.starts_with("arn:aws:kinesis")
                    || (!src.starts_with("arn:aws:sqs")
                        && !src.starts_with("http")
                        && self.world.queue_url(&src).is_err());
                if is_stream {
                    let stream = src.rsplit('/').next().unwrap_or(&src).to_string();
                    self.stream_exists(&stream, &l.source, &l.name)?;
                    let kind = Kind::Stream(StreamReader::new(
                        stream,
                        true,
                        l.from.clone(),
                        l.batch,
                        l.process_ms,
                        1000,
                        l.fail.clone(),
                        None,
                        None,
                    ));
                    self.add_actor(pos, l.name.clone(), Some(now), kind)
                } else {
                    let (url, queue) = self.resolve_queue(&l.source, &l.name)?;
                    let kind = Kind::Consumer(Consumer::new(
                        url,
                        queue,
                        20,
                        l.batch,
                        None,
                        l.process_ms,
                        l.fail.clone(),
                        None,
                        Some(LambdaMode { report_item_failures: l.report_item_failures }),
                    ));
                    self.add_actor(pos, l.name.clone(), Some(now), kind)
                }
            }
            ActorSpec::KinesisConsumer(k) => {
                let stream = self.expand_one(&k.stream)?;
                let stream = stream.rsplit('/').next().unwrap_or(&stream).to_string();
                self.stream_exists(&stream, &k.stream, &k.name)?;
                let kind = Kind::Stream(StreamReader::new(
                    stream,
                    false,
                    k.from.clone(),
                    k.batch,
                    k.process_ms,
                    k.poll_ms,
                    k.fail.clone(),
                    k.checkpoint_every,
                    k.crash_after,
                ));
                self.add_actor(pos, k.name.clone(), Some(now), kind)
            }
            ActorSpec::Autoscale(a) => {
                let (url, queue) = self.resolve_queue(&a.queue, &a.group)?;
                let Some(base) = self.actors.iter().find(|x| x.name == a.consumer) else {
                    let names: Vec<&str> = self.actors.iter().map(|x| x.name.as_str()).collect();
                    return Err(Fail::Script(
                        ScriptError::new(
                            pos,
                            format!("autoscale: no consumer named `{}` (start it first)", a.consumer),
                        )
                        .suggest(&a.consumer, names),
                    ));
                };
                if !matches!(base.kind, Kind::Consumer(_)) {
                    return Err(Fail::Script(ScriptError::new(
                        pos,
                        format!("autoscale: `{}` is not a queue consumer", a.consumer),
                    )));
                }
                let scaler = Autoscaler {
                    consumer: a.consumer.clone(),
                    url,
                    queue,
                    metric: a.metric.clone(),
                    cmp: a.cmp,
                    threshold: a.threshold,
                    add: a.add,
                    remove: a.remove,
                    min: a.min,
                    max: a.max,
                    cooldown_ms: a.cooldown_ms,
                    instances: alloc::vec![a.consumer.clone()],
                    last_scaled: None,
                };
                self.add_actor(pos, a.group.clone(), Some(now.plus(PERIOD_MS)), Kind::Autoscale(scaler))
            }
        }
    }

    fn stream_exists(&mut self, stream: &str, word: &Word, actor: &str) -> Result<(), Fail> {
        match self.world.call("kinesis", "DescribeStreamSummary", json!({ "StreamName": stream })) {
            Ok(_) => Ok(()),
            Err(e) => Err(Fail::Script(ScriptError::new(
                word.pos,
                format!("{actor}: no queue or stream named `{stream}` ({}: {})", e.code, e.message),
            ))),
        }
    }

    // ---- checks ----

    fn check(&mut self, check: &crate::check::Check, stmt: &Stmt) -> Result<Outcome, Fail> {
        let (verdict, text) = crate::checks_eval::evaluate(self, check, stmt)?;
        Ok(Outcome::Check {
            passed: verdict.passed,
            expected: verdict.expected,
            actual: verdict.actual,
            check: text,
            pos: stmt.pos,
        })
    }

    // Accessors for check evaluation.
    pub(crate) fn last_output(&self) -> Option<&Value> {
        self.last_output.as_ref()
    }
    pub(crate) fn last_error(&self) -> Option<&ApiError> {
        self.last_error.as_ref()
    }
    pub(crate) fn world(&self) -> &World {
        &self.world
    }
    pub(crate) fn expand_word(&mut self, w: &Word) -> Result<String, ScriptError> {
        match self.expand_one(w) {
            Ok(s) => Ok(s),
            Err(Fail::Script(e)) => Err(e),
            Err(Fail::Api(e)) => Err(ScriptError::new(w.pos, format!("{}: {}", e.code, e.message))),
        }
    }
    pub(crate) fn expand_text(&self, text: &str, pos: Pos) -> Result<String, ScriptError> {
        // `$NAME` / `${NAME}` inside an expect expression.
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find('$') {
            out.push_str(rest.get(..i).unwrap_or(""));
            let after = rest.get(i + 1..).unwrap_or("");
            let (name, tail) = if let Some(b) = after.strip_prefix('{') {
                match b.find('}') {
                    Some(j) => (b.get(..j).unwrap_or(""), b.get(j + 1..).unwrap_or("")),
                    None => return Err(ScriptError::new(pos, "unterminated ${")),
                }
            } else {
                let n = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
                (after.get(..n).unwrap_or(""), after.get(n..).unwrap_or(""))
            };
            if name.is_empty() {
                out.push('$');
            } else {
                out.push_str(&self.var(name, pos)?);
            }
            rest = tail;
        }
        out.push_str(rest);
        Ok(out.replace(LITERAL_DOLLAR, "$"))
    }
    pub(crate) fn all_traces(&self) -> impl Iterator<Item = &Trace> {
        self.results.iter().flat_map(|r| r.events.iter()).chain(self.world.trace.iter())
    }
    pub(crate) fn group_size(&self, name: &str) -> Option<u64> {
        self.actors.iter().find_map(|a| match &a.kind {
            Kind::Autoscale(x) if a.name == name => Some(x.instances.len() as u64),
            _ => None,
        })
    }
    pub(crate) fn actor_names(&self) -> Vec<String> {
        self.actors.iter().map(|a| a.name.clone()).collect()
    }
}

fn words_pos(stmts: &[Stmt], next: usize) -> Pos {
    stmts.get(next.saturating_sub(1)).map(|s| s.pos).unwrap_or_default()
}

/// In an unquoted here-document a backslash escapes `\\` and `` ` ``; `\$` stays for
/// [`Session::expand_text`] to read as a literal dollar (marked with a private-use character).
fn heredoc_escapes(body: &str) -> String {
    let mut out = String::new();
    let mut it = body.chars().peekable();
    while let Some(c) = it.next() {
        match (c, it.peek()) {
            ('\\', Some('$')) => {
                it.next();
                out.push(LITERAL_DOLLAR);
            }
            ('\\', Some('\\' | '`')) => {
                out.extend(it.next());
            }
            _ => out.push(c),
        }
    }
    out
}

/// Stands for an escaped `$` until expansion is done.
const LITERAL_DOLLAR: char = '\u{E024}';

fn collect_diagnostics(s: &Stmt, out: &mut Vec<ScriptError>) {
    match &s.kind {
        StmtKind::Invalid(e) => out.push(e.clone()),
        StmtKind::At { body, .. } => collect_diagnostics(body, out),
        StmtKind::Aws(words) => {
            if let Some(e) = static_aws_error(words) {
                out.push(e);
            }
        }
        StmtKind::Actor(crate::actors::spec::ActorSpec::Producer(p)) => {
            if let Some(e) = static_aws_error(&p.body) {
                out.push(e);
            }
        }
        _ => {}
    }
}

/// Names in an `aws` command that are wrong whatever the variables hold: the service, the
/// command, an option. Expansions and templates are replaced by a placeholder.
fn static_aws_error(words: &[Word]) -> Option<ScriptError> {
    let exp: Vec<ExpWord> = words
        .iter()
        .map(|w| ExpWord { text: w.literal().unwrap_or_else(|| "x".into()), pos: w.pos, quoted: w.quoted })
        .collect();
    match args::parse(&exp, &Files::new()) {
        Err(e)
            if e.message.starts_with("aws: error: argument operation")
                || e.message.starts_with("aws: error: argument command")
                || e.message.starts_with("aws: error: Unknown options: --") =>
        {
            Some(e)
        }
        _ => None,
    }
}
