//! Printer goldens: each case of tests/script/golden/printer/cases.json rendered with
//! `--output json|text|table` must equal the file the AWS CLI's own formatters produced
//! (generate.py there regenerates them).

use std::path::PathBuf;

use decouple_script::{jmespath, output};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/script/golden/printer")
}

#[test]
fn printers_match_the_aws_cli() {
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir().join("cases.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let title = case["title"].as_str().unwrap();
        let mut v = case["response"].clone();
        let query = case.get("query").and_then(Value::as_str);
        if let Some(q) = query {
            v = jmespath::eval(&jmespath::parse(q).unwrap(), &v).unwrap();
        }
        for (ext, fmt) in
            [("json", output::Format::Json), ("text", output::Format::Text), ("table", output::Format::Table)]
        {
            let expected = std::fs::read_to_string(dir().join(format!("{name}.{ext}"))).unwrap();
            let got = output::render(&v, fmt, title, query.is_some());
            if got != expected {
                failures.push(format!("{name}.{ext}\n--- expected\n{expected}--- got\n{got}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    assert!(cases.len() >= 19);
}
