//! Side and bottom panels: the inspector with its "why" explanations, the event log (an
//! `aria-live` region), metric sparklines and the scenario editor.

use serde_json::{json, Value};
use yew::prelude::*;

use crate::app::Props;
use crate::controller::{format_duration, format_instant};
use crate::el::el;
use crate::i18n::{t, tf, Lang};
use crate::text::short;
use crate::world::{hash_key, MsgState, World};

/// One publication (its id and Message) and why it was delivered or filtered out.
fn publication_explained(w: &World, id: &str, v: &Value, lang: Lang) -> Html {
    html! {
        <div class="explanation" data-publication={id.to_string()}>
            <p class="publication">{el("code", None, short(id, 13).into())}
                if let Some(body) = w.pub_bodies.get(id) { {" "}{el("q", None, short(body, 40).into())} }</p>
            {crate::filter_view::explanation(v, lang)}
        </div>
    }
}

/// One term and its description in an inspector's list (`<dt>`, `<dd>`): one function for
/// every such pair keeps the wasm small.
pub(crate) fn kv(term: AttrValue, value: AttrValue) -> Html {
    html! { <>{el("dt", None, term.into())}{el("dd", None, value.into())}</> }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// PartitionKey → MD5 → hash key → shard.
fn hash_explain(w: &World, stream: &str, pk: &str, explicit: Option<u128>, lang: Lang) -> Html {
    let md5 = decouple_engine::digest::md5(pk.as_bytes());
    let hash = explicit.unwrap_or_else(|| hash_key(pk));
    let shard = w
        .streams
        .get(stream)
        .and_then(|s| s.shards.iter().find(|sh| !sh.closed && sh.start <= hash && hash <= sh.end).cloned());
    html! {
        <div class="why hash">
            {el("h3", None, t(lang, "why.hash").into())}
            <ol>
                <li>{"PartitionKey "}{el("code", None, pk.to_string().into())}</li>
                if explicit.is_some() {
                    <li>{"ExplicitHashKey "}{el("code", None, hash.to_string().into())}</li>
                } else {
                    <li>{"MD5 "}{el("code", None, hex(&md5).into())}</li>
                    <li>{t(lang, "why.hash_key")}{" "}{el("code", None, hash.to_string().into())}</li>
                }
                <li>{tf(lang, "why.hash_share", &[("p".into(), format!("{:.4}%", crate::layout::frac(hash) * 100.0))])}</li>
                if let Some(sh) = shard {
                    <li>{"→ "}{el("strong", None, sh.id.clone().into())}{format!(" HashKeyRange {} … {}", sh.start, sh.end)}</li>
                }
            </ol>
        </div>
    }
}

#[function_component(Inspector)]
pub fn inspector(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    let sel = ctl.selected.borrow().clone();
    let sim = ctl.sim.borrow();
    let w = &sim.world;
    let vis_secs = use_state(|| "0".to_string());
    let section = use_node_ref();
    {
        // Play mode: the inspector sits under the canvas; bring a new selection's "why" into
        // view (only as far as needed) when it is below the fold.
        let section = section.clone();
        let compact = ctl.mode != crate::controller::Mode::Edit;
        // Edit mode: the inspector comes first in the side panel; show its top.
        use_effect_with(sel.clone(), move |sel| {
            if let (Some(_), Some(el)) = (sel, section.cast::<web_sys::Element>()) {
                if let Some(side) = el.closest(".side").ok().flatten() {
                    if side.scroll_height() > side.client_height() {
                        side.set_scroll_top(0);
                    }
                }
                let r = el.get_bounding_client_rect();
                let h = web_sys::window()
                    .and_then(|w| w.inner_height().ok())
                    .and_then(|h| h.as_f64())
                    .unwrap_or(0.0);
                if h > 0.0 && compact && (r.bottom() > h || r.top() < 0.0) {
                    el.scroll_into_view_with_bool(r.top() < 0.0 || r.height() > h);
                } else if h > 0.0 && !compact && (r.top() > h - 60.0 || r.top() < 0.0) {
                    el.scroll_into_view_with_bool(true);
                }
            }
        });
    }
    // Play mode is compact and read-only: no delete, the life folded, a close button.
    let compact = ctl.mode != crate::controller::Mode::Edit;
    let body = match sel.as_deref() {
        None => {
            html! { <p class="muted">{t(lang, if compact { "inspect.none_play" } else { "inspect.none" })}</p> }
        }
        Some(id) if w.messages.contains_key(id) => {
            let m = &w.messages[id];
            let why = w.why_invisible(id).map(|(k, mut args)| {
                for (name, v) in args.iter_mut() {
                    if name == "t" {
                        if let Ok(ms) = v.parse::<u64>() {
                            *v = format!(
                                "{} (+{})",
                                format_instant(ms),
                                format_duration(ms.saturating_sub(w.now))
                            );
                        }
                    }
                }
                tf(lang, &k, &args)
            });
            let redrive = w.queues.get(&m.queue).and_then(|q| q.redrive()).map(|(dlq, max)| {
                // AWS moves it on the receive that would take the count past maxReceiveCount.
                let key = if u64::from(m.receive_count) >= max { "why.redrive_next" } else { "why.redrive" };
                tf(
                    lang,
                    key,
                    &[
                        ("n".into(), m.receive_count.to_string()),
                        ("max".into(), max.to_string()),
                        ("k".into(), max.saturating_add(1).to_string()),
                        ("dlq".into(), dlq),
                    ],
                )
            });
            let receipt = w.receipt_of(id);
            let inflight = matches!(m.state, MsgState::InFlight { .. });
            let queue_url = w.queues.get(&m.queue).map(|q| q.url.clone()).unwrap_or_default();
            let delete = {
                let ctl = ctl.clone();
                let (url, rh) = (queue_url.clone(), receipt.clone().unwrap_or_default());
                Callback::from(move |_| {
                    ctl.call("sqs", "DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": rh}));
                })
            };
            let change = {
                let ctl = ctl.clone();
                let vis_secs = vis_secs.clone();
                let (url, rh) = (queue_url, receipt.unwrap_or_default());
                Callback::from(move |_| {
                    let secs = crate::forms::number_value(&vis_secs);
                    ctl.call(
                        "sqs",
                        "ChangeMessageVisibility",
                        json!({"QueueUrl": url, "ReceiptHandle": rh, "VisibilityTimeout": secs}),
                    );
                })
            };
            let on_vis = {
                let vis_secs = vis_secs.clone();
                Callback::from(move |e: InputEvent| {
                    let i: web_sys::HtmlInputElement = e.target_unchecked_into();
                    vis_secs.set(i.value());
                })
            };
            html! {
                <div class="message">
                    <h3>{t(lang, "inspect.message")}{" "}{el("code", None, short(id, 13).into())}</h3>
                    <dl>
                        {kv(t(lang, "node.queue").into(), m.queue.clone().into())}
                        {el("dt", None, t(lang, "inspect.body").into())}<dd><pre class="body" tabindex={(m.body.len() > 400 || m.body.lines().count() > 10).then_some("0")} aria-label={t(lang, "inspect.body")}>{m.body.clone()}</pre>if m.body_from_topic { {el("small", Some("note sns-body"), t(lang, "inspect.sns_body").into())} }</dd>
                        if let Some(g) = &m.group { {kv("MessageGroupId".into(), g.clone().into())} }
                        if let Some(d) = &m.dedup { {kv("MessageDeduplicationId".into(), d.clone().into())} }
                        if !m.attributes.is_empty() {
                            {el("dt", None, "MessageAttributes".into())}
                            <dd><ul class="attributes">{ for m.attributes.iter().map(|(name, ty, v)| html! {
                                <li>{el("code", None, name.clone().into())}{format!(" ({ty}) ")}{el("q", None, short(v, 60).into())}</li>
                            }) }</ul></dd>
                        }
                        {kv("ApproximateReceiveCount".into(), m.receive_count.to_string().into())}
                    </dl>
                    <div class="why" role="note">
                        {el("h3", None, t(lang, "panel.why").into())}
                        {el("p", None, (why.unwrap_or_else(|| t(lang, "why.visible").to_string())).into())}
                        if let Some(r) = redrive { {el("p", None, r.into())} }
                    </div>
                    if let Some((pub_id, x)) = m.publication.as_ref().and_then(|k| Some((k.split('|').next()?, w.explanations.get(k)?))) {
                        <div class="why filter">
                            {el("h3", None, t(lang, "why.filter").into())}
                            {publication_explained(w, pub_id, x, lang)}
                        </div>
                    }
                    if inflight && ctl.mode == crate::controller::Mode::Edit {
                        <div class="actions">
                            <button class="delete-msg" onclick={delete}>{"DeleteMessage"}</button>
                            <input type="text" class="num" placeholder="0–43200 s" value={(*vis_secs).clone()} oninput={on_vis} aria-label="VisibilityTimeout" />
                            <button class="change-vis" onclick={change}>{"ChangeMessageVisibility"}</button>
                        </div>
                    }
                    {life(w, id, lang, compact)}
                </div>
            }
        }
        // A message selected, then deleted, purged or expired: its life says how it ended.
        Some(id) if !id.contains(':') && w.lives.contains_key(id) => html! {
            <div class="message gone">
                <h3>{t(lang, "inspect.message")}{" "}{el("code", None, short(id, 13).into())}</h3>
                {el("p", Some("muted"), t(lang, "inspect.message_gone").into())}
                {life(w, id, lang, false)}
            </div>
        },
        Some(id) if id.starts_with("r:") => {
            let rest = &id[2..];
            let (stream, seq) = rest.rsplit_once(':').unwrap_or(("", ""));
            let rec = w
                .streams
                .get(stream)
                .and_then(|s| s.records.values().flatten().find(|r| r.seq == seq))
                .cloned();
            match rec {
                Some(r) => {
                    let explicit = (r.hash != hash_key(&r.pk)).then_some(r.hash);
                    html! {
                        <div class="record-info">
                            <h3>{t(lang, "inspect.record")}{" "}{el("code", None, r.seq.clone().into())}</h3>
                            <dl>
                                {kv("ShardId".into(), r.shard.clone().into())}
                                if let Some(text) = data_text(&r.data) {
                                    {el("dt", None, ("Data").into())}<dd><pre class="body data-text">{short(&text, 200)}</pre></dd>
                                }
                                {el("dt", None, ("Data (base64)").into())}<dd><pre class="body">{short(&r.data, 200)}</pre></dd>
                            </dl>
                            {hash_explain(w, stream, &r.pk, explicit, lang)}
                        </div>
                    }
                }
                None => html! { {el("p", Some("muted gone"), t(lang, "inspect.record_gone").into())} },
            }
        }
        Some(id) if id.starts_with("g:") => {
            let sub = w.subs.get(&id[2..]).cloned();
            match sub {
                Some(s) => {
                    // The latest publications first (by when they were published).
                    let mut ex: Vec<(u64, String, Value)> = w
                        .explanations
                        .iter()
                        .filter(|(k, _)| k.ends_with(&format!("|{}", s.arn)))
                        .map(|(k, v)| {
                            let id = k.split('|').next().unwrap_or("").to_string();
                            let at = w.lives.get(&id).and_then(|l| l.first()).map(|(at, _)| *at).unwrap_or(0);
                            (at, id, v.clone())
                        })
                        .collect();
                    decouple_engine::collections::sort_by(&mut ex, &|a, b| {
                        b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1))
                    });
                    html! {
                        <div class="sub-info">
                            {el("h3", None, t(lang, "inspect.subscription").into())}
                            <dl>
                                {el("dt", None, ("SubscriptionArn").into())}<dd>{el("code", None, s.arn.clone().into())}</dd>
                                {kv("Protocol".into(), s.protocol.clone().into())}
                                {kv("Endpoint".into(), s.endpoint.clone().into())}
                                {el("dt", None, ("FilterPolicy").into())}<dd><pre class="body">{s.filter_policy.clone().unwrap_or_else(|| t(lang, "form.none").into())}</pre></dd>
                                if let Some(sc) = &s.filter_scope { {kv("FilterPolicyScope".into(), sc.clone().into())} }
                            </dl>
                            { delivery_failures(w, &s.arn, lang) }
                            <div class="why">
                                {el("h3", None, t(lang, "why.filter").into())}
                                { pending_fan_out(&ctl, &sim, &s, lang) }
                                if ex.is_empty() && s.filter_policy.is_none() { {el("p", Some("muted"), t(lang, "filter.no_policy").into())} }
                                else if ex.is_empty() && w.topics.get(&s.topic).is_none_or(|tp| tp.last_publication.is_none()) { {el("p", Some("muted"), t(lang, "filter.none_yet").into())} }
                                { for ex.iter().take(5).map(|(_, m, v)| publication_explained(w, m, v, lang)) }
                            </div>
                        </div>
                    }
                }
                None => html! {},
            }
        }
        Some(id) => crate::resource_view::resource_info(w, id, lang),
    };
    // Delete the selected resource with its AWS action.
    let delete =
        sel.as_deref().filter(|_| !compact).and_then(|id| delete_call(w, id)).map(|(svc, action, input)| {
            let ctl = ctl.clone();
            let onclick = Callback::from(move |_| {
                ctl.call(svc, action, input.clone());
                ctl.select(None);
            });
            html! { <p><button class="delete-resource" {onclick}>{action}</button></p> }
        });
    let close = (compact && sel.is_some()).then(|| {
        let ctl = ctl.clone();
        let onclick = Callback::from(move |_| ctl.select(None));
        html! { <button class="close" aria-label={t(lang, "inspect.close")} title={t(lang, "inspect.close")} {onclick}>{"×"}</button> }
    });
    html! {
        <section ref={section} class={classes!("panel", "inspector", compact.then_some("compact"))} aria-label={t(lang, "panel.inspector")}>
            <h2>{t(lang, "panel.inspector")}{ for close }</h2>
            {body}
            { pending_confirmation(&ctl, &sim, sel.as_deref(), lang) }
            { for delete }
        </section>
    }
}

/// The topic's latest publication while SNS has not fanned it out yet (it does so
/// `DELIVERY_LATENCY_MS` after the Publish, when time moves): it was published, and this
/// subscription's filter policy is evaluated then. Paused, nothing moves until Play or Step.
fn pending_fan_out(
    ctl: &std::rc::Rc<crate::controller::Controller>,
    sim: &crate::sim::Sim,
    sub: &crate::world::Sub,
    lang: Lang,
) -> Html {
    let w = &sim.world;
    let Some((id, at)) = w.topics.get(&sub.topic).and_then(|tp| tp.last_publication.as_ref()) else {
        return html! {};
    };
    let fanned_out = at.saturating_add(decouple_engine::sns::DELIVERY_LATENCY_MS) <= sim.now().millis()
        || w.explanations.contains_key(&format!("{id}|{}", sub.arn));
    if fanned_out {
        return html! {};
    }
    let when = format!("+{}", format_duration(at.saturating_sub(sim.start().millis())));
    let text = tf(
        lang,
        "filter.pending",
        &[("at".into(), when), ("ms".into(), decouple_engine::sns::DELIVERY_LATENCY_MS.to_string())],
    );
    html! {
        <div class="explanation pending" data-publication={id.clone()}>
            <p class="publication">{el("code", None, short(id, 13).into())}
                if let Some(body) = w.pub_bodies.get(id) { {" "}{el("q", None, short(body, 40).into())} }</p>
            {el("p", None, text.into())}
            if !ctl.playing.get() { {el("p", Some("paused-hint"), t(lang, "time.paused_hint").into())} }
        </div>
    }
}

/// A selected subscription (its gate or its inbox) waiting for ConfirmSubscription: why nothing
/// arrives, and (edit mode) a button that confirms it with the token SNS sent.
fn pending_confirmation(
    ctl: &std::rc::Rc<crate::controller::Controller>,
    sim: &crate::sim::Sim,
    sel: Option<&str>,
    lang: Lang,
) -> Html {
    let w = &sim.world;
    let arn = match sel.and_then(|id| id.split_once(':')) {
        Some(("g", arn)) => Some(arn.to_string()),
        Some(("i", key)) => w
            .subs
            .values()
            .find(|s| crate::world::inbox_key(&s.protocol, &s.endpoint) == key)
            .map(|s| s.arn.clone()),
        _ => None,
    };
    let Some(sub) = arn.and_then(|a| sim.cloud.sns.subscriptions.get(&a)).filter(|s| s.pending) else {
        return html! {};
    };
    let (topic, token, endpoint) = (sub.topic_arn.clone(), sub.token.clone(), sub.endpoint.to_string());
    let confirm = (ctl.mode == crate::controller::Mode::Edit).then(|| {
        let ctl = ctl.clone();
        let onclick = Callback::from(move |_| {
            ctl.call("sns", "ConfirmSubscription", json!({"TopicArn": topic, "Token": token}));
        });
        html! { <p><button class="confirm-subscription" {onclick}>{"ConfirmSubscription"}</button></p> }
    });
    html! {
        <div class="why pending" role="note">
            {el("h3", None, t(lang, "why.pending_title").into())}
            {el("p", None, tf(lang, "why.pending", &[("endpoint".into(), endpoint)]).into())}
            { for confirm }
        </div>
    }
}

/// The latest deliveries a subscription's endpoint refused, with the reason AWS gives and,
/// for a queue Policy that does not allow the topic, how to allow it.
fn delivery_failures(w: &World, sub_arn: &str, lang: Lang) -> Html {
    let suffix = format!("|{sub_arn}");
    let mut failed: Vec<(u64, &str, &str, bool)> = w
        .failures
        .iter()
        .filter(|(k, _)| k.ends_with(&suffix))
        .map(|(k, (at, reason, retry))| (*at, k.split('|').next().unwrap_or(""), reason.as_str(), *retry))
        .collect();
    if failed.is_empty() {
        return html! {};
    }
    decouple_engine::collections::sort_by(&mut failed, &|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let denied = failed.iter().any(|f| f.2.starts_with("AccessDenied"));
    let retry = failed.first().is_some_and(|f| f.3);
    html! {
        <div class="why failed" role="note">
            {el("h3", None, t(lang, "why.failed").into())}
            { for failed.iter().take(5).map(|(_, id, reason, _)| html! {
                <p class="failure">{el("code", None, short(id, 13).into())}
                    if let Some(body) = w.pub_bodies.get(*id) { {" "}{el("q", None, short(body, 40).into())} }
                    <br />{el("code", Some("reason"), reason.to_string().into())}</p>
            }) }
            if denied { {el("p", None, t(lang, "why.policy_denied").into())} }
            if retry { {el("p", None, t(lang, "why.retrying").into())} }
        </div>
    }
}

/// A record's Data (base64) as the text it encodes, when it is UTF-8 without control
/// characters other than white space (binary data stays base64 only).
fn data_text(b64: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    (!text.chars().any(|c| c.is_control() && !c.is_whitespace())).then_some(text)
}

/// The AWS call that deletes the resource behind a canvas node.
fn delete_call(w: &World, id: &str) -> Option<(&'static str, &'static str, Value)> {
    let (kind, name) = id.split_once(':')?;
    Some(match kind {
        "q" => ("sqs", "DeleteQueue", json!({ "QueueUrl": w.queues.get(name)?.url })),
        "t" => ("sns", "DeleteTopic", json!({ "TopicArn": w.topics.get(name)?.arn })),
        "g" => ("sns", "Unsubscribe", json!({ "SubscriptionArn": w.subs.get(name)?.arn })),
        "s" => ("kinesis", "DeleteStream", json!({ "StreamName": w.streams.get(name)?.name })),
        "f" => {
            ("firehose", "DeleteDeliveryStream", json!({ "DeliveryStreamName": w.firehoses.get(name)?.name }))
        }
        "l" => ("lambda", "DeleteFunction", json!({ "FunctionName": w.functions.get(name)?.name })),
        "b" => ("s3", "DeleteBucket", json!({ "Bucket": w.buckets.get(name)?.name })),
        _ => return None,
    })
}

/// A message's life as a timeline; `folded` (play mode) behind a disclosure.
fn life(w: &World, id: &str, lang: Lang, folded: bool) -> Html {
    let Some(l) = w.lives.get(id) else { return html! {} };
    let start = l.first().map(|(t, _)| *t).unwrap_or(0);
    let list = html! {
        <ol class="timeline">
            { for l.iter().map(|(at, what)| html! { <li><span class="at">{format!("+{}", format_duration(at - start))}</span>{" "}{what.clone()}</li> }) }
        </ol>
    };
    if folded {
        return html! {
            <details class="life">
                <summary>{format!("{} ({})", t(lang, "inspect.life"), l.len())}</summary>
                {list}
            </details>
        };
    }
    html! {
        <div class="life">
            {el("h3", None, t(lang, "inspect.life").into())}
            {list}
        </div>
    }
}

#[function_component(EventLog)]
pub fn event_log(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    let sim = ctl.sim.borrow();
    let w = &sim.world;
    let start = sim.start().millis();
    // Entries appear once their event's animation has played (the controller holds them).
    let shown = ctl.log_shown.get();
    let visible: Vec<&crate::world::LogEntry> = w.log.iter().rev().filter(|e| e.n < shown).take(80).collect();
    let empty = visible.is_empty();
    let items = visible.into_iter().map(|e| {
        let ctl = ctl.clone();
        let subject = e.subject.clone();
        let selectable = subject.is_some();
        let onclick = {
            let (ctl, subject) = (ctl.clone(), subject.clone());
            Callback::from(move |_| {
                if subject.is_some() {
                    ctl.select(subject.clone());
                }
            })
        };
        // Keyboard: an entry about a message, record or subscription is a button (Enter, Space).
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if subject.is_some() && (e.key() == "Enter" || e.key() == " ") {
                e.prevent_default();
                ctl.select(subject.clone());
            }
        });
        let is_call = e.service == "call";
        let err = e.detail.get("error").map(|er| {
            format!("{}: {}", er.get("code").and_then(Value::as_str).unwrap_or(""), er.get("message").and_then(Value::as_str).unwrap_or(""))
        });
        html! {
            <li class={classes!(if is_call { "call" } else { "event" }, err.is_some().then_some("error"))} {onclick} {onkeydown}
                tabindex={selectable.then_some("0")} role={selectable.then_some("button")} data-n={e.n.to_string()}>
                <span class="at">{format!("+{}", format_duration(e.at.saturating_sub(start)))}</span>
                <span class="svc">{ if is_call { "→" } else { e.service.as_str() } }</span>
                {el("span", Some("type"), e.kind.clone().into())}
                if let Some(s) = &e.subject { {el("span", Some("subject"), short(s, 12).into())} }
                if let Some(er) = err { {el("span", Some("err"), er.into())} }
            </li>
        }
    });
    html! {
        <section class="panel log" aria-label={t(lang, "panel.log")}>
            {el("h2", None, t(lang, "panel.log").into())}
            if empty {
                {el("p", Some("muted"), t(lang, "log.empty").into())}
            }
            <ol class="events" aria-live="polite" aria-relevant="additions">{ for items }</ol>
        </section>
    }
}

/// `navigator.clipboard.writeText(text)`, where the browser offers it (a secure context).
fn copy_text(text: &str) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let clipboard =
        js_sys::Reflect::get(&js_sys::Reflect::get(&window, &"navigator".into()).ok()?, &"clipboard".into())
            .ok()?;
    let write: js_sys::Function =
        js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?.dyn_into().ok()?;
    write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()
}

#[function_component(ScenarioPanel)]
pub fn scenario_panel(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    // The learner's edit of the lines, kept until Load applies it or Reset drops it: the
    // recorded lines change as time passes (the trailing advance grows), and a re-render must
    // not put them back over what is being typed.
    let draft = use_state(|| None::<String>);
    let lines = match &*draft {
        Some(d) => d.clone(),
        None => ctl.sim.borrow().scenario_lines(),
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let a: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            draft.set(Some(a.value()));
        })
    };
    let load = {
        let ctl = ctl.clone();
        let draft = draft.clone();
        let lines = lines.clone();
        Callback::from(move |_| match ctl.load_lines(&lines) {
            Ok(()) => draft.set(None),
            Err(e) => {
                *ctl.flash.borrow_mut() = Some((false, e));
                ctl.refresh_views();
            }
        })
    };
    let reset = {
        let ctl = ctl.clone();
        let draft = draft.clone();
        Callback::from(move |_| {
            draft.set(None);
            ctl.reset()
        })
    };
    // Copy share link: the page's URL (#s=…, written by save) to the clipboard; what happened
    // is said beside the button, for the lines it was copied with.
    let copied = use_state(|| None::<(bool, String)>);
    let share = {
        let ctl = ctl.clone();
        let copied = copied.clone();
        let lines = lines.clone();
        Callback::from(move |_| {
            ctl.save();
            let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
            let (ok, failed) = (copied.clone(), copied.clone());
            let (l1, l2) = (lines.clone(), lines.clone());
            let on_ok = wasm_bindgen::closure::Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
                ok.set(Some((true, l1)));
            });
            let on_err = wasm_bindgen::closure::Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
                failed.set(Some((false, l2)));
            });
            // `promise.then(on_ok, on_err)`: once_into_js closures free themselves when called.
            let then = copy_text(&href).and_then(|p| {
                let then: js_sys::Function =
                    wasm_bindgen::JsCast::dyn_into(js_sys::Reflect::get(&p, &"then".into()).ok()?).ok()?;
                then.call2(&p, &on_ok, &on_err).ok()
            });
            if then.is_none() {
                copied.set(Some((false, lines.clone())));
            }
        })
    };
    let share_status = copied.as_ref().filter(|(_, at)| *at == lines).map(|(ok, _)| {
        let key = if *ok { "form.copied" } else { "form.shared" };
        html! { <p class="muted share-status" role="status">{t(lang, key)}</p> }
    });
    html! {
        <section class="panel scenario" aria-label={t(lang, "panel.scenario")}>
            {el("h2", None, t(lang, "panel.scenario").into())}
            <textarea class={classes!("lines", draft.is_some().then_some("edited"))} rows="8" spellcheck="false" value={lines} {oninput} />
            if draft.is_some() { {el("p", Some("muted edited-hint"), t(lang, "scenario.edited").into())} }
            <div class="row">
                <button class="load" onclick={load}>{t(lang, "form.load")}</button>
                <button class="reset" onclick={reset}>{t(lang, "form.reset")}</button>
                <button class="share" onclick={share}>{t(lang, "form.share")}</button>
            </div>
            { for share_status }
        </section>
    }
}
