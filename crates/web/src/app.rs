//! The playground's views: header, time bar, canvas, action forms, inspector, event log,
//! metrics and scenario panels. They read the [`Controller`] and call its methods; the
//! controller re-renders them only when the world changed.

use std::rc::Rc;

use decouple_engine::Instant;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::canvas::Canvas;
use crate::controller::{format_instant, Controller, Mode, SPEEDS};
use crate::el::el;
use crate::forms::Forms;
use crate::i18n::{t, Lang};
use crate::metrics_panel::Metrics;
use crate::panels::{EventLog, Inspector, ScenarioPanel};
use crate::script_panel::ScriptPanel;
use crate::table_view::TableView;

/// Every view gets the controller and the render counter (so it re-renders when asked).
#[derive(Properties, Clone)]
pub struct Props {
    pub ctl: Rc<Controller>,
    pub v: u64,
}

impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.ctl, &o.ctl) && self.v == o.v
    }
}

#[derive(Properties, Clone)]
pub struct AppProps {
    pub ctl: Rc<Controller>,
}

impl PartialEq for AppProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.ctl, &o.ctl)
    }
}

#[function_component(App)]
pub fn app(p: &AppProps) -> Html {
    let ctl = p.ctl.clone();
    let v = use_state(|| 0u64);
    {
        let ctl = ctl.clone();
        let v = v.clone();
        use_effect_with((), move |_| {
            let counter = std::rc::Rc::new(std::cell::Cell::new(0u64));
            ctl.set_rerender(Callback::from(move |_| {
                counter.set(counter.get() + 1);
                v.set(counter.get());
            }));
        });
    }
    let lang = ctl.lang.get();
    let props = Props { ctl: ctl.clone(), v: *v };
    let mode = ctl.mode;
    let class = classes!(
        "lab",
        ctl.embed.then_some("embed"),
        format!("mode-{mode:?}").to_ascii_lowercase(),
        (!ctl.playing.get()).then_some("paused")
    );
    let toggle_lang = {
        let ctl = ctl.clone();
        Callback::from(move |_| {
            let next = if ctl.lang.get() == Lang::En { Lang::Ko } else { Lang::En };
            ctl.lang.set(next);
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Some(el) = doc.document_element() {
                    let _ = el.set_attribute("lang", next.code());
                }
            }
            ctl.refresh_views();
        })
    };
    html! {
        <div class={class} lang={lang.code()}>
            if !ctl.embed {
                <header class="top">
                    <h1>{t(lang, "app.title")}</h1>
                    {el("span", Some("tagline"), t(lang, "app.tagline").into())}
                    <span class="spacer"></span>
                    <button class="lang-toggle" onclick={toggle_lang}>{t(lang, "lang.toggle")}</button>
                </header>
            }
            if mode != Mode::View {
                <TimeBar ..props.clone() />
            } else {
                <div class="timebar mini"><span class="vclock" aria-label={t(lang, "time.clock")}></span></div>
            }
            <div class="body">
                <main class="stage">
                    <Canvas ..props.clone() />
                    if mode != Mode::View {
                        <TableView ..props.clone() />
                    }
                </main>
                if mode == Mode::Edit {
                    // What is selected comes first, in view; the forms follow (keyed: their
                    // typed values survive the swap).
                    <aside class="side">
                        if ctl.selected.borrow().is_some() {
                            <Inspector key="inspector" ..props.clone() />
                            <Forms key="forms" ..props.clone() />
                        } else {
                            <Forms key="forms" ..props.clone() />
                            <Inspector key="inspector" ..props.clone() />
                        }
                    </aside>
                }
            </div>
            if mode != Mode::View {
                <div class="bottom">
                    // Play mode (embedded lessons): a compact inspector answers "why" for what
                    // is selected; view mode stays the canvas alone.
                    if mode == Mode::Play {
                        <Inspector ..props.clone() />
                    }
                    <EventLog ..props.clone() />
                    if mode == Mode::Edit {
                        <Metrics ..props.clone() />
                        <ScenarioPanel ..props.clone() />
                        <ScriptPanel ..props.clone() />
                    }
                </div>
            }
        </div>
    }
}

#[function_component(TimeBar)]
pub fn time_bar(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    let playing = ctl.playing.get();
    let (start, now, end, at_end) = {
        let sim = ctl.sim.borrow();
        (sim.start(), sim.now(), sim.end(), sim.at_end())
    };
    let toggle = {
        let ctl = ctl.clone();
        Callback::from(move |_| if ctl.playing.get() { ctl.pause() } else { ctl.play() })
    };
    let step = {
        let ctl = ctl.clone();
        Callback::from(move |_| ctl.advance(1000, true))
    };
    let next = {
        let ctl = ctl.clone();
        Callback::from(move |_| ctl.next_event())
    };
    let scrub = {
        let ctl = ctl.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(ms) = input.value().parse::<u64>() {
                ctl.pause();
                let start = ctl.sim.borrow().start();
                ctl.seek(Instant(start.millis() + ms));
            }
        })
    };
    // Keyboard: the arrows move one virtual second (Shift, Page Up/Down: ten), Home and End
    // go to the start and to now (a millisecond per key press would be useless).
    let scrub_keys = {
        let ctl = ctl.clone();
        Callback::from(move |e: KeyboardEvent| {
            let (start, now, end) = {
                let sim = ctl.sim.borrow();
                (sim.start().millis(), sim.now().millis(), sim.end().millis())
            };
            let big = if e.shift_key() { 10_000 } else { 1_000 };
            let to = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => now.saturating_sub(big).max(start),
                "ArrowRight" | "ArrowUp" => (now + big).min(end),
                "PageDown" => now.saturating_sub(10_000).max(start),
                "PageUp" => (now + 10_000).min(end),
                "Home" => start,
                "End" => end,
                _ => return,
            };
            e.prevent_default();
            ctl.pause();
            ctl.seek(Instant(to));
        })
    };
    let speeds = SPEEDS.iter().map(|s| {
        let ctl = ctl.clone();
        let s = *s;
        let active = (ctl.speed.get() - s).abs() < f64::EPSILON;
        let onclick = Callback::from(move |_| ctl.set_speed(s));
        html! { <button class={classes!("speed", active.then_some("active"))} aria-pressed={active.to_string()} {onclick}>{format!("{s}×")}</button> }
    });
    let clock = crate::controller::format_clock(now.millis(), now.since(start));
    html! {
        <div class="timebar" role="toolbar" aria-label={t(lang, "time.clock")}>
            <button class="play" onclick={toggle}>{ if playing { t(lang, "time.pause") } else { t(lang, "time.play") } }</button>
            <button class="step" onclick={step}>{t(lang, "time.step")}</button>
            <button class="next" onclick={next}>{t(lang, "time.next")}</button>
            <span class="speeds" aria-label={t(lang, "time.speed")}>{ for speeds }</span>
            <span class="vclock" title={format_instant(now.millis())}>{clock}</span>
            <label class="scrub-wrap">
                {el("span", None, t(lang, "time.scrub").into())}
                <input class="scrub" type="range" min="0" max={end.since(start).max(1).to_string()} value={now.since(start).to_string()} oninput={scrub} onkeydown={scrub_keys} />
            </label>
            <span class={classes!("where", (!at_end).then_some("past"))}>{ if at_end { t(lang, "time.live") } else { t(lang, "time.past") } }</span>
            if ctl.paused_hint.get() && !playing {
                <p class="paused-hint" role="status">{t(lang, "time.paused_hint")}</p>
            } else if ctl.idle_hint.get() && !playing {
                <p class="paused-hint idle-hint" role="status">{t(lang, "time.nothing_next")}</p>
            }
        </div>
    }
}

/// The value of a named control inside the element that fired `e`'s form.
pub fn input_value(root: &web_sys::Element, name: &str) -> String {
    let Ok(Some(el)) = root.query_selector(&format!("[name=\"{name}\"]")) else { return String::new() };
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        if i.type_() == "checkbox" {
            return if i.checked() { "true".into() } else { String::new() };
        }
        return i.value();
    }
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return t.value();
    }
    if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        return s.value();
    }
    String::new()
}
