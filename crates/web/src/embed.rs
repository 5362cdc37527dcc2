//! Mounting: the page's own app (`#decouple-lab`) and the JS API for documentation pages:
//!
//! ```js
//! const lab = DecoupleLab.mount(element, { scenario, mode: "view"|"play"|"edit", lang: "en"|"ko", autoplay: true });
//! lab.play(); lab.pause(); lab.step(); lab.seek(ms); lab.load(scenario);
//! lab.on("event", e => …); lab.state();   // JSON snapshot of resources and counters
//! ```
//!
//! A `scenario` is `decouple api` JSON lines (a string), an array of line objects, or a share
//! code (the part after `#s=`).

use std::rc::Rc;

use decouple_engine::Instant;
use js_sys::{Function, Object, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::app::{App, AppProps};
use crate::controller::{Controller, Mode};
use crate::i18n::Lang;
use crate::sim::{from_lines, Step};

fn set(obj: &Object, name: &str, f: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(name), f);
}

fn to_json(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

fn from_js(v: &JsValue) -> Value {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| decouple_engine::json_text::from_str(&s).ok())
        .unwrap_or(Value::Null)
}

/// Loads a scenario given as JSON lines, an array of lines, or a share code.
fn load_scenario(ctl: &Controller, scenario: &JsValue) -> Result<(), String> {
    if let Some(text) = scenario.as_string() {
        let trimmed = text.trim();
        if trimmed.starts_with('{') || trimmed.is_empty() {
            return ctl.load_lines(trimmed);
        }
        if trimmed.contains(char::is_whitespace) {
            // A script in the scenario language: run it all.
            ctl.script("run", &text, 0);
            return Ok(());
        }
        let s = crate::share::decode(trimmed.trim_start_matches("#s=").trim_start_matches("s="))?;
        ctl.load_shared(s);
        return Ok(());
    }
    if js_sys::Array::is_array(scenario) {
        let v = from_js(scenario);
        let steps: Vec<Step> =
            v.as_array().map(|a| a.iter().filter_map(Step::from_value).collect()).unwrap_or_default();
        ctl.load(0, steps, None);
        return Ok(());
    }
    Ok(())
}

/// The handle's methods.
const METHODS: [&str; 16] = [
    "play",
    "pause",
    "step",
    "next",
    "seek",
    "load",
    "on",
    "state",
    "call",
    "run",
    "speed",
    "scenario",
    "shareCode",
    "fps",
    "chips",
    "resetFrames",
];

/// The handle `mount` returns. Every method is the one dispatcher below with the method's
/// name bound as its first argument: one Rust closure instead of one per method (each has
/// its own glue in the WebAssembly).
fn handle(ctl: Rc<Controller>) -> Object {
    let h = Object::new();
    let dispatch = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> JsValue>::new(
        move |name: JsValue, a: JsValue, b: JsValue| {
            method(&ctl, &name.as_string().unwrap_or_default(), a, b)
        },
    );
    let f: &Function = dispatch.as_ref().unchecked_ref();
    for name in METHODS {
        set(&h, name, &f.bind1(&JsValue::NULL, &JsValue::from_str(name)));
    }
    dispatch.forget();
    h
}

/// `lab.<name>(a, b)`.
fn method(c: &Controller, name: &str, a: JsValue, b: JsValue) -> JsValue {
    let elapsed = |c: &Controller| JsValue::from_f64(c.elapsed() as f64);
    match name {
        "play" => c.play(),
        "pause" => c.pause(),
        "step" => {
            c.advance(a.as_f64().unwrap_or(1000.0).max(0.0) as u64, true);
            return elapsed(c);
        }
        "next" => {
            c.next_event();
            return elapsed(c);
        }
        "seek" => {
            let start = c.sim.borrow().start();
            c.seek(Instant(start.millis() + a.as_f64().unwrap_or(0.0).max(0.0) as u64));
            return elapsed(c);
        }
        "load" => {
            return match load_scenario(c, &a) {
                Ok(()) => JsValue::TRUE,
                Err(e) => JsValue::from_str(&e),
            }
        }
        "on" => {
            if let (Some(name), Ok(f)) = (a.as_string(), b.dyn_into::<Function>()) {
                c.on(name, f);
            }
        }
        "state" => {
            let sim = c.sim.borrow();
            let mut v = sim.world.state_json();
            if let Value::Object(m) = &mut v {
                m.insert("elapsed".into(), Value::from(sim.now().since(sim.start())));
                m.insert("end".into(), Value::from(sim.end().since(sim.start())));
                m.insert("playing".into(), Value::from(c.playing.get()));
                m.insert("speed".into(), Value::from(c.speed.get()));
            }
            return to_json(&v);
        }
        "call" => {
            let name = a.as_string().unwrap_or_default();
            let (svc, action) = name.split_once('.').unwrap_or(("", ""));
            let input = match from_js(&b) {
                Value::Null => Value::Object(Default::default()),
                v => v,
            };
            return to_json(&c.call(svc, action, input));
        }
        "run" => {
            let v = from_js(&a);
            let steps: Vec<Step> =
                v.as_array().map(|a| a.iter().filter_map(Step::from_value).collect()).unwrap_or_default();
            return to_json(&Value::Array(c.run(steps)));
        }
        "speed" => c.set_speed(a.as_f64().unwrap_or(1.0)),
        "scenario" => return JsValue::from_str(&c.sim.borrow().scenario_lines()),
        "shareCode" => return JsValue::from_str(&c.share_code()),
        "fps" => return JsValue::from_f64(c.fps()),
        "chips" => return JsValue::from_f64(c.chip_count() as f64),
        "resetFrames" => c.frame_times.borrow_mut().clear(),
        _ => {}
    }
    JsValue::UNDEFINED
}

fn opt_str(opts: &JsValue, k: &str) -> Option<String> {
    Reflect::get(opts, &JsValue::from_str(k)).ok().and_then(|v| v.as_string())
}

/// `DecoupleLab.mount(element, options)`.
fn mount(el: JsValue, opts: JsValue) -> JsValue {
    let Ok(el) = el.dyn_into::<Element>() else { return JsValue::NULL };
    let mode = Mode::parse(&opt_str(&opts, "mode").unwrap_or_else(|| "play".into()));
    let lang = Lang::parse(&opt_str(&opts, "lang").unwrap_or_default());
    let autoplay =
        Reflect::get(&opts, &JsValue::from_str("autoplay")).ok().map(|v| v.is_truthy()).unwrap_or(false);
    let ctl = Controller::new(mode, true, false, lang);
    if let Ok(s) = Reflect::get(&opts, &JsValue::from_str("scenario")) {
        if !s.is_undefined() && !s.is_null() {
            let _ = load_scenario(&ctl, &s);
        }
    }
    // Show the scenario's story from its start when autoplaying.
    if autoplay {
        let start = ctl.sim.borrow().start();
        ctl.seek(start);
    }
    yew::Renderer::<App>::with_root_and_props(el, AppProps { ctl: ctl.clone() }).render();
    if autoplay {
        ctl.play();
    }
    handle(ctl).into()
}

/// Defines `window.DecoupleLab`.
pub fn install() {
    let Some(w) = web_sys::window() else { return };
    let api = Object::new();
    let m = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(mount);
    set(&api, "mount", m.as_ref());
    m.forget();
    let parse = Closure::<dyn Fn(JsValue) -> JsValue>::new(|text: JsValue| {
        let text = text.as_string().unwrap_or_default();
        match from_lines(&text) {
            Ok(steps) => JsValue::from_f64(steps.len() as f64),
            Err(e) => JsValue::from_str(&e),
        }
    });
    set(&api, "validate", parse.as_ref());
    parse.forget();
    set(&w, "DecoupleLab", &api);
}

/// Mounts the full app into `#decouple-lab` if the page has one.
pub fn mount_page() {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    let Some(el) = doc.get_element_by_id("decouple-lab") else { return };
    let params = web_sys::UrlSearchParams::new_with_str(&w.location().search().unwrap_or_default()).ok();
    let get = |k: &str| params.as_ref().and_then(|p| p.get(k));
    let embed = get("embed").is_some_and(|v| v == "1" || v == "true");
    let mode = if embed { Mode::parse(&get("mode").unwrap_or_else(|| "play".into())) } else { Mode::Edit };
    let lang = Lang::parse(&get("lang").unwrap_or_default());
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    let ctl = Controller::new(mode, embed, !embed, lang);
    ctl.restore();
    yew::Renderer::<App>::with_root_and_props(el, AppProps { ctl: ctl.clone() }).render();
    if get("autoplay").is_some_and(|v| v == "1" || v == "true") {
        ctl.play();
    }
    if let Ok(api) = Reflect::get(&w, &JsValue::from_str("DecoupleLab")) {
        if let Ok(obj) = api.dyn_into::<Object>() {
            set(&obj, "main", &handle(ctl).into());
        }
    }
}
