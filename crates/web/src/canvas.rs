//! The topology canvas (SVG): resources laid out by [`crate::layout`], edges with filter
//! gates, queue compartments, shard lanes with the hash-key bar, Firehose buffers, buckets,
//! functions and inboxes. Message chips live in the last `<g>`, owned by the chip layer.

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::app::Props;
use crate::i18n::t;
use crate::layout::{frac, hash_bar, Rect, LANE_RECORDS};
use crate::text::short;
use crate::world::World;

/// A pointer held down on the canvas: on a node it drags the node; on the background it pans
/// the topology's panel (and, by touch, the page), as a finger expects. The canvas takes every
/// touch gesture itself (`touch-action: none`): the browser's own panning would cancel the
/// pointer stream, and a node could never be dragged by touch.
#[derive(Default)]
struct Drag {
    /// The node's layout id; empty for the background (a pan).
    id: String,
    touch: bool,
    x: f64,
    y: f64,
    moved: bool,
}

/// A background drag by (dx, dy) screen pixels: the topology's panel scrolls with the pointer
/// (it holds a canvas wider than a phone); by touch, what the panel cannot take scrolls the
/// page, as the browser's own panning would.
fn pan(svg: Option<Element>, dx: f64, dy: f64, touch: bool) {
    let Some(stage) = svg.and_then(|s| s.closest(".stage").ok().flatten()) else { return };
    let (left, top) = (stage.scroll_left(), stage.scroll_top());
    stage.set_scroll_left(left - dx.round() as i32);
    stage.set_scroll_top(top - dy.round() as i32);
    if touch && stage.scroll_top() == top {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, -dy);
        }
    }
}

/// Playgrounds on this page so far: each canvas's element ids get its own prefix (a
/// documentation page may embed several).
static CANVASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The kind of node a layout id names, as the class its title's halo is painted with (the
/// node's own tint); `None` for ids without a title (gates, shard lanes).
fn title_kind(id: &str) -> Option<&'static str> {
    let (kind, _) = id.split_once(':').unwrap_or((id, ""));
    Some(match kind {
        "p" => "producer",
        "q" => "queue",
        "c" | "kc" => "consumer",
        "t" => "topic",
        "l" => "function",
        "i" => "inbox",
        "s" => "stream",
        "f" => "firehose",
        "b" => "bucket",
        _ => return None,
    })
}

#[function_component(Canvas)]
pub fn canvas(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let prefix = use_state(|| format!("lab{}-", CANVASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let svg_ref = use_node_ref();
    let chip_ref = use_node_ref();
    let chip_canvas_ref = use_node_ref();
    let drag = use_mut_ref(|| None::<Drag>);
    {
        let ctl = ctl.clone();
        let svg_ref = svg_ref.clone();
        let chip_ref = chip_ref.clone();
        let chip_canvas_ref = chip_canvas_ref.clone();
        use_effect_with((), move |_| {
            if let (Some(svg), Some(chips)) = (svg_ref.cast::<Element>(), chip_ref.cast::<Element>()) {
                let root = svg.closest(".lab").ok().flatten().unwrap_or(svg);
                ctl.attach(root, chips, chip_canvas_ref.cast::<web_sys::HtmlCanvasElement>());
            }
        });
    }
    let lang = ctl.lang.get();
    let sim = ctl.sim.borrow();
    let w = &sim.world;
    let layout = ctl.layout.borrow();
    let node = |id: &str| layout.nodes.get(id).copied();
    // Titles are drawn once more above the chip layer (`<use>` of each title), so a chip in
    // flight never hides a resource's name: each title gets an id from its node's index.
    let tid = |id: &str| format!("{}t{}", *prefix, layout.nodes.index_of(id).unwrap_or(usize::MAX));

    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if !e.is_primary() {
                return; // a second finger: pinch is not ours to read
            }
            let target: Option<Element> = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let id = target
                .and_then(|t| t.closest("[data-node]").ok().flatten())
                .and_then(|n| n.get_attribute("data-node"))
                .unwrap_or_default();
            let touch = e.pointer_type() != "mouse";
            *drag.borrow_mut() =
                Some(Drag { id, touch, x: e.client_x() as f64, y: e.client_y() as f64, moved: false });
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
    };
    let onpointermove = {
        let drag = drag.clone();
        let ctl = ctl.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let mut d = drag.borrow_mut();
            let Some(d) = d.as_mut() else { return };
            let (x, y) = (e.client_x() as f64, e.client_y() as f64);
            let (dx, dy) = (x - d.x, y - d.y);
            if !d.moved && dx.abs() + dy.abs() < 4.0 {
                return;
            }
            d.moved = true;
            d.x = x;
            d.y = y;
            if d.id.is_empty() {
                pan(svg_ref.cast::<Element>(), dx, dy, d.touch);
                return;
            }
            let id = d.id.clone();
            // The SVG is scaled to fit its panel: a screen pixel is `k` layout units.
            let k = svg_ref
                .cast::<Element>()
                .map(|svg| svg.get_bounding_client_rect().width())
                .filter(|w| *w > 0.0)
                .map_or(1.0, |w| ctl.layout.borrow().width / w);
            ctl.drag(&id, dx * k, dy * k);
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        let ctl = ctl.clone();
        Callback::from(move |e: PointerEvent| {
            let d = drag.borrow_mut().take();
            let target: Option<Element> = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            if let Some(chip) = target.as_ref().and_then(|t| t.closest("[data-id]").ok().flatten()) {
                ctl.select(chip.get_attribute("data-id"));
                return;
            }
            if !d.as_ref().is_some_and(|d| d.moved) {
                // High volume: message chips are painted on the canvas; find one by position.
                // (yew delegates events: the current target is not the SVG.)
                if let Some(svg) = target.as_ref().and_then(|t| t.closest("svg.canvas").ok().flatten()) {
                    let r = svg.get_bounding_client_rect();
                    let vw = ctl.layout.borrow().width;
                    let k = if r.width() > 0.0 { vw / r.width() } else { 1.0 };
                    let (x, y) = ((e.client_x() as f64 - r.left()) * k, (e.client_y() as f64 - r.top()) * k);
                    if let Some(id) = ctl.chip_at(x, y) {
                        ctl.select(Some(id));
                        return;
                    }
                }
            }
            if let Some(d) = d {
                if !d.moved && !d.id.is_empty() {
                    ctl.select(Some(d.id));
                }
            }
        })
    };
    let onkeydown = {
        let ctl = ctl.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" && e.key() != " " {
                return;
            }
            let target: Option<Element> = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            if let Some(el) = target {
                let id = el.get_attribute("data-id").or_else(|| el.get_attribute("data-node"));
                if id.is_some() {
                    e.prevent_default();
                    ctl.select(id);
                }
            }
        })
    };

    let selected = ctl.selected.borrow().clone();
    // The producer's edges keep clear of topics and their filter gates (an edge under one reads
    // as the topic's delivery).
    let topics: Vec<crate::layout::Rect> = w
        .topics
        .values()
        .map(|t| format!("t:{}", t.arn))
        .chain(w.subs.values().map(|s| format!("g:{}", s.arn)))
        .filter_map(|id| node(&id))
        .collect();
    let edges = crate::layout::edges(w).into_iter().filter_map(|(a, b, class, label)| {
        let (ra, rb) = (node(&a)?, node(&b)?);
        let avoid: &[crate::layout::Rect] = if a == "p" && !b.starts_with("t:") { &topics } else { &[] };
        let (d, mx, my) = crate::layout::edge_path(&ra, &rb, avoid);
        Some(html! {
            <g class={class} data-from={a} data-to={b}>
                <path d={d} marker-end="url(#arrow)" />
                if !label.is_empty() {
                    <text class="edge-label" x={format!("{:.1}", mx + 4.0)} y={format!("{my:.1}")}>{label}</text>
                }
            </g>
        })
    });

    let box_class = |id: &str, base: &str| -> String {
        if selected.as_deref() == Some(id) {
            format!("node {base} selected")
        } else {
            format!("node {base}")
        }
    };

    let producer = node("p").map(|r| {
        html! {
            {node_group(box_class("p", "producer"), "p".into(), (t(lang, "node.producer")).into(), html! { <>
                {node_rect(&r, "10")}
                {svg_text("title", Some(tid("p")), r.x + 12.0, r.y + 26.0, None, t(lang, "node.producer").into())}
                {svg_text("sub", None, r.x + 12.0, r.y + 44.0, None, t(lang, "node.producer_sub").into())}
            </> })}
        }
    });

    let queues = w.queues.values().filter_map(|q| {
        let id = format!("q:{}", q.name);
        let r = node(&id)?;
        let c = node(&format!("c:{}", q.name))?;
        let a = |k: &str| q.attributes.get(k).cloned().unwrap_or_else(|| "0".into());
        let is_dlq = w.queues.values().any(|s| s.redrive().map(|r| r.0).as_deref() == Some(q.name.as_str()));
        let msgs = w.queue_messages(&q.name);
        let mut groups: Vec<&str> = msgs.iter().filter_map(|m| m.group.as_deref()).collect();
        decouple_engine::collections::sort_by(&mut groups, &|a, b| a.cmp(b));
        groups.dedup();
        let badge = if is_dlq {
            t(lang, "node.dlq").to_string()
        } else if q.fifo {
            "FIFO".to_string()
        } else {
            t(lang, "node.queue").to_string()
        };
        Some(html! {
            <>
            {node_group(box_class(&id, if is_dlq { "queue dlq" } else { "queue" }), id.clone().into(), (format!("{} {}", t(lang, "node.queue"), q.name)).into(), html! { <>
                {node_rect(&r, "8")}
                {svg_text("title", Some(tid(&id)), r.x + 10.0, r.y + 20.0, None, fit_px(&q.name, r.w - 26.0 - badge_px(&badge)).into())}
                <text class="badge" x={(r.x + r.w - 10.0).to_string()} y={(r.y + 20.0).to_string()} text-anchor="end">{badge}</text>
                <text class="counts" x={(r.x + 10.0).to_string()} y={(r.y + 38.0).to_string()}>
                    {format!("{} {} · {} {} · {} {}", a("ApproximateNumberOfMessages"), t(lang, "q.waiting"), a("ApproximateNumberOfMessagesNotVisible"), t(lang, "q.inflight"), a("ApproximateNumberOfMessagesDelayed"), t(lang, "q.delayed"))}
                </text>
                { for groups.iter().enumerate().map(|(i, g)| html! {
                    {svg_text("lane-label", None, r.x + 8.0, r.y + 64.0 + i as f64 * 22.0, None, short(g, 8).into())}
                }) }
            </> })}
            {node_group(box_class(&format!("c:{}", q.name), "consumer"), format!("c:{}", q.name).into(), (format!("{} {} {}", t(lang, "node.consumer"), q.name, consumer_names(w, &q.name).join(", ")).trim_end().to_string()).into(), html! { <>
                {node_rect(&c, "8")}
                if !consumer_names(w, &q.name).is_empty() { <title>{consumer_names(w, &q.name).join(", ")}</title> }
                <text class="title" id={tid(&format!("c:{}", q.name))} x={(c.x + 10.0).to_string()} y={(c.y + 20.0).to_string()}>{consumer_title(w, &q.name, lang)}</text>
                {svg_text("sub", None, c.x + c.w - 8.0, c.y + 20.0, Some("end"), t(lang, "q.inflight").into())}
            </> })}
            </>
        })
    });

    let topics = w.topics.values().filter_map(|tp| {
        let id = format!("t:{}", tp.arn);
        let r = node(&id)?;
        let n = w.subs.values().filter(|s| s.topic == tp.arn).count();
        Some(html! {
            {node_group(box_class(&id, "topic"), id.clone().into(), (format!("{} {}", t(lang, "node.topic"), tp.name)).into(), html! { <>
                {node_rect(&r, "35")}
                {svg_text("title", Some(tid(&id)), r.x + r.w / 2.0, r.y + 32.0, Some("middle"), fit_px(&tp.name, r.w - 24.0).into())}
                {svg_text("sub", None, r.x + r.w / 2.0, r.y + 50.0, Some("middle"), format!("{} · {n}", t(lang, "node.topic")).into())}
            </> })}
        })
    });

    let gates = w.subs.values().filter_map(|s| {
        let id = format!("g:{}", s.arn);
        let r = node(&id)?;
        let (cx, cy) = r.center();
        let pending = sim.cloud.sns.subscriptions.get(&s.arn).is_some_and(|x| x.pending);
        let class = match (s.filter_policy.is_some(), w.refused_subs.contains(&s.arn), pending) {
            (_, _, true) => "gate open pending",
            (true, false, _) => "gate filtered",
            (false, false, _) => "gate open",
            (true, true, _) => "gate filtered refused",
            (false, true, _) => "gate open refused",
        };
        Some(html! {
            {node_group(box_class(&id, class), id.clone().into(), (format!("{} {} → {}", t(lang, "inspect.subscription"), s.protocol, arn_tail(&s.endpoint))).into(), html! { <>
                <rect x={(cx - 8.0).to_string()} y={(cy - 8.0).to_string()} width="16" height="16" transform={format!("rotate(45 {cx} {cy})")} />
                <text class="gate-label" x={cx.to_string()} y={(cy - 13.0).to_string()} text-anchor="middle">{ if pending { t(lang, "gate.pending") } else if w.refused_subs.contains(&s.arn) { t(lang, "gate.refused") } else if s.filter_policy.is_some() { t(lang, "gate.filter") } else { s.protocol.as_str() } }</text>
            </> })}
        })
    });

    let functions = w.functions.values().filter_map(|f| {
        let id = format!("l:{}", f.name);
        let r = node(&id)?;
        Some(html! {
            {node_group(box_class(&id, "function"), id.clone().into(), (format!("{} {}", t(lang, "node.function"), f.name)).into(), html! { <>
                {node_rect(&r, "8")}
                {svg_text("title", Some(tid(&id)), r.x + 10.0, r.y + 20.0, None, fit_px(&format!("λ {}", f.name), r.w - 20.0).into())}
                {svg_text("sub", None, r.x + 10.0, r.y + 40.0, None, crate::i18n::count(lang, f.invocations, "fn.invocation", "fn.invocations").into())}
            </> })}
        })
    });

    let inboxes = w.inboxes.values().filter_map(|i| {
        let id = format!("i:{}", i.key);
        let r = node(&id)?;
        Some(html! {
            {node_group(box_class(&id, "inbox"), id.clone().into(), (format!("{} {} {}", t(lang, "node.inbox"), i.protocol, i.endpoint)).into(), html! { <>
                {node_rect(&r, "8")}
                {svg_text("title", Some(tid(&id)), r.x + 10.0, r.y + 20.0, None, format!("{} · {}", t(lang, "node.inbox"), i.protocol).into())}
                {svg_text("sub", None, r.x + 10.0, r.y + 38.0, None, short(&i.endpoint, 30).into())}
                { for i.received.iter().rev().take(4).enumerate().map(|(k, m)| html! {
                    {svg_text("inbox-msg", None, r.x + 10.0, r.y + 56.0 + k as f64 * 16.0, None, short(m, 30).into())}
                }) }
            </> })}
        })
    });

    let streams = w.streams.values().filter_map(|s| stream_view(s, w, &layout.nodes, lang, &box_class, &tid));

    let firehoses = w.firehoses.values().filter_map(|f| {
        let id = format!("f:{}", f.name);
        let r = node(&id)?;
        let cap = (f.size_mb.max(1) * 1024 * 1024) as f64;
        let fill = (f.buffered_bytes as f64 / cap).min(1.0);
        let left = f.buffer_since.map(|s| (s + f.interval_s * 1000).saturating_sub(w.now));
        // The interval countdown runs only while records wait (it starts with the first one).
        let tfrac = left.map(|l| l as f64 / (f.interval_s.max(1) * 1000) as f64).unwrap_or(0.0);
        Some(html! {
            {node_group(box_class(&id, "firehose"), id.clone().into(), (format!("{} {}", t(lang, "node.firehose"), f.name)).into(), html! { <>
                {node_rect(&r, "8")}
                {svg_text("title", Some(tid(&id)), r.x + 10.0, r.y + 20.0, None, fit_px(&format!("Firehose {}", f.name), r.w - 20.0).into())}
                {svg_text("sub", None, r.x + 10.0, r.y + 38.0, None, format!("{} {} B / {} MiB · {}", t(lang, "fh.buffer"), f.buffered_bytes, f.size_mb, f.buffered_records).into())}
                <rect class="bar-bg" x={(r.x + 10.0).to_string()} y={(r.y + 46.0).to_string()} width={(r.w - 20.0).to_string()} height="8" />
                <rect class="bar-fill" x={(r.x + 10.0).to_string()} y={(r.y + 46.0).to_string()} width={((r.w - 20.0) * fill).max(0.0).to_string()} height="8" />
                <rect class="bar-bg" x={(r.x + 10.0).to_string()} y={(r.y + 60.0).to_string()} width={(r.w - 20.0).to_string()} height="5" />
                <rect class="bar-time" x={(r.x + 10.0).to_string()} y={(r.y + 60.0).to_string()} width={((r.w - 20.0) * tfrac).max(0.0).to_string()} height="5" />
                <text class="sub" x={(r.x + 10.0).to_string()} y={(r.y + 78.0).to_string()}>{match left {
                    Some(l) => format!("{} {:.1} s", t(lang, "fh.flush_in"), l as f64 / 1000.0),
                    None => crate::i18n::tf(lang, "fh.idle", &[("s".into(), f.interval_s.to_string())]),
                }}</text>
            </> })}
        })
    });

    let buckets = w.buckets.values().filter_map(|b| {
        let id = format!("b:{}", b.name);
        let r = node(&id)?;
        Some(html! {
            {node_group(box_class(&id, "bucket"), id.clone().into(), (format!("{} {}", t(lang, "node.bucket"), b.name)).into(), html! { <>
                {node_rect(&r, "8")}
                {svg_text("title", Some(tid(&id)), r.x + 10.0, r.y + 20.0, None, format!("{} · {}", fit_px(&format!("S3 {}", b.name), r.w - 50.0), b.objects.len()).into())}
                { for b.objects.iter().rev().take(6).enumerate().map(|(k, (key, size))| html! {
                    {svg_text("object", None, r.x + 10.0, r.y + 40.0 + k as f64 * 16.0, None, format!("{} ({size} B)", short(key, 26)).into())}
                }) }
            </> })}
        })
    });

    let titles_over = layout.nodes.keys().filter_map(|id| {
        let kind = title_kind(id)?;
        let dlq = id.strip_prefix("q:").is_some_and(|q| {
            w.queues.values().any(|s| s.redrive().map(|r| r.0).as_deref() == Some(q))
        });
        Some(html! { <use href={format!("#{}", tid(id))} class={classes!("title-over", kind, dlq.then_some("dlq"))} /> })
    });

    let empty = w.queues.is_empty() && w.topics.is_empty() && w.streams.is_empty() && w.firehoses.is_empty();
    let (vw, vh) = (layout.width, layout.height);
    html! {
        <div class="canvas-wrap">
            <svg ref={svg_ref} class="canvas" viewBox={format!("0 0 {vw:.0} {vh:.0}")} width={format!("{vw:.0}")} height={format!("{vh:.0}")}
                role="group" aria-label={t(lang, "canvas.label")} {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onkeydown}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                <g class="edges">{ for edges }</g>
                { for producer }
                { for topics }
                { for queues }
                { for functions }
                { for inboxes }
                { for streams }
                { for firehoses }
                { for buckets }
                <g class="gates">{ for gates }</g>
                if empty {
                    <text class="empty" x="200" y="140">{t(lang, "empty.canvas")}</text>
                    if ctl.mode == crate::controller::Mode::Edit {
                        <text class="empty sub-hint" x="200" y="164">{t(lang, "empty.examples")}</text>
                    }
                }
                <g class="chips" ref={chip_ref}></g>
                <g class="titles-over" aria-hidden="true">{ for titles_over }</g>
            </svg>
            // Message chips at high volume (crate::chip_canvas), over the SVG.
            <canvas ref={chip_canvas_ref} class="chip-canvas" aria-hidden="true"></canvas>
        </div>
    }
}

fn stream_view(
    s: &crate::world::Stream,
    _w: &World,
    nodes: &decouple_engine::collections::VecMap<String, Rect>,
    lang: crate::i18n::Lang,
    box_class: &dyn Fn(&str, &str) -> String,
    tid: &dyn Fn(&str) -> String,
) -> Option<Html> {
    let id = format!("s:{}", s.name);
    let r = *nodes.get(&id)?;
    let (bx, bw) = hash_bar(&r);
    let open: Vec<&crate::world::Shard> = s.shards.iter().filter(|sh| !sh.closed).collect();
    let kc = nodes.get(&format!("kc:{}", s.name)).copied();
    // Script actors reading the stream name its consumer box (clicks' readers are counted).
    let actors: Vec<&str> =
        s.reader_names().into_iter().filter(|n| s.readers.iter().any(|r| r.actor && r.name == *n)).collect();
    let lanes = s.shards.iter().filter_map(|sh| {
        let lr = *nodes.get(&format!("sh:{}:{}", s.name, sh.id))?;
        let recs = s.records.get(&sh.id).map(|v| v.as_slice()).unwrap_or(&[]);
        let shown = &recs[recs.len().saturating_sub(LANE_RECORDS)..];
        // Each reader's iterator position: a marker after the last record it has read.
        let markers = s.readers.iter().enumerate().filter(|(_, rd)| rd.shard == sh.id).map(|(n, rd)| {
            let behind = shown.iter().filter(|rec| rd.position.as_deref().is_some_and(|p| crate::world::seq_le(&rec.seq, p))).count();
            let x = lr.x + 2.5 + behind as f64 * 25.0;
            let label = if rd.actor { short(&rd.name, 12) } else { format!("R{}", rd.name.trim_start_matches("reader ")) };
            html! {
                <g class="reader" data-reader={rd.name.clone()}>
                    <title>{format!("{} · {} · {}", crate::world::reader_label(lang, rd), rd.start, crate::i18n::count(lang, rd.read, "stream.record", "stream.records"))}</title>
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={(lr.y - 3.0).to_string()} y2={(lr.y + lr.h + 3.0).to_string()} />
                    <text x={format!("{:.1}", x + 2.0)} y={(lr.y + 8.0 + (n % 2) as f64 * 9.0).to_string()}>{label}</text>
                </g>
            }
        }).collect::<Vec<Html>>();
        let pct = (frac(sh.end) - frac(sh.start)) * 100.0;
        Some(html! {
            <g class={if sh.closed { "lane closed" } else { "lane" }} data-node={format!("sh:{}:{}", s.name, sh.id)}>
                <text class="lane-label" x={(r.x + 10.0).to_string()} y={(lr.y + 16.0).to_string()}>
                    {format!("{} {:.0}%{}", shard_label(lang, &sh.id), pct, if sh.closed { format!(" {}", t(lang, "stream.closed")) } else { String::new() })}
                </text>
                {node_rect(&lr, "4")}
                { for shown.iter().enumerate().map(|(i, rec)| {
                    let x = lr.x + 4.0 + i as f64 * 25.0;
                    let read = s.is_read(&sh.id, &rec.seq);
                    let seq_tail: String = rec.seq.chars().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
                    html! {
                        <g class={if read { "record read" } else { "record" }} data-id={format!("r:{}:{}", s.name, rec.seq)} tabindex="0" role="button" aria-label={format!("{} {}", t(lang, "inspect.record"), rec.seq)}>
                            <rect x={x.to_string()} y={(lr.y + 3.0).to_string()} width="22" height={(lr.h - 6.0).to_string()} rx="3" />
                            <text x={(x + 11.0).to_string()} y={(lr.y + lr.h / 2.0 + 4.0).to_string()} text-anchor="middle">{seq_tail}</text>
                        </g>
                    }
                }) }
                { for markers }
                if recs.len() > LANE_RECORDS {
                    {svg_text("sub", None, lr.x + lr.w - 4.0, lr.y - 2.0, Some("end"), format!("{} {}", recs.len(), t(lang, "stream.records")).into())}
                }
            </g>
        })
    });
    let segments = open.iter().enumerate().map(|(i, sh)| {
        let x = bx + bw * frac(sh.start);
        let wdt = (bw * (frac(sh.end) - frac(sh.start))).max(1.0);
        html! {
            <rect class={format!("seg seg{}", i % 6)} x={format!("{x:.1}")} y={(r.y + r.h - 24.0).to_string()} width={format!("{wdt:.1}")} height="12">
                <title>{format!("{} {}…{}", sh.id, sh.start, sh.end)}</title>
            </rect>
        }
    });
    let status = format!(
        "{} · {}",
        s.status,
        crate::i18n::count(lang, s.total_records, "stream.record", "stream.records")
    );
    Some(html! {
        <>
        {node_group(box_class(&id, "stream"), id.clone().into(), (format!("{} {}", t(lang, "node.stream"), s.name)).into(), html! { <>
            {node_rect(&r, "8")}
            {svg_text("title", Some(tid(&id)), r.x + 10.0, r.y + 20.0, None, fit_px(&format!("Kinesis {}", s.name), r.w - 30.0 - sub_px(&status)).into())}
            {svg_text("sub", None, r.x + r.w - 10.0, r.y + 20.0, Some("end"), status.into())}
        </> })}
        { for lanes }
        {svg_text("sub", None, r.x + 10.0, r.y + r.h - 14.0, None, t(lang, "stream.hashspace").into())}
        { for segments }
        if let Some(k) = kc {
            {node_group(box_class(&format!("kc:{}", s.name), "consumer"), format!("kc:{}", s.name).into(), (format!("{} {}", t(lang, "node.consumer"), s.name)).into(), html! { <>
                {node_rect(&k, "8")}
                if !actors.is_empty() { <title>{actors.join(", ")}</title> }
                <text class="title" id={tid(&format!("kc:{}", s.name))} x={(k.x + 10.0).to_string()} y={(k.y + 20.0).to_string()}>{names_or_consumer(&actors, lang)}</text>
                {svg_text("sub", None, k.x + 10.0, k.y + 40.0, None, crate::i18n::count(lang, s.reader_names().len() as u64, "stream.position", "stream.positions").into())}
            </> })}
        }
        </>
    })
}

/// A node of the topology: focusable, a button that inspects it (`data-node` is its layout id).
fn node_group(class: String, id: AttrValue, label: AttrValue, children: Html) -> Html {
    html! { <g {class} data-node={id} tabindex="0" role="button" aria-label={label}>{children}</g> }
}

/// A node's box.
fn node_rect(r: &Rect, rx: &'static str) -> Html {
    html! { <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} {rx} /> }
}

/// One line of text at (x, y); `id` names a node's title (drawn again above the chips),
/// `anchor` is its `text-anchor`. One function for every label keeps the wasm small.
fn svg_text(
    class: &'static str,
    id: Option<String>,
    x: f64,
    y: f64,
    anchor: Option<&'static str>,
    body: AttrValue,
) -> Html {
    html! { <text {class} {id} x={x.to_string()} y={y.to_string()} text-anchor={anchor}>{body}</text> }
}

/// `shardId-000000000003` → `shard 3`.
fn shard_label(lang: crate::i18n::Lang, id: &str) -> String {
    let n = id.trim_start_matches("shardId-").trim_start_matches('0');
    format!("{} {}", t(lang, "stream.shard"), if n.is_empty() { "0" } else { n })
}

/// A queue's consumer box: the names of the script's consumers of it, else "Consumer".
fn consumer_title(w: &World, queue: &str, lang: crate::i18n::Lang) -> String {
    names_or_consumer(&consumer_names(w, queue), lang)
}

/// The names of the script's running consumers of a queue.
fn consumer_names<'a>(w: &'a World, queue: &str) -> Vec<&'a str> {
    w.consumers.get(queue).map(|n| n.iter().map(String::as_str).collect()).unwrap_or_default()
}

/// The title of a consumer box: the first actor's name (shortened to fit beside the box's
/// label) and how many more there are (`worker +1`), else "Consumer".
fn names_or_consumer(names: &[&str], lang: crate::i18n::Lang) -> String {
    match names {
        [] => t(lang, "node.consumer").to_string(),
        [one] => fit(one, 12),
        [first, rest @ ..] => format!("{} +{}", fit(first, 9), rest.len()),
    }
}

/// Widths of the canvas's fonts, generous (DejaVu Sans, the widest usual fallback): a title
/// (13 px bold), a badge (10 px capitals) and a sub line (11 px).
fn title_char_px(c: char) -> f64 {
    match c {
        c if crate::text::columns(c) > 1.0 => 14.0, // Hangul, and the ellipsis
        'm' | 'w' | 'M' | 'W' => 14.5,
        'i' | 'j' | 'l' => 4.5,
        'f' | 'r' | 't' | '-' | '.' | ':' | ' ' => 6.5,
        c if c.is_ascii_uppercase() => 11.0,
        _ => 9.0,
    }
}
/// Width of a line whose wide characters (Hangul) take `wide` px and the others `narrow`.
fn line_px(s: &str, wide: f64, narrow: f64) -> f64 {
    s.chars().map(|c| if crate::text::columns(c) > 1.0 { wide } else { narrow }).sum()
}
fn badge_px(s: &str) -> f64 {
    line_px(s, 10.5, 7.0)
}
fn sub_px(s: &str) -> f64 {
    line_px(s, 11.5, 7.0)
}

/// A title cut with an ellipsis to fit `px` (long AWS names, up to 80 characters for a
/// queue, would leave their box).
fn fit_px(s: &str, px: f64) -> String {
    crate::text::ellipsize(s, px, title_char_px, title_char_px('…'))
}

/// `s` cut to `width` columns (a wide character such as Hangul counts two) with an ellipsis.
fn fit(s: &str, width: usize) -> String {
    crate::text::ellipsize(s, width as f64, crate::text::columns, 1.0)
}

/// The resource name at the end of an ARN or URL (`…:orders` → `orders`).
fn arn_tail(s: &str) -> &str {
    s.rsplit([':', '/']).next().unwrap_or(s)
}
