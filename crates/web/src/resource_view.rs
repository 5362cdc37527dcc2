//! The inspector of a resource: a queue's attributes, a topic's subscriptions, a stream's
//! shards and readers, a delivery stream's buffer and flush rule, a bucket's objects, an
//! inbox's messages, a function's invocations.

use yew::prelude::*;

use crate::el::el;
use crate::i18n::{t, tf, Lang};
use crate::panels::kv;
use crate::world::World;

/// The inspector of a resource (a canvas node).
pub fn resource_info(w: &World, id: &str, lang: Lang) -> Html {
    if let Some(q) = id.strip_prefix("q:").and_then(|n| w.queues.get(n)) {
        return html! {
            <div class="queue-info">
                <h3>{format!("{} {}", t(lang, "node.queue"), q.name)}</h3>
                <p>{el("code", None, q.url.clone().into())}</p>
                // A dead-letter queue says whose messages land in it, and after how many receives.
                { for w.queues.values().filter_map(|src| src.redrive().filter(|(d, _)| *d == q.name).map(|(_, max)| (src.name.clone(), max))).map(|(src, max)| html! {
                    {el("p", Some("dlq-of"), (crate::i18n::tf(lang, "inspect.dlq_of", &[("src".into(), src), ("max".into(), max.to_string())])).into())}
                }) }
                {el("h4", None, t(lang, "inspect.attributes").into())}
                <table class="attrs">
                    { for q.attributes.iter().map(|(k, v)| html! { <tr><th>{crate::forms::camel_breaks(k)}</th>{el("td", None, v.clone().into())}</tr> }) }
                </table>
            </div>
        };
    }
    if let Some(tp) = id.strip_prefix("t:").and_then(|a| w.topics.get(a)) {
        return html! {
            <div class="topic-info">
                <h3>{format!("{} {}", t(lang, "node.topic"), tp.name)}</h3>
                <p>{el("code", None, tp.arn.clone().into())}</p>
                <ul>{ for w.subs.values().filter(|s| s.topic == tp.arn).map(|s| html! { <li>{format!("{} → {}", s.protocol, s.endpoint)}</li> }) }</ul>
            </div>
        };
    }
    if let Some(s) = id.strip_prefix("s:").and_then(|n| w.streams.get(n)) {
        return html! {
            <div class="stream-info">
                <h3>{format!("{} {}", t(lang, "node.stream"), s.name)}</h3>
                <table class="attrs">
                    { for s.shards.iter().map(|sh| html! { <tr>{el("th", None, sh.id.clone().into())}<td>{format!("{} … {}{}", sh.start, sh.end, if sh.closed { format!(" ({})", t(lang, "stream.closed")) } else { String::new() })}</td></tr> }) }
                </table>
            </div>
        };
    }
    if let Some(s) = id.strip_prefix("kc:").and_then(|n| w.streams.get(n)) {
        return html! {
            <div class="readers-info">
                <h3>{format!("{} {}", t(lang, "node.consumer"), s.name)}</h3>
                if s.readers.is_empty() { {el("p", Some("muted"), t(lang, "readers.none").into())} }
                <table class="attrs readers">
                    <tr>{el("th", None, t(lang, "readers.reader").into())}{el("th", None, ("ShardId").into())}{el("th", None, ("ShardIteratorType").into())}{el("th", None, t(lang, "readers.position").into())}{el("th", None, t(lang, "readers.read").into())}{el("th", None, ("MillisBehindLatest").into())}</tr>
                    { for s.readers.iter().map(|r| html! {
                        <tr>
                            {el("td", None, (crate::world::reader_label(lang, r)).into())}{el("td", None, r.shard.trim_start_matches("shardId-").to_string().into())}{el("td", None, r.start.clone().into())}
                            <td title={r.position.clone().unwrap_or_default()}><code>{r.position.as_deref().map(|p| format!("…{}", p.chars().skip(p.chars().count().saturating_sub(6)).collect::<String>())).unwrap_or_else(|| "—".into())}</code></td>
                            {el("td", None, r.read.to_string().into())}
                            <td>{r.behind_ms.map(|b| b.to_string()).unwrap_or_else(|| "—".into())}{ if r.ended { format!(" ({})", t(lang, "readers.ended")) } else { String::new() } }</td>
                        </tr>
                    }) }
                </table>
            </div>
        };
    }
    if let Some(f) = id.strip_prefix("f:").and_then(|n| w.firehoses.get(n)) {
        return firehose_info(w, f, lang);
    }
    if let Some(b) = id.strip_prefix("b:").and_then(|n| w.buckets.get(n)) {
        return html! {
            <div class="bucket-info">
                <h3>{format!("{} {}", t(lang, "node.bucket"), b.name)}</h3>
                <p><code>{format!("arn:aws:s3:::{}", b.name)}</code></p>
                if b.objects.is_empty() { {el("p", Some("muted"), t(lang, "bucket.empty").into())} }
                <table class="attrs objects">
                    { for b.objects.iter().rev().take(OBJECTS_SHOWN).map(|(key, size)| html! {
                        <tr><th>{el("code", None, key.clone().into())}</th><td>{format!("{size} B")}</td></tr>
                    }) }
                </table>
            </div>
        };
    }
    if let Some(i) = id.strip_prefix("i:").and_then(|k| w.inboxes.get(k)) {
        return html! {
            <div class="inbox-info">
                <h3>{format!("{} · {}", t(lang, "node.inbox"), i.protocol)}</h3>
                <p>{el("code", None, i.endpoint.clone().into())}</p>
                if i.received.is_empty() { {el("p", Some("muted"), t(lang, "inbox.empty").into())} }
                <ol class="received">
                    { for i.received.iter().rev().take(OBJECTS_SHOWN).map(|m| html! { <li><pre class="body">{m.clone()}</pre></li> }) }
                </ol>
            </div>
        };
    }
    if let Some(f) = id.strip_prefix("l:").and_then(|n| w.functions.get(n)) {
        return html! {
            <div class="function-info">
                <h3>{format!("{} {}", t(lang, "node.function"), f.name)}</h3>
                <dl>
                    {kv("FunctionName".into(), f.name.clone().into())}
                    {kv(t(lang, "fn.invocations_label").into(), f.invocations.to_string().into())}
                </dl>
            </div>
        };
    }
    // Selected, then deleted (DeleteQueue from the form, a DeleteStream that finished, …): say
    // so by its name instead of showing the node's id.
    let name = id.split_once(':').map_or(id, |(_, n)| n);
    let name = name.rsplit([':', '/']).next().unwrap_or(name);
    html! { {el("p", Some("muted gone"), tf(lang, "inspect.gone", &[("name".into(), name.to_string())]).into())} }
}

/// Objects and messages listed, the latest first.
const OBJECTS_SHOWN: usize = 20;

/// A delivery stream: its destination, buffering hints, what its buffer holds and when it
/// flushes, and the rule that decides it.
fn firehose_info(w: &World, f: &crate::world::Firehose, lang: Lang) -> Html {
    let left = f.buffer_since.map(|s| (s + f.interval_s * 1000).saturating_sub(w.now));
    html! {
        <div class="firehose-info">
            <h3>{format!("Firehose {}", f.name)}</h3>
            <dl>
                {el("dt", None, ("BucketARN").into())}<dd><code>{format!("arn:aws:s3:::{}", f.bucket)}</code></dd>
                {kv("SizeInMBs".into(), f.size_mb.to_string().into())}
                {kv("IntervalInSeconds".into(), f.interval_s.to_string().into())}
                {el("dt", None, t(lang, "fh.buffer").into())}<dd>{format!("{} B · {}", f.buffered_bytes, crate::i18n::count(lang, f.buffered_records, "stream.record", "stream.records"))}</dd>
                if let Some(l) = left { {el("dt", None, t(lang, "fh.flush_in").into())}<dd>{format!("{:.1} s", l as f64 / 1000.0)}</dd> }
            </dl>
            <div class="why" role="note">
                {el("h3", None, t(lang, "panel.why").into())}
                {el("p", None, tf(lang, "why.firehose", &[("mb".into(), f.size_mb.to_string()), ("s".into(), f.interval_s.to_string())]).into())}
            </div>
        </div>
    }
}
