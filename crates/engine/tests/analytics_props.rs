//! Fuzz harness of the Kinesis Data Analytics SQL parser and the Firehose prefix parser:
//! arbitrary bytes and SQL-shaped token soups never panic, and errors point inside the code.

use decouple_engine::analytics::sql::{fuzz_sql, parse};
use decouple_engine::firehose::prefix;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "SELECT",
    "STREAM",
    "FROM",
    "WHERE",
    "GROUP",
    "BY",
    "STEP",
    "ROWTIME",
    "INTERVAL",
    "'60'",
    "'x",
    "SECOND",
    "MINUTE",
    "OVER",
    "PARTITION",
    "RANGE",
    "PRECEDING",
    "WINDOW",
    "AS",
    "AND",
    "COUNT",
    "SUM",
    "AVG",
    "MIN",
    "MAX",
    "(",
    ")",
    "*",
    ",",
    ".",
    ";",
    "=",
    "<>",
    ">=",
    "CREATE",
    "OR",
    "REPLACE",
    "PUMP",
    "INSERT",
    "INTO",
    "\"SOURCE_SQL_STREAM_001\"",
    "ticker",
    "price",
    "10",
    "1.5",
    "--c\n",
    "\"",
    "é",
    "W1",
];

fn soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]
    #[test]
    fn sql_parser_never_panics_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        fuzz_sql(&data);
    }

    #[test]
    fn sql_parser_never_panics_on_token_soup(code in soup()) {
        if let Err(e) = parse(&code) {
            prop_assert!(e.offset <= code.len());
            prop_assert!(e.line >= 1 && e.column >= 1);
        }
    }

    #[test]
    fn prefix_parser_never_panics(p in "[a-z/!{}:_.\\-'A-Z]{0,40}") {
        if let Ok(parts) = prefix::parse(&p) {
            let mut rng = decouple_engine::rng::Rng::new(1);
            let _ = prefix::evaluate(&prefix::with_default_timestamp(parts), decouple_engine::Instant(0), &mut rng, "x");
        }
    }
}

#[test]
fn sql_parser_survives_every_prefix_of_a_valid_query() {
    let q = "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"D\" SELECT STREAM ticker, AVG(price) OVER W AS a FROM \"SOURCE_SQL_STREAM_001\" WHERE price >= 1 AND ticker <> 'X' WINDOW W AS (PARTITION BY ticker RANGE INTERVAL '10' SECOND PRECEDING);";
    assert!(parse(q).is_ok());
    for i in 0..q.len() {
        fuzz_sql(&q.as_bytes()[..i]);
    }
}
