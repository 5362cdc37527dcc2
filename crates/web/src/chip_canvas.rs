//! Message chips painted on a `<canvas>` over the topology, for high volume (from
//! [`CANVAS_FROM`] chips). Hundreds of SVG chips with CSS transitions and visibility-ring
//! animations make the browser restyle and repaint the whole SVG on every frame (20–30
//! frames/s with 500 chips in headless Chromium); one canvas repainted in the frame loop
//! only while something moves costs a few milliseconds instead.
//!
//! Same picture as the SVG chips (web/style.css): dots coloured by state, the visibility ring
//! of an in-flight chip draining with virtual time (so it pauses, seeks and changes speed with
//! the clock), moves eased over [`MOVE_MS`], leaving chips fading. prefers-reduced-motion:
//! chips jump and leave at once. Chips on the canvas are selected by pointer position
//! ([`ChipCanvas::chip_at`]). They are not focusable one by one: keyboard users reach the
//! queue nodes and the table view (counts), not each of hundreds of messages.

use decouple_engine::collections::VecMap;
use std::f64::consts::PI;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

use crate::layout::CHIP;
use crate::world::MsgState;

/// Message chips from which the chip layer paints on the canvas.
pub const CANVAS_FROM: usize = 150;
/// Below this many chips the layer returns to SVG chips (hysteresis: no flapping).
pub const CANVAS_UNTIL: usize = 100;
/// Duration of a move (the SVG chips' `transition: transform 600ms`).
const MOVE_MS: f64 = 600.0;
/// Duration of a leaving chip's fade (the SVG chips' `transition: opacity 400ms`).
const FADE_MS: f64 = 400.0;
const RING_R: f64 = 10.0;

#[derive(Clone, Copy, PartialEq)]
enum Look {
    Waiting,
    InFlight { since: u64, until: u64 },
    Delayed,
    Deleted,
    Expired,
}

impl Look {
    fn of(s: &MsgState) -> Look {
        match *s {
            MsgState::Waiting => Look::Waiting,
            MsgState::InFlight { since, until } => Look::InFlight { since, until },
            MsgState::Delayed { .. } => Look::Delayed,
        }
    }
}

struct Painted {
    from: (f64, f64),
    to: (f64, f64),
    /// Wall time (ms) the move started.
    start: f64,
    look: Look,
}

impl Painted {
    fn at(&self, now: f64) -> (f64, f64) {
        let t = ((now - self.start) / MOVE_MS).clamp(0.0, 1.0);
        let e = 1.0 - (1.0 - t).powi(3); // ease-out, close to the SVG chips' cubic-bezier
        (self.from.0 + (self.to.0 - self.from.0) * e, self.from.1 + (self.to.1 - self.from.1) * e)
    }

    fn moving(&self, now: f64) -> bool {
        now - self.start < MOVE_MS && self.from != self.to
    }
}

/// Colours, read once from the page's CSS variables.
struct Palette {
    chip: String,
    grey: String,
    delayed: String,
    ring: String,
    ok: String,
    err: String,
}

pub struct ChipCanvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    chips: VecMap<String, Painted>,
    /// Leaving chips and the wall time their fade started.
    leaving: Vec<(Painted, f64)>,
    palette: Palette,
    reduced: bool,
    /// Something changed since the last paint.
    dirty: bool,
    /// Virtual time of the last paint (rings drain with it).
    painted_at: u64,
    size: (f64, f64, f64),
}

fn css_var(root: &Element, name: &str, fallback: &str) -> String {
    web_sys::window()
        .and_then(|w| w.get_computed_style(root).ok().flatten())
        .and_then(|s| s.get_property_value(name).ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

impl ChipCanvas {
    pub fn new(canvas: HtmlCanvasElement, reduced: bool) -> Option<Self> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        let root: &Element = canvas.as_ref();
        let palette = Palette {
            chip: css_var(root, "--chip", "#3b5bdb"),
            grey: css_var(root, "--chip-grey", "#adb5bd"),
            delayed: css_var(root, "--chip-delayed", "#f08c00"),
            ring: css_var(root, "--accent", "#3b5bdb"),
            ok: css_var(root, "--ok", "#2b8a3e"),
            err: css_var(root, "--err", "#c92a2a"),
        };
        Some(Self {
            canvas,
            ctx,
            chips: VecMap::new(),
            leaving: Vec::new(),
            palette,
            reduced,
            dirty: true,
            painted_at: 0,
            size: (0.0, 0.0, 0.0),
        })
    }

    /// Puts chip `id` at `pos` (top-left), moving it there from where it is now (or from
    /// `from` for a new chip) when `animate`.
    pub fn place(
        &mut self,
        id: &str,
        pos: (f64, f64),
        state: &MsgState,
        animate: bool,
        from: Option<(f64, f64)>,
        now: f64,
    ) {
        let animate = animate && !self.reduced;
        let look = Look::of(state);
        match self.chips.get_mut(id) {
            Some(p) => {
                if p.to != pos {
                    p.from = if animate { p.at(now) } else { pos };
                    p.to = pos;
                    p.start = now;
                    self.dirty = true;
                } else if !animate && p.from != pos {
                    p.from = pos;
                    self.dirty = true;
                }
                if p.look != look {
                    p.look = look;
                    self.dirty = true;
                }
            }
            None => {
                let from = if animate { from.unwrap_or(pos) } else { pos };
                self.chips.insert(id.to_string(), Painted { from, to: pos, start: now, look });
                self.dirty = true;
            }
        }
    }

    /// Removes chip `id`; `how` ("deleted", "expired", …) colours its fade.
    pub fn leave(&mut self, id: &str, how: &str, now: f64) {
        if let Some(mut p) = self.chips.remove(id) {
            self.dirty = true;
            if self.reduced {
                return;
            }
            p.from = p.at(now);
            p.to = p.from;
            p.look = match how {
                "deleted" => Look::Deleted,
                "expired" => Look::Expired,
                _ => p.look,
            };
            self.leaving.push((p, now));
        }
    }

    /// Drops every chip the world no longer has (after a seek or a load: no fade).
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        let before = self.chips.len();
        self.chips.retain(|id, _| keep(id));
        self.dirty |= before != self.chips.len();
    }

    pub fn len(&self) -> usize {
        self.chips.len()
    }

    /// The chip under a point of the topology (its coordinates), if any.
    pub fn chip_at(&self, x: f64, y: f64, now: f64) -> Option<String> {
        self.chips
            .iter()
            .rev()
            .find(|(_, p)| {
                let (cx, cy) = p.at(now);
                x >= cx && x <= cx + CHIP && y >= cy && y <= cy + CHIP
            })
            .map(|(id, _)| id.clone())
    }

    /// Repaints if anything changed: a move or fade in progress, a ring draining (virtual
    /// time moved), new chips, a resize. `now` is wall time, `vnow` virtual time (ms).
    pub fn paint(&mut self, width: f64, height: f64, now: f64, vnow: u64) {
        self.leaving.retain(|(_, t)| now - *t < FADE_MS);
        let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
        if self.size != (width, height, dpr) {
            self.size = (width, height, dpr);
            self.canvas.set_width((width * dpr).round() as u32);
            self.canvas.set_height((height * dpr).round() as u32);
            // Drawn in layout units and laid over the SVG, scaled with it (web/style.css).
            let _ = self.canvas.style().set_property("width", "100%");
            let _ = self.canvas.style().set_property("height", "100%");
            self.dirty = true;
        }
        let rings =
            vnow != self.painted_at && self.chips.values().any(|p| matches!(p.look, Look::InFlight { .. }));
        let busy = !self.leaving.is_empty() || self.chips.values().any(|p| p.moving(now));
        if !(self.dirty || rings || busy) {
            return;
        }
        self.dirty = busy; // one more paint after the last move ends, to land exactly
        self.painted_at = vnow;
        let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        self.ctx.clear_rect(0.0, 0.0, width, height);
        // One path per colour (a few canvas calls per frame, not several per chip).
        let placed: Vec<((f64, f64), Look)> = self.chips.values().map(|p| (p.at(now), p.look)).collect();
        self.rings(&placed, vnow);
        for look in [Look::Waiting, Look::InFlight { since: 0, until: 0 }, Look::Delayed] {
            self.dots(placed.iter().filter(|(_, l)| same_kind(*l, look)).map(|(xy, _)| *xy), look);
        }
        for (p, t) in &self.leaving {
            self.ctx.set_global_alpha((1.0 - (now - t) / FADE_MS).clamp(0.0, 1.0));
            self.dots(std::iter::once(p.to), p.look);
        }
        self.ctx.set_global_alpha(1.0);
    }

    /// The visibility rings of in-flight chips: what is left of the timeout, clockwise from
    /// twelve o'clock.
    fn rings(&self, placed: &[((f64, f64), Look)], vnow: u64) {
        let ctx = &self.ctx;
        let c = CHIP / 2.0;
        ctx.begin_path();
        for ((x, y), look) in placed {
            let Look::InFlight { since, until } = *look else { continue };
            let total = until.saturating_sub(since).max(1) as f64;
            let left = (until.saturating_sub(vnow) as f64 / total).clamp(0.0, 1.0);
            if left > 0.0 {
                let (cx, cy) = (x + c, y + c);
                ctx.move_to(cx, cy - RING_R);
                let _ = ctx.arc(cx, cy, RING_R, -PI / 2.0, -PI / 2.0 + 2.0 * PI * left);
            }
        }
        ctx.set_stroke_style_str(&self.palette.ring);
        ctx.set_line_width(2.5);
        ctx.stroke();
    }

    /// Dots of one look, in one path.
    fn dots(&self, at: impl Iterator<Item = (f64, f64)>, look: Look) {
        let ctx = &self.ctx;
        let pal = &self.palette;
        let c = CHIP / 2.0;
        ctx.begin_path();
        let mut any = false;
        for (x, y) in at {
            ctx.move_to(x + c + c - 1.0, y + c);
            let _ = ctx.arc(x + c, y + c, c - 1.0, 0.0, 2.0 * PI);
            any = true;
        }
        if !any {
            return;
        }
        let (fill, stroke, width) = match look {
            Look::Waiting => (pal.chip.as_str(), "#fff", 1.5),
            Look::InFlight { .. } => (pal.grey.as_str(), "#fff", 1.5),
            Look::Delayed => ("#fff", pal.delayed.as_str(), 2.0),
            Look::Deleted => (pal.ok.as_str(), "#fff", 1.5),
            Look::Expired => (pal.err.as_str(), "#fff", 1.5),
        };
        ctx.set_fill_style_str(fill);
        ctx.fill();
        ctx.set_stroke_style_str(stroke);
        ctx.set_line_width(width);
        if look == Look::Delayed {
            let _ = ctx.set_line_dash(&js_sys::Array::of2(&3.0.into(), &2.0.into()));
            ctx.stroke();
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        } else {
            ctx.stroke();
        }
    }

    /// Clears the canvas (the layer went back to SVG chips).
    pub fn clear(&mut self) {
        self.chips.clear();
        self.leaving.clear();
        let (w, h, _) = self.size;
        let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        self.ctx.clear_rect(0.0, 0.0, w * 4.0, h * 4.0);
        self.dirty = false;
    }
}

/// Same look, ignoring an in-flight chip's timing.
fn same_kind(a: Look, b: Look) -> bool {
    core::mem::discriminant(&a) == core::mem::discriminant(&b)
}
