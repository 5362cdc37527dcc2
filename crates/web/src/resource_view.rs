//! The inspector of a resource: a queue's attributes, a topic's subscriptions, a stream's
//! shards and readers, a delivery stream's buffer and flush rule, a bucket's objects, an
//! inbox's messages, a function's invocations.

use yew::prelude::*;

use crate::i18n::{t, tf, Lang};
use crate::world::World;

/// The inspector of a resource (a canvas node).
pub fn resource_info(w: &World, id: &str, lang: Lang) -> Html {
    if let Some(q) = id.strip_prefix("q:").and_then(|n| w.queues.get(n)) {
        return html! {
            <div class="queue-info">
                <h3>{format!("{} {}", t(lang, "node.queue"), q.name)}</h3>
                <p><code>{q.url.clone()}</code></p>
                // A dead-letter queue says whose messages land in it, and after how many receives.
                { for w.queues.values().filter_map(|src| src.redrive().filter(|(d, _)| *d == q.name).map(|(_, max)| (src.name.clone(), max))).map(|(src, max)| html! {
                    <p class="dlq-of">{crate::i18n::tf(lang, "inspect.dlq_of", &[("src".into(), src), ("max".into(), max.to_string())])}</p>
                }) }
                <h4>{t(lang, "inspect.attributes")}</h4>
                <table class="attrs">
                    { for q.attributes.iter().map(|(k, v)| html! { <tr><th>{crate::forms::camel_breaks(k)}</th><td>{v.clone()}</td></tr> }) }
                </table>
            </div>
        };
    }
    if let Some(tp) = id.strip_prefix("t:").and_then(|a| w.topics.get(a)) {
        return html! {
            <div class="topic-info">
                <h3>{format!("{} {}", t(lang, "node.topic"), tp.name)}</h3>
                <p><code>{tp.arn.clone()}</code></p>
                <ul>{ for w.subs.values().filter(|s| s.topic == tp.arn).map(|s| html! { <li>{format!("{} → {}", s.protocol, s.endpoint)}</li> }) }</ul>
            </div>
        };
    }
    if let Some(s) = id.strip_prefix("s:").and_then(|n| w.streams.get(n)) {
        return html! {
            <div class="stream-info">
                <h3>{format!("{} {}", t(lang, "node.stream"), s.name)}</h3>
                <table class="attrs">
                    { for s.shards.iter().map(|sh| html! { <tr><th>{sh.id.clone()}</th><td>{format!("{} … {}{}", sh.start, sh.end, if sh.closed { format!(" ({})", t(lang, "stream.closed")) } else { String::new() })}</td></tr> }) }
                </table>
            </div>
        };
    }
    if let Some(s) = id.strip_prefix("kc:").and_then(|n| w.streams.get(n)) {
        return html! {
            <div class="readers-info">
                <h3>{format!("{} {}", t(lang, "node.consumer"), s.name)}</h3>
                if s.readers.is_empty() { <p class="muted">{t(lang, "readers.none")}</p> }
                <table class="attrs readers">
                    <tr><th>{t(lang, "readers.reader")}</th><th>{"ShardId"}</th><th>{"ShardIteratorType"}</th><th>{t(lang, "readers.position")}</th><th>{t(lang, "readers.read")}</th><th>{"MillisBehindLatest"}</th></tr>
                    { for s.readers.iter().map(|r| html! {
                        <tr>
                            <td>{crate::world::reader_label(lang, r)}</td><td>{r.shard.trim_start_matches("shardId-").to_string()}</td><td>{r.start.clone()}</td>
                            <td title={r.position.clone().unwrap_or_default()}><code>{r.position.as_deref().map(|p| format!("…{}", p.chars().skip(p.chars().count().saturating_sub(6)).collect::<String>())).unwrap_or_else(|| "—".into())}</code></td>
                            <td>{r.read}</td>
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
                if b.objects.is_empty() { <p class="muted">{t(lang, "bucket.empty")}</p> }
                <table class="attrs objects">
                    { for b.objects.iter().rev().take(OBJECTS_SHOWN).map(|(key, size)| html! {
                        <tr><th><code>{key.clone()}</code></th><td>{format!("{size} B")}</td></tr>
                    }) }
                </table>
            </div>
        };
    }
    if let Some(i) = id.strip_prefix("i:").and_then(|k| w.inboxes.get(k)) {
        return html! {
            <div class="inbox-info">
                <h3>{format!("{} · {}", t(lang, "node.inbox"), i.protocol)}</h3>
                <p><code>{i.endpoint.clone()}</code></p>
                if i.received.is_empty() { <p class="muted">{t(lang, "inbox.empty")}</p> }
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
                    <dt>{"FunctionName"}</dt><dd>{f.name.clone()}</dd>
                    <dt>{t(lang, "fn.invocations")}</dt><dd>{f.invocations}</dd>
                </dl>
            </div>
        };
    }
    html! { <p class="muted">{id.to_string()}</p> }
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
                <dt>{"BucketARN"}</dt><dd><code>{format!("arn:aws:s3:::{}", f.bucket)}</code></dd>
                <dt>{"SizeInMBs"}</dt><dd>{f.size_mb}</dd>
                <dt>{"IntervalInSeconds"}</dt><dd>{f.interval_s}</dd>
                <dt>{t(lang, "fh.buffer")}</dt><dd>{format!("{} B · {}", f.buffered_bytes, crate::i18n::count(lang, f.buffered_records, "stream.record", "stream.records"))}</dd>
                if let Some(l) = left { <dt>{t(lang, "fh.flush_in")}</dt><dd>{format!("{:.1} s", l as f64 / 1000.0)}</dd> }
            </dl>
            <div class="why" role="note">
                <h3>{t(lang, "panel.why")}</h3>
                <p>{tf(lang, "why.firehose", &[("mb".into(), f.size_mb.to_string()), ("s".into(), f.interval_s.to_string())])}</p>
            </div>
        </div>
    }
}
