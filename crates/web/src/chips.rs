//! The chip layer: message chips as SVG groups moved by CSS transforms and transitions,
//! written directly to the DOM (one write per event; the virtual DOM never re-renders per
//! frame). Transient chips fly along edges for publishes, deliveries, puts and flushes, and
//! bounce at filter gates. From [`CANVAS_FROM`] message chips on, they are painted on a canvas
//! instead ([`crate::chip_canvas`]): hundreds of animated SVG elements cost the browser a
//! restyle and repaint of the whole topology on every frame.

use decouple_engine::collections::VecMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement};

use crate::chip_canvas::{ChipCanvas, CANVAS_FROM, CANVAS_UNTIL};
use crate::layout::{Layout, CHIP};
use crate::world::{Anim, MsgState, World};

const SVG: &str = "http://www.w3.org/2000/svg";
/// Circumference of the visibility ring (r = 10).
const RING: f64 = 62.83; // keep in step with `@keyframes drain` in web/style.css

struct Chip {
    el: Element,
    ring: Element,
    pos: (f64, f64),
    class: &'static str,
    /// (since, until, speed) the ring's animation was set for.
    ring_key: Option<(u64, u64, u64)>,
}

pub struct ChipLayer {
    doc: Document,
    root: Element,
    chips: VecMap<String, Chip>,
    /// prefers-reduced-motion: no flights, no transitions.
    pub reduced: bool,
    /// "Message" in the page's language (a chip's accessible name is this and the id).
    pub word: &'static str,
    /// Flight time of one leg, in wall milliseconds (before the lag bound, see
    /// [`MAX_LAG_MS`]).
    pub leg_ms: f64,
    /// Virtual milliseconds per wall millisecond while playing.
    pub speed: f64,
    /// Transient chips in the air (bounded so a flood never piles up), moved each frame.
    flights: Vec<Flight>,
    /// The first log entry the animations being started show (a flight's `data-log-from`).
    log_from: u64,
    /// The `<canvas>` over the topology, and its painter while the volume is high.
    canvas_el: Option<HtmlCanvasElement>,
    canvas: Option<ChipCanvas>,
}

/// Transient chips alive at once, at most.
const MAX_FLYING: usize = 600;

/// The longest an animation may lag the event it shows, in virtual milliseconds: a flight
/// (all its legs) and a chip's move to its new place end within this much virtual time of the
/// event while playing, whatever the speed (at high speeds they get shorter, down to a jump).
/// The event log waits for them (see [`ChipLayer::apply`]), so the log, the clock and the
/// picture agree.
pub const MAX_LAG_MS: f64 = 3_000.0;
/// A chip's move to its new place (receive, return, arrival) at low speeds, wall ms.
const MOVE_MS: f64 = 600.0;

/// A transient chip flying along `points`, one leg per `leg` wall milliseconds from `start`.
struct Flight {
    el: Element,
    points: Vec<(f64, f64)>,
    start: f64,
    leg: f64,
    /// Fades out on its last leg (a bounce at a filter gate, a refused delivery).
    bounce: bool,
    fading: bool,
}

impl Flight {
    fn lands(&self) -> f64 {
        self.start + self.leg * (self.points.len().saturating_sub(1)) as f64
    }
}

fn set_pos(el: &Element, (x, y): (f64, f64)) {
    let _ = el.set_attribute("style", &format!("transform:translate({x:.1}px,{y:.1}px)"));
}

fn later(ms: i32, f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let cb = Closure::once_into_js(f);
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
    }
}

impl ChipLayer {
    pub fn new(root: Element, canvas_el: Option<HtmlCanvasElement>) -> Option<Self> {
        let doc = web_sys::window()?.document()?;
        let reduced = web_sys::window()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
            .map(|m| m.matches())
            .unwrap_or(false);
        Some(Self {
            doc,
            root,
            chips: VecMap::new(),
            reduced,
            word: "Message",
            leg_ms: 600.0,
            speed: 1.0,
            flights: Vec::new(),
            log_from: 0,
            canvas_el,
            canvas: None,
        })
    }

    fn make(&self, class: &str) -> Option<(Element, Element)> {
        let g = self.doc.create_element_ns(Some(SVG), "g").ok()?;
        g.set_attribute("class", class).ok()?;
        let ring = self.doc.create_element_ns(Some(SVG), "circle").ok()?;
        let c = CHIP / 2.0;
        for (k, v) in [("cx", c), ("cy", c), ("r", 10.0)] {
            ring.set_attribute(k, &v.to_string()).ok()?;
        }
        ring.set_attribute("class", "ring").ok()?;
        ring.set_attribute("stroke-dasharray", &RING.to_string()).ok()?;
        let dot = self.doc.create_element_ns(Some(SVG), "circle").ok()?;
        for (k, v) in [("cx", c), ("cy", c), ("r", c - 1.0)] {
            dot.set_attribute(k, &v.to_string()).ok()?;
        }
        dot.set_attribute("class", "dot").ok()?;
        g.append_child(&ring).ok()?;
        g.append_child(&dot).ok()?;
        Some((g, ring))
    }

    /// Places every message chip where the world says, creating and removing chips;
    /// `animate` = false jumps (after a seek or a layout change).
    pub fn sync(&mut self, w: &World, l: &Layout, animate: bool) {
        self.choose_medium(w);
        if let Some(cv) = self.canvas.as_mut() {
            cv.retain(|id| w.messages.contains_key(id));
            let positions = l.chip_positions(w);
            let now = now_ms();
            for m in w.messages.values() {
                if let Some(pos) = positions.get(&m.id).copied() {
                    cv.place(&m.id, pos, &m.state, animate, None, now);
                }
            }
            return;
        }
        let gone: Vec<String> =
            self.chips.keys().filter(|id| !w.messages.contains_key(*id)).cloned().collect();
        for id in gone {
            if let Some(c) = self.chips.remove(&id) {
                c.el.remove();
            }
        }
        let positions = l.chip_positions(w);
        for m in w.messages.values() {
            let Some(pos) = positions.get(&m.id).copied() else { continue };
            self.place(&m.id, pos, state_class(&m.state), animate, None);
        }
    }

    /// Switches between SVG chips and the canvas as the volume crosses [`CANVAS_FROM`] /
    /// [`CANVAS_UNTIL`]; true if it switched (the caller then syncs every chip).
    fn choose_medium(&mut self, w: &World) -> bool {
        let n = w.messages.len();
        let Some(el) = self.canvas_el.as_ref() else { return false };
        if self.canvas.is_none() && n >= CANVAS_FROM {
            for (_, c) in std::mem::take(&mut self.chips) {
                c.el.remove();
            }
            self.canvas = ChipCanvas::new(el.clone(), self.reduced);
            return self.canvas.is_some();
        }
        if self.canvas.is_some() && n < CANVAS_UNTIL {
            if let Some(mut cv) = self.canvas.take() {
                cv.clear();
            }
            return true;
        }
        false
    }

    /// Per frame: moves the flights and repaints the canvas chips while they move, fade or
    /// drain (`vnow`: virtual time, ms; `now`: the frame's wall time, which the event log is
    /// released against too). Resting SVG chips need nothing (CSS runs them).
    pub fn tick(&mut self, l: &Layout, vnow: u64, now: f64) {
        if !self.flights.is_empty() {
            self.fly(now);
        }
        if let Some(cv) = self.canvas.as_mut() {
            cv.paint(l.width, l.height, now, vnow);
        }
    }

    /// The canvas chip under a point of the topology (SVG chips are found by the DOM).
    pub fn chip_at(&self, x: f64, y: f64) -> Option<String> {
        self.canvas.as_ref().and_then(|cv| cv.chip_at(x, y, now_ms()))
    }

    fn place(
        &mut self,
        id: &str,
        pos: (f64, f64),
        class: &'static str,
        animate: bool,
        from: Option<(f64, f64)>,
    ) {
        if let Some(c) = self.chips.get_mut(id) {
            if c.pos != pos {
                set_pos(&c.el, pos);
                c.pos = pos;
            }
            if c.class != class {
                let _ = c.el.set_attribute("class", class);
                c.class = class;
            }
            if !animate {
                let _ = c.el.class_list().add_1("jump");
                let el = c.el.clone();
                later(30, move || {
                    let _ = el.class_list().remove_1("jump");
                });
            }
            return;
        }
        let Some((el, ring)) = self.make(class) else { return };
        let _ = el.set_attribute("data-id", id);
        let _ = el.set_attribute("tabindex", "0");
        let _ = el.set_attribute("role", "button");
        let _ = el.set_attribute("aria-label", &format!("{} {id}", self.word));
        let start = if animate && !self.reduced { from.unwrap_or(pos) } else { pos };
        set_pos(&el, start);
        let _ = self.root.append_child(&el);
        if start != pos {
            // Let the browser see the start position, then move (the transition runs).
            let _ = el.get_bounding_client_rect();
            set_pos(&el, pos);
        }
        self.chips.insert(id.to_string(), Chip { el, ring, pos, class, ring_key: None });
    }

    /// Animates what the world queued since the last frame; `log_from` is the ordinal of the
    /// first log entry these animations show. Returns the wall time the last of them ends
    /// (the event log shows their entries then), `None` when nothing moves.
    pub fn apply(&mut self, anims: Vec<Anim>, log_from: u64, w: &World, l: &Layout) -> Option<f64> {
        self.log_from = log_from;
        let mut moved = self.choose_medium(w);
        let mut positions = None;
        let now = now_ms();
        let mut ends: Option<f64> = None;
        let mut end = |t: Option<f64>| {
            if let Some(t) = t {
                ends = Some(ends.map_or(t, |e: f64| e.max(t)));
            }
        };
        for a in anims {
            match a {
                Anim::Arrive { id, from } => {
                    let Some(m) = w.messages.get(&id) else { continue };
                    let positions = positions.get_or_insert_with(|| l.chip_positions(w));
                    let Some(pos) = positions.get(&id).copied() else { continue };
                    let from = l.point(&from, w).map(|(x, y)| (x - CHIP / 2.0, y - CHIP / 2.0));
                    match self.canvas.as_mut() {
                        Some(cv) => cv.place(&id, pos, &m.state, true, from, now),
                        None => self.place(&id, pos, state_class(&m.state), true, from),
                    }
                    if from.is_some_and(|f| f != pos) && !self.reduced {
                        end(Some(now + self.move_ms()));
                    }
                }
                Anim::Move { .. } => moved = true,
                Anim::Leave { id, how } if self.canvas.is_some() => {
                    if let Some(cv) = self.canvas.as_mut() {
                        cv.leave(&id, how, now);
                    }
                }
                Anim::Leave { id, how } => {
                    if let Some(c) = self.chips.remove(&id) {
                        let _ = c.el.set_attribute("class", &format!("chip leaving {how}"));
                        let el = c.el;
                        later(if self.reduced { 0 } else { 700 }, move || el.remove());
                    }
                }
                Anim::Fly { from, via, to, label, class } => {
                    let mut path = vec![from];
                    path.extend(via);
                    path.push(to);
                    end(self.flight(&path, &label, class, false, w, l));
                }
                Anim::Bounce { from, gate, label } => {
                    end(self.flight(&[from.clone(), gate, from], &label, "bounced", true, w, l));
                }
                Anim::Refused { path, label } => {
                    end(self.flight(&path, &label, "refused", true, w, l));
                }
            }
        }
        if moved {
            self.sync(w, l, true);
            if !self.reduced {
                end(Some(now + self.move_ms()));
            }
        }
        ends
    }

    /// Sets the playing speed: flights and moves get shorter as it rises (see [`MAX_LAG_MS`]).
    pub fn set_speed(&mut self, speed: f64) {
        if (speed - self.speed).abs() < f64::EPSILON {
            return;
        }
        self.speed = speed;
        let _ = self.root.set_attribute("style", &format!("--move-ms:{:.0}ms", self.move_ms()));
    }

    /// Wall milliseconds a chip's move takes now (bounded by [`MAX_LAG_MS`]).
    pub fn move_ms(&self) -> f64 {
        if self.reduced {
            0.0
        } else {
            MOVE_MS.min(MAX_LAG_MS / self.speed.max(0.001))
        }
    }

    /// Starts a transient chip along `path`; the wall time it lands at.
    fn flight(
        &mut self,
        path: &[String],
        label: &str,
        class: &str,
        bounce: bool,
        w: &World,
        l: &Layout,
    ) -> Option<f64> {
        if self.reduced || self.flights.len() >= MAX_FLYING {
            return None;
        }
        let points: Vec<(f64, f64)> = path
            .iter()
            .filter_map(|id| l.point(id, w))
            .map(|(x, y)| (x - CHIP / 2.0, y - CHIP / 2.0))
            .collect();
        if points.len() < 2 {
            return None;
        }
        let legs = (points.len() - 1) as f64;
        let leg = self.leg_ms.min(MAX_LAG_MS / (legs * self.speed.max(0.001)));
        if leg < 8.0 {
            return None; // shorter than a frame: nothing to see
        }
        let (el, _) = self.make(&format!("chip flight {class}"))?;
        let _ = el.set_attribute("data-log-from", &self.log_from.to_string());
        if !label.is_empty() {
            if let Ok(t) = self.doc.create_element_ns(Some(SVG), "text") {
                let _ = t.set_attribute("x", "18");
                let _ = t.set_attribute("y", "12");
                t.set_text_content(Some(label)); // text, never HTML
                let _ = el.append_child(&t);
            }
        }
        set_pos(&el, points[0]);
        let _ = self.root.append_child(&el);
        let f = Flight { el, points, start: now_ms(), leg, bounce, fading: false };
        let lands = f.lands();
        self.flights.push(f);
        Some(lands)
    }

    /// Moves the flights to where they are at wall time `now` (eased along each leg) and
    /// removes those that landed.
    fn fly(&mut self, now: f64) {
        self.flights.retain_mut(|f| {
            let legs = f.points.len() - 1;
            let p = (now - f.start) / f.leg;
            if p >= legs as f64 {
                f.el.remove();
                return false;
            }
            let i = (p.max(0.0) as usize).min(legs - 1);
            let t = (p - i as f64).clamp(0.0, 1.0);
            let e = 1.0 - (1.0 - t) * (1.0 - t); // ease out
            let (a, b) = (f.points[i], f.points[i + 1]);
            set_pos(&f.el, (a.0 + (b.0 - a.0) * e, a.1 + (b.1 - a.1) * e));
            if f.bounce && !f.fading && i == legs - 1 {
                let _ = f.el.class_list().add_1("fading");
                f.fading = true;
            }
            true
        });
    }

    /// Ends every animation at once (pause, seek): flights land, moves jump to their end.
    pub fn land_all(&mut self) {
        for f in self.flights.drain(..) {
            f.el.remove();
        }
        for c in self.chips.values() {
            let _ = c.el.class_list().add_1("jump");
            let el = c.el.clone();
            later(30, move || {
                let _ = el.class_list().remove_1("jump");
            });
        }
    }

    /// Visibility countdown rings of in-flight chips run as CSS animations (no per-frame
    /// DOM writes): duration = VisibilityTimeout / speed, started `elapsed / speed` ago; a
    /// paused playground pauses them. Rewritten only when a chip's timing or the speed
    /// changed, or when `force` (time moved while paused: step, seek).
    pub fn retime(&mut self, w: &World, speed: f64, force: bool) {
        let speed = if speed > 0.0 { speed } else { 1.0 };
        for (id, c) in self.chips.iter_mut() {
            let Some(m) = w.messages.get(id) else { continue };
            if let MsgState::InFlight { until, since } = m.state {
                let key = (since, until, speed.to_bits());
                if force || c.ring_key != Some(key) {
                    let total = until.saturating_sub(since).max(1) as f64 / speed;
                    let elapsed = w.now.saturating_sub(since) as f64 / speed;
                    let _ = c.ring.set_attribute(
                        "style",
                        &format!("animation-duration:{total:.0}ms;animation-delay:-{elapsed:.0}ms"),
                    );
                    c.ring_key = Some(key);
                }
            } else {
                c.ring_key = None;
            }
        }
    }

    /// Number of chips alive (message chips, on SVG or canvas, + transient).
    pub fn count(&self) -> usize {
        self.chips.len() + self.canvas.as_ref().map_or(0, |c| c.len()) + self.flights.len()
    }
}

fn state_class(s: &MsgState) -> &'static str {
    match s {
        MsgState::Waiting => "chip waiting",
        MsgState::InFlight { .. } => "chip inflight",
        MsgState::Delayed { .. } => "chip delayed",
    }
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}
