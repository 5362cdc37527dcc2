//! The simulation the playground shows: a [`Cloud`], the scenario that built it (a list of
//! `decouple api` lines) and a cursor into that scenario, with snapshots for scrubbing back.
//!
//! A scenario is a list of [`Step`]s: calls at the current virtual instant and advances of
//! the clock. Playing forward appends to the trailing advance; scrubbing back restores the
//! nearest snapshot (a `Cloud` clone) and replays the steps deterministically up to the target
//! instant. A new call made while the cursor is in the past cuts off the future, like typing
//! after an undo.

use decouple_engine::{Cloud, Config, Instant};
use decouple_script::{Options, Session};
use serde_json::{json, Value};

use crate::world::World;

mod script;

/// One line of a scenario (the `decouple api` protocol).
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// `{"call": "svc.Action", "input": {...}}`
    Call { service: String, action: String, input: Value },
    /// `{"advance_ms": N}`
    Advance(u64),
}

impl Step {
    /// Parses one `decouple api` line.
    pub fn from_value(v: &Value) -> Option<Step> {
        if let Some(ms) = v.get("advance_ms").and_then(Value::as_u64) {
            return Some(Step::Advance(ms));
        }
        let call = v.get("call")?.as_str()?;
        let (service, action) = call.split_once('.')?;
        let input = match v.get("input") {
            None | Some(Value::Null) => json!({}),
            Some(i) => i.clone(),
        };
        Some(Step::Call { service: service.into(), action: action.into(), input })
    }

    /// The `decouple api` line.
    pub fn to_value(&self) -> Value {
        match self {
            Step::Call { service, action, input } => {
                json!({ "call": format!("{service}.{action}"), "input": input })
            }
            Step::Advance(ms) => json!({ "advance_ms": ms }),
        }
    }
}

/// A scenario as JSON lines.
pub fn to_lines(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        out.push_str(&s.to_value().to_string());
        out.push('\n');
    }
    out
}

/// Parses JSON lines; blank lines and `#` comments are skipped. Errors name the line.
pub fn from_lines(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let v: Value =
            decouple_engine::json_text::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let step = Step::from_value(&v).ok_or_else(|| {
            format!("line {}: expected {{\"call\", \"input\"}} or {{\"advance_ms\"}}", i + 1)
        })?;
        steps.push(step);
    }
    Ok(steps)
}

/// What one applied call answered.
#[derive(Clone, Debug, PartialEq)]
pub struct CallResult {
    pub service: String,
    pub action: String,
    pub input: Value,
    /// `{"ok": …}` or `{"error": …}`, as `decouple api` prints it.
    pub answer: Value,
}

#[derive(Clone)]
struct Snapshot {
    /// Steps applied.
    pos: usize,
    cloud: Cloud,
    world: World,
}

/// A scenario-language script run before the clicks: the [`Session`] and how many of its
/// statements ran. The clicks (`steps`) continue from where the script stopped.
#[derive(Clone)]
pub struct Script {
    pub source: String,
    pub session: Session,
    pub ran: usize,
    /// A sleep in progress, played (animated) up to this many ms after the start.
    pub waited: Option<u64>,
    /// Events of that sleep already shown.
    applied: usize,
}

/// Steps between snapshots.
const SNAPSHOT_EVERY: usize = 16;

/// The running simulation.
#[derive(Clone)]
pub struct Sim {
    pub cloud: Cloud,
    pub world: World,
    pub steps: Vec<Step>,
    /// Steps fully applied.
    pos: usize,
    /// Milliseconds of `steps[pos]` (an advance) already applied.
    partial: u64,
    snapshots: Vec<Snapshot>,
    pub seed: u64,
    /// Where the world started (the scrub bar's 0).
    origin: Instant,
    pub script: Option<Box<Script>>,
    /// Snapshots of the script's run, for scrubbing back into it.
    history: script::History,
}

impl Default for Sim {
    fn default() -> Self {
        Self::new(0)
    }
}

impl Sim {
    pub fn new(seed: u64) -> Self {
        let cloud = Cloud::new(Config { seed, ..Config::default() });
        let world = World::default();
        let snapshots = vec![Snapshot { pos: 0, cloud: cloud.clone(), world: world.clone() }];
        let origin = cloud.now();
        Self {
            cloud,
            world,
            steps: Vec::new(),
            pos: 0,
            partial: 0,
            snapshots,
            seed,
            origin,
            script: None,
            history: script::History::default(),
        }
    }

    /// A script run for `ran` statements (and a sleep in progress played `waited` ms after
    /// the start), then `steps` replayed.
    pub fn from_parts(seed: u64, script: Option<(&str, usize, Option<u64>)>, steps: Vec<Step>) -> Self {
        let mut sim = match script {
            Some((source, ran, waited)) => {
                let mut sim = Self::with_script(seed, source);
                for _ in 0..ran {
                    if sim.script_step().is_none() {
                        break;
                    }
                }
                if let Some(ms) = waited {
                    let t = sim.start().plus(ms);
                    sim.script_wait_toward(t);
                }
                sim
            }
            None => Self::new(seed),
        };
        sim.steps = steps;
        sim.replay_to_end();
        sim
    }

    /// The current virtual instant.
    pub fn now(&self) -> Instant {
        self.cloud.now()
    }

    /// The instant the world started at.
    pub fn start(&self) -> Instant {
        self.origin
    }

    /// A simulation whose first part is a script (nothing run yet).
    pub fn with_script(seed: u64, source: &str) -> Self {
        let session = Session::new(source, Options { seed, ..Options::default() });
        let mut sim = Self::new(seed);
        sim.cloud = session.cloud().clone();
        sim.origin = session.start();
        sim.snapshots = vec![Snapshot { pos: 0, cloud: sim.cloud.clone(), world: sim.world.clone() }];
        sim.script =
            Some(Box::new(Script { source: source.to_string(), session, ran: 0, waited: None, applied: 0 }));
        sim.record_script_snapshot(true);
        sim
    }

    /// The instant at the end of the recorded scenario.
    pub fn end(&self) -> Instant {
        if self.in_script_past() {
            return self.live_end();
        }
        let mut t = self.now();
        let mut i = self.pos;
        let mut partial = self.partial;
        while let Some(s) = self.steps.get(i) {
            if let Step::Advance(ms) = s {
                t = t.plus(ms.saturating_sub(partial));
            }
            partial = 0;
            i += 1;
        }
        t
    }

    /// True when the cursor is at the end of the scenario.
    pub fn at_end(&self) -> bool {
        !self.in_script_past() && self.pos >= self.steps.len()
    }

    /// Makes a new call now. If the cursor is in the past, the recorded future is cut off.
    pub fn call(&mut self, service: &str, action: &str, input: Value) -> CallResult {
        self.cut_script_future();
        self.cut_future();
        self.steps.push(Step::Call { service: service.into(), action: action.into(), input });
        self.apply_next().unwrap_or_else(|| CallResult {
            service: service.into(),
            action: action.into(),
            input: Value::Null,
            answer: Value::Null,
        })
    }

    /// Moves time forward by `ms`: replays recorded steps while there are any, then extends
    /// the scenario's trailing advance.
    pub fn advance(&mut self, ms: u64) -> Vec<CallResult> {
        let target = self.now().plus(ms);
        self.advance_to(target)
    }

    /// Moves time forward to `target` (replaying, then recording).
    pub fn advance_to(&mut self, target: Instant) -> Vec<CallResult> {
        if self.in_script_past() {
            // Playing on inside the script's past replays the script.
            let end = self.end();
            self.seek(if target > end { end } else { target });
            return Vec::new();
        }
        let mut results = Vec::new();
        while self.now() < target || self.next_is_call() {
            match self.steps.get(self.pos).cloned() {
                None => {
                    let ms = target.since(self.now());
                    match self.steps.last_mut() {
                        Some(Step::Advance(last)) if self.pos > 0 => {
                            // Extend the trailing advance: step back onto it.
                            self.partial = *last;
                            *last += ms;
                            self.pos -= 1;
                        }
                        _ => self.steps.push(Step::Advance(ms)),
                    }
                }
                Some(Step::Call { .. }) => {
                    if let Some(r) = self.apply_next() {
                        results.push(r);
                    }
                }
                Some(Step::Advance(ms)) => {
                    let left = ms.saturating_sub(self.partial);
                    let want = target.since(self.now());
                    if want >= left {
                        self.cloud.advance_by(left);
                        self.collect_events();
                        self.partial = 0;
                        self.pos += 1;
                        self.maybe_snapshot();
                    } else {
                        self.cloud.advance_by(want);
                        self.collect_events();
                        self.partial += want;
                    }
                }
            }
            if self.now() >= target && !self.next_is_call() {
                break;
            }
        }
        results
    }

    fn next_is_call(&self) -> bool {
        self.partial == 0 && matches!(self.steps.get(self.pos), Some(Step::Call { .. }))
    }

    /// Goes to instant `t`, forwards or backwards (never past the recorded end when going back).
    pub fn seek(&mut self, t: Instant) {
        if self.seek_script(t) {
            return;
        }
        if t >= self.now() {
            let end = self.end();
            self.advance_to(if t > end { end } else { t });
            return;
        }
        // Latest snapshot at or before t.
        let snap = self
            .snapshots
            .iter()
            .rev()
            .find(|s| s.cloud.now() <= t)
            .or_else(|| self.snapshots.first())
            .cloned();
        if let Some(s) = snap {
            self.pos = s.pos;
            self.partial = 0;
            self.cloud = s.cloud;
            self.world = s.world;
        }
        // Replay up to t, but stop before calls made at t's instant if t is exactly an advance
        // boundary: calls at t belong to t.
        self.advance_to(t);
    }

    /// Replays every step.
    pub fn replay_to_end(&mut self) {
        let end = self.end();
        self.advance_to(end);
        while self.pos < self.steps.len() {
            self.apply_next();
        }
    }

    /// Drops the recorded future beyond the cursor.
    fn cut_future(&mut self) {
        if self.partial > 0 {
            self.steps.truncate(self.pos + 1);
            if let Some(Step::Advance(ms)) = self.steps.last_mut() {
                *ms = self.partial;
            }
            self.pos += 1;
            self.partial = 0;
        } else {
            self.steps.truncate(self.pos);
        }
        let pos = self.pos;
        self.snapshots.retain(|s| s.pos <= pos);
    }

    /// Applies `steps[pos]` if it is a call.
    fn apply_next(&mut self) -> Option<CallResult> {
        let Step::Call { service, action, input } = self.steps.get(self.pos).cloned()? else {
            return None;
        };
        let answer = match self.cloud.call_json(&service, &action, input.clone()) {
            Ok(v) => json!({ "ok": v }),
            Err(e) => decouple_engine::api::error_line(&e),
        };
        self.pos += 1;
        let result = CallResult { service, action, input, answer };
        self.world.apply_call(&result, &self.cloud);
        self.collect_events();
        self.maybe_snapshot();
        Some(result)
    }

    fn collect_events(&mut self) {
        let events = self.cloud.drain_events();
        if !events.is_empty() {
            self.world.apply_events(&events, &self.cloud);
        }
        self.world.tick(self.cloud.now().millis());
    }

    fn maybe_snapshot(&mut self) {
        let last = self.snapshots.last().map(|s| s.pos).unwrap_or(0);
        if self.pos >= last + SNAPSHOT_EVERY && self.partial == 0 {
            self.snapshots.push(Snapshot {
                pos: self.pos,
                cloud: self.cloud.clone(),
                world: self.world.clone(),
            });
        }
    }

    /// The scenario as `decouple api` JSON lines.
    pub fn scenario_lines(&self) -> String {
        to_lines(&self.steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip() {
        let text =
            "{\"call\":\"sqs.CreateQueue\",\"input\":{\"QueueName\":\"q\"}}\n# c\n\n{\"advance_ms\":5}\n";
        let steps = from_lines(text).unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(from_lines(&to_lines(&steps)).unwrap(), steps);
        assert!(from_lines("{\"x\":1}").unwrap_err().starts_with("line 1"));
    }

    #[test]
    fn playing_extends_one_trailing_advance() {
        let mut sim = Sim::new(0);
        sim.advance(100);
        sim.advance(50);
        assert_eq!(sim.steps, vec![Step::Advance(150)]);
        assert_eq!(sim.now(), sim.start().plus(150));
        sim.call("sim", "GetClock", json!({}));
        sim.advance(10);
        assert_eq!(sim.steps.len(), 3);
        assert!(sim.at_end());
    }

    #[test]
    fn seek_back_and_forward_replays() {
        let mut sim = Sim::new(0);
        sim.advance(1000);
        sim.call("sim", "GetClock", json!({}));
        sim.advance(1000);
        let end = sim.end();
        sim.seek(sim.start().plus(500));
        assert_eq!(sim.now(), sim.start().plus(500));
        assert!(!sim.at_end());
        assert_eq!(sim.end(), end);
        sim.seek(end);
        assert_eq!(sim.now(), end);
        assert!(sim.at_end());
        // A call in the past cuts off the future.
        sim.seek(sim.start().plus(300));
        sim.call("sim", "GetClock", json!({}));
        assert_eq!(sim.steps.len(), 2);
        assert_eq!(sim.steps[0], Step::Advance(300));
    }

    #[test]
    fn a_script_played_in_slices_reloads_from_its_share_parts() {
        let src = crate::examples::script("queue-buffer").unwrap();
        let mut sim = Sim::with_script(0, src);
        let mut checked = 0;
        while !sim.script_done() {
            let limit = sim.now().plus(1500);
            if !(sim.script_next_waits() && sim.script_wait_toward(limit)) {
                sim.script_step();
                continue;
            }
            let s = sim.script.as_ref().unwrap();
            if s.waited.is_some_and(|w| w % 6000 < 1500) {
                let again = Sim::from_parts(0, Some((src, s.ran, s.waited)), Vec::new());
                assert_eq!(again.now(), sim.now());
                assert_eq!(again.world.state_json(), sim.world.state_json());
                checked += 1;
            }
        }
        assert!(checked > 3);
        let mut whole = Sim::with_script(0, src);
        while whole.script_step().is_some() {}
        assert_eq!(whole.world.state_json(), sim.world.state_json());
        assert_eq!(whole.now(), sim.now());
    }

    #[test]
    fn scrubbing_back_into_a_script_run_replays_it_exactly() {
        let src = crate::examples::script("visibility-duplicates").unwrap();
        let mut sim = Sim::with_script(0, src);
        while sim.script_step().is_some() {}
        sim.advance(5_000);
        let end = sim.end();
        for t in [150_000u64, 40_000, 0, 99_000, 31_000, 200_000] {
            let at = sim.start().plus(t);
            sim.seek(at);
            assert_eq!(sim.now(), if at > end { end } else { at }, "seek {t}");
            assert_eq!(sim.end(), end);
            // The same instant reached by playing from the start.
            let mut play = Sim::with_script(0, src);
            while !play.script_done() {
                if play.script_next_waits() && play.script_wait_toward(at) {
                    break;
                }
                play.script_step();
            }
            if at < sim.start().plus(200_000) {
                assert_eq!(play.now(), sim.now(), "seek {t}");
                assert_eq!(play.world.state_json(), sim.world.state_json(), "seek {t}");
            }
        }
        sim.seek(end);
        assert!(sim.at_end());
        // Playing on from the past replays; a click there cuts off the script's future.
        sim.seek(sim.start().plus(10_000));
        assert!(sim.in_script_past() && !sim.at_end());
        sim.advance(2_000);
        assert_eq!(sim.now(), sim.start().plus(12_000));
        sim.call("sim", "GetClock", json!({}));
        assert!(!sim.in_script_past());
        assert_eq!(sim.end(), sim.start().plus(12_000));
    }

    #[test]
    fn a_scripts_stream_actors_are_readers_named_after_them() {
        let src = "aws kinesis create-stream --stream-name clicks --shard-count 1\n\
                   sleep 1\n\
                   producer shop every 1s count 6: aws kinesis put-record --stream-name clicks --partition-key k --data 'c {{seq}}' --cli-binary-format raw-in-base64-out\n\
                   kinesis-consumer ingest on clicks from TRIM_HORIZON\n\
                   sleep 3500ms\n\
                   kinesis-consumer late on clicks from LATEST\n\
                   sleep 10\n";
        let mut sim = Sim::with_script(0, src);
        let mut positions = Vec::new();
        while !sim.script_done() {
            let limit = sim.now().plus(1000);
            if !(sim.script_next_waits() && sim.script_wait_toward(limit)) {
                sim.script_step();
                continue;
            }
            if let Some(r) =
                sim.world.streams.get("clicks").and_then(|s| s.readers.iter().find(|r| r.name == "ingest"))
            {
                positions.push(r.position.clone());
            }
        }
        let s = &sim.world.streams["clicks"];
        let ingest = s.readers.iter().find(|r| r.name == "ingest").unwrap();
        assert!(ingest.actor && ingest.start == "TRIM_HORIZON" && ingest.read == 6, "{ingest:?}");
        assert_eq!(ingest.position, s.records["shardId-000000000000"].last().map(|r| r.seq.clone()));
        assert!(ingest.behind_ms.is_some());
        // The marker moved forward record by record.
        let mut seen: Vec<_> = positions.into_iter().flatten().collect();
        seen.dedup();
        assert!(seen.len() >= 4, "{seen:?}");
        assert!(seen.windows(2).all(|w| crate::world::seq_le(&w[0], &w[1])));
        // The LATEST reader started after the records already there and read the later ones.
        let late = s.readers.iter().find(|r| r.name == "late").unwrap();
        assert_eq!(late.start, "LATEST");
        assert!(late.started_after.is_some() && late.read == 2, "{late:?}");
        assert_eq!(crate::world::reader_label(crate::i18n::Lang::Ko, late), "late");
        let state = sim.world.state_json();
        assert_eq!(state["streams"][0]["readers"][0]["name"], "ingest");
    }
}
