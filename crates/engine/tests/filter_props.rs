//! Property tests of SNS filter policies (spec/sns.md §7): parsing never panics on any text,
//! evaluation never panics and is deterministic on arbitrary policies and messages, the fast
//! verdict agrees with the explanation, and the explanation agrees with itself.

use decouple_engine::message_attributes::{MessageAttributeValue, MessageAttributes};
use decouple_engine::sns::filter_policy::{
    ArrayMatching, Explanation, FilterPolicy, FilterPolicyScope, KeyOutcome, MessageView, PolicyOrigin,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const SCOPES: [FilterPolicyScope; 2] = [FilterPolicyScope::MessageAttributes, FilterPolicyScope::MessageBody];

/// Fuzz target: any bytes → a policy text, a scope, and a message; must never panic.
pub fn fuzz_filter_policy(data: &[u8]) {
    let (head, rest) = data.split_first().map(|(h, r)| (*h, r)).unwrap_or((0, &[]));
    let cut = usize::from(head).min(rest.len());
    let (policy_bytes, message_bytes) = rest.split_at(cut);
    let policy_text = String::from_utf8_lossy(policy_bytes);
    let message_text = String::from_utf8_lossy(message_bytes);
    let scope = SCOPES[usize::from(head & 1)];
    let origin =
        if head & 2 == 0 { PolicyOrigin::Subscribe } else { PolicyOrigin::SetSubscriptionAttributes };
    let policy = match FilterPolicy::parse(&policy_text, scope, origin) {
        Ok(p) => p,
        Err(e) => {
            assert_eq!(e.code, "InvalidParameter");
            assert!(e.message.starts_with("Invalid parameter: "));
            return;
        }
    };
    let body = MessageView::Body(&message_text);
    check(&policy, &body);
    let mut attrs = MessageAttributes::new();
    for (i, chunk) in message_text.split(';').take(6).enumerate() {
        let ty = ["String", "Number", "String.Array", "Binary", "String.x"][i % 5];
        let v = MessageAttributeValue {
            data_type: Some(ty.into()),
            string_value: Some(chunk.into()),
            binary_value: Some(chunk.as_bytes().to_vec()),
            ..Default::default()
        };
        attrs.insert(chunk.chars().take(4).collect(), v);
    }
    check(&policy, &MessageView::Attributes(&attrs));
}

/// Evaluates twice in both array modes and checks the invariants.
fn check(policy: &FilterPolicy, msg: &MessageView<'_>) -> Explanation {
    let e = policy.evaluate(msg);
    assert_eq!(e, policy.evaluate(msg), "deterministic");
    assert_eq!(e.matched, policy.matches(msg), "fast verdict agrees");
    assert_eq!(e.scope, policy.scope());
    let any = policy.evaluate_with(msg, ArrayMatching::AnyElement);
    // Same-element matching is stricter than any-element matching.
    assert!(!e.matched || any.matched);
    consistent(&e);
    consistent(&any);
    e
}

fn consistent(e: &Explanation) {
    if e.message_issue.is_some() {
        assert!(!e.matched);
        return;
    }
    for k in e.keys() {
        assert!(k.values.len() <= k.value_count as usize);
        match &k.outcome {
            KeyOutcome::Matched { condition, value } => {
                assert!((*condition as usize) < k.conditions.len());
                if let Some(v) = value {
                    assert!((*v as usize) < k.values.len());
                }
            }
            KeyOutcome::NoConditionMatched { .. } => assert!(k.value_count > 0),
            KeyOutcome::Missing { .. } => assert_eq!(k.value_count, 0),
        }
    }
    if e.branches.is_empty() {
        // Without $or all keys form the single branch.
        let all = e.keys().all(|k| k.matched());
        assert_eq!(e.matched, all && !e.array_elements_differ);
        if e.matched {
            assert!(all);
        }
    } else {
        assert_eq!(e.matched, e.branches.iter().any(|b| b.matched));
        for b in &e.branches {
            let all = b.keys.iter().all(|i| e.key(*i as usize).is_some_and(|k| k.matched()));
            if b.matched {
                assert!(all);
            }
            if b.array_elements_differ {
                assert!(all && !b.matched);
            }
        }
    }
}

// ---- generators ----

fn key() -> impl Strategy<Value = String> {
    prop_oneof![Just("a"), Just("b"), Just("c"), Just("a.b"), Just("x y")].prop_map(String::from)
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("red".to_string()),
        Just("Red".to_string()),
        Just("10.0.0.1".to_string()),
        Just("2001:db8::1".to_string()),
        Just("a\"b".to_string()),
        Just("100".to_string()),
        "[a-z\\\\\"é]{0,4}",
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(100.0), Just(-1.5), Just(1e9), (-1000i32..1000).prop_map(f64::from)]
}

fn condition() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => text().prop_map(Value::from),
        3 => number().prop_map(Value::from),
        1 => Just(Value::Bool(true)),
        1 => Just(Value::Null),
        2 => text().prop_map(|t| json!({"prefix": t})),
        1 => text().prop_map(|t| json!({"suffix": t})),
        1 => text().prop_map(|t| json!({"equals-ignore-case": t})),
        2 => text().prop_map(|t| json!({"anything-but": t})),
        1 => prop::collection::vec(number(), 1..3).prop_map(|n| json!({"anything-but": n})),
        1 => "[a-z]{1,3}".prop_map(|t| json!({"anything-but": {"prefix": t}})),
        2 => (number(), 1i32..100).prop_map(|(a, d)| json!({"numeric": [">=", a, "<", a + f64::from(d)]})),
        1 => number().prop_map(|a| json!({"numeric": ["=", a]})),
        3 => any::<bool>().prop_map(|b| json!({"exists": b})),
        1 => prop_oneof![Just("10.0.0.0/24"), Just("2001:db8::/32"), Just("10.0.0.0"), Just("x/1")]
            .prop_map(|c| json!({"cidr": c})),
        // Now and then something invalid.
        1 => prop_oneof![Just(json!({"wrong": 1})), Just(json!([1])), Just(json!({}))],
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop::collection::vec(condition(), 1..4).prop_map(Value::Array)
}

/// A policy object: a few keys (leaves or nested objects), sometimes a `$or` of objects.
fn policy_value() -> impl Strategy<Value = Value> {
    fn object(inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
        (
            prop::collection::btree_map(key(), inner.clone(), 1..3),
            prop::option::weighted(
                0.3,
                prop::collection::vec(prop::collection::btree_map(key(), inner, 1..3), 2..4),
            ),
        )
            .prop_map(|(m, or)| {
                let mut o: serde_json::Map<String, Value> = m.into_iter().collect();
                if let Some(branches) = or {
                    let b = branches.into_iter().map(|m| Value::Object(m.into_iter().collect())).collect();
                    o.insert("$or".into(), Value::Array(b));
                }
                Value::Object(o)
            })
            .boxed()
    }
    let node = leaf().prop_recursive(2, 12, 3, |inner| prop_oneof![3 => leaf(), 1 => object(inner.boxed())]);
    object(node.boxed())
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::from),
        number().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null)
    ]
}

fn body_value() -> impl Strategy<Value = Value> {
    let v = scalar().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop::collection::btree_map(key(), v, 0..4).prop_map(|m| Value::Object(m.into_iter().collect()))
}

fn attributes() -> impl Strategy<Value = MessageAttributes> {
    let attr = (
        prop_oneof![Just("String"), Just("Number"), Just("String.Array"), Just("Binary"), Just("Number.x")],
        prop_oneof![
            text(),
            number().prop_map(|n| n.to_string()),
            Just("[\"red\",100,null,true]".to_string()),
            Just("[[1],{\"a\":2}]".to_string()),
            Just("[oops".to_string()),
        ],
    )
        .prop_map(|(ty, v)| MessageAttributeValue {
            data_type: Some(ty.into()),
            string_value: Some(v.clone()),
            binary_value: Some(v.into_bytes()),
            ..Default::default()
        });
    prop::collection::btree_map(key(), attr, 0..4).prop_map(|m| m.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_any_text(text in "\\PC{0,64}") {
        for scope in SCOPES {
            let _ = FilterPolicy::parse(&text, scope, PolicyOrigin::Subscribe);
        }
    }

    #[test]
    fn parse_never_panics_on_json_like_text(text in "[{}\\[\\],:\"a-z0-9 .$<>=\\-]{0,80}") {
        for scope in SCOPES {
            let _ = FilterPolicy::parse(&text, scope, PolicyOrigin::SetSubscriptionAttributes);
        }
    }

    #[test]
    fn fuzz_bytes(data in prop::collection::vec(any::<u8>(), 0..200)) {
        fuzz_filter_policy(&data);
    }

    #[test]
    fn body_evaluation_is_total_and_consistent(p in policy_value(), b in body_value()) {
        let text = p.to_string();
        if let Ok(policy) = FilterPolicy::parse(&text, FilterPolicyScope::MessageBody, PolicyOrigin::Subscribe) {
            let body = b.to_string();
            check(&policy, &MessageView::Body(&body));
            check(&policy, &MessageView::Body("not json"));
        }
    }

    #[test]
    fn attribute_evaluation_is_total_and_consistent(p in policy_value(), a in attributes()) {
        let text = p.to_string();
        if let Ok(policy) = FilterPolicy::parse(&text, FilterPolicyScope::MessageAttributes, PolicyOrigin::Subscribe) {
            check(&policy, &MessageView::Attributes(&a));
        }
    }

    #[test]
    fn parse_is_deterministic(p in policy_value()) {
        let text = p.to_string();
        for scope in SCOPES {
            let a = FilterPolicy::parse(&text, scope, PolicyOrigin::Subscribe);
            let b = FilterPolicy::parse(&text, scope, PolicyOrigin::Subscribe);
            prop_assert_eq!(a, b);
        }
    }
}

#[test]
fn fuzz_known_inputs() {
    for data in [
        &b""[..],
        b"\x05{\"a\":[\"x\"]}",
        b"\x0c{\"a\":[1]}xx{\"a\":1}",
        b"\xff[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"\x01{\"a\":{\"b\":[{\"exists\":false}]}}",
    ] {
        fuzz_filter_policy(data);
    }
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let _ = FilterPolicy::parse(&deep, FilterPolicyScope::MessageBody, PolicyOrigin::Subscribe);
    let policy =
        FilterPolicy::parse(r#"{"a":["x"]}"#, FilterPolicyScope::MessageBody, PolicyOrigin::Subscribe)
            .unwrap();
    let deep_body = format!("{{\"a\":{}{}}}", "[".repeat(5000), "]".repeat(5000));
    assert!(!check(&policy, &MessageView::Body(&deep_body)).matched);
}
