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
use alloc::string::String;
use alloc::vec::Vec;
use decouple_engine::{ApiError, Cloud, Config, Instant};
use serde::Serialize;
use serde_json::{json, Value};

use crate::actors::{Actor, Kind};
use crate::args::Files;
use crate::error::{Pos, ScriptError};
use crate::parse::{parse_script, Stmt, StmtKind};
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
    /// Where the `sleep` in progress ends, once [`Session::wait_toward`] started it.
    waiting_until: Option<Instant>,
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
            waiting_until: None,
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
            diagnostics::collect_diagnostics(s, &mut out);
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
        if self.waiting_until.is_none() {
            // A sleep that `wait_toward` started keeps its budget and its trace.
            self.world.steps = 0;
        }
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
                let body = if *expand {
                    self.expand_text(&expand::heredoc_escapes(body), stmt.pos)?
                } else {
                    body.clone()
                };
                self.files.insert(name.clone(), body.into_bytes());
                Ok(Outcome::Done)
            }
            StmtKind::Sleep(ms) => {
                let target = self.waiting_until.take().unwrap_or_else(|| self.world.now().plus(*ms));
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

mod aws;
mod clock;
mod diagnostics;
mod expand;
mod spawn;
