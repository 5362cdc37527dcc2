//! Actors: starting them, producers' ticks, the auto-scaling group.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use decouple_engine::Instant;
use serde_json::json;

use super::{Fail, Session};
use crate::actors::autoscale::{Autoscaler, Decision, PERIOD_MS};
use crate::actors::consumer::{Consumer, LambdaMode};
use crate::actors::spec::ActorSpec;
use crate::actors::stream::StreamReader;
use crate::actors::{Actor, Kind, Producer};
use crate::args::{self, ExpWord};
use crate::error::{Pos, ScriptError};
use crate::lex::Word;
use crate::template;
use crate::trace::ScriptEventKind as Ev;
use crate::world::World;

impl Session {
    pub(super) fn produce(&mut self, name: &str, p: &mut Producer) -> Option<Instant> {
        if p.remaining == Some(0) {
            return None;
        }
        p.seq += 1;
        self.world.messages_sent += 1;
        if self.world.messages_sent > self.world.limits.max_messages && self.world.limit_hit.is_none() {
            self.world.limit_hit = Some(format!(
                "message limit reached: producers may send at most {} messages in one scenario",
                self.world.limits.max_messages
            ));
            return None;
        }
        let words = match self.expand(&p.body) {
            Ok(w) => w,
            Err(Fail::Script(e)) => {
                self.world.limit_hit = Some(format!("producer {name}: {}", e.text()));
                return None;
            }
            Err(Fail::Api(e)) => {
                self.world.actor_error(name, &e);
                return Some(self.world.now().plus(p.every_ms));
            }
        };
        let now_ms = self.world.now().millis();
        let mut expanded = Vec::with_capacity(words.len());
        for w in words {
            let mut cx = template::Ctx { seq: p.seq, actor: name, now_ms, rng: &mut self.world.rng };
            match template::expand(&w.text, &mut cx) {
                Ok(text) => expanded.push(ExpWord { text, ..w }),
                Err(m) => {
                    self.world.limit_hit = Some(format!("producer {name}: {m}"));
                    return None;
                }
            }
        }
        self.world.emit(Ev::ActorSent { actor: name.to_string(), seq: p.seq });
        match args::parse(&expanded, &self.files) {
            Ok(call) => {
                if let Err(Fail::Api(e)) = self.run_call(call) {
                    self.world.actor_error(name, &e);
                }
            }
            Err(e) => {
                self.world.limit_hit = Some(format!("producer {name}: {}", e.text()));
                return None;
            }
        }
        if let Some(r) = p.remaining.as_mut() {
            *r -= 1;
            if *r == 0 {
                return None;
            }
        }
        Some(self.world.now().plus(p.every_ms))
    }

    pub(super) fn autoscale(&mut self, name: &str, a: &mut Autoscaler) -> Option<Instant> {
        let now = self.world.now();
        let next = Some(now.plus(PERIOD_MS));
        let depth = match World::queue_depth(&mut self.world.cloud, &a.url) {
            Ok(d) => d,
            Err(e) => {
                self.world.actor_error(name, &e);
                return next;
            }
        };
        let value = a.metric_value(depth);
        let from = a.instances.len() as u64;
        match a.decide(now, value) {
            Decision::Hold => {}
            Decision::Out(n) => {
                let Some(template) = self.actors.iter().find(|x| x.name == a.consumer).cloned() else {
                    return next;
                };
                for _ in 0..n {
                    let k = a.instances.len() + 1;
                    let inst = format!("{}-{k}", a.consumer);
                    let mut kind = template.kind.clone();
                    if let Kind::Consumer(c) = &mut kind {
                        *c = Consumer::new(
                            c.url.clone(),
                            c.queue.clone(),
                            c.wait_s,
                            c.batch,
                            c.visibility,
                            c.process_ms,
                            c.fail.clone(),
                            c.crash_after,
                            c.lambda.clone(),
                        );
                    }
                    if self.actors.len() >= self.world.limits.max_actors {
                        self.world.limit_hit = Some(format!(
                            "actor limit reached: at most {} actors",
                            self.world.limits.max_actors
                        ));
                        break;
                    }
                    self.world.emit(Ev::ActorStarted {
                        actor: inst.clone(),
                        kind: "consumer".into(),
                        source: a.queue.clone(),
                    });
                    self.actors.push(Actor { name: inst.clone(), wake: Some(now), kind });
                    a.instances.push(inst);
                }
                a.last_scaled = Some(now);
                let to = a.instances.len() as u64;
                self.world.emit(Ev::ScaledOut {
                    group: name.to_string(),
                    metric: a.metric.clone(),
                    value,
                    from,
                    to,
                });
            }
            Decision::In(n) => {
                for _ in 0..n {
                    let Some(inst) = a.instances.pop() else { break };
                    if let Some(x) = self.actors.iter_mut().find(|x| x.name == inst) {
                        x.wake = None;
                    }
                    self.world.emit(Ev::ActorStopped { actor: inst });
                }
                a.last_scaled = Some(now);
                let to = a.instances.len() as u64;
                self.world.emit(Ev::ScaledIn {
                    group: name.to_string(),
                    metric: a.metric.clone(),
                    value,
                    from,
                    to,
                });
            }
        }
        next
    }

    pub(super) fn add_actor(
        &mut self,
        pos: Pos,
        name: String,
        wake: Option<Instant>,
        kind: Kind,
    ) -> Result<(), Fail> {
        if self.actors.len() >= self.world.limits.max_actors {
            return Err(Fail::Script(ScriptError::new(
                pos,
                format!("actor limit reached: at most {} actors", self.world.limits.max_actors),
            )));
        }
        if !matches!(kind, Kind::Scheduled(_)) {
            if self.actors.iter().any(|a| a.name == name) {
                return Err(Fail::Script(ScriptError::new(
                    pos,
                    format!("an actor named `{name}` already exists"),
                )));
            }
            let a = Actor { name: name.clone(), wake, kind };
            let source = match &a.kind {
                Kind::Consumer(c) => c.queue.clone(),
                Kind::Stream(s) => s.stream.clone(),
                Kind::Autoscale(x) => x.queue.clone(),
                _ => String::new(),
            };
            self.world.emit(Ev::ActorStarted { actor: name, kind: a.kind_name().to_string(), source });
            self.actors.push(a);
        } else {
            self.actors.push(Actor { name, wake, kind });
        }
        Ok(())
    }

    pub(super) fn resolve_queue(&mut self, word: &Word, actor: &str) -> Result<(String, String), Fail> {
        let q = self.expand_one(word)?;
        let url = self.world.queue_url(&q).map_err(|e| {
            Fail::Script(ScriptError::new(
                word.pos,
                format!("{actor}: queue `{q}` not found ({}: {})", e.code, e.message),
            ))
        })?;
        let name = url.rsplit('/').next().unwrap_or(&q).to_string();
        Ok((url, name))
    }

    pub(super) fn start_actor(&mut self, spec: &ActorSpec, pos: Pos) -> Result<(), Fail> {
        let now = self.world.now();
        match spec {
            ActorSpec::Producer(p) => {
                let kind = Kind::Producer(Producer {
                    every_ms: p.every_ms,
                    remaining: p.count,
                    seq: 0,
                    body: p.body.clone(),
                });
                self.add_actor(pos, p.name.clone(), Some(now.plus(p.start_ms)), kind)
            }
            ActorSpec::Consumer(c) => {
                let (url, queue) = self.resolve_queue(&c.queue, &c.name)?;
                let kind = Kind::Consumer(Consumer::new(
                    url,
                    queue,
                    c.wait_s,
                    c.batch,
                    c.visibility,
                    c.process_ms,
                    c.fail.clone(),
                    c.crash_after,
                    None,
                ));
                self.add_actor(pos, c.name.clone(), Some(now), kind)
            }
            ActorSpec::Lambda(l) => {
                let src = self.expand_one(&l.source)?;
                let is_stream = src.starts_with("arn:aws:kinesis")
                    || (!src.starts_with("arn:aws:sqs")
                        && !src.starts_with("http")
                        && self.world.queue_url(&src).is_err());
                if is_stream {
                    let stream = src.rsplit('/').next().unwrap_or(&src).to_string();
                    self.stream_exists(&stream, &l.source, &l.name)?;
                    let kind = Kind::Stream(StreamReader::new(
                        stream,
                        true,
                        l.from.clone(),
                        l.batch,
                        l.process_ms,
                        1000,
                        l.fail.clone(),
                        None,
                        None,
                    ));
                    self.add_actor(pos, l.name.clone(), Some(now), kind)
                } else {
                    let (url, queue) = self.resolve_queue(&l.source, &l.name)?;
                    let kind = Kind::Consumer(Consumer::new(
                        url,
                        queue,
                        20,
                        l.batch,
                        None,
                        l.process_ms,
                        l.fail.clone(),
                        None,
                        Some(LambdaMode { report_item_failures: l.report_item_failures }),
                    ));
                    self.add_actor(pos, l.name.clone(), Some(now), kind)
                }
            }
            ActorSpec::KinesisConsumer(k) => {
                let stream = self.expand_one(&k.stream)?;
                let stream = stream.rsplit('/').next().unwrap_or(&stream).to_string();
                self.stream_exists(&stream, &k.stream, &k.name)?;
                let kind = Kind::Stream(StreamReader::new(
                    stream,
                    false,
                    k.from.clone(),
                    k.batch,
                    k.process_ms,
                    k.poll_ms,
                    k.fail.clone(),
                    k.checkpoint_every,
                    k.crash_after,
                ));
                self.add_actor(pos, k.name.clone(), Some(now), kind)
            }
            ActorSpec::Autoscale(a) => {
                let (url, queue) = self.resolve_queue(&a.queue, &a.group)?;
                let Some(base) = self.actors.iter().find(|x| x.name == a.consumer) else {
                    let names: Vec<&str> = self.actors.iter().map(|x| x.name.as_str()).collect();
                    return Err(Fail::Script(
                        ScriptError::new(
                            pos,
                            format!("autoscale: no consumer named `{}` (start it first)", a.consumer),
                        )
                        .suggest(&a.consumer, names),
                    ));
                };
                if !matches!(base.kind, Kind::Consumer(_)) {
                    return Err(Fail::Script(ScriptError::new(
                        pos,
                        format!("autoscale: `{}` is not a queue consumer", a.consumer),
                    )));
                }
                let scaler = Autoscaler {
                    consumer: a.consumer.clone(),
                    url,
                    queue,
                    metric: a.metric.clone(),
                    cmp: a.cmp,
                    threshold: a.threshold,
                    add: a.add,
                    remove: a.remove,
                    min: a.min,
                    max: a.max,
                    cooldown_ms: a.cooldown_ms,
                    instances: alloc::vec![a.consumer.clone()],
                    last_scaled: None,
                };
                self.add_actor(pos, a.group.clone(), Some(now.plus(PERIOD_MS)), Kind::Autoscale(scaler))
            }
        }
    }

    pub(super) fn stream_exists(&mut self, stream: &str, word: &Word, actor: &str) -> Result<(), Fail> {
        match self.world.call("kinesis", "DescribeStreamSummary", json!({ "StreamName": stream })) {
            Ok(_) => Ok(()),
            Err(e) => Err(Fail::Script(ScriptError::new(
                word.pos,
                format!("{actor}: no queue or stream named `{stream}` ({}: {})", e.code, e.message),
            ))),
        }
    }
}
