//! Unit tests: each operator, each validation error, limits, scopes, explanations.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::*;
use crate::message_attributes::MessageAttributeValue;

const SET: PolicyOrigin = PolicyOrigin::SetSubscriptionAttributes;
const SUB: PolicyOrigin = PolicyOrigin::Subscribe;
const ATTRS: FilterPolicyScope = FilterPolicyScope::MessageAttributes;
const BODY: FilterPolicyScope = FilterPolicyScope::MessageBody;

fn policy(text: &str, scope: FilterPolicyScope) -> FilterPolicy {
    FilterPolicy::parse(text, scope, SET).unwrap_or_else(|e| panic!("{text}: {}", e.message))
}

/// The error message after `Invalid parameter: FilterPolicy: `, through SetSubscriptionAttributes.
fn error(text: &str, scope: FilterPolicyScope) -> String {
    let e = FilterPolicy::parse(text, scope, SET).expect_err(text);
    assert_eq!(e.code, "InvalidParameter");
    assert_eq!(e.http_status, 400);
    e.message
}

/// The error text before any Jackson location suffix, without the call's prefix.
fn reason(text: &str, scope: FilterPolicyScope) -> String {
    let m = error(text, scope);
    let m = m.strip_prefix("Invalid parameter: FilterPolicy: ").unwrap_or(&m).to_string();
    m.split('\n').next().unwrap_or("").to_string()
}

fn attrs(list: &[(&str, &str, &str)]) -> MessageAttributes {
    list.iter()
        .map(|(name, ty, value)| {
            let v = if ty.starts_with("Binary") {
                MessageAttributeValue {
                    data_type: Some(ty.to_string()),
                    binary_value: Some(value.as_bytes().to_vec()),
                    ..Default::default()
                }
            } else {
                MessageAttributeValue {
                    data_type: Some(ty.to_string()),
                    string_value: Some(value.to_string()),
                    ..Default::default()
                }
            };
            (name.to_string(), v)
        })
        .collect()
}

/// Evaluates an attribute-scope policy; also checks that `matches` and `evaluate` agree.
fn attr_match(p: &str, a: &[(&str, &str, &str)]) -> bool {
    let pol = policy(p, ATTRS);
    let a = attrs(a);
    let view = MessageView::Attributes(&a);
    let fast = pol.matches(&view);
    assert_eq!(fast, pol.evaluate(&view).matched, "{p}");
    fast
}

fn body_match(p: &str, body: &str) -> bool {
    let pol = policy(p, BODY);
    let view = MessageView::Body(body);
    let fast = pol.matches(&view);
    assert_eq!(fast, pol.evaluate(&view).matched, "{p} / {body}");
    fast
}

// ---- operators, attribute scope ----

#[test]
fn exact_strings_and_numbers() {
    let p = r#"{"color":["red","blue"]}"#;
    assert!(attr_match(p, &[("color", "String", "red")]));
    assert!(!attr_match(p, &[("color", "String", "green")]));
    assert!(!attr_match(p, &[("color", "String", "RED")]));
    assert!(!attr_match(p, &[("size", "String", "red")]));
    // Typed (§9 Q1): "100" never matches Number 100, 100 never matches String "100".
    assert!(!attr_match(r#"{"price":["100"]}"#, &[("price", "Number", "100")]));
    assert!(attr_match(r#"{"price":[100]}"#, &[("price", "Number", "100.0")]));
    assert!(attr_match(r#"{"price":[100]}"#, &[("price", "Number", "1e2")]));
    assert!(attr_match(r#"{"price":[3.5e2]}"#, &[("price", "Number", "350")]));
    assert!(!attr_match(r#"{"price":[100]}"#, &[("price", "String", "100")]));
    assert!(attr_match(r#"{"price":[100]}"#, &[("price", "Number.int", "100")]));
    assert!(attr_match(r#"{"c":["x"]}"#, &[("c", "String.custom", "x")]));
}

#[test]
fn literals_and_string_arrays() {
    assert!(attr_match(r#"{"f":[true]}"#, &[("f", "String.Array", "[true]")]));
    assert!(!attr_match(r#"{"f":[true]}"#, &[("f", "String", "true")]));
    assert!(attr_match(r#"{"f":[null]}"#, &[("f", "String.Array", r#"["a",null]"#)]));
    assert!(!attr_match(r#"{"f":[null, {"anything-but":"whatever"}]}"#, &[("g", "String", "x")]));
    let sports = r#"[ "rugby", "baseball" ]"#;
    assert!(attr_match(r#"{"sport":["rugby"]}"#, &[("sport", "String.Array", sports)]));
    assert!(attr_match(r#"{"n":[100]}"#, &[("n", "String.Array", r#"[100,"a"]"#)]));
    assert!(!attr_match(r#"{"n":["100"]}"#, &[("n", "String.Array", r#"[100,"a"]"#)]));
    assert!(attr_match(r#"{"n":["a"]}"#, &[("n", "String.Array", r#"[100,"a"]"#)]));
    // A JSON scalar is one element; text that is not JSON makes the message unmatchable.
    assert!(attr_match(r#"{"n":[100]}"#, &[("n", "String.Array", "100")]));
    assert!(!attr_match(r#"{"n":[{"exists":false}]}"#, &[("n", "String.Array", "[not json")]));
    let pol = policy(r#"{"n":["x"]}"#, ATTRS);
    let a = attrs(&[("n", "String.Array", "[oops")]);
    let e = pol.evaluate(&MessageView::Attributes(&a));
    assert_eq!(e.message_issue, Some(MessageIssue::InvalidAttributes { attribute: "n".into() }));
}

#[test]
fn prefix_suffix_equals_ignore_case() {
    assert!(attr_match(r#"{"k":[{"prefix":"ord"}]}"#, &[("k", "String", "order-1")]));
    assert!(!attr_match(r#"{"k":[{"prefix":"ord"}]}"#, &[("k", "String", "Order-1")]));
    assert!(!attr_match(r#"{"k":[{"prefix":"10"}]}"#, &[("k", "Number", "100")]));
    assert!(attr_match(r#"{"k":[{"prefix":"a"}]}"#, &[("k", "String.Array", r#"[100,"abc"]"#)]));
    assert!(attr_match(r#"{"k":[{"suffix":".png"}]}"#, &[("k", "String", "cat.png")]));
    assert!(!attr_match(r#"{"k":[{"suffix":".png"}]}"#, &[("k", "String", "cat.png.txt")]));
    assert!(attr_match(r#"{"k":[{"equals-ignore-case":"RED"}]}"#, &[("k", "String", "rEd")]));
    assert!(!attr_match(r#"{"k":[{"equals-ignore-case":"RED"}]}"#, &[("k", "String", "reds")]));
}

#[test]
fn anything_but_forms() {
    let p = r#"{"sport":[{"anything-but":["rugby","tennis"]}]}"#;
    assert!(attr_match(p, &[("sport", "String", "baseball")]));
    assert!(!attr_match(p, &[("sport", "String", "rugby")]));
    assert!(!attr_match(p, &[("other", "String", "x")]), "anything-but needs the key");
    // Arrays: any element not excluded (§9 Q2).
    assert!(attr_match(p, &[("sport", "String.Array", r#"["rugby","baseball"]"#)]));
    assert!(!attr_match(p, &[("sport", "String.Array", r#"["rugby"]"#)]));
    assert!(attr_match(r#"{"k":[{"anything-but":"x"}]}"#, &[("k", "String", "y")]));
    assert!(attr_match(r#"{"k":[{"anything-but":["100"]}]}"#, &[("k", "Number", "100")]));
    assert!(!attr_match(r#"{"k":[{"anything-but":[100, 500]}]}"#, &[("k", "Number", "100.0")]));
    assert!(attr_match(r#"{"k":[{"anything-but":[100, 500]}]}"#, &[("k", "Number", "101")]));
    assert!(!attr_match(r#"{"k":[{"anything-but":100}]}"#, &[("k", "Number", "1e2")]));
    let pre = r#"{"k":[{"anything-but":{"prefix":"order-"}}]}"#;
    assert!(attr_match(pre, &[("k", "String", "order_number")]));
    assert!(attr_match(pre, &[("k", "String", "data-entry")]));
    assert!(!attr_match(pre, &[("k", "String", "order-cancelled")]));
    // With exists:false it also accepts a missing key.
    let or_missing = r#"{"k":[{"anything-but":"x"},{"exists":false}]}"#;
    assert!(attr_match(or_missing, &[("other", "String", "1")]));
    assert!(!attr_match(or_missing, &[("k", "String", "x")]));
}

#[test]
fn numeric_conditions() {
    let p = r#"{"price":[{"numeric":[">",0,"<=",150]}]}"#;
    assert!(attr_match(p, &[("price", "Number", "150")]));
    assert!(attr_match(p, &[("price", "Number", "0.5")]));
    assert!(!attr_match(p, &[("price", "Number", "0")]));
    assert!(!attr_match(p, &[("price", "Number", "150.01")]));
    assert!(!attr_match(p, &[("price", "String", "99")]), "strings never match numeric");
    assert!(attr_match(r#"{"p":[{"numeric":["=",301.5]}]}"#, &[("p", "Number", "3.015e2")]));
    assert!(attr_match(r#"{"p":[{"numeric":["<",0]},{"numeric":[">",10]}]}"#, &[("p", "Number", "11")]));
    assert!(attr_match(r#"{"p":[{"numeric":[">=",1]}]}"#, &[("p", "String.Array", r#"["x",1]"#)]));
}

#[test]
fn exists_rules() {
    let t = r#"{"k":[{"exists":true}]}"#;
    let f = r#"{"k":[{"exists":false}]}"#;
    assert!(attr_match(t, &[("k", "String", "v")]));
    assert!(attr_match(t, &[("k", "Number", "0")]));
    assert!(!attr_match(t, &[("k", "Binary", "b")]), "Binary is ignored (§9 Q3)");
    assert!(attr_match(f, &[("other", "String", "v")]));
    assert!(attr_match(f, &[("k", "Binary", "b")]));
    assert!(!attr_match(f, &[("k", "String", "v")]));
    // No attributes at all: nothing matches, not even exists:false.
    assert!(!attr_match(f, &[]));
    let pol = policy(f, ATTRS);
    let none = MessageAttributes::new();
    assert_eq!(
        pol.evaluate(&MessageView::Attributes(&none)).message_issue,
        Some(MessageIssue::NoMessageAttributes)
    );
}

#[test]
fn cidr_conditions() {
    let p = r#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#;
    assert!(attr_match(p, &[("ip", "String", "10.0.0.255")]));
    assert!(!attr_match(p, &[("ip", "String", "10.0.1.0")]));
    assert!(!attr_match(p, &[("ip", "String", "10.0.0.256")]));
    let v6 = r#"{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}"#;
    assert!(attr_match(v6, &[("ip", "String", "2001:0db8:1234:1a00:0000:0000:0000:0000")]));
    assert!(!attr_match(v6, &[("ip", "String", "2001:db8:1234:1b00::1")]));
}

#[test]
fn and_across_keys_or_within() {
    let p = r#"{"a":["1","2"],"b":[{"prefix":"x"}]}"#;
    assert!(attr_match(p, &[("a", "String", "2"), ("b", "String", "xy")]));
    assert!(!attr_match(p, &[("a", "String", "2"), ("b", "String", "yx")]));
    assert!(!attr_match(p, &[("a", "String", "2")]));
}

#[test]
fn or_groups() {
    let p = r#"{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"namespace":["AWS/EC2"]}]}"#;
    assert!(attr_match(p, &[("source", "String", "aws.cloudwatch"), ("namespace", "String", "AWS/EC2")]));
    assert!(attr_match(
        p,
        &[("source", "String", "aws.cloudwatch"), ("metricName", "String", "CPUUtilization")]
    ));
    assert!(!attr_match(p, &[("source", "String", "aws.cloudwatch")]));
    assert!(!attr_match(p, &[("source", "String", "x"), ("namespace", "String", "AWS/EC2")]));
    let pol = policy(p, ATTRS);
    assert_eq!(pol.compiled.branches.len(), 2);
    // Nested $or.
    let n = r#"{"$or":[{"a":["1"]},{"b":["2"],"$or":[{"c":["3"]},{"d":["4"]}]}]}"#;
    assert!(attr_match(n, &[("b", "String", "2"), ("d", "String", "4")]));
    assert!(!attr_match(n, &[("b", "String", "2")]));
    assert!(attr_match(n, &[("a", "String", "1")]));
    // "$or" that is not an OR is an ordinary key.
    assert!(attr_match(r#"{"$or":["x"]}"#, &[("$or", "String", "x")]));
    assert!(attr_match(r#"{"$or":[{"prefix":"ab"},{"suffix":"yz"}]}"#, &[("$or", "String", "abc")]));
}

#[test]
fn escaped_quotes_in_string_attributes() {
    // §9 Q10: the value a"b is seen as a\"b.
    assert!(!attr_match(r#"{"k":["a\"b"]}"#, &[("k", "String", "a\"b")]));
    assert!(attr_match(r#"{"k":["a\\\"b"]}"#, &[("k", "String", "a\"b")]));
    assert!(attr_match(r#"{"k":["a\\\\b"]}"#, &[("k", "String", "a\\b")]));
}

// ---- body scope ----

#[test]
fn body_nesting_and_dotted_names() {
    let p = r#"{"object":{"nested":["x"]}}"#;
    assert!(body_match(p, r#"{"object":{"nested":"x"}}"#));
    assert!(body_match(p, r#"{"object.nested":"x"}"#));
    assert!(body_match(r#"{"object.nested":["x"]}"#, r#"{"object":{"nested":"x"}}"#));
    assert!(body_match(r#"{"object.nested":{"test":["x"]}}"#, r#"{"object":{"nested.test":"x"}}"#));
    assert!(!body_match(p, r#"{"object":{"nested":"y"}}"#));
    assert!(!body_match(p, r#"{"nested":"x"}"#));
}

#[test]
fn body_arrays() {
    assert!(body_match(r#"{"tags":["b"]}"#, r#"{"tags":["a","b"]}"#));
    assert!(body_match(r#"{"a":{"b":["x"]}}"#, r#"{"a":[{"b":"y"},{"b":"x"}]}"#));
    assert!(body_match(r#"{"a":{"b":["x"]}}"#, r#"{"a":[[{"b":"x"}]]}"#));
    assert!(!body_match(r#"{"tags":[{"exists":true}]}"#, r#"{"tags":[]}"#));
    assert!(body_match(r#"{"tags":[{"exists":false}]}"#, r#"{"tags":[]}"#));
}

#[test]
fn body_array_elements_must_agree() {
    let p = r#"{"employees":{"firstName":["Anna"],"lastName":["Jones"]}}"#;
    let body =
        r#"{"employees":[{"firstName":"Anna","lastName":"Smith"},{"firstName":"Peter","lastName":"Jones"}]}"#;
    assert!(!body_match(p, body));
    let pol = policy(p, BODY);
    let e = pol.evaluate(&MessageView::Body(body));
    assert!(e.array_elements_differ);
    assert!(pol.evaluate_with(&MessageView::Body(body), ArrayMatching::AnyElement).matched);
    let same = r#"{"employees":[{"firstName":"Anna","lastName":"Jones"}]}"#;
    assert!(body_match(p, same));
}

#[test]
fn body_literals_exists_and_invalid_bodies() {
    assert!(body_match(r#"{"k":[null]}"#, r#"{"k":null}"#));
    assert!(!body_match(r#"{"k":[null]}"#, r#"{"j":1}"#));
    assert!(body_match(r#"{"k":[""]}"#, r#"{"k":""}"#));
    assert!(!body_match(r#"{"k":[{"exists":true}]}"#, r#"{"k":null}"#));
    assert!(!body_match(r#"{"k":[{"exists":true}]}"#, r#"{"k":""}"#));
    assert!(!body_match(r#"{"k":[{"exists":true}]}"#, r#"{"k":{"a":1}}"#));
    assert!(body_match(r#"{"k":[{"exists":false}]}"#, r#"{"k":{"a":1}}"#));
    assert!(body_match(r#"{"k":[{"exists":false}]}"#, "{}"));
    let nested = r#"{"object":{"nested_key":[{"exists":false}]},"test":[{"exists":false}]}"#;
    assert!(body_match(nested, r#"{"object":{"key":"auto-test"}}"#));
    assert!(!body_match(r#"{"k":[{"exists":false}]}"#, "Regular string message"));
    assert!(!body_match(r#"{"k":[{"exists":false}]}"#, "\"Regular string message\""));
    assert!(!body_match(r#"{"k":[{"exists":false}]}"#, "[1]"));
    assert!(body_match(r#"{"k":[5]}"#, r#"{"k":5.0}"#));
    assert!(!body_match(r#"{"k":["5"]}"#, r#"{"k":5}"#));
    // Body strings compare decoded.
    assert!(body_match(r#"{"k":["a\"b"]}"#, r#"{"k":"a\"b"}"#));
}

#[test]
fn body_or_inside_objects() {
    let p = r#"{"detail":{"scope":["Service"],"$or":[{"source":["aws.cloudwatch"]},{"type":["CloudWatch Alarm State Change"]}]}}"#;
    assert!(body_match(p, r#"{"detail":{"scope":"Service","source":"aws.cloudwatch"}}"#));
    assert!(body_match(p, r#"{"detail":{"scope":"Service","type":"CloudWatch Alarm State Change"}}"#));
    assert!(!body_match(p, r#"{"detail":{"scope":"Service"}}"#));
    assert!(!body_match(p, r#"{"detail":{"source":"aws.cloudwatch"}}"#));
}

// ---- validation errors ----

#[test]
fn prefixes_by_call() {
    let e = FilterPolicy::parse(r#"{"k":"v"}"#, ATTRS, SUB).unwrap_err();
    assert!(e.message.starts_with("Invalid parameter: Attributes Reason: FilterPolicy: \"k\" must be an object or an array\n at [Source: (String)\"{\"k\":\"v\"}\"; line: 1, column: "), "{}", e.message);
    let e = FilterPolicy::parse(r#"{"k":"v"}"#, ATTRS, SET).unwrap_err();
    assert!(e.message.starts_with("Invalid parameter: FilterPolicy: \"k\" must be an object or an array"));
    let nested = r#"{"a":{"b":["c"]}}"#;
    assert_eq!(
        FilterPolicy::parse(nested, ATTRS, SET).unwrap_err().message,
        "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"
    );
    assert_eq!(
        FilterPolicy::parse(nested, ATTRS, SUB).unwrap_err().message,
        "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy"
    );
    assert!(FilterPolicy::parse(nested, BODY, SET).is_ok());
    let e = FilterPolicy::parse("{invalid}", ATTRS, SET).unwrap_err();
    assert_eq!(e.message, "Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]");
    let e = FilterPolicy::parse("invalid-json", ATTRS, SUB).unwrap_err();
    assert!(e.message.starts_with("Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON. Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));
}

#[test]
fn jackson_location_of_rule_errors() {
    // aws-snapshot: column 10 for a nested array in the leaf array.
    assert_eq!(
        FilterPolicy::parse(r#"{"key": [["value"]]}"#, ATTRS, SUB).unwrap_err().message,
        "Invalid parameter: Attributes Reason: FilterPolicy: Match value must be String, number, true, false, or null\n at [Source: (String)\"{\"key\":[[\"value\"]]}\"; line: 1, column: 10]"
    );
    // The compact form re-serialises numbers the Java way.
    let m = error(r#"{"k": [{"numeric": [">", 3.5e2, "<", 1]}]}"#, ATTRS);
    assert!(m.contains(r#"(String)"{"k":[{"numeric":[">",350.0,"<",1]}]}""#), "{m}");
}

#[test]
fn structural_errors() {
    let cases: &[(&str, &str)] = &[
        (r#"{"k": "v"}"#, "\"k\" must be an object or an array"),
        (r#"{"key": {"suffix": "value"}}"#, "\"suffix\" must be an object or an array"),
        (r#"{"key": {"not-an-operator": "value"}}"#, "\"not-an-operator\" must be an object or an array"),
        (r#"{"k": []}"#, "Empty arrays are not allowed"),
        (r#"{"k": [["v"]]}"#, "Match value must be String, number, true, false, or null"),
        (r#"{"k": [{"wrong-operator": true}]}"#, "Unrecognized match type wrong-operator"),
        (r#"{"k": [{"wildcard": "a*"}]}"#, "Unrecognized match type wildcard"),
        (r#"{"k": [{"suffix": "a", "prefix": "b"}]}"#, "Only one key allowed in match expression"),
        (r#"{"k": [{"suffix": 1}]}"#, "suffix match pattern must be a string"),
        (r#"{"k": [{"prefix": null}]}"#, "prefix match pattern must be a string"),
        (r#"{"k": [{"prefix": []}]}"#, "prefix match pattern must be a string"),
        (r#"{"k": [{"equals-ignore-case": 5}]}"#, "equals-ignore-case match pattern must be a string"),
        (r#"{"k": [{"cidr": 10}]}"#, "prefix match pattern must be a string"),
        (r#"{"k": [{"cidr": "10.0.0.0"}]}"#, "Malformed CIDR, one '/' required"),
        (r#"{"k": [{"cidr": "bad-/64filter"}]}"#, "Malformed CIDR, mask bits must be an integer"),
        (r#"{"k": [{"cidr": "bad-filter/64"}]}"#, "Nonstandard IP address: bad-filter"),
        (r#"{"k": [{"cidr": "xx.11.xx/8"}]}"#, "Nonstandard IP address: xx.11.xx"),
        (r#"{"k": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}"#, "Nonstandard IP address: xxxx:db8:1234:1a00::"),
        (r#"{"k": [{"exists": null}]}"#, "exists match pattern must be either true or false."),
        (r#"{"k": [{"exists": "no"}]}"#, "exists match pattern must be either true or false."),
        (r#"{"k": [{"anything-but": {"suffix": "x"}}]}"#, "Unsupported anything-but pattern: suffix"),
        (r#"{"k": [{"anything-but": {"exists": false}}]}"#, "Unsupported anything-but pattern: exists"),
        (
            r#"{"k": [{"anything-but": {"wrong-operator": "x"}}]}"#,
            "Unsupported anything-but pattern: wrong-operator",
        ),
        (
            r#"{"k": [{"anything-but": {"equals-ignore-case": "x"}}]}"#,
            "Unsupported anything-but pattern: equals-ignore-case",
        ),
        (r#"{"k": [{"anything-but": {"prefix": false}}]}"#, "prefix match pattern must be a string"),
        (
            r#"{"k": [{"anything-but": ["a", 1]}]}"#,
            "Inside anything but list, either all values are number or string, mixed type is not supported",
        ),
        (
            r#"{"k": [{"anything-but": []}]}"#,
            "Inside anything but list, either all values are number or string, mixed type is not supported",
        ),
        (
            r#"{"k": [{"anything-but": [null]}]}"#,
            "Inside anything but list, start|null|boolean is not supported.",
        ),
        (
            r#"{"k": [{"anything-but": true}]}"#,
            "Value of anything-but must be an array or single string/number value.",
        ),
        (r#"{"k": [{"numeric": []}]}"#, "Invalid member in numeric match: ]"),
        (r#"{"k": [{"numeric": [1, "<="]}]}"#, "Invalid member in numeric match: 1"),
        (r#"{"k": [{"numeric": ["operator"]}]}"#, "Unrecognized numeric range operator: operator"),
        (r#"{"k": [{"numeric": ["=", "000"]}]}"#, "Value of equals must be numeric"),
        (r#"{"k": [{"numeric": [">="]}]}"#, "Value of >= must be numeric"),
        (r#"{"k": [{"numeric": [">"]}]}"#, "Value of > must be numeric"),
        (r#"{"k": [{"numeric": ["<"]}]}"#, "Value of < must be numeric"),
        (r#"{"k": [{"numeric": ["<="]}]}"#, "Value of <= must be numeric"),
        (r#"{"k": [{"numeric": ["<", 100, ">", 10]}]}"#, "Too many elements in numeric expression"),
        (r#"{"k": [{"numeric": ["=", 1, 2]}]}"#, "Too many elements in numeric expression"),
        (r#"{"k": [{"numeric": [">=", 1, ">", 2]}]}"#, "Bad numeric range operator: >"),
        (r#"{"k": [{"numeric": [">", 20, 30]}]}"#, "Bad value in numeric range: 30"),
        (r#"{"k": [{"numeric": [">", 20, "test"]}]}"#, "Bad numeric range operator: test"),
        (r#"{"k": [{"numeric": [">", 20, "<="]}]}"#, "Value of <= must be numeric"),
        (r#"{"k": [{"numeric": [">", "20", "<", "30"]}]}"#, "Value of > must be numeric"),
        (r#"{"k": [{"numeric": [">", 20, "<", "30"]}]}"#, "Value of < must be numeric"),
        (r#"{"k": [{"numeric": [">", 3, "<", 1]}]}"#, "Bottom must be less than top"),
        (
            r#"{"k": [{"numeric": [">", 20, "<", 30, "<", 50]}]}"#,
            "Too many terms in numeric range expression",
        ),
        (r#"{"k": [{"numeric": 5}]}"#, "Value of numeric must be an array."),
        (r#"["k"]"#, "Filter is not an object"),
        ("{}", "Empty objects are not allowed"),
        (r#"{"k": [{}]}"#, "Match expression name not found"),
        (
            r#"{"$or": [{"a": ["1"]}, {"b": ["2"]}, "c"]}"#,
            "Only JSON object is allowed in array of $or relationship.",
        ),
    ];
    for (p, want) in cases {
        assert_eq!(reason(p, BODY), *want, "{p}");
    }
    // Rule errors carry the location suffix; CIDR value errors do not.
    assert!(error(r#"{"k": [{"exists": null}]}"#, ATTRS).contains("\n at [Source: (String)"));
    assert_eq!(
        error(r#"{"k": [{"cidr": "10.0.0.0"}]}"#, ATTRS),
        "Invalid parameter: FilterPolicy: Malformed CIDR, one '/' required"
    );
    // Nested empty object in body scope.
    assert_eq!(reason(r#"{"detail": {}}"#, BODY), "Empty objects are not allowed");
}

#[test]
fn key_limit() {
    let five = r#"{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"]}"#;
    assert!(FilterPolicy::parse(five, ATTRS, SET).is_ok());
    let six = r#"{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}"#;
    for scope in [ATTRS, BODY] {
        assert_eq!(
            error(six, scope),
            "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys"
        );
    }
    // Leaf keys count, parents do not (current doc example: 6 leaves).
    let nested = r#"{"state":["a"],"severity":["b"],"message":["c"],"finding":{"standard_control":["d"],"region":["e"],"account":["f"]}}"#;
    assert_eq!(reason(nested, BODY), "Filter policy can not have more than 5 keys");
}

fn values(n: usize) -> String {
    let v: Vec<String> = (0..n).map(|i| alloc::format!("\"v{i}\"")).collect();
    alloc::format!("[{}]", v.join(","))
}

#[test]
fn combination_limit() {
    assert_eq!(policy(&alloc::format!("{{\"k\":{}}}", values(150)), ATTRS).combinations(), 150);
    assert_eq!(reason(&alloc::format!("{{\"k\":{}}}", values(151)), ATTRS), "Filter policy is too complex");
    assert_eq!(
        reason(&alloc::format!("{{\"a\":{},\"b\":{}}}", values(100), values(51)), ATTRS),
        "Filter policy is too complex"
    );
    // Doc example: depth weighting → 72; one more key of 3 values → 216.
    let p72 = alloc::format!(
        "{{\"key_a\":{{\"key_b\":{{\"key_c\":{}}}}},\"key_d\":{{\"key_e\":{}}}}}",
        values(4),
        values(3)
    );
    assert_eq!(policy(&p72, BODY).combinations(), 72);
    let p216 = alloc::format!(
        "{{\"key_a\":{{\"key_b\":{{\"key_c\":{}}}}},\"key_d\":{{\"key_e\":{}}},\"key_f\":{}}}",
        values(4),
        values(3),
        values(3)
    );
    assert_eq!(reason(&p216, BODY), "Filter policy is too complex");
    // $or: sum of branch products. 4·6 + 4·4·4 + 4·4·4 = 152 → rejected; 3/6/4/4/7 → 150.
    let or = |s: usize, m: usize, t: usize, i: usize, sp: usize| {
        alloc::format!(
            "{{\"source\":{},\"$or\":[{{\"metricName\":{}}},{{\"metricType\":{},\"$or\":[{{\"metricId\":{}}},{{\"spaceId\":{}}}]}}]}}",
            values(s), values(m), values(t), values(i), values(sp)
        )
    };
    assert_eq!(reason(&or(4, 6, 4, 4, 4), ATTRS), "Filter policy is too complex");
    assert_eq!(policy(&or(3, 6, 4, 4, 7), ATTRS).combinations(), 150);
    // Exponentially many branches stay cheap and are too complex.
    let mut deep = String::from("{");
    for i in 0..5 {
        deep.push_str(&alloc::format!("\"$or\":[{{\"k{i}\":[1]}},{{\"k{i}\":[2]}}],"));
    }
    deep.push_str("\"z\":[1]}");
    assert!(FilterPolicy::parse(&deep, ATTRS, SET).is_ok());
}

#[test]
fn size_limit_and_scope_attribute() {
    let big = alloc::format!("{{\"k\":[\"{}\"]}}", "x".repeat(256 * 1024));
    assert_eq!(
        error(&big, ATTRS),
        "Invalid parameter: FilterPolicy: Filter policy can not be larger than 256 KB"
    );
    assert_eq!(FilterPolicyScope::from_attribute("MessageBody", SET).unwrap(), BODY);
    assert_eq!(
        FilterPolicyScope::from_attribute("messagebody", SET).unwrap_err().message,
        "Invalid parameter: FilterPolicyScope: Invalid value [messagebody]. Please use either MessageBody or MessageAttributes"
    );
    assert!(FilterPolicyScope::from_attribute("x", SUB)
        .unwrap_err()
        .message
        .starts_with("Invalid parameter: Attributes Reason: FilterPolicyScope:"));
}

// ---- explanations ----

#[test]
fn explanation_shows_keys_values_and_outcomes() {
    let pol = policy(
        r#"{"color":["red",{"prefix":"bl"}],"size":[{"numeric":[">",10]}],"gone":[{"exists":false}],"need":["x"]}"#,
        ATTRS,
    );
    let a = attrs(&[("color", "String", "blue"), ("size", "String", "12"), ("zz", "Binary", "b")]);
    let e = pol.evaluate(&MessageView::Attributes(&a));
    assert!(!e.matched);
    let keys: Vec<KeyExplanation<'_>> = e.keys().collect();
    assert_eq!(keys.len(), 4);
    assert_eq!(keys[0].key, "color");
    assert_eq!(&*keys[0].conditions[1], r#"{"prefix":"bl"}"#);
    assert_eq!(keys[0].values, &[SeenValue::String("blue".into())]);
    assert_eq!(keys[0].outcome, KeyOutcome::Matched { condition: 1, value: Some(0) });
    assert!(matches!(keys[1].outcome, KeyOutcome::NoConditionMatched { hint: Some(_) }));
    assert_eq!(keys[2].outcome, KeyOutcome::Matched { condition: 0, value: None });
    assert_eq!(keys[3].outcome, KeyOutcome::Missing { absence: Absence::Absent });
    assert!(e.branches.is_empty());
}

#[test]
fn explanation_lists_or_branches() {
    let pol = policy(r#"{"a":["1"],"$or":[{"b":["2"]},{"c":["3"]}]}"#, ATTRS);
    let a = attrs(&[("a", "String", "1"), ("c", "String", "3")]);
    let e = pol.evaluate(&MessageView::Attributes(&a));
    assert!(e.matched);
    assert_eq!(e.branches.len(), 2);
    assert!(!e.branches[0].matched);
    assert!(e.branches[1].matched);
    assert_eq!(e.key(1).unwrap().group, "$or[0]");
    assert_eq!(e.key(2).unwrap().group, "$or[1]");
    assert_eq!(pol.keys(), alloc::vec!["a", "b", "c"]);
}

#[cfg(feature = "serde")]
#[test]
fn explanation_serializes() {
    let pol = policy(r#"{"a":["1"]}"#, ATTRS);
    let a = attrs(&[("a", "String", "1")]);
    let e = pol.evaluate(&MessageView::Attributes(&a));
    let v = crate::json::ToJson::to_json(&e);
    assert_eq!(v["matched"], true);
    assert_eq!(v["keys"][0]["key"], "a");
    assert_eq!(v["keys"][0]["conditions"][0], "\"1\"");
    assert_eq!(v["keys"][0]["outcome"]["result"], "matched");
}

#[test]
fn large_arrays_of_objects_stay_cheap() {
    // 20,000 elements and two leaves under the same array: the same-element search is bounded.
    let mut body = String::from("{\"items\":[");
    for i in 0..20_000 {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&alloc::format!("{{\"a\":\"x\",\"b\":\"{}\"}}", if i == 19_999 { "y" } else { "n" }));
    }
    body.push_str("]}");
    let pol = policy(r#"{"items":{"a":["x"],"b":["y"]}}"#, BODY);
    assert!(pol.matches(&MessageView::Body(&body)));
    let miss = policy(r#"{"items":{"a":["z"],"b":["y"]}}"#, BODY);
    assert!(!miss.matches(&MessageView::Body(&body)));
}

#[test]
fn huge_policies_are_rejected_quickly() {
    let keys: Vec<String> = (0..18_000).map(|i| alloc::format!("\"k{i}\":[1]")).collect();
    let text = alloc::format!("{{{}}}", keys.join(","));
    assert!(text.len() < 256 * 1024);
    assert_eq!(reason(&text, ATTRS), "Filter policy can not have more than 5 keys");
    // A structural error after the sixth key still wins (parse order).
    let text = alloc::format!("{{{},\"z\":\"bad\"}}", keys.join(","));
    assert_eq!(reason(&text, ATTRS), "\"z\" must be an object or an array");
}
