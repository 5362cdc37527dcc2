//! Why a message was delivered to a subscription or filtered out: the engine's filter-policy
//! explanation (`NotificationDelivered` / `NotificationFilteredOut`) as a list, one item per
//! policy key — its conditions (the one that matched marked), the values the message holds
//! there, and the outcome with its likely cause — then the `$or` branches and any problem
//! with the message itself. Every word comes from the catalog; policy text, keys and values
//! are shown as written.

use serde_json::Value;
use yew::prelude::*;

use crate::el::el;
use crate::i18n::{t, tf, Lang};

/// A value of the message as the filter saw it: strings quoted, as in the policy; whole
/// numbers as a person writes them (`50`, not the JSON float `50.0`).
fn seen_value(v: &Value) -> String {
    match (v.get("type").and_then(Value::as_str), v.get("value")) {
        (Some("String"), Some(Value::String(s))) => Value::String(s.clone()).to_string(),
        (_, Some(Value::Number(n))) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => (f as i64).to_string(),
            _ => n.to_string(),
        },
        (Some("Null"), _) | (_, None) => "null".into(),
        (_, Some(x)) => x.to_string(),
    }
}

fn idx(v: &Value, key: &str) -> Option<usize> {
    v.get(key).and_then(Value::as_u64).map(|n| n as usize)
}

/// The outcome of one key, in words.
fn outcome(o: &Value, lang: Lang) -> (bool, String) {
    match o.get("result").and_then(Value::as_str).unwrap_or("") {
        "matched" => (true, t(lang, "filter.matched").to_string()),
        "noConditionMatched" => {
            let mut s = t(lang, "filter.no_match").to_string();
            if let Some(h) = o.get("hint").and_then(Value::as_str) {
                if let Some(text) = crate::i18n::t_opt(lang, &format!("filter.hint.{h}")) {
                    s.push_str(": ");
                    s.push_str(text);
                }
            }
            (false, s)
        }
        _ => {
            let absence = o.get("absence").and_then(Value::as_str).unwrap_or("Absent");
            let key = format!("filter.missing.{absence}");
            (false, crate::i18n::t_opt(lang, &key).unwrap_or(t(lang, "filter.missing.Absent")).to_string())
        }
    }
}

/// A problem with the message as a whole (no attributes, an unusable attribute or body).
fn issue(v: &Value, lang: Lang) -> Option<String> {
    let i = v.get("messageIssue")?;
    Some(match i.get("kind").and_then(Value::as_str).unwrap_or("") {
        "NoMessageAttributes" => t(lang, "filter.issue.no_attributes").to_string(),
        "InvalidAttributes" => {
            let a = i.get("attribute").and_then(Value::as_str).unwrap_or("").to_string();
            tf(lang, "filter.issue.invalid_attribute", &[("a".into(), a)])
        }
        _ if i.get("problem").and_then(Value::as_str) == Some("notAnObject") => {
            t(lang, "filter.issue.body_not_object").to_string()
        }
        _ => t(lang, "filter.issue.body_not_json").to_string(),
    })
}

/// The explanation of one publication for one subscription.
pub fn explanation(v: &Value, lang: Lang) -> Html {
    let matched = v.get("matched").and_then(Value::as_bool).unwrap_or(false);
    let scope = v.get("scope").and_then(Value::as_str).unwrap_or("MessageAttributes").to_string();
    let keys: Vec<Value> = v.get("keys").and_then(Value::as_array).cloned().unwrap_or_default();
    let key_name =
        |i: usize| keys.get(i).and_then(|k| k.get("key")).and_then(Value::as_str).unwrap_or("?").to_string();
    let rows = keys.iter().map(|k| {
        let o = k.get("outcome").cloned().unwrap_or(Value::Null);
        let (ok, said) = outcome(&o, lang);
        let met = if ok { idx(&o, "condition") } else { None };
        let met_value = if ok { idx(&o, "value") } else { None };
        let conditions: Vec<String> = k
            .get("conditions")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|c| c.as_str().unwrap_or("").to_string()).collect())
            .unwrap_or_default();
        let values: Vec<String> =
            k.get("values").and_then(Value::as_array).map(|a| a.iter().map(seen_value).collect()).unwrap_or_default();
        let more = idx(k, "valueCount").unwrap_or(values.len()).saturating_sub(values.len());
        let group = k.get("group").and_then(Value::as_str).unwrap_or("").to_string();
        html! {
            <li class={if ok { "yes" } else { "no" }}>
                <p class="head">
                    <span class="mark" aria-hidden="true">{ if ok { "✓" } else { "✗" } }</span>
                    {el("code", Some("key"), k.get("key").and_then(Value::as_str).unwrap_or("").to_string().into())}
                    if !group.is_empty() { {el("small", Some("group"), group.into())} }
                    {el("span", Some("outcome"), said.into())}
                </p>
                <p class="detail">
                    {el("span", Some("lbl"), t(lang, "filter.conditions").into())}
                    { for conditions.iter().enumerate().map(|(i, c)| html! {
                        <code class={if met == Some(i) { "cond met" } else { "cond" }}>{c.clone()}</code>
                    }) }
                    {el("span", Some("lbl"), t(lang, "filter.values").into())}
                    if values.is_empty() { {"—"} }
                    { for values.iter().enumerate().map(|(i, x)| html! {
                        <code class={if met_value == Some(i) { "val met" } else { "val" }}>{x.clone()}</code>
                    }) }
                    if more > 0 { {el("small", None, tf(lang, "filter.more", &[("n".into(), more.to_string())]).into())} }
                </p>
            </li>
        }
    });
    let branches: Vec<Value> = v.get("branches").and_then(Value::as_array).cloned().unwrap_or_default();
    html! {
        <div class={classes!("filter-explanation", if matched { "yes" } else { "no" })}>
            <p class="verdict">
                <strong>{ if matched { "✓ " } else { "✗ " } }{t(lang, if matched { "why.delivered" } else { "why.filtered" })}</strong>
                {" · "}{el("code", None, ("FilterPolicyScope").into())}{format!(": {scope}")}
            </p>
            if let Some(text) = issue(v, lang) { {el("p", Some("issue"), text.into())} }
            if !keys.is_empty() {
                <ul class="filter-keys">{ for rows }</ul>
            }
            if !branches.is_empty() {
                <ul class="branches">
                    { for branches.iter().enumerate().map(|(i, b)| {
                        let ok = b.get("matched").and_then(Value::as_bool).unwrap_or(false);
                        let names: Vec<String> = b.get("keys").and_then(Value::as_array)
                            .map(|a| a.iter().filter_map(Value::as_u64).map(|n| key_name(n as usize)).collect())
                            .unwrap_or_default();
                        html! {
                            <li class={if ok { "yes" } else { "no" }}>
                                {tf(lang, "filter.branch", &[("n".into(), (i + 1).to_string())])}{": "}
                                {el("code", None, (names.join(" ∧ ")).into())}{ if ok { " ✓" } else { " ✗" } }
                            </li>
                        }
                    }) }
                </ul>
            }
            if v.get("arrayElementsDiffer").and_then(Value::as_bool) == Some(true) {
                {el("p", Some("issue"), t(lang, "filter.array_elements_differ").into())}
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn outcomes_and_values_in_words() {
        assert_eq!(seen_value(&json!({"type": "String", "value": "red"})), "\"red\"");
        assert_eq!(seen_value(&json!({"type": "Number", "value": 12.5})), "12.5");
        assert_eq!(seen_value(&json!({"type": "Number", "value": 50.0})), "50");
        assert_eq!(seen_value(&json!({"type": "Number", "value": -3.0})), "-3");
        assert_eq!(seen_value(&json!({"type": "Number", "value": 1e20})), "1e+20");
        assert_eq!(seen_value(&json!({"type": "Null"})), "null");
        let (ok, s) =
            outcome(&json!({"result": "noConditionMatched", "hint": "numericAgainstString"}), Lang::En);
        assert!(!ok && s.starts_with("no condition matched: numeric conditions match numbers only"), "{s}");
        let (ok, s) = outcome(&json!({"result": "missing", "absence": "BinaryIgnored"}), Lang::Ko);
        assert!(!ok && s.contains("Binary"), "{s}");
        assert!(outcome(&json!({"result": "matched", "condition": 0, "value": 0}), Lang::En).0);
        assert_eq!(
            issue(&json!({"messageIssue": {"kind": "InvalidMessageBody", "problem": "notJson"}}), Lang::En)
                .as_deref(),
            Some(t(Lang::En, "filter.issue.body_not_json"))
        );
    }
}
