//! SNS subscription filter policies (spec/sns.md §7): how many publishes per second the
//! filter leaves room for. Ten subscriptions with three-key attribute policies evaluated per
//! publish (the shape of the target "200,000 publishes/s with 10 subscriptions × 3-key
//! policies"), the verdict alone and with its explanation; body-scope evaluation; compiling.

use decouple_engine::message_attributes::{MessageAttributeValue, MessageAttributes};
use decouple_engine::sns::filter_policy::{FilterPolicy, FilterPolicyScope, MessageView, PolicyOrigin};

use super::{per_second, Figure};

fn policies() -> Vec<FilterPolicy> {
    (0..10)
        .map(|i| {
            let text = format!(
                r#"{{"store":["s{i}","s{}"],"price":[{{"numeric":[">",{i},"<=",1000]}}],"kind":[{{"prefix":"ord"}},{{"anything-but":"x"}}]}}"#,
                i + 1
            );
            FilterPolicy::parse(&text, FilterPolicyScope::MessageAttributes, PolicyOrigin::Subscribe)
                .expect("valid bench policy")
        })
        .collect()
}

pub fn suite(quick: bool) -> Vec<Figure> {
    let n: u64 = if quick { 20_000 } else { 200_000 };
    let subs = policies();
    let mut attrs = MessageAttributes::new();
    attrs.insert("store".into(), MessageAttributeValue::string("s3"));
    attrs.insert("price".into(), MessageAttributeValue::number("50"));
    attrs.insert("kind".into(), MessageAttributeValue::string("order"));
    attrs.insert("other".into(), MessageAttributeValue::string("ignored"));
    let view = MessageView::Attributes(&attrs);
    let mut delivered = 0u64;
    let verdicts = per_second(n, |_| {
        delivered += subs.iter().filter(|p| p.matches(&view)).count() as u64;
    });
    let explained = per_second(n, |_| {
        delivered += subs.iter().filter(|p| p.evaluate(&view).matched).count() as u64;
    });
    let body_policy = FilterPolicy::parse(
        r#"{"detail":{"store":["s3"],"price":[{"numeric":[">",1]}]},"kind":[{"prefix":"ord"}]}"#,
        FilterPolicyScope::MessageBody,
        PolicyOrigin::Subscribe,
    )
    .expect("valid bench policy");
    let body = r#"{"detail":{"store":"s3","price":50,"items":[{"sku":"a"},{"sku":"b"}]},"kind":"order","note":"hello"}"#;
    let bodies = per_second(n, |_| {
        delivered += u64::from(body_policy.evaluate(&MessageView::Body(body)).matched);
    });
    let text = r#"{"store":["s1","s2"],"price":[{"numeric":[">",0,"<=",1000]}],"$or":[{"kind":[{"prefix":"ord"}]},{"ip":[{"cidr":"10.0.0.0/8"}]}]}"#;
    let compiles = per_second(n / 10, |_| {
        delivered += u64::from(
            FilterPolicy::parse(text, FilterPolicyScope::MessageAttributes, PolicyOrigin::Subscribe).is_ok(),
        );
    });
    assert!(delivered > 0);
    vec![
        Figure::new("publishes/s, 10 subs x 3-key attribute policies, verdict only", verdicts, "publishes/s"),
        Figure::new(
            "publishes/s, 10 subs x 3-key attribute policies, with explanations",
            explained,
            "publishes/s",
        ),
        Figure::new("body-scope evaluations with explanation (nested keys, arrays)", bodies, "evals/s"),
        Figure::new("policies parsed and compiled ($or, numeric, cidr)", compiles, "policies/s"),
    ]
}
