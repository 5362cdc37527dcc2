//! A script inside the simulation: running it statement by statement, playing its sleeps in
//! slices (so the playground shows them in real time), and scrubbing back into its run.
//!
//! The clicks recorded after a script start from where it stopped (`Sim::snapshots[0]`).
//! Scrubbing back before that instant restores the latest script snapshot at or before the
//! target (taken after every statement and every few seconds inside a sleep) and replays the
//! script up to the target, never further than the script had run ("the live script"). A
//! click or a script step made there cuts off the script's recorded future, like typing after
//! an undo.

use decouple_engine::Instant;
use decouple_script::LineResult;
use serde_json::Value;

use super::{Script, Sim, Snapshot};
use crate::world::World;

/// Snapshots kept (thinned by half beyond this).
const MAX_SNAPSHOTS: usize = 64;
/// Least virtual time between two snapshots inside a sleep.
const MIN_GAP_MS: u64 = 5_000;

#[derive(Clone)]
struct ScriptSnapshot {
    script: Box<Script>,
    world: World,
}

impl ScriptSnapshot {
    fn at(&self) -> Instant {
        self.script.session.cloud().now()
    }
}

/// The script's snapshots, and the live script while the view is in its past.
#[derive(Clone, Default)]
pub(super) struct History {
    snapshots: Vec<ScriptSnapshot>,
    live: Option<Box<Script>>,
}

impl Sim {
    /// Plays the sleep that is the script's next statement up to `limit` (actors and timers
    /// run, their events animate); false when there is no such sleep or it ends by `limit`
    /// (then [`Sim::script_step`] finishes it). See `Session::wait_toward`.
    pub fn script_wait_toward(&mut self, limit: Instant) -> bool {
        self.cut_script_future();
        let before = self.now();
        if !self.wait_inner(limit) {
            return false;
        }
        if self.now() != before {
            self.restart_clicks();
            self.record_script_snapshot(false);
        }
        true
    }

    /// Runs the script's next statement (the clicks recorded after it are dropped).
    pub fn script_step(&mut self) -> Option<LineResult> {
        self.cut_script_future();
        let r = self.step_inner()?;
        self.restart_clicks();
        self.record_script_snapshot(true);
        Some(r)
    }

    /// True when the script's next statement is a sleep.
    pub fn script_next_waits(&self) -> bool {
        self.script.as_ref().is_some_and(|s| s.session.next_waits())
    }

    /// True when there is no script, or it has nothing left to run.
    pub fn script_done(&self) -> bool {
        self.script.as_ref().is_none_or(|s| s.session.is_done())
    }

    /// True while the view is inside the script's run, before where it stopped.
    pub fn in_script_past(&self) -> bool {
        self.history.live.is_some()
    }

    fn wait_inner(&mut self, limit: Instant) -> bool {
        let Some(script) = self.script.as_mut() else { return false };
        if !script.session.wait_toward(limit) {
            return false;
        }
        let fresh: Vec<Value> =
            script.session.pending_events().iter().skip(script.applied).map(|e| e.to_json()).collect();
        script.applied += fresh.len();
        let now = script.session.cloud().now();
        script.waited = Some(now.since(script.session.start()));
        if fresh.is_empty() && now == self.cloud.now() {
            return true;
        }
        self.cloud = script.session.cloud().clone();
        let _ = self.cloud.drain_events();
        for e in &fresh {
            self.world.apply_event_json(e);
        }
        self.world.tick(now.millis());
        true
    }

    fn step_inner(&mut self) -> Option<LineResult> {
        let script = self.script.as_mut()?;
        let r = script.session.step()?.clone();
        script.ran += 1;
        let shown = std::mem::take(&mut script.applied);
        script.waited = None;
        self.cloud = script.session.cloud().clone();
        let _ = self.cloud.drain_events();
        for e in r.events.iter().skip(shown) {
            self.world.apply_event_json(&e.to_json());
        }
        self.world.tick(self.cloud.now().millis());
        Some(r)
    }

    /// The script moved: the clicks start again from here.
    fn restart_clicks(&mut self) {
        self.steps.clear();
        self.pos = 0;
        self.partial = 0;
        self.snapshots = vec![Snapshot { pos: 0, cloud: self.cloud.clone(), world: self.world.clone() }];
    }

    /// Takes a script snapshot (after a statement; inside a sleep, every few seconds).
    pub(super) fn record_script_snapshot(&mut self, force: bool) {
        let Some(script) = self.script.as_ref() else { return };
        let now = self.now();
        let gap = MIN_GAP_MS.max(now.since(self.origin) / 40);
        let due = self.history.snapshots.last().is_none_or(|s| now.since(s.at()) >= gap);
        if !(force || due) {
            return;
        }
        self.history.snapshots.push(ScriptSnapshot { script: script.clone(), world: self.world.clone() });
        if self.history.snapshots.len() > MAX_SNAPSHOTS {
            let mut i = 0;
            self.history.snapshots.retain(|_| {
                i += 1;
                i == 1 || i % 2 == 0
            });
        }
    }

    /// Where the script stopped (the clicks' start).
    fn script_end(&self) -> Instant {
        self.snapshots.first().map(|s| s.cloud.now()).unwrap_or_else(|| self.now())
    }

    /// The scenario's end while the view is in the script's past.
    pub(super) fn live_end(&self) -> Instant {
        let ms: u64 = self.steps.iter().map(|s| if let super::Step::Advance(ms) = s { *ms } else { 0 }).sum();
        self.script_end().plus(ms)
    }

    /// A click or a script step in the script's past: the script's future is dropped and the
    /// present continues from here.
    pub(super) fn cut_script_future(&mut self) {
        if self.history.live.take().is_none() {
            return;
        }
        let now = self.now();
        let ran = self.script.as_ref().map(|s| s.ran).unwrap_or(0);
        self.history.snapshots.retain(|s| s.script.ran <= ran && s.at() <= now);
        self.restart_clicks();
    }

    /// Seeks inside the script's run; false when `t` is not before the script's end (then
    /// the clicks' history applies, from the live script's end).
    pub(super) fn seek_script(&mut self, t: Instant) -> bool {
        if self.script.is_none() || self.history.snapshots.is_empty() {
            return false;
        }
        if t >= self.script_end() {
            if let Some(live) = self.history.live.take() {
                // Back to where the script stopped; the clicks replay from there.
                self.script = Some(live);
                if let Some(s) = self.snapshots.first().cloned() {
                    self.cloud = s.cloud;
                    self.world = s.world;
                }
                self.pos = 0;
                self.partial = 0;
            }
            return false;
        }
        let was_past = self.history.live.is_some();
        let Some(live) = self.history.live.take().or_else(|| self.script.clone()) else { return false };
        let forward = was_past && t >= self.now();
        if !forward {
            let snap = self
                .history
                .snapshots
                .iter()
                .rev()
                .find(|s| s.at() <= t && s.script.ran <= live.ran)
                .or_else(|| self.history.snapshots.first())
                .cloned();
            if let Some(s) = snap {
                self.cloud = s.script.session.cloud().clone();
                let _ = self.cloud.drain_events();
                self.script = Some(s.script);
                self.world = s.world;
            }
        }
        // Replay up to t, no further than the live script ran.
        for _ in 0..100_000 {
            let ran = self.script.as_ref().map(|s| s.ran).unwrap_or(live.ran);
            if ran >= live.ran {
                if let Some(w) = live.waited {
                    let stop = self.origin.plus(w);
                    self.wait_inner(if t < stop { t } else { stop });
                }
                break;
            }
            if self.script_next_waits() && self.wait_inner(t) {
                break;
            }
            if self.step_inner().is_none() {
                break;
            }
        }
        self.history.live = Some(live);
        true
    }
}
