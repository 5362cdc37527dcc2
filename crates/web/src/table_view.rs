//! The topology as tables: what the canvas draws, for screen readers and keyboard users
//! (and anyone who prefers numbers): queues with their counts and DLQ, topics with their
//! subscriptions and filter policies, streams with shards and readers, delivery streams,
//! buckets, functions. A `<details>` element, so it opens with the keyboard.

use yew::prelude::*;

use crate::app::Props;
use crate::el::el;
use crate::i18n::t;
use crate::world::MsgState;

#[function_component(TableView)]
pub fn table_view(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    let sim = ctl.sim.borrow();
    let w = &sim.world;
    let empty = w.queues.is_empty() && w.topics.is_empty() && w.streams.is_empty() && w.firehoses.is_empty();
    let queues = w.queues.values().map(|q| {
        let msgs = w.queue_messages(&q.name);
        let count = |f: fn(&MsgState) -> bool| msgs.iter().filter(|m| f(&m.state)).count();
        let dlq = q.redrive().map(|(dlq, max)| format!("{dlq} (maxReceiveCount {max})")).unwrap_or_default();
        html! {
            <tr>
                <th scope="row">{q.name.clone()}</th>
                <td>{ if q.fifo { "FIFO" } else { t(lang, "table.standard") } }</td>
                {el("td", None, count(|s| *s == MsgState::Waiting).to_string().into())}
                <td>{count(|s| matches!(s, MsgState::InFlight { .. }))}</td>
                <td>{count(|s| matches!(s, MsgState::Delayed { .. }))}</td>
                {el("td", None, dlq.into())}
            </tr>
        }
    });
    let subs = w.subs.values().map(|s| {
        let topic = w.topics.get(&s.topic).map(|t| t.name.clone()).unwrap_or_else(|| s.topic.clone());
        html! {
            <tr>
                <th scope="row">{topic}</th>
                {el("td", None, s.protocol.clone().into())}
                {el("td", None, s.endpoint.clone().into())}
                <td>{el("code", None, (s.filter_policy.clone().unwrap_or_else(|| "—".into())).into())}{ s.filter_scope.as_ref().map(|x| format!(" ({x})")).unwrap_or_default() }</td>
            </tr>
        }
    });
    let lone_topics = w.topics.values().filter(|tp| !w.subs.values().any(|s| s.topic == tp.arn)).map(|tp| {
        html! {
            <tr><th scope="row">{tp.name.clone()}</th><td colspan="3">{"—"}</td></tr>
        }
    });
    let shards = w.streams.values().flat_map(|s| {
        s.shards.iter().map(move |sh| {
            let n = s.records.get(&sh.id).map(Vec::len).unwrap_or(0);
            let readers: Vec<String> = s
                .readers
                .iter()
                .filter(|r| r.shard == sh.id)
                .map(|r| {
                    format!(
                        "{} → {}",
                        crate::world::reader_label(lang, r),
                        r.position.clone().unwrap_or_else(|| "TRIM_HORIZON".into())
                    )
                })
                .collect();
            html! {
                <tr>
                    <th scope="row">{format!("{} / {}", s.name, sh.id)}</th>
                    <td>{ t(lang, if sh.closed { "stream.closed" } else { "stream.open" }) }</td>
                    <td><code>{format!("{} … {}", sh.start, sh.end)}</code></td>
                    {el("td", None, n.to_string().into())}
                    {el("td", None, (readers.join(", ")).into())}
                </tr>
            }
        })
    });
    let firehoses = w.firehoses.values().map(|f| {
        html! {
            <tr>
                <th scope="row">{f.name.clone()}</th>
                {el("td", None, f.bucket.clone().into())}
                <td>{format!("{} B / {} MiB · {} s", f.buffered_bytes, f.size_mb, f.interval_s)}</td>
                {el("td", None, w.buckets.get(&f.bucket).map_or(0, |b| b.objects.len()).to_string().into())}
            </tr>
        }
    });
    html! {
        <details class="table-view">
            <summary>{t(lang, "table.title")}</summary>
            if empty { {el("p", Some("muted"), t(lang, "table.empty").into())} }
            if !w.queues.is_empty() {
                <table class="topo queues">
                    <caption>{t(lang, "table.queues")}</caption>
                    <tr><th scope="col">{"QueueName"}</th><th scope="col">{t(lang, "table.type")}</th><th scope="col">{t(lang, "table.waiting")}</th><th scope="col">{t(lang, "table.inflight")}</th><th scope="col">{t(lang, "table.delayed")}</th><th scope="col">{"deadLetterTargetArn"}</th></tr>
                    { for queues }
                </table>
            }
            if !w.topics.is_empty() {
                <table class="topo subscriptions">
                    <caption>{t(lang, "table.subscriptions")}</caption>
                    <tr><th scope="col">{t(lang, "node.topic")}</th><th scope="col">{"Protocol"}</th><th scope="col">{"Endpoint"}</th><th scope="col">{"FilterPolicy"}</th></tr>
                    { for subs }
                    { for lone_topics }
                </table>
            }
            if !w.streams.is_empty() {
                <table class="topo shards">
                    <caption>{t(lang, "table.shards")}</caption>
                    <tr><th scope="col">{"ShardId"}</th><th scope="col">{t(lang, "table.state")}</th><th scope="col">{"HashKeyRange"}</th><th scope="col">{t(lang, "table.records")}</th><th scope="col">{t(lang, "table.readers")}</th></tr>
                    { for shards }
                </table>
            }
            if !w.firehoses.is_empty() {
                <table class="topo firehoses">
                    <caption>{t(lang, "table.firehoses")}</caption>
                    <tr><th scope="col">{"DeliveryStreamName"}</th><th scope="col">{"Bucket"}</th><th scope="col">{t(lang, "metric.buffer_fill")}</th><th scope="col">{t(lang, "table.objects")}</th></tr>
                    { for firehoses }
                </table>
            }
        </details>
    }
}
