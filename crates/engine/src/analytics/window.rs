//! Evaluation of a [`Query`] over rows in virtual time: tumbling windows emit one row per
//! group when the window closes ("each row in exactly one window, emitted when the window
//! closes", tumbling-window-concepts); sliding windows emit one row per input row over the
//! rows of its partition within the `RANGE` before it (sliding-window-concepts).

use alloc::collections::VecDeque;

use crate::collections::VecMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{Map, Number, Value};

use super::sql::{Agg, Item, Literal, Query, Window};
use crate::time::Instant;

/// One input row: its `ROWTIME` and its columns (a JSON object).
pub type Row = (Instant, Map<String, Value>);

/// A running aggregate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Acc {
    pub count: u64,
    pub numbers: u64,
    pub sum: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Acc {
    fn add(&mut self, v: Option<&Value>) {
        let Some(v) = v.filter(|v| !v.is_null()) else { return };
        self.count += 1;
        let n = match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => crate::float::parse_f64(s.trim()),
            _ => None,
        };
        if let Some(n) = n {
            self.numbers += 1;
            self.sum += n;
            self.min = Some(self.min.map_or(n, |m| m.min(n)));
            self.max = Some(self.max.map_or(n, |m| m.max(n)));
        }
    }
    fn value(&self, agg: Agg) -> Value {
        let num = |f: f64| Number::from_f64(f).map_or(Value::Null, Value::Number);
        match agg {
            Agg::Count => Value::from(self.count),
            Agg::Sum if self.numbers > 0 => num(self.sum),
            Agg::Avg if self.numbers > 0 => num(self.sum / self.numbers as f64),
            Agg::Min => self.min.map_or(Value::Null, num),
            Agg::Max => self.max.map_or(Value::Null, num),
            _ => Value::Null,
        }
    }
}

/// The member `name` of a row, matched without regard to case (unquoted SQL identifiers
/// are upper case; JSON members usually are not).
pub fn column<'a>(row: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    row.get(name).or_else(|| row.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))
}

/// True when the row passes the `WHERE` clause.
pub fn passes(q: &Query, row: &Map<String, Value>) -> bool {
    q.conditions.iter().all(|c| {
        let v = column(row, &c.column);
        let ord = match (&c.value, v) {
            (Literal::Num(n), Some(Value::Number(x))) => x.as_f64().and_then(|x| x.partial_cmp(n)),
            (Literal::Num(n), Some(Value::String(s))) => {
                crate::float::parse_f64(s.trim()).and_then(|x| x.partial_cmp(n))
            }
            (Literal::Str(s), Some(Value::String(x))) => Some(x.as_str().cmp(s.as_str())),
            _ => None,
        };
        let Some(o) = ord else { return false };
        match c.op {
            "=" => o.is_eq(),
            "<>" | "!=" => o.is_ne(),
            "<" => o.is_lt(),
            "<=" => o.is_le(),
            ">" => o.is_gt(),
            _ => o.is_ge(),
        }
    })
}

fn key_of(row: &Map<String, Value>, cols: &[String]) -> Vec<String> {
    cols.iter().map(|c| column(row, c).map_or_else(|| "null".to_string(), |v| v.to_string())).collect()
}

/// `ROWTIME` as Kinesis Data Analytics prints timestamps (`2024-01-01 00:01:00.000`).
pub fn rowtime_text(t: Instant) -> String {
    t.date_time_millis(' ', "")
}

/// The output column names: the destination stream's columns when they match the select
/// list, else the aliases.
fn names(q: &Query) -> Vec<String> {
    if q.destination_columns.len() == q.items.len() {
        return q.destination_columns.clone();
    }
    q.items
        .iter()
        .map(|i| match i {
            Item::Column { alias, .. } | Item::Rowtime { alias } | Item::Aggregate { alias, .. } => {
                alias.clone()
            }
        })
        .collect()
}

/// An output row: columns in select-list order.
pub type OutRow = Vec<(String, Value)>;

/// The JSON text of an output row, members in select-list order.
pub fn to_json(row: &OutRow) -> String {
    let mut s = String::from("{");
    for (i, (k, v)) in row.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&Value::String(k.clone()).to_string());
        s.push(':');
        s.push_str(&v.to_string());
    }
    s.push('}');
    s
}

fn output_row(q: &Query, rowtime: Instant, sample: &Map<String, Value>, accs: &[Acc]) -> OutRow {
    let mut out = Vec::new();
    let mut a = accs.iter();
    for (item, name) in q.items.iter().zip(names(q)) {
        let v = match item {
            Item::Column { name, .. } => column(sample, name).cloned().unwrap_or(Value::Null),
            Item::Rowtime { .. } => Value::String(rowtime_text(rowtime)),
            Item::Aggregate { agg, .. } => a.next().map_or(Value::Null, |acc| acc.value(*agg)),
        };
        out.push((name, v));
    }
    out
}

fn aggregate_columns(q: &Query) -> Vec<Option<&String>> {
    q.items
        .iter()
        .filter_map(|i| match i {
            Item::Aggregate { column, .. } => Some(column.as_ref()),
            _ => None,
        })
        .collect()
}

fn accumulate(q: &Query, accs: &mut Vec<Acc>, row: &Map<String, Value>) {
    let cols = aggregate_columns(q);
    accs.resize(cols.len(), Acc::default());
    for (acc, col) in accs.iter_mut().zip(cols) {
        match col {
            None => acc.add(Some(&Value::Bool(true))),
            Some(c) => acc.add(column(row, c)),
        }
    }
}

/// Open tumbling windows: window start → group key → (a row of the group, accumulators).
pub type Tumbling = VecMap<u64, VecMap<Vec<String>, (Map<String, Value>, Vec<Acc>)>>;
/// Sliding-window history per partition key.
pub type Sliding = VecMap<Vec<String>, VecDeque<Row>>;

/// Adds a row; returns the window start when the row opened a new tumbling window, and the
/// output rows to emit now (sliding windows).
pub fn ingest(
    q: &Query,
    tumbling: &mut Tumbling,
    sliding: &mut Sliding,
    row: Row,
) -> (Option<u64>, Vec<OutRow>) {
    match &q.window {
        Window::Tumbling { group_by, step_ms } => {
            let start = row.0.millis() / step_ms * step_ms;
            let new = !tumbling.contains_key(&start);
            let groups = tumbling.entry(start).or_default();
            let entry = groups.entry(key_of(&row.1, group_by)).or_insert_with(|| (row.1.clone(), Vec::new()));
            accumulate(q, &mut entry.1, &row.1);
            (new.then_some(start), Vec::new())
        }
        Window::Sliding(spec) => {
            let history = sliding.entry(key_of(&row.1, &spec.partition_by)).or_default();
            let t = row.0;
            while history.front().is_some_and(|(rt, _)| t.since(*rt) > spec.range_ms) {
                history.pop_front();
            }
            history.push_back(row);
            let mut accs = Vec::new();
            for (_, r) in history.iter() {
                accumulate(q, &mut accs, r);
            }
            let current = history.back().map(|(_, r)| r.clone()).unwrap_or_default();
            (None, alloc::vec![output_row(q, t, &current, &accs)])
        }
    }
}

/// Closes the tumbling window starting at `start`: one output row per group, in key order.
pub fn close(q: &Query, tumbling: &mut Tumbling, start: u64) -> Vec<OutRow> {
    let Window::Tumbling { step_ms, .. } = q.window else { return Vec::new() };
    let Some(groups) = tumbling.remove(&start) else { return Vec::new() };
    let end = Instant(start.saturating_add(step_ms));
    groups.values().map(|(sample, accs)| output_row(q, end, sample, accs)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::sql::parse;
    use serde_json::json;

    fn row(t: u64, v: Value) -> Row {
        (Instant(t), v.as_object().cloned().unwrap_or_default())
    }

    #[test]
    fn tumbling_counts_per_group_and_closes_at_the_step() {
        let q = parse("SELECT STREAM ticker, COUNT(*) AS n, AVG(price) AS p, ROWTIME FROM S GROUP BY ticker, STEP(ROWTIME BY INTERVAL '60' SECOND)").unwrap();
        let (mut t, mut s) = (Tumbling::new(), Sliding::new());
        assert_eq!(ingest(&q, &mut t, &mut s, row(1_000, json!({"ticker": "AMZN", "price": 10}))).0, Some(0));
        assert_eq!(ingest(&q, &mut t, &mut s, row(2_000, json!({"ticker": "AMZN", "price": 20}))).0, None);
        ingest(&q, &mut t, &mut s, row(3_000, json!({"ticker": "ABC", "price": 1})));
        assert_eq!(
            ingest(&q, &mut t, &mut s, row(61_000, json!({"ticker": "AMZN", "price": 5}))).0,
            Some(60_000)
        );
        let out: Vec<String> = close(&q, &mut t, 0).iter().map(to_json).collect();
        assert_eq!(
            out,
            [
                r#"{"TICKER":"ABC","N":1,"P":1.0,"ROWTIME":"1970-01-01 00:01:00.000"}"#,
                r#"{"TICKER":"AMZN","N":2,"P":15.0,"ROWTIME":"1970-01-01 00:01:00.000"}"#,
            ]
        );
    }

    #[test]
    fn sliding_emits_one_row_per_input_over_the_range() {
        let q = parse("SELECT STREAM ticker, MAX(price) OVER (PARTITION BY ticker RANGE INTERVAL '10' SECOND PRECEDING) AS m FROM S WHERE price > 0").unwrap();
        let (mut t, mut s) = (Tumbling::new(), Sliding::new());
        let out = |t: &mut Tumbling, s: &mut Sliding, ms, p| {
            ingest(&q, t, s, row(ms, json!({"ticker": "X", "price": p})))
                .1
                .iter()
                .map(to_json)
                .collect::<Vec<_>>()
        };
        assert_eq!(out(&mut t, &mut s, 0, 5), [r#"{"TICKER":"X","M":5.0}"#]);
        assert_eq!(out(&mut t, &mut s, 5_000, 3), [r#"{"TICKER":"X","M":5.0}"#]);
        assert_eq!(out(&mut t, &mut s, 10_001, 1), [r#"{"TICKER":"X","M":3.0}"#]);
        assert!(passes(&q, &json!({"price": 1}).as_object().cloned().unwrap_or_default()));
        assert!(!passes(&q, &json!({"price": 0}).as_object().cloned().unwrap_or_default()));
    }
}
