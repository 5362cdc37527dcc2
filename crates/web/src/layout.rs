//! Automatic layout of the topology: columns (producer → topics → queues/functions/inboxes →
//! consumers), dead-letter queues right under their source, streams and delivery streams in
//! rows below. Users can drag nodes; their offsets are kept per node id.
//!
//! Node ids: `p` producer, `t:<topic arn>`, `g:<subscription arn>` filter gate,
//! `q:<queue name>`, `c:<queue name>` its consumer, `l:<function>`, `i:<protocol:endpoint>`,
//! `s:<stream>`, `sh:<stream>:<shard>`, `kc:<stream>` stream consumer, `f:<delivery stream>`,
//! `b:<bucket>`; `hk:<stream>:<hash>` is a point on a stream's hash-key bar.

use decouple_engine::collections::VecMap;

use crate::world::{MsgState, World};

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

pub const CHIP: f64 = 16.0;
const QUEUE_W: f64 = 230.0;
const COL_P: f64 = 20.0;
const COL_T: f64 = 190.0;
const COL_Q: f64 = 430.0;
const COL_C: f64 = 730.0;
pub const LANE_H: f64 = 30.0;
/// Record chips shown per shard lane.
pub const LANE_RECORDS: usize = 14;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub nodes: VecMap<String, Rect>,
    pub offsets: VecMap<String, (f64, f64)>,
    pub width: f64,
    pub height: f64,
}

/// Rows a queue needs for its chips.
fn queue_height(w: &World, name: &str, fifo: bool) -> f64 {
    let msgs = w.queue_messages(name);
    if fifo {
        let mut groups: Vec<&str> = msgs.iter().filter_map(|m| m.group.as_deref()).collect();
        decouple_engine::collections::sort_by(&mut groups, &|a, b| a.cmp(b));
        groups.dedup();
        56.0 + (groups.len().max(1) as f64) * (CHIP + 6.0) + 18.0
    } else {
        let waiting = msgs.iter().filter(|m| !matches!(m.state, MsgState::InFlight { .. })).count();
        let rows = waiting.div_ceil(per_row()).max(1) as f64;
        56.0 + rows * (CHIP + 4.0) + 18.0
    }
}

fn per_row() -> usize {
    ((QUEUE_W - 20.0) / (CHIP + 4.0)) as usize
}

impl Layout {
    /// Recomputes positions for `world`, keeping drag offsets.
    pub fn compute(&mut self, w: &World) {
        let mut nodes = VecMap::new();
        let mut y = 20.0;
        // Queues, DLQs under their sources.
        let dlqs: Vec<String> = w.queues.values().filter_map(|q| q.redrive().map(|(d, _)| d)).collect();
        let mut order: Vec<String> = Vec::new();
        for q in w.queues.values().filter(|q| !dlqs.contains(&q.name)) {
            order.push(q.name.clone());
            if let Some((d, _)) = q.redrive() {
                if w.queues.contains_key(&d) && !order.contains(&d) {
                    order.push(d);
                }
            }
        }
        for q in w.queues.values() {
            if !order.contains(&q.name) {
                order.push(q.name.clone());
            }
        }
        // Without topics, streams and delivery streams the middle column is empty: queues move
        // left into it, so a small scenario (an embedded lesson) is drawn larger.
        let left = if w.topics.is_empty() && w.streams.is_empty() && w.firehoses.is_empty() {
            COL_Q - COL_T
        } else {
            0.0
        };
        let (col_q, col_c) = (COL_Q - left, COL_C - left);
        for name in &order {
            let Some(q) = w.queues.get(name) else { continue };
            let h = queue_height(w, name, q.fifo);
            let is_dlq = dlqs.contains(name);
            let x = if is_dlq { col_q + 30.0 } else { col_q };
            nodes.insert(format!("q:{name}"), Rect { x, y, w: QUEUE_W, h });
            nodes.insert(format!("c:{name}"), Rect { x: col_c, y, w: 150.0, h: h.max(70.0) });
            y += h.max(70.0) + 26.0;
        }
        for f in w.functions.values() {
            nodes.insert(format!("l:{}", f.name), Rect { x: col_q, y, w: QUEUE_W, h: 54.0 });
            y += 70.0;
        }
        for i in w.inboxes.values() {
            let h = 54.0 + (i.received.len().min(4) as f64) * 16.0;
            nodes.insert(format!("i:{}", i.key), Rect { x: col_q, y, w: QUEUE_W, h });
            y += h + 16.0;
        }
        let sqs_bottom = y;
        // Topics spread over the rows of their targets.
        let mut ty = 20.0;
        for t in w.topics.values() {
            let targets: Vec<f64> = w
                .subs
                .values()
                .filter(|s| s.topic == t.arn)
                .filter_map(|s| nodes.get(&s.target_node()).map(|r| r.center().1))
                .collect();
            let cy = if targets.is_empty() {
                ty + 35.0
            } else {
                targets.iter().sum::<f64>() / targets.len() as f64
            };
            let cy = cy.max(ty + 35.0);
            nodes.insert(format!("t:{}", t.arn), Rect { x: COL_T, y: cy - 35.0, w: 130.0, h: 70.0 });
            ty = cy + 45.0;
        }
        let mut y = sqs_bottom.max(ty) + 10.0;
        // Streams.
        for s in w.streams.values() {
            let lanes = s.shards.len().max(1) as f64;
            let h = 44.0 + lanes * LANE_H + 34.0;
            nodes.insert(format!("s:{}", s.name), Rect { x: COL_T, y, w: 520.0, h });
            for (i, sh) in s.shards.iter().enumerate() {
                nodes.insert(
                    format!("sh:{}:{}", s.name, sh.id),
                    Rect { x: COL_T + 150.0, y: y + 40.0 + i as f64 * LANE_H, w: 360.0, h: LANE_H - 6.0 },
                );
            }
            nodes.insert(format!("kc:{}", s.name), Rect { x: COL_C, y: y + 10.0, w: 150.0, h: 60.0 });
            y += h + 24.0;
        }
        // Delivery streams and buckets.
        let mut by = y;
        for f in w.firehoses.values() {
            nodes.insert(format!("f:{}", f.name), Rect { x: COL_T, y, w: 200.0, h: 84.0 });
            y += 104.0;
        }
        for b in w.buckets.values() {
            let h = 48.0 + (b.objects.len().min(6) as f64) * 16.0;
            nodes.insert(format!("b:{}", b.name), Rect { x: col_q + 40.0, y: by, w: 260.0, h });
            by += h + 20.0;
        }
        let bottom = y.max(by).max(200.0);
        nodes.insert("p".into(), Rect { x: COL_P, y: 20.0, w: 134.0, h: 60.0 });
        // Filter gates: on the edge, 55% of the way from topic to target.
        for s in w.subs.values() {
            let (Some(a), Some(b)) = (nodes.get(&format!("t:{}", s.topic)), nodes.get(&s.target_node()))
            else {
                continue;
            };
            let (ax, ay) = (a.x + a.w, a.center().1);
            let (bx, by) = (b.x, b.center().1);
            let gx = ax + (bx - ax) * 0.55;
            let gy = ay + (by - ay) * 0.55;
            nodes.insert(format!("g:{}", s.arn), Rect { x: gx - 9.0, y: gy - 9.0, w: 18.0, h: 18.0 });
        }
        // Drag offsets.
        for (id, r) in nodes.iter_mut() {
            if let Some((dx, dy)) = self.offsets.get(id) {
                r.x += dx;
                r.y += dy;
            } else if let Some(parent) =
                id.strip_prefix("sh:").and_then(|rest| rest.rsplit_once(':')).map(|(s, _)| format!("s:{s}"))
            {
                if let Some((dx, dy)) = self.offsets.get(&parent) {
                    r.x += dx;
                    r.y += dy;
                }
            }
        }
        let min_width = if left > 0.0 { 640.0 } else { 900.0 };
        self.width = nodes.values().map(|r| r.x + r.w).fold(min_width, f64::max) + 20.0;
        self.height = nodes.values().map(|r| r.y + r.h).fold(bottom, f64::max) + 20.0;
        self.nodes = nodes;
    }

    /// The point a chip flies to or from for a node id (or a hash-bar point).
    pub fn point(&self, id: &str, w: &World) -> Option<(f64, f64)> {
        if let Some(rest) = id.strip_prefix("hk:") {
            let (stream, hash) = rest.rsplit_once(':')?;
            let r = self.nodes.get(&format!("s:{stream}"))?;
            let hash: u128 = hash.parse().ok()?;
            let _ = w;
            let (x, bw) = hash_bar(r);
            return Some((x + bw * frac(hash), r.y + r.h - 18.0));
        }
        let r = self.nodes.get(id)?;
        Some(r.center())
    }

    /// Where every message chip rests (top-left of each chip), in one pass per queue: a sync
    /// of hundreds of chips needs them all at once.
    pub fn chip_positions(&self, w: &World) -> VecMap<String, (f64, f64)> {
        let mut out = VecMap::new();
        for q in w.queues.values() {
            let msgs = w.queue_messages(&q.name);
            let (Some(r), Some(c)) =
                (self.nodes.get(&format!("q:{}", q.name)), self.nodes.get(&format!("c:{}", q.name)))
            else {
                continue;
            };
            let per_c = ((c.w - 16.0) / (CHIP + 6.0)).max(1.0) as usize;
            let mut groups: Vec<&str> = msgs.iter().filter_map(|m| m.group.as_deref()).collect();
            decouple_engine::collections::sort_by(&mut groups, &|a, b| a.cmp(b));
            groups.dedup();
            let mut in_flight = 0usize;
            let mut waiting = 0usize;
            let mut per_group: VecMap<Option<&str>, usize> = VecMap::new();
            for m in &msgs {
                let pos = if matches!(m.state, MsgState::InFlight { .. }) {
                    let idx = in_flight;
                    in_flight += 1;
                    (
                        c.x + 8.0 + (idx % per_c) as f64 * (CHIP + 6.0),
                        c.y + 30.0 + (idx / per_c) as f64 * (CHIP + 6.0),
                    )
                } else if q.fifo {
                    let g = groups.iter().position(|g| Some(*g) == m.group.as_deref()).unwrap_or(0);
                    let n = per_group.entry(m.group.as_deref()).or_insert(0);
                    let idx = *n;
                    *n += 1;
                    (r.x + 70.0 + idx as f64 * (CHIP + 3.0), r.y + 52.0 + g as f64 * (CHIP + 6.0))
                } else {
                    let idx = waiting;
                    waiting += 1;
                    let per = per_row();
                    (
                        r.x + 10.0 + (idx % per) as f64 * (CHIP + 4.0),
                        r.y + 52.0 + (idx / per) as f64 * (CHIP + 4.0),
                    )
                };
                out.insert(m.id.clone(), pos);
            }
        }
        out
    }

    /// Where one message chip rests (top-left of the chip), computed on its own: the
    /// reference [`Layout::chip_positions`] is tested against.
    #[cfg(test)]
    pub fn chip_pos(&self, w: &World, id: &str) -> Option<(f64, f64)> {
        let m = w.messages.get(id)?;
        match m.state {
            MsgState::InFlight { .. } => {
                let r = self.nodes.get(&format!("c:{}", m.queue))?;
                let idx = w
                    .queue_messages(&m.queue)
                    .iter()
                    .filter(|o| matches!(o.state, MsgState::InFlight { .. }))
                    .position(|o| o.id == m.id)?;
                let per = ((r.w - 16.0) / (CHIP + 6.0)).max(1.0) as usize;
                Some((
                    r.x + 8.0 + (idx % per) as f64 * (CHIP + 6.0),
                    r.y + 30.0 + (idx / per) as f64 * (CHIP + 6.0),
                ))
            }
            _ => {
                let q = w.queues.get(&m.queue)?;
                let r = self.nodes.get(&format!("q:{}", m.queue))?;
                let msgs = w.queue_messages(&m.queue);
                if q.fifo {
                    let mut groups: Vec<&str> = msgs.iter().filter_map(|m| m.group.as_deref()).collect();
                    decouple_engine::collections::sort_by(&mut groups, &|a, b| a.cmp(b));
                    groups.dedup();
                    let g = groups.iter().position(|g| Some(*g) == m.group.as_deref()).unwrap_or(0);
                    let idx = msgs
                        .iter()
                        .filter(|o| o.group == m.group && !matches!(o.state, MsgState::InFlight { .. }))
                        .position(|o| o.id == m.id)?;
                    Some((r.x + 70.0 + idx as f64 * (CHIP + 3.0), r.y + 52.0 + g as f64 * (CHIP + 6.0)))
                } else {
                    let idx = msgs
                        .iter()
                        .filter(|o| !matches!(o.state, MsgState::InFlight { .. }))
                        .position(|o| o.id == m.id)?;
                    let per = per_row();
                    Some((
                        r.x + 10.0 + (idx % per) as f64 * (CHIP + 4.0),
                        r.y + 52.0 + (idx / per) as f64 * (CHIP + 4.0),
                    ))
                }
            }
        }
    }
}

/// The hash bar's x and width inside a stream's rectangle.
pub fn hash_bar(r: &Rect) -> (f64, f64) {
    (r.x + 150.0, 360.0)
}

/// `hash / 2^128` as a fraction.
pub fn frac(hash: u128) -> f64 {
    hash as f64 / 2f64.powi(128)
}

/// The SVG path of an edge from `a` to `b` and where its label goes: a curve from `a`'s right
/// side to `b`'s left side (or top, when `b` is not to the right). A curve that would pass
/// under one of `avoid` (topics, filter gates) drops down beside `a` first and runs level into `b`.
pub fn edge_path(a: &Rect, b: &Rect, avoid: &[Rect]) -> (String, f64, f64) {
    let (x1, y1) = (a.x + a.w, a.center().1);
    let (x2, y2) = if b.x > x1 { (b.x, b.center().1) } else { (b.x + b.w / 2.0, b.y) };
    let (x1, y1) = if b.x > x1 { (x1, y1) } else { (a.x + a.w / 2.0, a.y + a.h) };
    let mx = (x1 + x2) / 2.0;
    let curve = [(x1, y1), (mx, y1), (mx, y2), (x2, y2)];
    let hits = |r: &Rect| {
        (0..=40).any(|i| {
            let (x, y) = cubic(&curve, i as f64 / 40.0);
            x > r.x - 4.0 && x < r.x + r.w + 4.0 && y > r.y - 4.0 && y < r.y + r.h + 4.0
        })
    };
    if b.x > x1 && avoid.iter().any(hits) {
        // The gap between the producer's column and the topics' is 36 px.
        let (xg, xe) = (x1 + 14.0, x1 + 28.0);
        return (
            format!("M{x1:.1},{y1:.1} C{xg:.1},{y1:.1} {xg:.1},{y2:.1} {xe:.1},{y2:.1} L{x2:.1},{y2:.1}"),
            xe,
            y2,
        );
    }
    (format!("M{x1:.1},{y1:.1} C{mx:.1},{y1:.1} {mx:.1},{y2:.1} {x2:.1},{y2:.1}"), mx, (y1 + y2) / 2.0)
}

/// A point of a cubic Bézier curve.
fn cubic(p: &[(f64, f64); 4], t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (a * p[0].0 + b * p[1].0 + c * p[2].0 + d * p[3].0, a * p[0].1 + b * p[1].1 + c * p[2].1 + d * p[3].1)
}

/// Edges of the topology: (from node, to node, class, label).
pub fn edges(w: &World) -> Vec<(String, String, &'static str, String)> {
    let mut e = Vec::new();
    // A queue fed by a topic's subscription or by a source queue's redrive is drawn with that
    // input only: a producer edge to it would run under the topic (or past the gates) and read
    // as a delivery that skips the filter policy, or as the topic feeding the DLQ.
    let fed: Vec<String> = w
        .subs
        .values()
        .map(|s| s.target_node())
        .chain(w.queues.values().filter_map(|q| q.redrive()).map(|(dlq, _)| format!("q:{dlq}")))
        .collect();
    for q in w.queues.values() {
        if !fed.contains(&format!("q:{}", q.name)) {
            e.push(("p".to_string(), format!("q:{}", q.name), "edge", String::new()));
        }
        e.push((format!("q:{}", q.name), format!("c:{}", q.name), "edge", String::new()));
        if let Some((dlq, max)) = q.redrive() {
            if w.queues.contains_key(&dlq) {
                e.push((
                    format!("q:{}", q.name),
                    format!("q:{dlq}"),
                    "edge dlq",
                    format!("maxReceiveCount {max}"),
                ));
            }
        }
    }
    for t in w.topics.values() {
        e.push(("p".to_string(), format!("t:{}", t.arn), "edge", String::new()));
    }
    for s in w.subs.values() {
        e.push((format!("t:{}", s.topic), format!("g:{}", s.arn), "edge", String::new()));
        e.push((format!("g:{}", s.arn), s.target_node(), "edge", String::new()));
    }
    for s in w.streams.values() {
        e.push(("p".to_string(), format!("s:{}", s.name), "edge", String::new()));
        e.push((format!("s:{}", s.name), format!("kc:{}", s.name), "edge", String::new()));
    }
    for f in w.firehoses.values() {
        e.push(("p".to_string(), format!("f:{}", f.name), "edge", String::new()));
        e.push((format!("f:{}", f.name), format!("b:{}", f.bucket), "edge", String::new()));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Sim;
    use serde_json::json;

    #[test]
    fn chip_positions_agree_with_chip_pos() {
        let mut sim = Sim::new(0);
        let url = |n: &str| format!("https://sqs.us-east-1.amazonaws.com/000000000000/{n}");
        sim.call("sqs", "CreateQueue", json!({"QueueName": "q"}));
        sim.call(
            "sqs",
            "CreateQueue",
            json!({"QueueName": "f.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}}),
        );
        for i in 0..30 {
            sim.call("sqs", "SendMessage", json!({"QueueUrl": url("q"), "MessageBody": format!("m{i}")}));
        }
        for (i, g) in ["a", "b", "a", "c", "b"].iter().enumerate() {
            sim.call(
                "sqs",
                "SendMessage",
                json!({"QueueUrl": url("f.fifo"), "MessageBody": format!("p{i}"), "MessageGroupId": g}),
            );
        }
        sim.call("sqs", "ReceiveMessage", json!({"QueueUrl": url("q"), "MaxNumberOfMessages": 5}));
        sim.call("sqs", "ReceiveMessage", json!({"QueueUrl": url("f.fifo")}));
        let mut l = Layout::default();
        l.compute(&sim.world);
        let all = l.chip_positions(&sim.world);
        assert_eq!(all.len(), 35);
        for id in sim.world.messages.keys() {
            assert_eq!(all.get(id).copied(), l.chip_pos(&sim.world, id), "{id}");
        }
    }

    #[test]
    fn the_producer_feeds_only_queues_without_a_topic_or_source_queue_in_front() {
        let mut sim = Sim::new(0);
        let arn = |n: &str| format!("arn:aws:sqs:us-east-1:000000000000:{n}");
        sim.call("sqs", "CreateQueue", json!({"QueueName": "dlq"}));
        let redrive = json!({"deadLetterTargetArn": arn("dlq"), "maxReceiveCount": 2}).to_string();
        sim.call(
            "sqs",
            "CreateQueue",
            json!({"QueueName": "work", "Attributes": {"RedrivePolicy": redrive}}),
        );
        sim.call("sqs", "CreateQueue", json!({"QueueName": "fanned"}));
        sim.call("sns", "CreateTopic", json!({"Name": "t"}));
        sim.call(
            "sns",
            "Subscribe",
            json!({"TopicArn": "arn:aws:sns:us-east-1:000000000000:t", "Protocol": "sqs", "Endpoint": arn("fanned")}),
        );
        let from_producer: Vec<String> =
            edges(&sim.world).into_iter().filter(|(a, ..)| a == "p").map(|(_, b, ..)| b).collect();
        assert!(from_producer.contains(&"q:work".to_string()), "{from_producer:?}");
        assert!(!from_producer.contains(&"q:dlq".to_string()), "{from_producer:?}");
        assert!(!from_producer.contains(&"q:fanned".to_string()), "{from_producer:?}");
    }
}
