//! Virtual time: advancing to the earlier of the next actor wake-up and the next engine
//! deadline, and stepping actors.

use alloc::format;
use alloc::string::String;
use decouple_engine::collections::VecMap;
use decouple_engine::Instant;

use super::{Outcome, Session};
use crate::actors::Kind;
use crate::parse::{Stmt, StmtKind};
use crate::trace::ScriptEventKind as Ev;
use crate::world::World;

impl Session {
    /// Plays the `sleep` that is the next statement only up to `limit` (actors and engine
    /// timers due by then run), without finishing it: a playground shows a scenario in real
    /// time this way. True when it did so; false when the next statement is not a sleep, or
    /// the sleep ends at or before `limit` (then [`Session::step`] runs it), or a limit was
    /// hit. Stepping after any number of calls gives the same results, events and clock as
    /// stepping alone. The events so far are [`Session::pending_events`].
    pub fn wait_toward(&mut self, limit: Instant) -> bool {
        if self.halted {
            return false;
        }
        let Some(StmtKind::Sleep(ms)) = self.stmts.get(self.next).map(|s| &s.kind) else { return false };
        let target = match self.waiting_until {
            Some(t) => t,
            None => {
                let t = self.world.now().plus(*ms);
                let pos = self.stmts.get(self.next).map(|s| s.pos).unwrap_or_default();
                if self.check_time(t, pos).is_err() {
                    return false;
                }
                self.world.steps = 0;
                self.waiting_until = Some(t);
                t
            }
        };
        if limit >= target || self.world.limit_hit.is_some() {
            return false;
        }
        if limit > self.world.now() {
            self.run_until(limit);
        }
        self.world.limit_hit.is_none()
    }

    /// True when the next statement is a `sleep` (or `advance`): it moves the clock.
    pub fn next_waits(&self) -> bool {
        !self.halted && matches!(self.stmts.get(self.next).map(|s| &s.kind), Some(StmtKind::Sleep(_)))
    }

    /// Events of the statement in progress (a sleep being played by
    /// [`Session::wait_toward`]); [`Session::step`] hands them out in its result.
    pub fn pending_events(&self) -> &[crate::trace::Trace] {
        &self.world.trace
    }

    /// Runs actors and engine timers up to `target`, then sets the clock to it.
    pub(super) fn run_until(&mut self, target: Instant) {
        while self.world.limit_hit.is_none() && self.run_one(target) {}
        if self.world.limit_hit.is_none() {
            self.world.advance_to(target);
        }
    }

    /// Runs the next thing due at or before `limit` (an engine deadline first at equal
    /// instants, then actors in creation order). False when nothing is due.
    pub(super) fn run_one(&mut self, limit: Instant) -> bool {
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
    pub(super) fn wake_pollers(&mut self) {
        let now = self.world.now();
        let mut depth: VecMap<String, u64> = VecMap::new();
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

    pub(super) fn step_actor(&mut self, i: usize) {
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
    pub(super) fn report_inner(&mut self, stmt: &Stmt, outcome: Outcome) {
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
}
