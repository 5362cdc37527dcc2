//! Timelines across modules (design.md "Tests read as timelines"). Times are seconds after
//! the world's start.

use alloc::string::{String, ToString};
use alloc::vec;

use super::delete::DeleteMessageInput;
use super::delivery::SqsDelivery;
use super::queue::{CreateQueueInput, QueueUrlInput};
use super::queue_attributes::{GetQueueAttributesInput, SetQueueAttributesInput};
use super::receive::ReceiveMessageInput;
use super::send::SendMessageInput;
use super::test_support::{del, recv, send, World};
use super::visibility::ChangeMessageVisibilityInput;
use crate::time::WORLD_START;

fn attr(w: &mut World, q: &str, name: &str) -> String {
    let out = w
        .cloud
        .get_queue_attributes(GetQueueAttributesInput {
            queue_url: Some(q.into()),
            attribute_names: Some(vec!["All".into()]),
        })
        .unwrap();
    out.attributes.get(name).cloned().unwrap_or_default()
}

fn counts(w: &mut World, q: &str) -> (String, String, String) {
    (
        attr(w, q, "ApproximateNumberOfMessages"),
        attr(w, q, "ApproximateNumberOfMessagesNotVisible"),
        attr(w, q, "ApproximateNumberOfMessagesDelayed"),
    )
}

fn set(w: &mut World, q: &str, k: &str, v: &str) {
    let attributes = Some([(k.to_string(), v.to_string())].into_iter().collect());
    w.cloud.set_queue_attributes(SetQueueAttributesInput { queue_url: Some(q.into()), attributes }).unwrap();
}

fn cmv(w: &mut World, q: &str, body: &str, t: i64) -> Result<(), crate::ApiError> {
    let h = w.handles.get(body).cloned().unwrap();
    w.cloud.change_message_visibility(ChangeMessageVisibilityInput {
        queue_url: Some(q.into()),
        receipt_handle: Some(h),
        visibility_timeout: Some(t),
    })
}

#[test]
fn visibility_timeout_hides_then_returns() {
    let mut w = World::new();
    let q = w.queue("q", &[]);
    send!(w, q, t = 0, "a");
    recv!(w, q, t = 1, => ["a"]);
    recv!(w, q, t = 2, => []);
    assert_eq!(counts(&mut w, &q), ("0".into(), "1".into(), "0".into()));
    let again = recv!(w, q, t = 31, => ["a"]);
    assert_eq!(again[0].attributes.as_ref().unwrap()["ApproximateReceiveCount"], "2");
    del!(w, q, t = 32, "a").unwrap();
    recv!(w, q, t = 100, => []);
    del!(w, q, t = 101, "a").unwrap(); // deleting twice succeeds
}

#[test]
fn standard_old_handle_still_deletes_after_expiry() {
    let mut w = World::new();
    let q = w.queue("q", &[("VisibilityTimeout", "5")]);
    send!(w, q, t = 0, "a");
    recv!(w, q, t = 0, => ["a"]);
    del!(w, q, t = 10, "a").unwrap();
    recv!(w, q, t = 11, => []);
    assert_eq!(counts(&mut w, &q), ("0".into(), "0".into(), "0".into()));
}

#[test]
fn change_visibility_counts_from_the_call_and_is_not_kept() {
    let mut w = World::new();
    let q = w.queue("q", &[("VisibilityTimeout", "60")]);
    send!(w, q, t = 0, "a");
    recv!(w, q, t = 0, => ["a"]);
    w.at(15.0);
    cmv(&mut w, &q, "a", 10).unwrap();
    recv!(w, q, t = 24, => []);
    recv!(w, q, t = 25, => ["a"]);
    recv!(w, q, t = 84, => []);
    recv!(w, q, t = 85, => ["a"]);
    cmv(&mut w, &q, "a", 0).unwrap();
    recv!(w, q, t = 85, => ["a"]);
}

#[test]
fn twelve_hour_cap_counts_from_the_receive() {
    let mut w = World::new();
    let q = w.queue("q", &[]);
    send!(w, q, t = 0, "a");
    recv!(w, q, t = 0, => ["a"]);
    w.at(10.0);
    let e = cmv(&mut w, &q, "a", 43_200).unwrap_err();
    assert_eq!(e.message, "Value 43200 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
    cmv(&mut w, &q, "a", 43_190).unwrap();
}

#[test]
fn delay_queue_and_message_timer() {
    let mut w = World::new();
    let q = w.queue("q", &[("DelaySeconds", "10")]);
    send!(w, q, t = 0, "queue-delay");
    send!(w, q, t = 0, "timer", delay = 3);
    assert_eq!(counts(&mut w, &q), ("0".into(), "0".into(), "2".into()));
    recv!(w, q, t = 2, => []);
    recv!(w, q, t = 3, => ["timer"]);
    recv!(w, q, t = 9, => []);
    recv!(w, q, t = 10, => ["queue-delay"]);
}

#[test]
fn long_poll_moves_the_clock_to_the_first_eligible_message() {
    let mut w = World::new();
    let q = w.queue("q", &[]);
    send!(w, q, t = 0, "later", delay = 7);
    recv!(w, q, t = 1, wait = 20, => ["later"]);
    assert_eq!(w.cloud.now(), WORLD_START.plus(7_000));
    recv!(w, q, t = 7, wait = 5, => []);
    assert_eq!(w.cloud.now(), WORLD_START.plus(12_000));
}

#[test]
fn retention_expires_messages_in_flight_too() {
    let mut w = World::new();
    let q = w.queue("q", &[("MessageRetentionPeriod", "60"), ("VisibilityTimeout", "600")]);
    send!(w, q, t = 0, "a");
    recv!(w, q, t = 1, => ["a"]);
    w.at(60.0);
    assert_eq!(counts(&mut w, &q), ("0".into(), "0".into(), "0".into()));
    del!(w, q, t = 61, "a").unwrap();
}

#[test]
fn fifo_groups_block_along_the_visible_prefix() {
    let mut w = World::new();
    let q = w.queue("q.fifo", &[("FifoQueue", "true"), ("VisibilityTimeout", "10")]);
    send!(w, q, t = 0, "g1-m1", group = "g1");
    send!(w, q, t = 0, "g2-m1", group = "g2");
    send!(w, q, t = 0, "g1-m2", group = "g1");
    send!(w, q, t = 0, "g1-m3", group = "g1");
    recv!(w, q, t = 0, max = 2, => ["g1-m1", "g1-m2"]);
    // g1 is blocked; g2 is free.
    recv!(w, q, t = 1, => ["g2-m1"]);
    assert_eq!(counts(&mut w, &q), ("1".into(), "3".into(), "0".into()));
    // Releasing the head returns it but not g1-m2 (still in flight) nor g1-m3 behind it.
    cmv(&mut w, &q, "g1-m1", 0).unwrap();
    recv!(w, q, t = 2, => ["g1-m1"]);
    recv!(w, q, t = 3, => []);
    del!(w, q, t = 4, "g1-m1").unwrap();
    recv!(w, q, t = 5, => []);
    // g1-m2's receipt expires at t=10, then g1-m2 and g1-m3 come in order.
    recv!(w, q, t = 10, => ["g1-m2", "g1-m3"]);
}

#[test]
fn fifo_receive_takes_as_many_as_possible_from_one_group_first() {
    let mut w = World::new();
    let q = w.queue("q.fifo", &[("FifoQueue", "true")]);
    send!(w, q, t = 0, "g1-m1", group = "g1");
    send!(w, q, t = 0, "g2-m1", group = "g2");
    send!(w, q, t = 0, "g1-m2", group = "g1");
    send!(w, q, t = 0, "g1-m3", group = "g1");
    recv!(w, q, t = 0, => ["g1-m1", "g1-m2", "g1-m3", "g2-m1"]);
}

#[test]
fn fifo_expired_handle_cannot_delete() {
    let mut w = World::new();
    let q = w.queue("q.fifo", &[("FifoQueue", "true"), ("VisibilityTimeout", "5")]);
    send!(w, q, t = 0, "a", group = "g");
    recv!(w, q, t = 0, => ["a"]);
    let e = del!(w, q, t = 6, "a").unwrap_err();
    assert!(e.message.ends_with("Reason: The receipt handle has expired."), "{}", e.message);
}

#[test]
fn fifo_dedup_window_survives_delete_and_purge_clears_it() {
    let mut w = World::new();
    let q = w.queue("q.fifo", &[("FifoQueue", "true")]);
    let id = send!(w, q, t = 0, "a", group = "g");
    recv!(w, q, t = 1, => ["a"]);
    del!(w, q, t = 2, "a").unwrap();
    assert_eq!(send!(w, q, t = 3, "a", group = "g"), id);
    recv!(w, q, t = 4, => []);
    assert_ne!(send!(w, q, t = 301, "a", group = "g"), id);
    w.cloud.purge_queue(QueueUrlInput { queue_url: Some(q.clone()) }).unwrap();
    send!(w, q, t = 302, "a", group = "g");
    recv!(w, q, t = 302, => ["a"]);
}

#[test]
fn dead_letter_move_happens_on_the_receive_after_max_receive_count() {
    let mut w = World::new();
    let dlq = w.queue("dlq", &[]);
    let policy = r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":1}"#;
    let q = w.queue("q", &[("RedrivePolicy", policy), ("VisibilityTimeout", "1")]);
    send!(w, q, t = 0, "a");
    recv!(w, q, t = 0, => ["a"]);
    recv!(w, q, t = 2, => []);
    let moved = recv!(w, dlq, t = 2, => ["a"]);
    let a = moved[0].attributes.as_ref().unwrap();
    assert_eq!(a["ApproximateReceiveCount"], "2");
    assert_eq!(a["DeadLetterQueueSourceArn"], "arn:aws:sqs:us-east-1:000000000000:q");
}

#[test]
fn purge_once_a_minute() {
    let mut w = World::new();
    let q = w.queue("q", &[]);
    send!(w, q, t = 0, "a", delay = 5);
    send!(w, q, t = 0, "b");
    recv!(w, q, t = 0, => ["b"]);
    w.cloud.purge_queue(QueueUrlInput { queue_url: Some(q.clone()) }).unwrap();
    assert_eq!(counts(&mut w, &q), ("0".into(), "0".into(), "0".into()));
    let e = w.cloud.purge_queue(QueueUrlInput { queue_url: Some(q.clone()) }).unwrap_err();
    assert_eq!((e.code, e.http_status), ("PurgeQueueInProgress", 403));
    w.at(60.0);
    w.cloud.purge_queue(QueueUrlInput { queue_url: Some(q.clone()) }).unwrap();
}

#[test]
fn create_is_idempotent_and_names_wait_after_delete() {
    let mut w = World::new();
    let q = w.queue("q", &[("VisibilityTimeout", "40")]);
    assert_eq!(w.queue("q", &[]), q);
    assert_eq!(w.queue("q", &[("VisibilityTimeout", "40")]), q);
    let make = |vt: &str| CreateQueueInput {
        queue_name: Some("q".into()),
        attributes: Some([("VisibilityTimeout".to_string(), vt.to_string())].into_iter().collect()),
        tags: None,
    };
    let e = w.cloud.create_queue(make("30")).unwrap_err();
    assert_eq!(
        e.message,
        "A queue already exists with the same name and a different value for attribute VisibilityTimeout"
    );
    w.cloud.delete_queue(QueueUrlInput { queue_url: Some(q.clone()) }).unwrap();
    assert_eq!(w.cloud.create_queue(make("30")).unwrap_err().code, "QueueDeletedRecently");
    w.at(60.0);
    w.cloud.create_queue(make("30")).unwrap();
}

#[test]
fn receive_request_attempt_id_replays_until_something_changes() {
    let mut w = World::new();
    let q = w.queue("q.fifo", &[("FifoQueue", "true")]);
    send!(w, q, t = 0, "a", group = "g");
    let recv_with = |w: &mut World| {
        w.cloud
            .receive_message(ReceiveMessageInput {
                queue_url: Some(q.clone()),
                receive_request_attempt_id: Some("try-1".into()),
                ..Default::default()
            })
            .unwrap()
            .messages
    };
    let first = recv_with(&mut w);
    let again = recv_with(&mut w);
    assert_eq!(first, again);
    w.handles.insert("a".into(), first[0].receipt_handle.to_string());
    cmv(&mut w, &q, "a", 0).unwrap();
    let fresh = recv_with(&mut w);
    assert_ne!(fresh[0].receipt_handle, first[0].receipt_handle);
}

#[test]
fn fifo_delay_change_is_retroactive() {
    let mut w = World::new();
    let q = w.queue("q.fifo", &[("FifoQueue", "true"), ("DelaySeconds", "100")]);
    send!(w, q, t = 0, "a", group = "g");
    w.at(5.0);
    set(&mut w, &q, "DelaySeconds", "10");
    recv!(w, q, t = 9, => []);
    recv!(w, q, t = 10, => ["a"]);
}

#[test]
fn sns_delivery_needs_a_policy_for_service_principals() {
    let mut w = World::new();
    let q = w.queue("q", &[]);
    let arn = "arn:aws:sqs:us-east-1:000000000000:q".to_string();
    let topic = "arn:aws:sns:us-east-1:000000000000:t";
    let delivery = || SqsDelivery {
        queue_arn: arn.clone(),
        body: "hi".into(),
        source_arn: Some(topic.into()),
        principal_service: Some("sns.amazonaws.com"),
        ..Default::default()
    };
    assert_eq!(w.cloud.sqs_deliver(delivery()).unwrap_err().code, "AccessDenied");
    let policy = alloc::format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"Service":"sns.amazonaws.com"}},"Action":"sqs:SendMessage","Resource":"{arn}","Condition":{{"ArnEquals":{{"aws:SourceArn":"{topic}"}}}}}}]}}"#
    );
    set(&mut w, &q, "Policy", &policy);
    let out = w.cloud.sqs_deliver(delivery()).unwrap();
    assert_eq!(out.queue_url, q);
    assert!(!w.cloud.queue_allows_send_from(
        &arn,
        "sns.amazonaws.com",
        "arn:aws:sns:us-east-1:000000000000:other"
    ));
    assert!(w.cloud.queue_allows_send_from(&arn, "", ""));
    let deny = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*"},{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*"}]}"#;
    set(&mut w, &q, "Policy", deny);
    assert!(!w.cloud.queue_allows_send_from(&arn, "sns.amazonaws.com", topic));
    recv!(w, q, t = 0, => ["hi"]);
    let nope = SqsDelivery { queue_arn: "arn:aws:sqs:us-east-1:000000000000:none".into(), ..delivery() };
    assert_eq!(w.cloud.sqs_deliver(nope).unwrap_err().code, "QueueDoesNotExist");
}

#[test]
fn send_validation_texts() {
    let mut w = World::new();
    let q = w.queue("q", &[("MaximumMessageSize", "1024")]);
    let send = |w: &mut World, body: &str| {
        w.cloud.send_message(SendMessageInput {
            queue_url: Some(q.clone()),
            message_body: Some(body.into()),
            ..Default::default()
        })
    };
    assert_eq!(send(&mut w, "").unwrap_err().message, "The request must contain the parameter MessageBody.");
    assert!(send(&mut w, &"x".repeat(1024)).is_ok());
    assert_eq!(
        send(&mut w, &"x".repeat(1025)).unwrap_err().message,
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."
    );
    assert_eq!(send(&mut w, "a\u{1}").unwrap_err().code, "InvalidMessageContents");
    let f = w.queue("f.fifo", &[("FifoQueue", "true")]);
    let e = w
        .cloud
        .send_message(SendMessageInput {
            queue_url: Some(f.clone()),
            message_body: Some("b".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        ("MissingParameter", "The request must contain the parameter MessageGroupId.")
    );
    let e = w
        .cloud
        .send_message(SendMessageInput {
            queue_url: Some(f.clone()),
            message_body: Some("b".into()),
            message_group_id: Some("g".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.message, "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
    let gone = w
        .cloud
        .delete_message(DeleteMessageInput {
            queue_url: Some(q.clone()),
            receipt_handle: Some("AQEBnope".into()),
        })
        .unwrap_err();
    assert_eq!(gone.code, "ReceiptHandleIsInvalid");
}

#[test]
fn metrics_count_sends_receives_deletes_and_empty_receives() {
    use crate::metrics::MetricKey;
    let mut w = World::new();
    let q = w.queue("m", &[]);
    send!(w, q, t = 0, "a");
    send!(w, q, t = 0, "b");
    recv!(w, q, t = 1, max = 1, => ["a"]);
    del!(w, q, t = 2, "a").unwrap();
    del!(w, q, t = 2, "a").unwrap(); // duplicate deletes count too
    recv!(w, q, t = 3, => ["b"]);
    recv!(w, q, t = 4, => []);
    let sum = |name: &str| -> f64 {
        let k = MetricKey::new("AWS/SQS", name, "QueueName", "m");
        w.cloud.ctx.metrics.series(&k).map(|(_, d)| d.sum).sum()
    };
    assert_eq!(sum("NumberOfMessagesSent"), 2.0);
    assert_eq!(sum("SentMessageSize"), 2.0);
    assert_eq!(sum("NumberOfMessagesReceived"), 2.0);
    assert_eq!(sum("NumberOfMessagesDeleted"), 2.0);
    assert_eq!(sum("NumberOfEmptyReceives"), 1.0);
    let latest = |name: &str| w.cloud.ctx.metrics.latest(&MetricKey::new("AWS/SQS", name, "QueueName", "m"));
    assert_eq!(latest("ApproximateNumberOfMessagesVisible"), Some(0.0));
    assert_eq!(latest("ApproximateNumberOfMessagesNotVisible"), Some(1.0));
}

#[test]
fn add_permission_writes_aws_shaped_statements() {
    use super::permissions::{AddPermissionInput, RemovePermissionInput};
    let mut w = World::new();
    let q = w.queue("p", &[]);
    let add = |w: &mut World, label: &str, actions: &[&str]| {
        w.cloud.add_permission(AddPermissionInput {
            queue_url: Some(q.clone()),
            label: Some(label.into()),
            aws_account_ids: Some(vec!["111111111111".into()]),
            actions: Some(actions.iter().map(|a| a.to_string()).collect()),
        })
    };
    add(&mut w, "l1", &["SendMessage"]).unwrap();
    assert_eq!(
        attr(&mut w, &q, "Policy"),
        r#"{"Version":"2008-10-17","Id":"arn:aws:sqs:us-east-1:000000000000:p/SQSDefaultPolicy","Statement":[{"Sid":"l1","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"SQS:SendMessage","Resource":"arn:aws:sqs:us-east-1:000000000000:p"}]}"#
    );
    let dup = add(&mut w, "l1", &["ReceiveMessage"]).unwrap_err();
    assert_eq!(dup.message, "Value l1 for parameter Label is invalid. Reason: Already exists.");
    assert_eq!(add(&mut w, "l2", &["SendMessage"; 8]).unwrap_err().code, "OverLimit");
    let remove = |w: &mut World, label: &str| {
        w.cloud.remove_permission(RemovePermissionInput {
            queue_url: Some(q.clone()),
            label: Some(label.into()),
        })
    };
    assert_eq!(
        remove(&mut w, "zz").unwrap_err().message,
        "Value zz for parameter Label is invalid. Reason: can't find label."
    );
    remove(&mut w, "l1").unwrap();
    assert_eq!(attr(&mut w, &q, "Policy"), "");
}

#[test]
fn list_queues_pages_by_name() {
    use super::queue::ListQueuesInput;
    let mut w = World::new();
    for n in ["b", "a", "c", "x"] {
        w.queue(n, &[]);
    }
    let page = |w: &mut World, token: Option<String>| {
        w.cloud
            .list_queues(ListQueuesInput { queue_name_prefix: None, max_results: Some(2), next_token: token })
            .unwrap()
    };
    let p1 = page(&mut w, None);
    assert_eq!(p1.queue_urls.len(), 2);
    assert!(p1.queue_urls[0].ends_with("/a"));
    let p2 = page(&mut w, p1.next_token);
    assert!(p2.queue_urls[0].ends_with("/c") && p2.queue_urls[1].ends_with("/x"));
    assert_eq!(p2.next_token, None);
    let all = w
        .cloud
        .list_queues(ListQueuesInput { queue_name_prefix: Some("x".into()), ..Default::default() })
        .unwrap();
    assert_eq!((all.queue_urls.len(), all.next_token), (1, None));
}

#[test]
fn fifo_only_attributes_are_unknown_on_standard_queues() {
    let mut w = World::new();
    let q = w.queue("s", &[]);
    let try_set = |w: &mut World, k: &str, v: &str| {
        let attributes = Some([(k.to_string(), v.to_string())].into_iter().collect());
        w.cloud
            .set_queue_attributes(SetQueueAttributesInput { queue_url: Some(q.clone()), attributes })
            .unwrap_err()
    };
    assert_eq!(try_set(&mut w, "FifoQueue", "false").message, "Unknown Attribute FifoQueue.");
    assert_eq!(
        try_set(&mut w, "ContentBasedDeduplication", "true").message,
        "Unknown Attribute ContentBasedDeduplication."
    );
    assert_eq!(
        try_set(&mut w, "DeduplicationScope", "queue").message,
        "You can specify the DeduplicationScope only when FifoQueue is set to true."
    );
    assert_eq!(
        try_set(&mut w, "VisibilityTimeout", "43201").message,
        "Invalid value for the parameter VisibilityTimeout."
    );
    assert_eq!(try_set(&mut w, "QueueArn", "x").code, "InvalidAttributeName");
    let f = w.queue("f.fifo", &[("FifoQueue", "true")]);
    let attributes = Some([("FifoQueue".to_string(), "false".to_string())].into_iter().collect());
    let e =
        w.cloud.set_queue_attributes(SetQueueAttributesInput { queue_url: Some(f), attributes }).unwrap_err();
    assert_eq!(
        e.message,
        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported."
    );
}
