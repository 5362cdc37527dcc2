//! The scenario language: parse throughput, and how fast the runtime drives actors (a
//! producer publishing to SNS; a producer and a consumer on an SQS queue when SQS is built in).

use decouple_script::parse::parse_script;
use decouple_script::{Limits, Options, Outcome, Session};

use super::{per_second, Figure};

const LINES: &str = "\
QUEUE_URL=$(aws sqs create-queue --queue-name orders --query QueueUrl --output text)
aws sqs send-message --queue-url $QUEUE_URL --message-body '{\"order\": 1}' --message-attributes 'City={DataType=String,StringValue=Seoul}'
aws sqs receive-message --queue-url $QUEUE_URL --attribute-names All --max-number-of-messages 10 --query 'Messages[*].Body' --output text
consumer worker on orders wait 20 batch 10 visibility 30 process 2s fail every 3rd
expect .Messages | length == 1
";

/// Runs a scenario and returns (seconds, ok).
fn run(src: &str) -> (f64, bool) {
    let limits = Limits {
        max_steps_per_line: 10_000_000,
        max_events: 50_000_000,
        max_messages: 10_000_000,
        ..Limits::default()
    };
    let start = std::time::Instant::now();
    let mut s = Session::new(src, Options { limits, ..Options::default() });
    s.run_all();
    let ok = !s
        .results()
        .iter()
        .any(|r| matches!(r.outcome, Outcome::ScriptError { .. } | Outcome::ApiError { .. }));
    (start.elapsed().as_secs_f64().max(1e-9), ok)
}

pub fn run_suite(quick: bool) -> Vec<Figure> {
    let mut figures = Vec::new();
    let script: String = LINES.repeat(200);
    let lines = script.lines().count() as u64;
    let n = if quick { 20 } else { 200 };
    let scripts_per_s = per_second(n, |_| {
        std::hint::black_box(parse_script(&script));
    });
    figures.push(Figure::new("parse (lex + statements)", scripts_per_s * lines as f64, "lines/s"));

    let count = if quick { 2_000 } else { 20_000 };
    let sns = format!(
        "TOPIC=$(aws sns create-topic --name t --query TopicArn --output text)\n\
         producer p every 10ms count {count}: aws sns publish --topic-arn $TOPIC --message 'n {{{{seq}}}}'\n\
         sleep {}s\n",
        count / 100 + 1
    );
    let (secs, ok) = run(&sns);
    if ok {
        figures.push(Figure::new(
            "producer → sns publish (template, parse, call)",
            count as f64 / secs,
            "commands/s",
        ));
    }

    let sqs = format!(
        "QUEUE_URL=$(aws sqs create-queue --queue-name q --query QueueUrl --output text)\n\
         producer p every 10ms count {count}: aws sqs send-message --queue-url $QUEUE_URL --message-body 'n {{{{seq}}}}'\n\
         consumer c on q batch 10\n\
         sleep {}s\n",
        count / 100 + 5
    );
    let (secs, ok) = run(&sqs);
    if ok {
        figures.push(Figure::new(
            "producer → sqs → consumer (send, receive, delete)",
            count as f64 / secs,
            "messages/s",
        ));
    }
    figures
}
