//! The runtime API the CLI and the playground use: step, run to a line, current line,
//! events per line, limits, errors and keep-going. Uses SNS and Firehose/S3 (on main).

use decouple_script::{Limits, Options, Outcome, Session, Trace};

const TOPIC: &str = "TOPIC=$(aws sns create-topic --name orders --query TopicArn --output text)\n";

#[test]
fn step_run_to_line_and_current_line() {
    let src = format!("{TOPIC}echo one\n\necho two\nsleep 5\necho three\n");
    let mut s = Session::new(&src, Options::default());
    assert_eq!(s.lines(), vec![1, 2, 4, 5, 6]);
    assert_eq!(s.current_line(), Some(1));
    let r = s.step().unwrap();
    assert_eq!(r.line, 1);
    assert!(r.events.iter().any(|e| e.type_name() == "TopicCreated"));
    s.run_to_line(5);
    assert_eq!(s.current_line(), Some(5));
    assert_eq!(s.results().len(), 3);
    s.run_all();
    assert!(s.is_done());
    assert_eq!(s.results()[4].stdout, "three\n");
    assert_eq!(s.results()[3].clock.since(s.start()), 5_000);
    assert!(!s.failed());
}

#[test]
fn a_script_error_stops_the_run_unless_keep_going() {
    let src = "echo a\necho $MISING\necho b\n";
    let mut s = Session::new(src, Options::default());
    s.run_all();
    assert_eq!(s.results().len(), 2);
    let Outcome::ScriptError { error } = &s.results()[1].outcome else { panic!() };
    assert_eq!((error.pos.line, error.pos.col), (2, 6));
    assert!(s.failed());
    let mut s = Session::new(src, Options { keep_going: true, ..Options::default() });
    s.run_all();
    assert_eq!(s.results().len(), 3);
    let json = s.results()[1].to_json(false);
    assert_eq!(json["line"], 2);
    assert_eq!(json["col"], 6);
    assert!(json["script_error"].as_str().unwrap().contains("$MISING"));
}

#[test]
fn missing_variable_suggests_the_nearest() {
    let mut s = Session::new("QUEUE_URL=x\necho $QUEUE_UR\n", Options::default());
    s.run_all();
    let Outcome::ScriptError { error } = &s.results()[1].outcome else { panic!() };
    assert_eq!(error.suggestion.as_deref(), Some("did you mean $QUEUE_URL?"));
}

#[test]
fn aws_errors_are_reported_and_checked() {
    let src = "aws sns get-topic-attributes --topic-arn arn:aws:sns:us-east-1:000000000000:nope\nexpect error NotFound\nexpect error\n";
    let mut s = Session::new(src, Options::default());
    s.run_all();
    let r = &s.results()[0];
    assert!(matches!(r.outcome, Outcome::ApiError { .. }));
    assert!(
        r.stderr
            .starts_with("\nAn error occurred (NotFound) when calling the GetTopicAttributes operation: "),
        "{}",
        r.stderr
    );
    assert_eq!(r.to_json(false)["error"]["code"], "NotFound");
    assert!(!s.failed(), "{:?}", s.results());
}

#[test]
fn producers_at_and_checks_on_the_virtual_clock() {
    let src = format!(
        "{TOPIC}producer p every 2s count 3: aws sns publish --topic-arn $TOPIC --message 'n={{{{seq}}}}'\n\
         at 10s: echo ten\n\
         sleep 20\n\
         expect event MessagePublished count == 3\n\
         expect event ActorSent count == 3\n\
         expect actor p received == 0\n"
    );
    let mut s = Session::new(&src, Options::default());
    s.run_all();
    assert!(!s.failed(), "{:#?}", s.results().iter().map(|r| r.to_json(false)).collect::<Vec<_>>());
    let sleep = &s.results()[3];
    assert_eq!(sleep.stdout, "ten\n");
    let sent: Vec<u64> = sleep
        .events
        .iter()
        .filter(|e| e.type_name() == "ActorSent")
        .map(|e| e.at().since(s.start()))
        .collect();
    assert_eq!(sent, vec![0, 2000, 4000]);
    assert!(sleep.events.iter().any(|e| matches!(e, Trace::Script(_)) && e.type_name() == "ScheduledRan"));
}

#[test]
fn limits_stop_runaway_scripts() {
    let src = format!(
        "{TOPIC}producer p every 1ms: aws sns publish --topic-arn $TOPIC --message x\nsleep 1h\necho after\n"
    );
    let limits = Limits { max_steps_per_line: 2_000, ..Limits::default() };
    let mut s = Session::new(&src, Options { limits, ..Options::default() });
    s.run_all();
    let last = s.results().last().unwrap();
    let Outcome::ScriptError { error } = &last.outcome else { panic!("{:?}", last.outcome) };
    assert!(error.message.contains("step budget"), "{}", error.message);
    assert_eq!(error.pos.line, 3);
    let mut s = Session::new("sleep 400d\n", Options::default());
    s.run_all();
    assert!(
        matches!(&s.results()[0].outcome, Outcome::ScriptError { error } if error.message.contains("virtual time"))
    );
}

#[test]
fn failed_check_reports_expected_and_actual() {
    let src = format!(
        "{TOPIC}aws sns list-topics\nexpect length(Topics) == 2\nexpect Topics[0].TopicArn == '$TOPIC'\n"
    );
    let mut s = Session::new(&src, Options::default());
    s.run_all();
    let Outcome::Check { passed, expected, actual, pos, .. } = &s.results()[2].outcome else { panic!() };
    assert!(!passed);
    assert_eq!((expected.as_str(), actual.as_str()), ("== 2", "1"));
    assert_eq!((pos.line, pos.col), (3, 1));
    assert!(
        matches!(s.results()[3].outcome, Outcome::Check { passed: true, .. }),
        "{:?}",
        s.results()[3].outcome
    );
    assert!(s.failed());
}

#[test]
fn same_seed_same_run() {
    let src = format!("{TOPIC}producer p every 1s count 5: aws sns publish --topic-arn $TOPIC --message '{{{{choice a|b|c}}}}'\nsleep 10\n");
    let run = |seed| {
        let mut s = Session::new(&src, Options { seed, ..Options::default() });
        s.run_all();
        serde_json::to_string(&s.results().iter().map(|r| r.to_json(true)).collect::<Vec<_>>()).unwrap()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn diagnostics_list_every_static_error_before_running() {
    let src = "aws sqs send-mesage --queue-url $Q\nsleep 3x\nat 5s: aws sqs list-queues --bogus\nproducer p every 1s: aws sns publsh --message x\naws sqs send-message --queue-url $Q --message-body x\n";
    let s = Session::new(src, Options::default());
    let d: Vec<(u32, u32)> = s.diagnostics().iter().map(|e| (e.pos.line, e.pos.col)).collect();
    assert_eq!(d, vec![(1, 9), (2, 7), (3, 28), (4, 30)]);
}

#[test]
fn an_expression_that_cannot_evaluate_fails_the_check() {
    let src = format!("{TOPIC}aws sns list-topics\nexpect length(Nothing) == 1\n");
    let mut s = Session::new(&src, Options::default());
    s.run_all();
    let Outcome::Check { passed, actual, .. } = &s.results()[2].outcome else {
        panic!("{:?}", s.results()[2].outcome)
    };
    assert!(!passed);
    assert!(actual.contains("length()"), "{actual}");
}

#[test]
fn kinesis_consumer_reads_children_after_parents_in_order() {
    let src = "aws kinesis create-stream --stream-name s --shard-count 1\nsleep 1\n\
               producer p every 100ms count 100: aws kinesis put-record --stream-name s --partition-key k-{{cycle 1|2|3}} --data 'k-{{cycle 1|2|3}} n {{seq}}' --cli-binary-format raw-in-base64-out\n\
               kinesis-consumer r on s checkpoint every 10\n\
               lambda f on s batch 5\n\
               sleep 4\n\
               aws kinesis update-shard-count --stream-name s --target-shard-count 2 --scaling-type UNIFORM_SCALING\n\
               sleep 20\n\
               expect stream s records == 100\n\
               expect actor r processed == 100\n\
               expect actor r in order\n\
               expect actor f processed == 100\n\
               expect actor f in order\n\
               expect event Checkpointed count == 8\n";
    let mut s = Session::new(src, Options::default());
    s.run_all();
    let bad: Vec<_> = s.results().iter().filter(|r| r.is_failure()).map(|r| r.to_json(false)).collect();
    assert!(bad.is_empty(), "{bad:#?}");
}
