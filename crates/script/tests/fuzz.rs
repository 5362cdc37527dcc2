//! Fuzz targets driven by proptest: the parser never panics on any input and every error it
//! reports carries a line and a column inside the script; the shorthand and JMESPath parsers
//! and a whole session never panic either.

use decouple_script::{fuzz_script, jmespath, shorthand, Options, Session};
use proptest::prelude::*;

/// Script-like text: fragments of the language glued at random.
fn scripty() -> impl Strategy<Value = String> {
    let frag = prop::sample::select(vec![
        "aws ",
        "sqs ",
        "sns ",
        "kinesis ",
        "send-message ",
        "--queue-url ",
        "--message-body ",
        "'",
        "\"",
        "$",
        "${",
        "$(",
        ")",
        "\\\n",
        "\n",
        "#",
        " ",
        "=",
        "X=",
        "$X",
        "{{seq}}",
        "{{",
        "}}",
        "<<EOF\n",
        "EOF\n",
        "file a <<EOF\n",
        "expect ",
        ".Messages | length == 1",
        "queue q visible == 0",
        "sleep 3",
        "at 1s: ",
        "producer p every 1s: ",
        "consumer c on q ",
        "fail every 3rd",
        "autoscale g of c on q when ApproximateNumberOfMessagesVisible > 1 add 2",
        "[?a=='b']",
        "`1`",
        "é",
        "서울",
        "\t",
        "\r\n",
        "--attributes a=b,c={d=e}",
        "{\"a\": [1,",
        "lambda l on s",
    ]);
    prop::collection::vec(frag, 0..40).prop_map(|v| v.concat())
}

fn check_positions(src: &str) {
    let lines = src.split('\n').count() as u32 + 1;
    for e in fuzz_script(src.as_bytes()) {
        assert!(
            e.pos.line >= 1 && e.pos.line <= lines,
            "line {} out of 1..={lines}: {e:?}\n{src:?}",
            e.pos.line
        );
        assert!(e.pos.col >= 1, "column 0: {e:?}\n{src:?}");
        assert!(!e.message.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics_on_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        let src = String::from_utf8_lossy(&data).into_owned();
        check_positions(&src);
    }

    #[test]
    fn parser_never_panics_on_script_fragments(src in scripty()) {
        check_positions(&src);
    }

    #[test]
    fn shorthand_and_jmespath_never_panic(s in "[a-zA-Z=,\\[\\]{}'\" .*?|&!<>=@`0-9:()-]{0,40}") {
        let _ = shorthand::parse(&s);
        if let Ok(e) = jmespath::parse(&s) {
            let _ = jmespath::eval(&e, &serde_json::json!({"a": [1, {"b": "c"}], "d": "e"}));
        }
        let _ = jmespath::parse_lenient(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Running arbitrary script text never panics and stays within the step budget.
    #[test]
    fn sessions_never_panic(src in scripty()) {
        let mut s = Session::new(&src, Options { keep_going: true, ..Options::default() });
        s.run_all();
        prop_assert!(s.results().len() <= src.len() + 1);
    }
}
