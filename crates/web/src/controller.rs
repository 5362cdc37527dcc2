//! The controller: owns the simulation, the layout and the chip layer, runs the frame loop
//! (virtual time = wall time × speed while playing), and is what both the yew views and the
//! JS embed API drive. Views re-render only when the world changed (at most ~8 times a
//! second while playing); chips and the clock are written directly each frame.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use decouple_engine::Instant;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::Callback;

use crate::chips::ChipLayer;
use crate::i18n::Lang;
use crate::layout::Layout;
use crate::share::{self, Shared};
use crate::sim::{Sim, Step};

/// What an embedded playground lets a reader do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Everything (the full app, or `mode=edit`).
    Edit,
    /// Time controls only.
    Play,
    /// Nothing but the picture (and autoplay).
    View,
}

impl Mode {
    pub fn parse(s: &str) -> Mode {
        match s {
            "view" => Mode::View,
            "play" => Mode::Play,
            _ => Mode::Edit,
        }
    }
}

/// The requestAnimationFrame callback.
type FrameCallback = Closure<dyn FnMut(f64)>;

pub const SPEEDS: [f64; 5] = [1.0, 10.0, 60.0, 300.0, 1000.0];
const STORAGE_KEY: &str = "decouple-lab.scenario";

pub struct Controller {
    pub sim: RefCell<Sim>,
    pub layout: RefCell<Layout>,
    chips: RefCell<Option<ChipLayer>>,
    pub playing: Cell<bool>,
    /// Playing follows the script (its sleeps pass in real time × speed) instead of
    /// extending the recorded scenario.
    pub script_playing: Cell<bool>,
    /// Wall milliseconds saved up for the script's next instant statement.
    script_budget: Cell<f64>,
    pub speed: Cell<f64>,
    pub lang: Cell<Lang>,
    pub mode: Mode,
    pub embed: bool,
    /// Save to the URL hash and localStorage (the full app, not embeds).
    pub persist: bool,
    /// Selected message id, node id or record (`r:<stream>:<seq>`).
    pub selected: RefCell<Option<String>>,
    /// The last call's answer, for the forms: (ok, text).
    pub flash: RefCell<Option<(bool, String)>>,
    /// A call was made while time is paused: what it set in motion (an SNS fan-out, a
    /// delivery) waits for Play or Step, so the time bar says so until time moves.
    pub paused_hint: Cell<bool>,
    /// "Jump to next event" found nothing scheduled: the time bar says why nothing moved,
    /// until anything changes.
    pub idle_hint: Cell<bool>,
    listeners: RefCell<Vec<(String, js_sys::Function)>>,
    rerender: RefCell<Option<Callback<()>>>,
    root: RefCell<Option<Element>>,
    last_ts: Cell<f64>,
    last_render: Cell<f64>,
    rendered_version: Cell<u64>,
    /// World version the layout and chips were last brought up to.
    laid_out: Cell<u64>,
    raf: RefCell<Option<FrameCallback>>,
    /// The event log shows entries with an ordinal below this ([`crate::world::LogEntry::n`]):
    /// an entry appears once the animation of its event has played.
    pub log_shown: Cell<u64>,
    /// Entries waiting for their animations: (wall time they end, ordinal to show up to).
    log_holds: RefCell<std::collections::VecDeque<(f64, u64)>>,
    /// The log's ordinal at the last change (the next batch's first entry).
    log_seen: Cell<u64>,
    /// The log changed since the views were last rendered.
    log_dirty: Cell<bool>,
    /// Frame intervals (ms) of the last frames, for the frame-rate figure.
    pub frame_times: RefCell<Vec<f64>>,
    this: RefCell<Weak<Controller>>,
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

impl Controller {
    pub fn new(mode: Mode, embed: bool, persist: bool, lang: Lang) -> Rc<Self> {
        let c = Rc::new(Self {
            sim: RefCell::new(Sim::new(0)),
            layout: RefCell::new(Layout::default()),
            chips: RefCell::new(None),
            playing: Cell::new(false),
            script_playing: Cell::new(false),
            script_budget: Cell::new(0.0),
            speed: Cell::new(1.0),
            lang: Cell::new(lang),
            mode,
            embed,
            persist,
            selected: RefCell::new(None),
            flash: RefCell::new(None),
            paused_hint: Cell::new(false),
            idle_hint: Cell::new(false),
            listeners: RefCell::new(Vec::new()),
            rerender: RefCell::new(None),
            root: RefCell::new(None),
            last_ts: Cell::new(0.0),
            last_render: Cell::new(0.0),
            rendered_version: Cell::new(0),
            laid_out: Cell::new(u64::MAX),
            raf: RefCell::new(None),
            log_shown: Cell::new(0),
            log_holds: RefCell::new(Default::default()),
            log_seen: Cell::new(0),
            log_dirty: Cell::new(false),
            frame_times: RefCell::new(Vec::new()),
            this: RefCell::new(Weak::new()),
        });
        *c.this.borrow_mut() = Rc::downgrade(&c);
        c.relayout();
        c
    }

    pub fn set_rerender(&self, cb: Callback<()>) {
        *self.rerender.borrow_mut() = Some(cb);
    }

    /// Called once the SVG is in the document.
    pub fn attach(&self, root: Element, chip_root: Element, chip_canvas: Option<web_sys::HtmlCanvasElement>) {
        *self.root.borrow_mut() = Some(root);
        let mut layer = ChipLayer::new(chip_root, chip_canvas);
        if let Some(l) = layer.as_mut() {
            l.word = crate::i18n::t(self.lang.get(), "inspect.message");
            l.sync(&self.sim.borrow().world, &self.layout.borrow(), false);
        }
        *self.chips.borrow_mut() = layer;
        self.start_loop();
        // For the first-render figure (tests/e2e/perf.mjs).
        if let Some(w) = window() {
            let key = JsValue::from_str("decoupleFirstRender");
            if js_sys::Reflect::get(&w, &key).map(|v| v.is_undefined()).unwrap_or(false) {
                let _ = js_sys::Reflect::set(&w, &key, &JsValue::from_f64(now_ms()));
            }
        }
    }

    fn rerender_now(&self) {
        self.rendered_version.set(self.sim.borrow().world.version);
        self.log_dirty.set(false);
        self.last_render.set(now_ms());
        if let Some(cb) = self.rerender.borrow().as_ref() {
            cb.emit(());
        }
    }

    /// Re-renders the views (forms, panels) at once.
    pub fn refresh_views(&self) {
        self.rerender_now();
    }

    fn relayout(&self) {
        let sim = self.sim.borrow();
        self.layout.borrow_mut().compute(&sim.world);
    }

    /// After the simulation changed: lay out, animate, tell listeners, save, re-render.
    fn changed(&self, animate: bool, render: bool) {
        let (anims, fresh) = {
            let mut sim = self.sim.borrow_mut();
            let sim = &mut *sim;
            sim.world.refresh(&sim.cloud);
            (std::mem::take(&mut sim.world.anims), std::mem::take(&mut sim.world.fresh))
        };
        let version = self.sim.borrow().world.version;
        let idle = animate && anims.is_empty() && version == self.laid_out.get();
        if idle && fresh.is_empty() && !render {
            return; // nothing happened this frame: no layout, no DOM writes
        }
        self.laid_out.set(version);
        let logged = self.sim.borrow().world.logged;
        if logged < self.log_seen.get() {
            // Another world (a scenario loaded, a snapshot restored): its log starts afresh.
            self.log_seen.set(0);
        }
        let log_from = self.log_seen.get();
        self.log_seen.set(logged);
        let before = self.layout.borrow().clone();
        self.relayout();
        let layout_moved = before.nodes != self.layout.borrow().nodes;
        let mut ends = None;
        if let Some(chips) = self.chips.borrow_mut().as_mut() {
            let sim = self.sim.borrow();
            let layout = self.layout.borrow();
            chips.leg_ms = (700.0 / self.speed.get().sqrt()).clamp(120.0, 700.0);
            chips.set_speed(self.speed.get());
            chips.word = crate::i18n::t(self.lang.get(), "inspect.message");
            if animate {
                ends = chips.apply(anims, log_from, &sim.world, &layout);
                if layout_moved {
                    chips.sync(&sim.world, &layout, true);
                }
            } else {
                chips.land_all();
                chips.sync(&sim.world, &layout, false);
            }
            chips.retime(&sim.world, self.speed.get(), !self.playing.get());
        }
        self.hold_log(if animate { ends } else { None }, logged, !animate);
        for v in fresh {
            let name = if v.get("call").is_some() { "call" } else { "event" };
            self.emit(name, &v);
        }
        if render {
            self.rerender_now();
        }
    }

    /// The log entries up to `logged` appear when the animations ending at `ends` (wall
    /// time) have played, after those of earlier changes; at once when nothing moves or
    /// `now` (a jump in time).
    fn hold_log(&self, ends: Option<f64>, logged: u64, now: bool) {
        let mut holds = self.log_holds.borrow_mut();
        if now || logged < self.log_shown.get() {
            holds.clear();
        }
        let after = holds.back().map(|h| h.0);
        match (ends, after) {
            (None, None) => {
                if self.log_shown.get() != logged {
                    self.log_shown.set(logged);
                    self.log_dirty.set(true);
                }
            }
            (ends, after) => {
                let at = ends.unwrap_or(0.0).max(after.unwrap_or(0.0));
                match holds.back_mut() {
                    Some(h) if h.0 == at => h.1 = logged,
                    _ => holds.push_back((at, logged)),
                }
            }
        }
    }

    /// Shows the log entries whose animations have played by wall time `now`.
    fn release_log(&self, now: f64) {
        let mut holds = self.log_holds.borrow_mut();
        while let Some(&(at, upto)) = holds.front() {
            if at > now {
                break;
            }
            holds.pop_front();
            self.log_shown.set(upto);
            self.log_dirty.set(true);
        }
    }

    /// Makes one AWS call now (a click, a script line, the JS API).
    pub fn call(&self, service: &str, action: &str, input: Value) -> Value {
        self.script_playing.set(false);
        self.idle_hint.set(false);
        let r = self.sim.borrow_mut().call(service, action, input);
        let flash = match r.answer.get("error") {
            Some(e) => (
                false,
                format!(
                    "{}: {}",
                    e.get("code").and_then(Value::as_str).unwrap_or(""),
                    e.get("message").and_then(Value::as_str).unwrap_or("")
                ),
            ),
            // A receive says how many it got (an empty answer is easy to miss).
            None if action == "ReceiveMessage" => {
                let n = r.answer.pointer("/ok/Messages").and_then(Value::as_array).map_or(0, Vec::len);
                let key = if n == 1 { "form.received_one" } else { "form.received_many" };
                let text = crate::i18n::tf(self.lang.get(), key, &[("n".into(), n.to_string())]);
                (true, format!("{service}.{action} · {text}"))
            }
            None => (true, format!("{}.{}", service, action)),
        };
        // An error set nothing in motion: only an answered call waits for time to move.
        if flash.0 && !self.playing.get() {
            self.paused_hint.set(true);
        }
        *self.flash.borrow_mut() = Some(flash);
        self.changed(true, true);
        self.save();
        r.answer
    }

    /// Moves virtual time forward by `ms` (replaying recorded steps first).
    pub fn advance(&self, ms: u64, render: bool) {
        self.paused_hint.set(false);
        self.idle_hint.set(false);
        if self.script_playing.get() {
            let target = self.sim.borrow().now().plus(ms);
            self.script_toward(target, None);
            if render {
                self.rerender_now();
            }
            return;
        }
        self.sim.borrow_mut().advance(ms);
        self.changed(true, render);
    }

    /// Plays the script toward `target`: its sleep in progress runs up to `target`, and the
    /// statements before it run — when `pace` (wall ms this frame) is given, one instant
    /// statement per [`Controller::statement_ms`] of wall time, so each line's animation
    /// shows. Stops playing when the script ends.
    fn script_toward(&self, target: Instant, pace: Option<f64>) {
        let per = self.statement_ms();
        let mut budget = pace.map(|dt| self.script_budget.get() + dt).unwrap_or(f64::INFINITY);
        let mut stepped = false;
        let mut finished = false;
        // Bounded work per frame: a script of many instant statements still yields.
        for _ in 0..256 {
            let mut sim = self.sim.borrow_mut();
            if sim.script_done() {
                finished = true;
                break;
            }
            if sim.script_next_waits() {
                if sim.script_wait_toward(target) {
                    break;
                }
            } else if budget < per {
                break;
            } else {
                budget -= per;
            }
            sim.script_step();
            stepped = true;
        }
        if pace.is_some() {
            self.script_budget.set(budget.min(per));
        }
        let render = finished || (stepped && now_ms() - self.last_render.get() > 120.0);
        self.changed(true, render);
        if stepped {
            self.save();
        }
        if finished {
            self.script_playing.set(false);
            self.pause();
        }
    }

    /// Wall milliseconds an instant script statement gets while playing (shorter when fast).
    fn statement_ms(&self) -> f64 {
        (400.0 / self.speed.get().sqrt()).clamp(10.0, 400.0)
    }

    /// Loads `source` into a fresh simulation and plays it in real time × speed.
    pub fn play_script(&self, source: &str) {
        let seed = self.sim.borrow().seed;
        *self.sim.borrow_mut() = Sim::with_script(seed, source);
        *self.selected.borrow_mut() = None;
        self.changed(false, false);
        self.script_budget.set(self.statement_ms());
        self.script_playing.set(true);
        self.save();
        self.play();
    }

    /// Loads the example `name` (web/examples/NAME.sh) and plays it at a speed that shows
    /// it in about 20 s.
    pub fn play_example(&self, name: &str) -> bool {
        let Some(src) = crate::examples::script(name) else { return false };
        self.speed.set(crate::examples::speed_for(src));
        self.play_script(src);
        true
    }

    /// Jumps to the next pending timer (or the next recorded step while replaying).
    pub fn next_event(&self) {
        self.paused_hint.set(false);
        self.idle_hint.set(false);
        if self.script_playing.get() {
            let target = {
                let sim = self.sim.borrow();
                sim.cloud.next_deadline().unwrap_or_else(|| sim.now().plus(1000))
            };
            self.script_toward(target, None);
            return;
        }
        let target = {
            let sim = self.sim.borrow();
            match sim.cloud.next_deadline() {
                Some(t) => Some(t),
                None if !sim.at_end() => Some(sim.end()),
                None => None,
            }
        };
        if let Some(t) = target {
            self.sim.borrow_mut().advance_to(t);
            self.changed(true, true);
            self.save();
        } else {
            self.idle_hint.set(true);
            self.rerender_now();
        }
    }

    /// Goes to `t` (forwards replays, backwards restores a snapshot and replays).
    pub fn seek(&self, t: Instant) {
        self.paused_hint.set(false);
        self.idle_hint.set(false);
        self.script_playing.set(false);
        self.sim.borrow_mut().seek(t);
        {
            let mut sim = self.sim.borrow_mut();
            sim.world.anims.clear();
            sim.world.fresh.clear();
        }
        self.changed(false, true);
    }

    /// Milliseconds since the world's start.
    pub fn elapsed(&self) -> u64 {
        let sim = self.sim.borrow();
        sim.now().since(sim.start())
    }

    pub fn play(&self) {
        self.playing.set(true);
        self.paused_hint.set(false);
        self.idle_hint.set(false);
        self.last_ts.set(0.0);
        self.retime();
        self.rerender_now();
    }

    pub fn pause(&self) {
        self.playing.set(false);
        // A paused picture is the world at the clock: what was in the air lands, and the log
        // shows everything up to now.
        if let Some(chips) = self.chips.borrow_mut().as_mut() {
            chips.land_all();
        }
        self.release_log(f64::INFINITY);
        self.retime();
        self.save();
        self.rerender_now();
    }

    pub fn set_speed(&self, s: f64) {
        self.speed.set(s.clamp(0.1, 1000.0));
        self.retime();
        self.rerender_now();
    }

    /// Replaces the scenario: replays `steps` and shows instant start + `at`.
    pub fn load(&self, seed: u64, steps: Vec<Step>, at: Option<u64>) {
        self.load_shared(Shared { seed, at: at.unwrap_or(u64::MAX), steps, script: None });
    }

    /// Replaces the scenario with a shared one (script prefix, steps, moment).
    pub fn load_shared(&self, s: Shared) {
        let at = (s.at != u64::MAX).then_some(s.at);
        let mut sim =
            Sim::from_parts(s.seed, s.script.as_ref().map(|(src, ran, w)| (src.as_str(), *ran, *w)), s.steps);
        if let Some(at) = at {
            let t = sim.start().plus(at);
            if t < sim.now() {
                sim.seek(t);
            }
        }
        sim.world.anims.clear();
        sim.world.fresh.clear();
        *self.sim.borrow_mut() = sim;
        *self.selected.borrow_mut() = None;
        self.script_playing.set(false);
        self.paused_hint.set(false);
        self.idle_hint.set(false);
        self.changed(false, true);
        self.save();
    }

    /// Script editor actions: "run" (all), "step" (one statement), "cursor" (run to the
    /// cursor's line), "reset". A changed source starts a fresh run.
    pub fn script(&self, what: &str, source: &str, cursor_line: u32) {
        if what == "play" {
            let resume = {
                let sim = self.sim.borrow();
                sim.script.as_ref().is_some_and(|s| s.source == source) && !sim.script_done()
            };
            if resume {
                self.script_playing.set(true);
                self.play();
            } else {
                self.play_script(source);
            }
            return;
        }
        self.script_playing.set(false);
        let fresh = {
            let sim = self.sim.borrow();
            what == "reset" || sim.script.as_ref().map(|s| s.source != source).unwrap_or(true)
        };
        if fresh {
            let seed = self.sim.borrow().seed;
            *self.sim.borrow_mut() = Sim::with_script(seed, source);
            self.changed(false, false);
        }
        {
            let mut sim = self.sim.borrow_mut();
            match what {
                "run" => while sim.script_step().is_some() {},
                "step" => {
                    sim.script_step();
                }
                "cursor" => {
                    while sim
                        .script
                        .as_ref()
                        .and_then(|s| s.session.current_line())
                        .is_some_and(|l| l < cursor_line)
                    {
                        if sim.script_step().is_none() {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        self.changed(true, true);
        self.save();
    }

    /// Makes several calls and renders once (the embed API's `run`).
    pub fn run(&self, steps: Vec<Step>) -> Vec<Value> {
        let mut answers = Vec::new();
        for s in steps {
            match s {
                Step::Call { service, action, input } => {
                    answers.push(self.sim.borrow_mut().call(&service, &action, input).answer);
                }
                Step::Advance(ms) => {
                    self.sim.borrow_mut().advance(ms);
                    answers.push(serde_json::json!({"ok": {}}));
                }
            }
        }
        self.changed(true, true);
        self.save();
        answers
    }

    /// Loads `decouple api` JSON lines.
    pub fn load_lines(&self, text: &str) -> Result<(), String> {
        let steps = crate::sim::from_lines(text)?;
        self.load(0, steps, None);
        Ok(())
    }

    pub fn reset(&self) {
        self.playing.set(false);
        self.load(0, Vec::new(), None);
    }

    /// The share string (`#s=` value) for the current scenario and moment.
    pub fn share_code(&self) -> String {
        let sim = self.sim.borrow();
        share::encode(&Shared {
            seed: sim.seed,
            at: sim.now().since(sim.start()),
            steps: sim.steps.clone(),
            script: sim.script.as_ref().map(|s| (s.source.clone(), s.ran, s.waited)),
        })
    }

    /// Writes the scenario to the URL hash and localStorage.
    pub fn save(&self) {
        if !self.persist {
            return;
        }
        let code = self.share_code();
        if let Some(w) = window() {
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#s={code}")));
            }
            if let Ok(Some(s)) = w.local_storage() {
                let _ = s.set_item(STORAGE_KEY, &code);
            }
        }
    }

    /// The scenario from the URL hash, else from localStorage.
    pub fn restore(&self) {
        let w = match window() {
            Some(w) => w,
            None => return,
        };
        let hash = w.location().hash().unwrap_or_default();
        // `#example=NAME` plays an example (links from documentation pages).
        if let Some(name) = hash.strip_prefix("#example=") {
            if self.play_example(name) {
                return;
            }
        }
        let code = hash.strip_prefix("#s=").map(str::to_string).or_else(|| {
            if self.persist {
                w.local_storage().ok().flatten().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            } else {
                None
            }
        });
        if let Some(code) = code {
            match share::decode(&code) {
                Ok(s) => self.load_shared(s),
                Err(e) => *self.flash.borrow_mut() = Some((false, format!("#s: {e}"))),
            }
        }
    }

    /// `on(name, fn)` listeners of the JS API: "event", "call", "time".
    pub fn on(&self, name: String, f: js_sys::Function) {
        self.listeners.borrow_mut().push((name, f));
    }

    fn emit(&self, name: &str, v: &Value) {
        let listeners = self.listeners.borrow();
        if listeners.is_empty() {
            return;
        }
        let js = js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL);
        for (n, f) in listeners.iter() {
            if n == name {
                let _ = f.call1(&JsValue::NULL, &js);
            }
        }
    }

    /// Selects a message, record or node for the inspector.
    pub fn select(&self, id: Option<String>) {
        *self.selected.borrow_mut() = id;
        self.rerender_now();
    }

    /// A node was dragged by (dx, dy).
    pub fn drag(&self, id: &str, dx: f64, dy: f64) {
        {
            let mut l = self.layout.borrow_mut();
            let o = l.offsets.entry(id.to_string()).or_insert((0.0, 0.0));
            o.0 += dx;
            o.1 += dy;
        }
        self.relayout();
        if let Some(chips) = self.chips.borrow_mut().as_mut() {
            chips.sync(&self.sim.borrow().world, &self.layout.borrow(), false);
        }
        self.rerender_now();
    }

    fn start_loop(&self) {
        if self.raf.borrow().is_some() {
            return;
        }
        let weak = self.this.borrow().clone();
        let cb = Closure::<dyn FnMut(f64)>::new(move |ts: f64| {
            if let Some(c) = weak.upgrade() {
                c.frame(ts);
            }
        });
        *self.raf.borrow_mut() = Some(cb);
        self.request_frame();
    }

    fn request_frame(&self) {
        if let (Some(w), Some(cb)) = (window(), self.raf.borrow().as_ref()) {
            let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
        }
    }

    fn frame(&self, ts: f64) {
        let last = self.last_ts.get();
        self.last_ts.set(ts);
        if last > 0.0 {
            let mut ft = self.frame_times.borrow_mut();
            ft.push(ts - last);
            if ft.len() > 600 {
                ft.remove(0);
            }
        }
        if self.playing.get() && last > 0.0 {
            let dt = (ts - last).clamp(0.0, 100.0);
            let ms = (dt * self.speed.get()).round() as u64;
            if self.script_playing.get() {
                let target = self.sim.borrow().now().plus(ms);
                self.script_toward(target, Some(dt));
            } else if ms > 0 {
                self.advance(ms, false);
            }
            let version = self.sim.borrow().world.version;
            if version != self.rendered_version.get() && ts - self.last_render.get() > 120.0 {
                self.rerender_now();
            }
        }
        let wall = now_ms();
        if let Some(chips) = self.chips.borrow_mut().as_mut() {
            chips.tick(&self.layout.borrow(), self.sim.borrow().now().millis(), wall);
        }
        // Log entries whose animations have just played (paused too: a click's flight).
        self.release_log(wall);
        if self.log_dirty.get() && ts - self.last_render.get() > 60.0 {
            self.rerender_now();
        }
        self.write_clock();
        self.request_frame();
    }

    /// The message chip painted at a point of the topology (high volume: chips on canvas).
    pub fn chip_at(&self, x: f64, y: f64) -> Option<String> {
        self.chips.borrow().as_ref().and_then(|c| c.chip_at(x, y))
    }

    /// The clock text is written directly (never a re-render per frame).
    fn write_clock(&self) {
        let Some(root) = self.root.borrow().clone() else { return };
        let sim = self.sim.borrow();
        let now = sim.now();
        let text = format_clock(now.millis(), now.since(sim.start()));
        if let Ok(Some(el)) = root.query_selector(".vclock") {
            if el.text_content().as_deref() != Some(text.as_str()) {
                el.set_text_content(Some(&text));
            }
        }
        if let Ok(Some(el)) = root.query_selector(".scrub") {
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                let v = now.since(sim.start()).to_string();
                if input.value() != v {
                    let max = sim.end().since(sim.start()).max(1).to_string();
                    if input.max() != max {
                        input.set_max(&max);
                    }
                    input.set_value(&v);
                }
            }
        }
    }

    /// Re-times the visibility rings (speed changed, play/pause).
    fn retime(&self) {
        if let Some(chips) = self.chips.borrow_mut().as_mut() {
            chips.retime(&self.sim.borrow().world, self.speed.get(), true);
        }
    }

    /// Median frame rate over the last frames.
    pub fn fps(&self) -> f64 {
        let mut v = self.frame_times.borrow().clone();
        if v.is_empty() {
            return 0.0;
        }
        decouple_engine::collections::sort_by(&mut v, &|a, b| {
            a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal)
        });
        let m = v[v.len() / 2];
        if m > 0.0 {
            1000.0 / m
        } else {
            0.0
        }
    }

    pub fn chip_count(&self) -> usize {
        self.chips.borrow().as_ref().map(|c| c.count()).unwrap_or(0)
    }
}

fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// `2024-01-01 00:00:12.345 UTC (+12.345 s)`
pub fn format_clock(epoch_ms: u64, elapsed: u64) -> String {
    format!("{} (+{})", format_instant(epoch_ms), format_duration(elapsed))
}

pub fn format_duration(ms: u64) -> String {
    if ms < 60_000 {
        format!("{}.{:03} s", ms / 1000, ms % 1000)
    } else if ms < 3_600_000 {
        format!("{}m {:02}.{:03}s", ms / 60_000, (ms / 1000) % 60, ms % 1000)
    } else {
        format!("{}h {:02}m {:02}s", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60)
    }
}

/// UTC date and time of epoch milliseconds.
pub fn format_instant(ms: u64) -> String {
    let c = decouple_engine::time::Instant(ms).civil();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_text() {
        assert_eq!(format_instant(1_704_067_212_345), "2024-01-01 00:00:12.345");
        assert_eq!(format_duration(61_002), "1m 01.002s");
    }
}
