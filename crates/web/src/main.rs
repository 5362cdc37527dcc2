//! # decouple-web: the Decouple Lab playground
//!
//! A yew app over the deterministic engine. It drives the engine only through
//! `Cloud::call_json` and reads `Cloud::drain_events()`; time moves by `advance_to`. See
//! design.md, "The playground".
//!
//! * [`sim`]: the scenario (calls and advances), snapshots and deterministic replay.
//! * [`world`]: what the canvas shows, derived from calls, events and read-only queries.
//! * [`layout`], [`canvas`], [`chips`], [`chip_canvas`]: the SVG topology and the chip layer
//!   (SVG chips, painted on a canvas at high volume).
//! * [`controller`]: frame loop, time controls, persistence, the embed API's handle.
//! * [`app`], [`forms`], [`panels`]: the views; [`i18n`]: English and Korean.
//!
//! On load: if the page has `#decouple-lab`, the full app mounts there (URL options
//! `?embed=1&mode=view|play|edit&lang=ko&autoplay=1`, scenario from `#s=`); in every case
//! `window.DecoupleLab.mount(element, options)` is defined for documentation pages.

mod app;
mod canvas;
mod chip_canvas;
mod chips;
mod controller;
mod el;
mod embed;
mod examples;
mod filter_view;
mod forms;
mod i18n;
mod layout;
mod metrics_panel;
mod panels;
mod resource_view;
mod script_panel;
mod share;
mod sim;
mod table_view;
mod text;
mod world;

fn main() {
    embed::install();
    embed::mount_page();
}
