#!/usr/bin/env python3
"""Generates tests/conformance/sqs.json, the SQS conformance suite.

The committed JSON is the suite; this script only keeps the ~200 cases readable (queue URLs,
ARNs and MD5 digests are spelled once here). Every case is written from
/work/shared/spec/sqs.md (cited as `spec §N` with its evidence tag in `source`), never from
the engine. Run: python3 tests/conformance/gen/sqs_gen.py  (rewrites ../sqs.json).

Conventions: the world starts empty at T0 = 2024-01-01T00:00:00Z, account 000000000000,
region us-east-1 (api-contract.md). Exact error texts are expected only where the spec
records them from real AWS; elsewhere only the error code.
"""
import base64
import hashlib
import json
import os
import struct

Q = "https://sqs.us-east-1.amazonaws.com/000000000000/"
ARN = "arn:aws:sqs:us-east-1:000000000000:"
T0 = 1704067200000
UUID = {"$regex": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}
HANDLE = {"$regex": "^\\S{1,1024}$"}
SEQ = {"$regex": "^[0-9]{20,}$"}
ABSENT = {"$absent": True}
NO_MESSAGES = {"Messages": ABSENT}

CASES = []


def md5(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def md5_attrs(attrs):
    """spec §5.7: MD5OfMessageAttributes (verified there against AWS-recorded digests)."""
    buf = b""
    for name in sorted(attrs, key=lambda n: n.encode("utf-8")):
        a = attrs[name]
        dt = a["DataType"].encode("utf-8")
        n = name.encode("utf-8")
        buf += struct.pack(">I", len(n)) + n + struct.pack(">I", len(dt)) + dt
        if "BinaryValue" in a:
            v = base64.b64decode(a["BinaryValue"])
            buf += b"\x02" + struct.pack(">I", len(v)) + v
        else:
            v = a["StringValue"].encode("utf-8")
            buf += b"\x01" + struct.pack(">I", len(v)) + v
    return hashlib.md5(buf).hexdigest()


def case(name, source, steps):
    assert not any(c["name"] == name for c in CASES), name
    CASES.append({"name": name, "source": source, "steps": steps})


def call(action, input=None, ok=None, err=None, msg=None, save=None, service="sqs"):
    step = {"call": f"{service}.{action}"}
    if input is not None:
        step["input"] = input
    if err is not None:
        step["expect"] = {"error": err}
        if msg is not None:
            step["expect"]["message"] = msg
    else:
        step["expect"] = {"ok": True if ok is None else ok}
    if save:
        step["save"] = save
    return step


def adv(ms):
    return {"advance_ms": ms}


def clock(ms_after_t0):
    return call("GetClock", ok={"EpochMillis": T0 + ms_after_t0}, service="sim")


def url(q):
    return q if q.startswith("http") else Q + q


def create(name, attrs=None, tags=None, err=None, msg=None):
    inp = {"QueueName": name}
    if attrs is not None:
        inp["Attributes"] = attrs
    if tags is not None:
        inp["tags"] = tags
    if err:
        return call("CreateQueue", inp, err=err, msg=msg)
    return call("CreateQueue", inp, ok={"QueueUrl": Q + name})


def fifo(name, attrs=None, cbd=True):
    a = {"FifoQueue": "true"}
    if cbd:
        a["ContentBasedDeduplication"] = "true"
    a.update(attrs or {})
    return create(name, a)


def send(q, body, ok=None, err=None, msg=None, save=None, **members):
    inp = {"QueueUrl": url(q), "MessageBody": body}
    inp.update(members)
    if err:
        return call("SendMessage", inp, err=err, msg=msg)
    return call("SendMessage", inp, ok=ok if ok is not None else {"MessageId": UUID}, save=save)


def sendg(q, body, group, **members):
    """FIFO send (content-based dedup unless an id is given)."""
    return send(q, body, MessageGroupId=group, **members)


def recv(q, bodies=None, ok=None, save=None, err=None, msg=None, **members):
    """ReceiveMessage; `bodies` is the exact list of bodies expected in order ([] = none)."""
    inp = {"QueueUrl": url(q)}
    inp.update(members)
    if err:
        return call("ReceiveMessage", inp, err=err, msg=msg)
    if ok is None:
        if bodies is None:
            ok = True
        elif bodies == []:
            ok = NO_MESSAGES
        else:
            ok = {"Messages": [{"Body": b} for b in bodies]}
    return call("ReceiveMessage", inp, ok=ok, save=save)


def delete(q, handle, err=None, msg=None):
    inp = {"QueueUrl": url(q), "ReceiptHandle": handle}
    return call("DeleteMessage", inp, err=err, msg=msg) if err else call("DeleteMessage", inp, ok={})


def cmv(q, handle, vt, err=None, msg=None):
    inp = {"QueueUrl": url(q), "ReceiptHandle": handle, "VisibilityTimeout": vt}
    return call("ChangeMessageVisibility", inp, err=err, msg=msg) if err else call(
        "ChangeMessageVisibility", inp, ok={})


def get_attrs(q, names, expect=None, err=None, msg=None):
    inp = {"QueueUrl": url(q)}
    if names is not None:
        inp["AttributeNames"] = names
    if err:
        return call("GetQueueAttributes", inp, err=err, msg=msg)
    return call("GetQueueAttributes", inp, ok=expect if expect is not None else True)


def attrs_are(q, **expected):
    """GetQueueAttributes of exactly the named attributes, expecting these string values."""
    return get_attrs(q, list(expected), {"Attributes": expected})


def set_attrs(q, attrs, err=None, msg=None):
    inp = {"QueueUrl": url(q), "Attributes": attrs}
    return call("SetQueueAttributes", inp, err=err, msg=msg) if err else call(
        "SetQueueAttributes", inp, ok={})


def counts(q, visible, not_visible=0, delayed=0):
    return attrs_are(q, ApproximateNumberOfMessages=str(visible),
                     ApproximateNumberOfMessagesNotVisible=str(not_visible),
                     ApproximateNumberOfMessagesDelayed=str(delayed))


def purge(q, err=None, msg=None):
    inp = {"QueueUrl": url(q)}
    return call("PurgeQueue", inp, err=err, msg=msg) if err else call("PurgeQueue", inp, ok={})


def s(section, tag, note=None):
    text = f"spec/sqs.md §{section} ({tag})"
    return f"{text}; {note}" if note else text


# ---------------------------------------------------------------------------------------------
# §2, §4.1–§4.4: queues, names, URLs, ARNs
# ---------------------------------------------------------------------------------------------

case("CreateQueue returns the queue URL; GetQueueUrl and QueueArn use the account/region formats",
     s("2, 4.1, 4.4", "aws-doc, aws-snapshot QueueArn") + "; api-contract.md resource formats",
     [create("orders"),
      call("GetQueueUrl", {"QueueName": "orders"}, ok={"QueueUrl": Q + "orders"}),
      call("GetQueueUrl", {"QueueName": "orders", "QueueOwnerAWSAccountId": "000000000000"},
           ok={"QueueUrl": Q + "orders"}),
      attrs_are("orders", QueueArn=ARN + "orders")])

case("A FIFO queue is created with FifoQueue=true and a .fifo name",
     s("2", "aws-doc"),
     [create("jobs.fifo", {"FifoQueue": "true"}),
      attrs_are("jobs.fifo", FifoQueue="true", QueueArn=ARN + "jobs.fifo")])

case("Queue names may be 80 characters long, not 81",
     s("2", "aws-doc CreateQueue"),
     [create("a" * 80),
      create("b" * 81, err="InvalidParameterValue"),
      call("ListQueues", {}, ok={"QueueUrls": [Q + "a" * 80]})])

case("The .fifo suffix counts toward the 80-character limit",
     s("2", "aws-doc CreateQueue"),
     [create("f" * 75 + ".fifo", {"FifoQueue": "true"}),
      create("g" * 76 + ".fifo", {"FifoQueue": "true"}, err="InvalidParameterValue")])

case("Queue names allow only alphanumerics, hyphens and underscores",
     s("2", "aws-doc CreateQueue"),
     [create("Az09-_x"),
      create("my queue", err="InvalidParameterValue"),
      create("my.queue", err="InvalidParameterValue"),
      create("queue!", err="InvalidParameterValue"),
      create("qüeue", err="InvalidParameterValue"),
      call("ListQueues", {}, ok={"QueueUrls": [Q + "Az09-_x"]})])

case("FifoQueue=true needs a .fifo name and a .fifo name needs FifoQueue=true",
     s("2", "aws-snapshot code-only"),
     [create("plain", {"FifoQueue": "true"}, err="InvalidParameterValue"),
      create("named.fifo", err="InvalidParameterValue"),
      call("ListQueues", {}, ok={"QueueUrls": ABSENT})])

case("Queue names and URLs are case-sensitive",
     s("2", "aws-doc"),
     [create("Orders"), create("orders"),
      call("ListQueues", {}, ok={"QueueUrls": [Q + "Orders", Q + "orders"]}),
      call("GetQueueUrl", {"QueueName": "ORDERS"}, err="QueueDoesNotExist",
           msg="The specified queue does not exist."),
      send("Orders", "x"),
      send(Q + "ORDERS", "y", err="QueueDoesNotExist"),
      counts("Orders", 1), counts("orders", 0)])

case("CreateQueue on an existing name without attributes returns the existing URL, even if its attributes differ from the defaults",
     s("4.1", "aws-snapshot validated"),
     [create("q", {"VisibilityTimeout": "60"}),
      create("q"),
      create("q", {"VisibilityTimeout": "60"}),
      attrs_are("q", VisibilityTimeout="60")])

case("CreateQueue with a differing attribute value fails with QueueNameExists naming the attribute",
     s("1.1, 4.1", "aws-snapshot"),
     [create("q"),
      create("q", {"VisibilityTimeout": "45"}, err="QueueNameExists",
             msg="A queue already exists with the same name and a different value for attribute VisibilityTimeout"),
      create("q", {"VisibilityTimeout": "45"}, err="QueueAlreadyExists"),
      create("q", {"VisibilityTimeout": "30"}),
      create("q", {"DelaySeconds": "0", "MessageRetentionPeriod": "345600"}),
      attrs_are("q", VisibilityTimeout="30")])

case("CreateQueue compares supplied attributes with the current values after SetQueueAttributes",
     s("4.1", "aws-snapshot test_create_queue_with_different_attributes_raises_exception"),
     [create("q", {"DelaySeconds": "5"}),
      set_attrs("q", {"DelaySeconds": "10"}),
      create("q", {"DelaySeconds": "5"}, err="QueueNameExists",
             msg="A queue already exists with the same name and a different value for attribute DelaySeconds"),
      create("q", {"DelaySeconds": "10"})])

case("Message counts never conflict in an idempotent CreateQueue",
     s("4.1", "aws-snapshot test_create_queue_after_send"),
     [create("q", {"VisibilityTimeout": "30"}),
      send("q", "a"), send("q", "b"),
      create("q", {"VisibilityTimeout": "30"}),
      counts("q", 2)])

case("Idempotent CreateQueue on a FIFO queue compares FIFO attributes too",
     s("4.1", "aws-snapshot"),
     [create("f.fifo", {"FifoQueue": "true"}),
      create("f.fifo", {"FifoQueue": "true"}),
      create("f.fifo", {"FifoQueue": "true", "ContentBasedDeduplication": "true"}, err="QueueNameExists",
             msg="A queue already exists with the same name and a different value for attribute ContentBasedDeduplication")])

case("A deleted queue's name cannot be reused for 60 seconds (QueueDeletedRecently)",
     s("1.1, 2, 4.2", "aws-snapshot validated assertion"),
     [create("q"),
      call("DeleteQueue", {"QueueUrl": Q + "q"}, ok={}),
      create("q", err="QueueDeletedRecently",
             msg="You must wait 60 seconds after deleting a queue before you can create another with the same name."),
      create("q", err="AWS.SimpleQueueService.QueueDeletedRecently"),
      call("GetQueueUrl", {"QueueName": "q"}, err="QueueDoesNotExist"),
      create("other"),
      adv(59000),
      create("q", err="QueueDeletedRecently"),
      adv(1000),
      create("q"),
      counts("q", 0)])

case("DeleteQueue deletes a queue with visible and in-flight messages; later calls get QueueDoesNotExist",
     s("4.2", "aws-snapshot"),
     [create("q"), send("q", "a"), send("q", "b"),
      recv("q", ["a"]),
      call("DeleteQueue", {"QueueUrl": Q + "q"}, ok={}),
      call("DeleteQueue", {"QueueUrl": Q + "q"}, err="QueueDoesNotExist",
           msg="The specified queue does not exist."),
      send("q", "c", err="AWS.SimpleQueueService.NonExistentQueue"),
      call("ListQueues", {}, ok={"QueueUrls": ABSENT})])

_missing = Q + "nope"
case("Every queue action on an unknown queue fails with QueueDoesNotExist",
     s("1.1, 4", "aws-snapshot test_non_existent_queue"),
     [call("GetQueueUrl", {"QueueName": "nope"}, err="QueueDoesNotExist",
           msg="The specified queue does not exist."),
      call("GetQueueAttributes", {"QueueUrl": _missing, "AttributeNames": ["All"]}, err="QueueDoesNotExist",
           msg="The specified queue does not exist."),
      call("SetQueueAttributes", {"QueueUrl": _missing, "Attributes": {"DelaySeconds": "1"}},
           err="QueueDoesNotExist"),
      call("SendMessage", {"QueueUrl": _missing, "MessageBody": "x"}, err="QueueDoesNotExist",
           msg="The specified queue does not exist."),
      call("SendMessageBatch", {"QueueUrl": _missing, "Entries": [{"Id": "a", "MessageBody": "x"}]},
           err="QueueDoesNotExist"),
      call("ReceiveMessage", {"QueueUrl": _missing}, err="QueueDoesNotExist",
           msg="The specified queue does not exist."),
      call("DeleteMessage", {"QueueUrl": _missing, "ReceiptHandle": "abc"}, err="QueueDoesNotExist"),
      call("ChangeMessageVisibility", {"QueueUrl": _missing, "ReceiptHandle": "abc", "VisibilityTimeout": 1},
           err="QueueDoesNotExist"),
      call("PurgeQueue", {"QueueUrl": _missing}, err="QueueDoesNotExist"),
      call("DeleteQueue", {"QueueUrl": _missing}, err="QueueDoesNotExist"),
      call("TagQueue", {"QueueUrl": _missing, "Tags": {"a": "b"}}, err="QueueDoesNotExist"),
      call("UntagQueue", {"QueueUrl": _missing, "TagKeys": ["a"]}, err="QueueDoesNotExist"),
      call("ListQueueTags", {"QueueUrl": _missing}, err="QueueDoesNotExist"),
      call("ListDeadLetterSourceQueues", {"QueueUrl": _missing}, err="QueueDoesNotExist"),
      call("AddPermission", {"QueueUrl": _missing, "Label": "l", "AWSAccountIds": ["111122223333"],
                             "Actions": ["SendMessage"]}, err="QueueDoesNotExist")])

case("A queue URL naming another account does not resolve",
     s("2", "aws-doc URL format", "single-account simulator: the queue does not exist there"),
     [create("orders"),
      call("GetQueueAttributes", {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/orders",
                                  "AttributeNames": ["All"]}, err="QueueDoesNotExist")])

case("Legacy queue hosts are still accepted as queue URLs",
     s("2", "aws-doc DG sqs-queue-message-identifiers: legacy hosts still accepted"),
     [create("orders"),
      send("https://queue.amazonaws.com/000000000000/orders", "a"),
      send("https://us-east-1.queue.amazonaws.com/000000000000/orders", "b"),
      counts("orders", 2)])

case("CreateQueue takes tags in the lowercase `tags` member",
     s("4.1, 4.13", "aws-snapshot validated"),
     [create("q", tags={"team": "payments", "env": ""}),
      call("ListQueueTags", {"QueueUrl": Q + "q"}, ok={"Tags": {"team": "payments", "env": ""}})])

case("ListQueues filters by case-sensitive name prefix and returns URLs in name order",
     s("4.3", "aws-doc; order unspecified, simulator sorts by name"),
     [create("beta"), create("alpha"), create("Alps"), create("alpine"),
      call("ListQueues", {}, ok={"QueueUrls": [Q + "Alps", Q + "alpha", Q + "alpine", Q + "beta"],
                                 "NextToken": ABSENT}),
      call("ListQueues", {"QueueNamePrefix": "al"}, ok={"QueueUrls": [Q + "alpha", Q + "alpine"]}),
      call("ListQueues", {"QueueNamePrefix": "Al"}, ok={"QueueUrls": [Q + "Alps"]}),
      call("ListQueues", {"QueueNamePrefix": "alpha"}, ok={"QueueUrls": [Q + "alpha"]}),
      call("ListQueues", {"QueueNamePrefix": "zzz"}, ok={"QueueUrls": ABSENT, "NextToken": ABSENT})])

case("ListQueues on an empty account omits QueueUrls",
     s("1, 4.3", "aws-snapshot: empty results omit members"),
     [call("ListQueues", {}, ok={"QueueUrls": ABSENT})])

case("ListQueues paginates with MaxResults and NextToken; NextToken only while more remain",
     s("4.3", "aws-doc, aws-snapshot test_list_queues_pagination"),
     [create("q1"), create("q2"), create("q3"), create("q4"), create("q5"),
      call("ListQueues", {"MaxResults": 2}, ok={"QueueUrls": [Q + "q1", Q + "q2"], "NextToken": {"$regex": ".+"}},
           save={"t1": "NextToken"}),
      call("ListQueues", {"MaxResults": 2, "NextToken": "${t1}"},
           ok={"QueueUrls": [Q + "q3", Q + "q4"], "NextToken": {"$regex": ".+"}}, save={"t2": "NextToken"}),
      call("ListQueues", {"MaxResults": 2, "NextToken": "${t2}"}, ok={"QueueUrls": [Q + "q5"], "NextToken": ABSENT}),
      call("ListQueues", {"MaxResults": 5}, ok={"QueueUrls": {"$len": 5}, "NextToken": ABSENT}),
      call("ListQueues", {"MaxResults": 1000}, ok={"QueueUrls": {"$len": 5}, "NextToken": ABSENT})])

case("ListQueues pagination combines with a name prefix",
     s("4.3", "aws-doc"),
     [create("a1"), create("b1"), create("a2"), create("b2"), create("a3"),
      call("ListQueues", {"QueueNamePrefix": "a", "MaxResults": 2},
           ok={"QueueUrls": [Q + "a1", Q + "a2"], "NextToken": {"$regex": ".+"}}, save={"t": "NextToken"}),
      call("ListQueues", {"QueueNamePrefix": "a", "MaxResults": 2, "NextToken": "${t}"},
           ok={"QueueUrls": [Q + "a3"], "NextToken": ABSENT})])

case("ListQueues without MaxResults returns at most 1000 queue URLs",
     s("4.3", "aws-doc; aws-snapshot test_list_queues_pagination"),
     [create(f"q{i:04}") for i in range(1001)] + [
         call("ListQueues", {}, ok={"QueueUrls": {"$len": 1000}, "NextToken": ABSENT}),
         call("ListQueues", {"MaxResults": 1000}, ok={"QueueUrls": {"$len": 1000}, "NextToken": {"$regex": ".+"}},
              save={"t": "NextToken"}),
         call("ListQueues", {"MaxResults": 1000, "NextToken": "${t}"}, ok={"QueueUrls": [Q + "q1000"]})])

case("ListQueues MaxResults must be 1 to 1000",
     s("4.3", "aws-doc range; code is the generic InvalidParameterValue"),
     [create("q"),
      call("ListQueues", {"MaxResults": 0}, err="InvalidParameterValue"),
      call("ListQueues", {"MaxResults": 1001}, err="InvalidParameterValue"),
      call("ListQueues", {"MaxResults": 1}, ok={"QueueUrls": [Q + "q"], "NextToken": ABSENT})])

# ---------------------------------------------------------------------------------------------
# §3, §4.5: queue attributes
# ---------------------------------------------------------------------------------------------

STD_DEFAULTS = {
    "DelaySeconds": "0", "MaximumMessageSize": "1048576", "MessageRetentionPeriod": "345600",
    "ReceiveMessageWaitTimeSeconds": "0", "VisibilityTimeout": "30", "SqsManagedSseEnabled": "true",
    "ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0",
    "ApproximateNumberOfMessagesDelayed": "0", "CreatedTimestamp": "1704067200",
    "LastModifiedTimestamp": "1704067200",
}
NOT_SET = ["Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds"]
FIFO_ONLY = ["FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]

case("GetQueueAttributes All on a new standard queue returns the recorded defaults",
     s("3", "aws-snapshot test_set_queue_attributes_default_values 2025-12-10; 1 MiB default per §3.1"),
     [create("std"),
      get_attrs("std", ["All"], {"Attributes": {**STD_DEFAULTS, "QueueArn": ARN + "std",
                                                **{k: ABSENT for k in NOT_SET + FIFO_ONLY}}}),
      get_attrs("std", ["All"], {"Attributes": {"$len": 12}})])

case("GetQueueAttributes All on a new FIFO queue adds the FIFO attributes",
     s("3", "aws-snapshot test_fifo_set_content_based_deduplication_strategy 2025-08-19"),
     [create("f.fifo", {"FifoQueue": "true"}),
      get_attrs("f.fifo", ["All"], {"Attributes": {
          **STD_DEFAULTS, "QueueArn": ARN + "f.fifo", "FifoQueue": "true",
          "ContentBasedDeduplication": "false", "DeduplicationScope": "queue",
          "FifoThroughputLimit": "perQueue", **{k: ABSENT for k in NOT_SET}}}),
      get_attrs("f.fifo", ["All"], {"Attributes": {"$len": 16}})])

case("GetQueueAttributes without AttributeNames returns no Attributes; named ones return only those",
     s("3, 1", "aws-doc; aws-snapshot empty results omit members"),
     [create("q"),
      get_attrs("q", None, {"Attributes": ABSENT}),
      get_attrs("q", [], {"Attributes": ABSENT}),
      get_attrs("q", ["VisibilityTimeout", "DelaySeconds"],
                {"Attributes": {"VisibilityTimeout": "30", "DelaySeconds": "0", "QueueArn": ABSENT,
                                "MaximumMessageSize": ABSENT}}),
      get_attrs("q", ["VisibilityTimeout", "DelaySeconds"], {"Attributes": {"$len": 2}}),
      get_attrs("q", ["All", "VisibilityTimeout"], {"Attributes": {"$len": 12}})])

case("GetQueueAttributes with an unknown attribute name fails with InvalidAttributeName",
     s("3", "aws-snapshot validated"),
     [create("q"),
      get_attrs("q", ["Foo"], err="InvalidAttributeName", msg="Unknown Attribute Foo."),
      get_attrs("q", ["VisibilityTimeout", "Bar"], err="InvalidAttributeName", msg="Unknown Attribute Bar."),
      get_attrs("q", ["visibilitytimeout"], err="InvalidAttributeName")])

RANGES = [  # (attribute, low, high, default) from spec §3
    ("DelaySeconds", 0, 900, "0"),
    ("MaximumMessageSize", 1024, 1048576, "1048576"),
    ("MessageRetentionPeriod", 60, 1209600, "345600"),
    ("ReceiveMessageWaitTimeSeconds", 0, 20, "0"),
    ("VisibilityTimeout", 0, 43200, "30"),
]
for attr, low, high, default in RANGES:
    m = "Invalid value for the parameter VisibilityTimeout." if attr == "VisibilityTimeout" else None
    tag = "real-AWS report apache/airflow#65592 for the text" if m else "§14 Q10: text unconfirmed, code only"
    case(f"SetQueueAttributes {attr} accepts {low}..{high} and rejects values outside",
         s("3", "aws-doc ranges; InvalidAttributeValue", tag),
         [create("q"),
          set_attrs("q", {attr: str(low)}), attrs_are("q", **{attr: str(low)}),
          set_attrs("q", {attr: str(high)}), attrs_are("q", **{attr: str(high)}),
          set_attrs("q", {attr: str(low - 1)}, err="InvalidAttributeValue", msg=m),
          set_attrs("q", {attr: str(high + 1)}, err="InvalidAttributeValue", msg=m),
          set_attrs("q", {attr: "ten"}, err="InvalidAttributeValue", msg=m),
          set_attrs("q", {attr: ""}, err="InvalidAttributeValue"),
          attrs_are("q", **{attr: str(high)})])
    case(f"CreateQueue rejects {attr} outside {low}..{high} and creates nothing",
         s("3", "aws-doc ranges; InvalidAttributeValue", tag),
         [create("q", {attr: str(high + 1)}, err="InvalidAttributeValue", msg=m),
          create("q", {attr: str(low - 1)}, err="InvalidAttributeValue", msg=m),
          call("GetQueueUrl", {"QueueName": "q"}, err="QueueDoesNotExist"),
          create("q", {attr: str(low)}),
          attrs_are("q", **{attr: str(low)})])

case("KmsDataKeyReusePeriodSeconds accepts 60..86400; the implicit 300 is not listed",
     s("3", "aws-doc range; aws-snapshot: setting 300 removes it from the output"),
     [create("q"),
      set_attrs("q", {"KmsDataKeyReusePeriodSeconds": "60"}), attrs_are("q", KmsDataKeyReusePeriodSeconds="60"),
      set_attrs("q", {"KmsDataKeyReusePeriodSeconds": "86400"}),
      attrs_are("q", KmsDataKeyReusePeriodSeconds="86400"),
      set_attrs("q", {"KmsDataKeyReusePeriodSeconds": "59"}, err="InvalidAttributeValue"),
      set_attrs("q", {"KmsDataKeyReusePeriodSeconds": "86401"}, err="InvalidAttributeValue"),
      set_attrs("q", {"KmsDataKeyReusePeriodSeconds": "300"}),
      get_attrs("q", ["All"], {"Attributes": {"KmsDataKeyReusePeriodSeconds": ABSENT}})])

case("CreateQueue stores boundary values of every numeric attribute",
     s("3", "aws-doc ranges"),
     [create("q", {"DelaySeconds": "900", "MaximumMessageSize": "1024", "MessageRetentionPeriod": "1209600",
                   "ReceiveMessageWaitTimeSeconds": "20", "VisibilityTimeout": "43200"}),
      attrs_are("q", DelaySeconds="900", MaximumMessageSize="1024", MessageRetentionPeriod="1209600",
                ReceiveMessageWaitTimeSeconds="20", VisibilityTimeout="43200")])

case("SetQueueAttributes sets several attributes at once and an empty map is a no-op",
     s("4.5", "aws-doc"),
     [create("q"),
      set_attrs("q", {"VisibilityTimeout": "45", "DelaySeconds": "3", "ReceiveMessageWaitTimeSeconds": "2"}),
      set_attrs("q", {}),
      attrs_are("q", VisibilityTimeout="45", DelaySeconds="3", ReceiveMessageWaitTimeSeconds="2",
                MessageRetentionPeriod="345600")])

case("SetQueueAttributes rejects read-only attributes with InvalidAttributeName",
     s("3", "LS impl (emulator-only); code only"),
     [create("q"),
      set_attrs("q", {"ApproximateNumberOfMessages": "5"}, err="InvalidAttributeName"),
      set_attrs("q", {"ApproximateNumberOfMessagesNotVisible": "1"}, err="InvalidAttributeName"),
      set_attrs("q", {"ApproximateNumberOfMessagesDelayed": "1"}, err="InvalidAttributeName"),
      set_attrs("q", {"CreatedTimestamp": "1"}, err="InvalidAttributeName"),
      set_attrs("q", {"LastModifiedTimestamp": "1"}, err="InvalidAttributeName"),
      set_attrs("q", {"QueueArn": ARN + "other"}, err="InvalidAttributeName"),
      attrs_are("q", QueueArn=ARN + "q", CreatedTimestamp="1704067200")])

case("Unknown attribute names are rejected by CreateQueue and SetQueueAttributes",
     s("1.1, 3", "aws-snapshot"),
     [create("q", {"Foo": "1"}, err="InvalidAttributeName", msg="Unknown Attribute Foo."),
      create("q"),
      set_attrs("q", {"Foo": "1"}, err="InvalidAttributeName", msg="Unknown Attribute Foo."),
      set_attrs("q", {"VisibilityTimeout": "40", "Bar": "1"}, err="InvalidAttributeName",
                msg="Unknown Attribute Bar."),
      attrs_are("q", VisibilityTimeout="30")])

case("FIFO-only attributes cannot be set on a standard queue",
     s("3", "aws-snapshot: exact texts"),
     [create("std"),
      set_attrs("std", {"ContentBasedDeduplication": "false"}, err="InvalidAttributeName",
                msg="Unknown Attribute ContentBasedDeduplication."),
      set_attrs("std", {"FifoQueue": "true"}, err="InvalidAttributeName", msg="Unknown Attribute FifoQueue."),
      set_attrs("std", {"FifoQueue": "false"}, err="InvalidAttributeName", msg="Unknown Attribute FifoQueue."),
      set_attrs("std", {"DeduplicationScope": "queue"}, err="InvalidAttributeName",
                msg="You can specify the DeduplicationScope only when FifoQueue is set to true."),
      set_attrs("std", {"FifoThroughputLimit": "perQueue"}, err="InvalidAttributeName",
                msg="You can specify the FifoThroughputLimit only when FifoQueue is set to true."),
      get_attrs("std", ["All"], {"Attributes": {k: ABSENT for k in FIFO_ONLY}})])

case("FIFO-only attributes cannot be given when creating a standard queue",
     s("3", "aws-snapshot: FifoQueue on a standard queue is unknown, even \"false\""),
     [create("std", {"ContentBasedDeduplication": "true"}, err="InvalidAttributeName",
             msg="Unknown Attribute ContentBasedDeduplication."),
      create("std", {"FifoQueue": "false"}, err="InvalidAttributeName", msg="Unknown Attribute FifoQueue."),
      create("std", {"DeduplicationScope": "messageGroup"}, err="InvalidAttributeName",
             msg="You can specify the DeduplicationScope only when FifoQueue is set to true."),
      create("std", {"FifoThroughputLimit": "perMessageGroupId"}, err="InvalidAttributeName",
             msg="You can specify the FifoThroughputLimit only when FifoQueue is set to true."),
      call("ListQueues", {}, ok={"QueueUrls": ABSENT})])

case("The queue type cannot be changed: FifoQueue=false on a FIFO queue",
     s("1.1, 2", "aws-snapshot"),
     [create("f.fifo", {"FifoQueue": "true"}),
      set_attrs("f.fifo", {"FifoQueue": "false"}, err="InvalidAttributeValue",
                msg="Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported."),
      attrs_are("f.fifo", FifoQueue="true")])

case("Boolean attributes accept any case and are returned lowercase",
     s("1", "aws-snapshot test_sqs_fifo_same_dedup_id_different_message_groups"),
     [create("f.fifo", {"FifoQueue": "True", "ContentBasedDeduplication": "TRUE"}),
      attrs_are("f.fifo", FifoQueue="true", ContentBasedDeduplication="true"),
      set_attrs("f.fifo", {"ContentBasedDeduplication": "False"}),
      attrs_are("f.fifo", ContentBasedDeduplication="false"),
      set_attrs("f.fifo", {"ContentBasedDeduplication": "yes"}, err="InvalidAttributeValue"),
      attrs_are("f.fifo", ContentBasedDeduplication="false")])

case("DeduplicationScope and FifoThroughputLimit take only their documented values",
     s("3, 6.4", "aws-doc; perMessageGroupId needs DeduplicationScope=messageGroup; codes only"),
     [create("hi.fifo", {"FifoQueue": "true", "DeduplicationScope": "messageGroup",
                         "FifoThroughputLimit": "perMessageGroupId"}),
      attrs_are("hi.fifo", DeduplicationScope="messageGroup", FifoThroughputLimit="perMessageGroupId"),
      create("f.fifo", {"FifoQueue": "true"}),
      set_attrs("f.fifo", {"DeduplicationScope": "global"}, err="InvalidAttributeValue"),
      set_attrs("f.fifo", {"FifoThroughputLimit": "perGroup"}, err="InvalidAttributeValue"),
      set_attrs("f.fifo", {"FifoThroughputLimit": "perMessageGroupId"}, err="InvalidAttributeValue"),
      create("bad.fifo", {"FifoQueue": "true", "DeduplicationScope": "queue",
                          "FifoThroughputLimit": "perMessageGroupId"}, err="InvalidAttributeValue"),
      attrs_are("f.fifo", DeduplicationScope="queue", FifoThroughputLimit="perQueue")])

_policy = {"Version": "2012-10-17", "Statement": [{"Sid": "s1", "Effect": "Allow",
                                                    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                                                    "Action": "sqs:SendMessage", "Resource": ARN + "q"}]}
case("Policy is stored as given and \"\" removes it",
     s("3, 4.5", "aws-snapshot validated"),
     [create("q"),
      set_attrs("q", {"Policy": json.dumps(_policy)}),
      get_attrs("q", ["Policy"], {"Attributes": {"Policy": {"$json": _policy}}}),
      get_attrs("q", ["All"], {"Attributes": {"Policy": {"$json": _policy}}}),
      set_attrs("q", {"Policy": ""}),
      get_attrs("q", ["All"], {"Attributes": {"Policy": ABSENT}})])

case("A Policy that is not JSON is rejected",
     s("3", "aws-doc: IAM policy JSON; code only"),
     [create("q"),
      set_attrs("q", {"Policy": "not a policy"}, err="InvalidAttributeValue"),
      get_attrs("q", ["All"], {"Attributes": {"Policy": ABSENT}})])

case("KmsMasterKeyId turns SqsManagedSseEnabled off; \"\" removes it",
     s("3", "aws-snapshot"),
     [create("q", {"KmsMasterKeyId": "alias/aws/sqs"}),
      attrs_are("q", KmsMasterKeyId="alias/aws/sqs", SqsManagedSseEnabled="false"),
      set_attrs("q", {"KmsMasterKeyId": ""}),
      get_attrs("q", ["All"], {"Attributes": {"KmsMasterKeyId": ABSENT}})])

case("SqsManagedSseEnabled is a boolean attribute",
     s("3", "aws-doc"),
     [create("q"),
      set_attrs("q", {"SqsManagedSseEnabled": "false"}), attrs_are("q", SqsManagedSseEnabled="false"),
      set_attrs("q", {"SqsManagedSseEnabled": "true"}), attrs_are("q", SqsManagedSseEnabled="true"),
      set_attrs("q", {"SqsManagedSseEnabled": "maybe"}, err="InvalidAttributeValue")])

case("LastModifiedTimestamp moves with SetQueueAttributes; timestamps are epoch seconds",
     s("3", "aws-snapshot: epoch seconds integer strings"),
     [create("q"),
      adv(2500),
      set_attrs("q", {"VisibilityTimeout": "60"}),
      attrs_are("q", CreatedTimestamp="1704067200", LastModifiedTimestamp="1704067202"),
      create("later"),
      attrs_are("later", CreatedTimestamp="1704067202", LastModifiedTimestamp="1704067202")])

case("Approximate counters are exact: visible, in flight and delayed",
     s("3, 12.1", "aws-doc; simulator reports exact values immediately"),
     [create("q"),
      send("q", "a"), send("q", "b"), send("q", "c", DelaySeconds=10),
      counts("q", 2, 0, 1),
      recv("q", ["a"]),
      counts("q", 1, 1, 1),
      adv(10000),
      counts("q", 2, 1, 0),
      adv(20000),
      counts("q", 3, 0, 0)])

case("FIFO messages blocked behind an in-flight message still count as visible",
     s("3, 6.2 rule 6", "aws-snapshot validated test_fifo_approximate_number_of_messages_not_visible"),
     [fifo("f.fifo"),
      sendg("f.fifo", "g1-m1", "g1"), sendg("f.fifo", "g1-m2", "g1"),
      sendg("f.fifo", "g2-m1", "g2"), sendg("f.fifo", "g2-m2", "g2"),
      sendg("f.fifo", "g3-m1", "g3"), sendg("f.fifo", "g3-m2", "g3"),
      counts("f.fifo", 6),
      recv("f.fifo", ok={"Messages": {"$len": 2}}, MaxNumberOfMessages=2),
      counts("f.fifo", 4, 2, 0)])

# ---------------------------------------------------------------------------------------------
# §4.6: PurgeQueue
# ---------------------------------------------------------------------------------------------

case("PurgeQueue deletes visible, in-flight and delayed messages; later sends survive",
     s("4.6", "aws-snapshot validated, three tests"),
     [create("q"),
      send("q", "a"), send("q", "b"), send("q", "c", DelaySeconds=60),
      recv("q", ["a"]),
      counts("q", 1, 1, 1),
      purge("q"),
      counts("q", 0, 0, 0),
      recv("q", []),
      send("q", "d"),
      adv(60000),
      recv("q", ["d"], MaxNumberOfMessages=10),
      counts("q", 0, 1, 0)])

case("A second PurgeQueue within 60 seconds fails with PurgeQueueInProgress",
     s("1.1, 4.6", "aws-snapshot"),
     [create("q"),
      purge("q"),
      purge("q", err="PurgeQueueInProgress",
            msg="Only one PurgeQueue operation on q is allowed every 60 seconds."),
      purge("q", err="AWS.SimpleQueueService.PurgeQueueInProgress"),
      adv(59000),
      purge("q", err="PurgeQueueInProgress"),
      adv(1000),
      purge("q")])

case("The 60-second purge limit is per queue",
     s("4.6, 9", "aws-snapshot: 1 per 60 s per queue"),
     [create("a"), create("b"),
      purge("a"), purge("b"),
      purge("a", err="PurgeQueueInProgress", msg="Only one PurgeQueue operation on a is allowed every 60 seconds.")])

case("PurgeQueue clears the FIFO deduplication cache",
     s("4.6, 6.1", "aws-snapshot validated test_purge_queue_clears_fifo_deduplication_cache"),
     [fifo("f.fifo"),
      sendg("f.fifo", "x", "g", MessageDeduplicationId="d1"),
      purge("f.fifo"),
      sendg("f.fifo", "x", "g", MessageDeduplicationId="d1"),
      counts("f.fifo", 1),
      recv("f.fifo", ["x"])])

case("Deleting a purged message's receipt handle is a no-op success",
     s("4.6", "LS impl (emulator-only)"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      purge("q"),
      delete("q", "${h}"),
      counts("q", 0)])

# ---------------------------------------------------------------------------------------------
# §4.7, §5.7–§5.9: SendMessage, MD5s, sizes, characters, message attributes
# ---------------------------------------------------------------------------------------------

case("SendMessage answers MessageId and MD5OfMessageBody only; ReceiveMessage returns the same message",
     s("4.7, 4.9, 5.7", "aws-snapshot: MD5 of \"message\""),
     [create("q"),
      send("q", "message", ok={"MessageId": UUID, "MD5OfMessageBody": "78e731027d8fd50ed642340b7c9a63b3",
                               "MD5OfMessageAttributes": ABSENT, "MD5OfMessageSystemAttributes": ABSENT,
                               "SequenceNumber": ABSENT}, save={"id": "MessageId"}),
      recv("q", ok={"Messages": [{"MessageId": "${id}", "Body": "message", "ReceiptHandle": HANDLE,
                                  "MD5OfBody": "78e731027d8fd50ed642340b7c9a63b3", "Attributes": ABSENT,
                                  "MessageAttributes": ABSENT, "MD5OfMessageAttributes": ABSENT}]})])

_uni = "héllo 世界 🎉\ttab\nline\r"
case("MD5OfMessageBody is the MD5 of the UTF-8 body",
     s("5.7", "aws-doc, aws-snapshot"),
     [create("q"),
      send("q", _uni, ok={"MD5OfMessageBody": md5(_uni)}),
      recv("q", ok={"Messages": [{"Body": _uni, "MD5OfBody": md5(_uni)}]})])

case("An empty or missing MessageBody is MissingParameter",
     s("4.7", "aws-snapshot"),
     [create("q"),
      send("q", "", err="MissingParameter", msg="The request must contain the parameter MessageBody."),
      call("SendMessage", {"QueueUrl": Q + "q"}, err="MissingParameter",
           msg="The request must contain the parameter MessageBody."),
      counts("q", 0)])

_kx = {"k": {"DataType": "String", "StringValue": "x"}}
case("Message size limit: exactly MaximumMessageSize bytes is accepted, one more is not; attributes count",
     s("4.7, 5.8", "aws-snapshot boundary results (1017-byte body + k/String/x = 1025 fails)"),
     [create("q", {"MaximumMessageSize": "1024"}),
      send("q", {"$repeat": ["a", 1024]}),
      send("q", {"$repeat": ["a", 1025]}, err="InvalidParameterValue",
           msg="One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."),
      send("q", {"$repeat": ["a", 1017]}, err="InvalidParameterValue", MessageAttributes=_kx,
           msg="One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."),
      send("q", {"$repeat": ["a", 1016]}, MessageAttributes=_kx),
      counts("q", 2)])

case("Message size counts attribute names and string values in UTF-8 bytes and binary values as raw bytes",
     s("5.8", "aws-doc size accounting: body + name + DataType + value"),
     [create("q", {"MaximumMessageSize": "1024"}),
      send("q", {"$repeat": ["a", 1015]}, MessageAttributes={"ø": {"DataType": "String", "StringValue": "x"}}),
      send("q", {"$repeat": ["a", 1016]}, MessageAttributes={"ø": {"DataType": "String", "StringValue": "x"}},
           err="InvalidParameterValue"),
      send("q", {"$repeat": ["a", 1013]},
           MessageAttributes={"b": {"DataType": "Binary", "BinaryValue": base64.b64encode(b"\x00\x01\x02\x03").decode()}}),
      send("q", {"$repeat": ["a", 1014]},
           MessageAttributes={"b": {"DataType": "Binary", "BinaryValue": base64.b64encode(b"\x00\x01\x02\x03").decode()}},
           err="InvalidParameterValue"),
      counts("q", 2)])

case("The default maximum message size is 1 MiB (1,048,576 bytes)",
     s("3.1, 4.7", "aws-snapshot 2025-08-19"),
     [create("q"),
      send("q", {"$repeat": ["a", 1048576]}),
      send("q", {"$repeat": ["a", 1048577]}, err="InvalidParameterValue",
           msg="One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes."),
      counts("q", 1)])

case("Message size counts UTF-8 bytes, not characters",
     s("5.8", "aws-doc: size in bytes"),
     [create("q", {"MaximumMessageSize": "1024"}),
      send("q", {"$repeat": ["é", 512]}),
      send("q", {"$repeat": ["é", 513]}, err="InvalidParameterValue",
           msg="One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")])

case("A lowered MaximumMessageSize applies to the next send",
     s("3, 4.7", "aws-doc"),
     [create("q"),
      send("q", {"$repeat": ["a", 2048]}),
      set_attrs("q", {"MaximumMessageSize": "2047"}),
      send("q", {"$repeat": ["a", 2048]}, err="InvalidParameterValue",
           msg="One or more parameters are invalid. Reason: Message must be shorter than 2047 bytes.")])

_allowed = "\t\n\r \ud7ff\ue000\ufffd\U00010000\U0010ffff"
case("Bodies made only of allowed characters are accepted unchanged",
     s("5.9", "aws-doc allowed set #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF"),
     [create("q"),
      send("q", _allowed, ok={"MD5OfMessageBody": md5(_allowed)}),
      recv("q", ok={"Messages": [{"Body": _allowed, "MD5OfBody": md5(_allowed)}]})])

case("A body with no valid character is rejected with InvalidMessageContents",
     s("5.9, 14 Q1", "aws-snapshot validated; both readings agree on bodies without a valid character"),
     [create("q"),
      send("q", "\u0001", err="InvalidMessageContents"),
      send("q", "\u0000", err="InvalidMessageContents"),
      send("q", "\u0008\u001f", err="InvalidMessageContents"),
      send("q", "\ufffe", err="InvalidMessageContents"),
      send("q", "\uffff", err="InvalidMessageContents"),
      counts("q", 0)])

case("SendMessage DelaySeconds must be 0..900",
     s("4.7", "aws-doc; code only"),
     [create("q"),
      send("q", "a", DelaySeconds=900),
      send("q", "b", DelaySeconds=901, err="InvalidParameterValue"),
      send("q", "c", DelaySeconds=-1, err="InvalidParameterValue"),
      counts("q", 0, 0, 1)])

case("FIFO queues reject a per-message DelaySeconds other than 0",
     s("4.7, 5.4", "aws-snapshot (sic \"include\")"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g", DelaySeconds=5, err="InvalidParameterValue",
            msg="Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."),
      sendg("f.fifo", "b", "g", DelaySeconds=0),
      counts("f.fifo", 1)])

case("FIFO SendMessage without MessageGroupId is MissingParameter",
     s("4.7, 6.1", "aws-snapshot"),
     [fifo("f.fifo"),
      send("f.fifo", "a", err="MissingParameter", msg="The request must contain the parameter MessageGroupId."),
      send("f.fifo", "a", MessageDeduplicationId="d", err="MissingParameter",
           msg="The request must contain the parameter MessageGroupId.")])

case("FIFO SendMessage needs a deduplication id unless ContentBasedDeduplication is on",
     s("4.7, 6.1", "aws-snapshot"),
     [create("f.fifo", {"FifoQueue": "true"}),
      sendg("f.fifo", "a", "g", err="InvalidParameterValue",
            msg="The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1"),
      counts("f.fifo", 1)])

_punct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
case("MessageGroupId is 1..128 alphanumeric and punctuation characters",
     s("4.7", "aws-snapshot on a standard queue"),
     [create("q"),
      send("q", "a", MessageGroupId="g" * 128),
      send("q", "b", MessageGroupId="Az09" + _punct),
      send("q", "c", MessageGroupId="g" * 129, err="InvalidParameterValue",
           msg=f"Value {'g' * 129} for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length."),
      send("q", "d", MessageGroupId="a b", err="InvalidParameterValue",
           msg="Value a b for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length."),
      send("q", "e", MessageGroupId="grüppe", err="InvalidParameterValue"),
      counts("q", 2)])

case("On FIFO queues MessageGroupId and MessageDeduplicationId are 1..128 alphanumeric and punctuation characters",
     s("4.7", "aws-snapshot 2025-07-30 (dedup id on FIFO)"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d" * 128),
      sendg("f.fifo", "b", "g", MessageDeduplicationId="Az09" + _punct),
      sendg("f.fifo", "c", "g", MessageDeduplicationId="d" * 129, err="InvalidParameterValue",
            msg=f"Value {'d' * 129} for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length."),
      sendg("f.fifo", "d", "g", MessageDeduplicationId="dé", err="InvalidParameterValue"),
      sendg("f.fifo", "e", "g" * 129, err="InvalidParameterValue"),
      sendg("f.fifo", "f", "a b", err="InvalidParameterValue"),
      counts("f.fifo", 2)])

case("MessageDeduplicationId is not valid on a standard queue",
     s("4.7", "LS (emulator-only); code only"),
     [create("q"),
      send("q", "a", MessageDeduplicationId="d1", err="InvalidParameterValue"),
      counts("q", 0)])

case("Standard queues accept MessageGroupId (fair queues) without FIFO ordering or locking",
     s("4.7, 8, 4.9", "aws-snapshot 2025-08-18"),
     [create("q"),
      send("q", "a", MessageGroupId="tenant-1", ok={"MessageId": UUID, "SequenceNumber": ABSENT}),
      send("q", "b", MessageGroupId="tenant-1"),
      recv("q", ok={"Messages": [{"Body": "a", "Attributes": {"MessageGroupId": "tenant-1",
                                                               "SequenceNumber": ABSENT,
                                                               "MessageDeduplicationId": ABSENT}},
                                 {"Body": "b", "Attributes": {"MessageGroupId": "tenant-1"}}]},
           MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"])])

_trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
case("AWSTraceHeader system attribute: MD5OfMessageSystemAttributes and returned on receive",
     s("4.7, 5.6, 5.7", "aws-snapshot validated"),
     [create("q"),
      send("q", "traced", MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": _trace}},
           ok={"MD5OfMessageSystemAttributes": "5ae4d5d7636402d80f4eb6d213245a88",
               "MD5OfMessageAttributes": ABSENT}),
      recv("q", ok={"Messages": [{"Body": "traced", "MD5OfMessageAttributes": ABSENT,
                                  "Attributes": {"AWSTraceHeader": _trace}}]},
           MessageSystemAttributeNames=["All"], VisibilityTimeout=0),
      recv("q", ok={"Messages": [{"Attributes": {"$len": 5}}]}, MessageSystemAttributeNames=["All"])])

case("System attributes do not change MD5OfMessageAttributes, in SendMessage and SendMessageBatch",
     s("5.7", "aws-snapshot validated"),
     [create("q"),
      send("q", "both", MessageAttributes=_kx,
           MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": _trace}},
           ok={"MD5OfMessageAttributes": "a45daa70926828a2f0a1db3418e6feb4",
               "MD5OfMessageSystemAttributes": "5ae4d5d7636402d80f4eb6d213245a88"}),
      call("SendMessageBatch", {"QueueUrl": Q + "q", "Entries": [
          {"Id": "t", "MessageBody": "b", "MessageSystemAttributes": {
              "AWSTraceHeader": {"DataType": "String", "StringValue": _trace}}},
          {"Id": "p", "MessageBody": "c"}]},
           ok={"Successful": [{"Id": "t", "MD5OfMessageSystemAttributes": "5ae4d5d7636402d80f4eb6d213245a88",
                               "MD5OfMessageAttributes": ABSENT},
                              {"Id": "p", "MD5OfMessageSystemAttributes": ABSENT}]}),
      recv("q", ok={"Messages": [{"Body": "both", "MD5OfMessageAttributes": "a45daa70926828a2f0a1db3418e6feb4"},
                                 {"Body": "b", "MD5OfMessageAttributes": ABSENT},
                                 {"Body": "c"}]},
           MaxNumberOfMessages=10, MessageAttributeNames=["All"])])

MD5_VECTORS = [  # spec §5.7, all AWS-recorded
    ({"k": {"DataType": "String", "StringValue": "x"}}, "a45daa70926828a2f0a1db3418e6feb4"),
    ({"Foo": {"DataType": "String", "StringValue": "Bar"}}, "ae7155c6026991b6d54b11589678bf9c"),
    ({"timestamp": {"DataType": "Number", "StringValue": "1493147359900"}}, "235c5c510d26fb653d073faed50ae77c"),
    ({"Help.Me": {"DataType": "String", "StringValue": "Me"}, "Hello": {"DataType": "String", "StringValue": "There"},
      "General": {"DataType": "String", "StringValue": "Kenobi"}}, "4c360f3fdafd970e05fae2f149d997f5"),
    ({"attr1": {"DataType": "Binary", "BinaryValue": base64.b64encode(
        b"traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01").decode()}},
     "8cbe4db156db8a94db8b801b7addb984"),
]
for i, (attrs, digest) in enumerate(MD5_VECTORS):
    assert md5_attrs(attrs) == digest, (attrs, digest)
    case(f"MD5OfMessageAttributes matches AWS-recorded vector {i + 1} ({', '.join(attrs)}) on send and receive",
         s("5.7", "aws-snapshot recorded digest"),
         [create("q"),
          send("q", "body", MessageAttributes=attrs,
               ok={"MD5OfMessageAttributes": digest, "MD5OfMessageBody": md5("body")}),
          recv("q", ok={"Messages": [{"MD5OfMessageAttributes": digest, "MessageAttributes": attrs}]},
               MessageAttributeNames=["All"])])

_custom = {"price": {"DataType": "Number.float", "StringValue": "3.25"},
           "img": {"DataType": "Binary.gif", "BinaryValue": base64.b64encode(b"GIF89a\x00\x01").decode()},
           "Zed": {"DataType": "String.custom", "StringValue": "z"}}
case("Custom DataType labels are kept and covered by MD5OfMessageAttributes",
     s("5.7, 5.8", "aws-doc: the full type incl. custom suffix enters the digest (algorithm AWS-verified)"),
     [create("q"),
      send("q", "b", MessageAttributes=_custom, ok={"MD5OfMessageAttributes": md5_attrs(_custom)}),
      recv("q", ok={"Messages": [{"MessageAttributes": _custom, "MD5OfMessageAttributes": md5_attrs(_custom)}]},
           MessageAttributeNames=["All"])])


def _n_attrs(n):
    return {f"a{i}": {"DataType": "String", "StringValue": "v"} for i in range(n)}


case("At most 10 message attributes",
     s("5.8", "aws-doc; code only"),
     [create("q"),
      send("q", "ten", MessageAttributes=_n_attrs(10), ok={"MD5OfMessageAttributes": md5_attrs(_n_attrs(10))}),
      send("q", "eleven", MessageAttributes=_n_attrs(11), err="InvalidParameterValue"),
      counts("q", 1)])


def _one(name, dt="String", value="v"):
    return {name: {"DataType": dt, "StringValue": value}}


case("Message attribute names: allowed characters, 256 characters, reserved prefixes and dots",
     s("5.8", "aws-doc; aws-snapshot validated for non-ASCII letters; codes only"),
     [create("q"),
      send("q", "ok1", MessageAttributes=_one("a" * 256)),
      send("q", "ok2", MessageAttributes=_one("attr.1øßä")),
      send("q", "ok3", MessageAttributes=_one("A-b_c.9")),
      send("q", "x", MessageAttributes=_one("a" * 257), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("AWS.x"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("aws.x"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("Amazon.x"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("AMAZON.x"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one(".x"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("x."), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("a..b"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("bad name"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("semi;colon"), err="InvalidParameterValue"),
      counts("q", 3)])

case("Message attribute DataType must be String, Number or Binary with an optional custom label",
     s("5.8", "aws-doc; codes only"),
     [create("q"),
      send("q", "ok1", MessageAttributes=_one("n", "Number.int", "42")),
      send("q", "ok2", MessageAttributes={"b": {"DataType": "Binary", "BinaryValue": "AAE="}}),
      send("q", "x", MessageAttributes=_one("k", "Str"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("k", "string"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("k", ""), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes={"k": {"StringValue": "v"}}, err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("n", "Number", "abc"), err="InvalidParameterValue"),
      counts("q", 2)])

case("Message attribute values must be non-empty",
     s("5.8", "aws-snapshot (text for String)"),
     [create("q"),
      send("q", "x", MessageAttributes=_one("k", "String", ""), err="InvalidParameterValue",
           msg="Message (user) attribute 'k' must contain a non-empty value of type 'String'."),
      send("q", "x", MessageAttributes={"k": {"DataType": "String"}}, err="InvalidParameterValue",
           msg="Message (user) attribute 'k' must contain a non-empty value of type 'String'."),
      send("q", "x", MessageAttributes={"k": {"DataType": "Binary", "BinaryValue": ""}},
           err="InvalidParameterValue"),
      send("q", "x", MessageAttributes={"k": {"DataType": "Binary"}}, err="InvalidParameterValue"),
      counts("q", 0)])

case("String attribute values obey the body character rules",
     s("5.8", "aws-snapshot validated: \\x08 rejected"),
     [create("q"),
      send("q", "x", MessageAttributes=_one("k", "String", "a\u0008b"), err="InvalidParameterValue"),
      send("q", "x", MessageAttributes=_one("k", "String", "tab\there ü 🎉")),
      counts("q", 1)])

# ---------------------------------------------------------------------------------------------
# §4.9: ReceiveMessage parameters and attribute selection
# ---------------------------------------------------------------------------------------------

case("ReceiveMessage validates MaxNumberOfMessages, WaitTimeSeconds and VisibilityTimeout",
     s("4.9", "aws-snapshot texts for 11, 21 and -1; other codes only"),
     [create("q"),
      recv("q", MaxNumberOfMessages=11, err="InvalidParameterValue",
           msg="Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."),
      recv("q", MaxNumberOfMessages=0, err="InvalidParameterValue"),
      recv("q", WaitTimeSeconds=21, err="InvalidParameterValue",
           msg="Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."),
      recv("q", WaitTimeSeconds=-1, err="InvalidParameterValue",
           msg="Value -1 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."),
      recv("q", VisibilityTimeout=43201, err="InvalidParameterValue"),
      recv("q", VisibilityTimeout=-1, err="InvalidParameterValue"),
      recv("q", [], MaxNumberOfMessages=1),
      recv("q", [], MaxNumberOfMessages=10, VisibilityTimeout=43200),
      clock(0)])

case("ReceiveMessage returns one message by default and min(MaxNumberOfMessages, available) oldest first",
     s("4.9, 5.3, 12.2", "aws-doc default 1; api-contract rule 2"),
     [create("q")] + [send("q", f"m{i:02}") for i in range(12)] + [
         recv("q", ["m00"]),
         recv("q", [f"m{i:02}" for i in range(1, 11)], MaxNumberOfMessages=10),
         recv("q", ["m11"], MaxNumberOfMessages=10),
         recv("q", [], MaxNumberOfMessages=10)])

case("System attributes All on a standard queue: the four standard attributes with exact values",
     s("4.9, 5.6", "aws-snapshot"),
     [create("q"),
      adv(1234),
      send("q", "a"),
      adv(766),
      recv("q", ok={"Messages": [{"Attributes": {
          "SentTimestamp": "1704067201234", "ApproximateReceiveCount": "1",
          "ApproximateFirstReceiveTimestamp": "1704067202000", "SenderId": {"$regex": ".+"},
          "SequenceNumber": ABSENT, "MessageGroupId": ABSENT, "MessageDeduplicationId": ABSENT,
          "AWSTraceHeader": ABSENT, "DeadLetterQueueSourceArn": ABSENT}}]},
           MessageSystemAttributeNames=["All"], VisibilityTimeout=0),
      recv("q", ok={"Messages": [{"Attributes": {"$len": 4}}]}, MessageSystemAttributeNames=["All"])])

case("Selected system attribute names: names that do not apply are ignored",
     s("4.9", "aws-snapshot: [SenderId, SequenceNumber] on standard → only SenderId"),
     [create("q", {"VisibilityTimeout": "0"}),
      send("q", "a"),
      recv("q", ok={"Messages": [{"Attributes": {"SenderId": {"$regex": ".+"}, "SequenceNumber": ABSENT}}]},
           MessageSystemAttributeNames=["SenderId", "SequenceNumber"]),
      recv("q", ok={"Messages": [{"Attributes": {"$len": 1}}]},
           MessageSystemAttributeNames=["SenderId", "SequenceNumber"]),
      recv("q", ok={"Messages": [{"Attributes": {"ApproximateReceiveCount": "3", "SentTimestamp": ABSENT}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"])])

case("MessageSystemAttributeNames wins over the deprecated AttributeNames; AttributeNames alone still works",
     s("4.9", "aws-snapshot"),
     [create("q", {"VisibilityTimeout": "0"}),
      send("q", "a"),
      recv("q", ok={"Messages": [{"Attributes": {"SentTimestamp": "1704067200000",
                                                 "ApproximateReceiveCount": ABSENT}}]},
           MessageSystemAttributeNames=["SentTimestamp"], AttributeNames=["ApproximateReceiveCount"]),
      recv("q", ok={"Messages": [{"Attributes": {"ApproximateReceiveCount": "2", "SentTimestamp": "1704067200000",
                                                 "SenderId": {"$regex": ".+"},
                                                 "ApproximateFirstReceiveTimestamp": "1704067200000"}}]},
           AttributeNames=["All"])])

case("Without requested attributes a received message has no Attributes or MessageAttributes",
     s("1, 4.9", "aws-snapshot: nothing requested → no Attributes key"),
     [create("q"),
      send("q", "a", MessageAttributes=_kx),
      recv("q", ok={"Messages": [{"Body": "a", "Attributes": ABSENT, "MessageAttributes": ABSENT,
                                  "MD5OfMessageAttributes": ABSENT}]})])

case("Each receive issues a new receipt handle and increments ApproximateReceiveCount even when not requested",
     s("5.2, 5.6", "aws-snapshot validated"),
     [create("q"),
      send("q", "a"),
      adv(1000),
      recv("q", ["a"], VisibilityTimeout=0, save={"h1": "Messages[0].ReceiptHandle", "id": "Messages[0].MessageId"}),
      adv(1000),
      recv("q", ok={"Messages": [{"MessageId": "${id}", "ReceiptHandle": {"$ne": "${h1}"}, "Attributes": {
          "ApproximateReceiveCount": "2", "ApproximateFirstReceiveTimestamp": "1704067201000",
          "SentTimestamp": "1704067200000"}}]},
           MessageSystemAttributeNames=["All"], VisibilityTimeout=0, save={"h2": "Messages[0].ReceiptHandle"}),
      recv("q", ok={"Messages": [{"ReceiptHandle": {"$ne": "${h2}"}, "Attributes": {"ApproximateReceiveCount": "3"}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"])])

case("System attributes All on a FIFO queue add MessageGroupId, MessageDeduplicationId and SequenceNumber",
     s("4.9, 5.6", "aws-snapshot"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g1", MessageDeduplicationId="d1", ok={"SequenceNumber": SEQ},
            save={"seq": "SequenceNumber"}),
      recv("f.fifo", ok={"Messages": [{"Attributes": {
          "MessageGroupId": "g1", "MessageDeduplicationId": "d1", "SequenceNumber": "${seq}",
          "SentTimestamp": "1704067200000", "ApproximateReceiveCount": "1",
          "ApproximateFirstReceiveTimestamp": "1704067200000", "SenderId": {"$regex": ".+"}}}]},
           MessageSystemAttributeNames=["All"], VisibilityTimeout=0),
      recv("f.fifo", ok={"Messages": [{"Attributes": {"$len": 7}}]}, MessageSystemAttributeNames=["All"])])

_three = MD5_VECTORS[3][0]
_names_cases = [
    (["All"], _three), (["*"], _three), ([".*"], _three),
    (["Foo", "Help"], {}), (["Hello", "General"], {k: _three[k] for k in ("Hello", "General")}),
    (["Foo", "Hello"], {"Hello": _three["Hello"]}), (["Help.*"], {"Help.Me": _three["Help.Me"]}),
    (["AWS."], {}), (["..foo"], {}), ([], {}),
]
_steps = [create("q", {"VisibilityTimeout": "0"}),
          send("q", "msg", MessageAttributes=_three, ok={"MD5OfMessageAttributes": "4c360f3fdafd970e05fae2f149d997f5"})]
for names, want in _names_cases:
    if want:
        m = {"MessageAttributes": want, "MD5OfMessageAttributes": md5_attrs(want)}
        m["MessageAttributes"] = dict(want)
    else:
        m = {"MessageAttributes": ABSENT, "MD5OfMessageAttributes": ABSENT}
    _steps.append(recv("q", ok={"Messages": [{"Body": "msg", **m}]}, MessageAttributeNames=names))
    if want:
        _steps.append(recv("q", ok={"Messages": [{"MessageAttributes": {"$len": len(want)}}]},
                           MessageAttributeNames=names))
case("MessageAttributeNames filters: All, *, .*, exact names, prefix.*, non-matching and illegal names; MD5 over the returned subset",
     s("4.9", "aws-snapshot test_receive_message_message_attribute_names_filters"),
     _steps)

# ---------------------------------------------------------------------------------------------
# §5.2, §4.12: visibility timeout
# ---------------------------------------------------------------------------------------------

case("A received message is invisible for the queue VisibilityTimeout and visible again at its end",
     s("5.2", "aws-doc; aws-snapshot validated"),
     [create("q"), send("q", "a"),
      recv("q", ["a"]),
      counts("q", 0, 1),
      adv(29999),
      recv("q", []),
      adv(1),
      counts("q", 1, 0),
      recv("q", ok={"Messages": [{"Body": "a", "Attributes": {"ApproximateReceiveCount": "2"}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"])])

case("ReceiveMessage VisibilityTimeout overrides the queue value for the returned messages only",
     s("4.9, 5.2", "aws-doc"),
     [create("q"), send("q", "a"), send("q", "b"),
      recv("q", ["a"], VisibilityTimeout=5),
      recv("q", ["b"]),
      adv(4999), recv("q", []),
      adv(1), recv("q", ["a"]),
      adv(24999), recv("q", []),
      adv(1), recv("q", ["b"])])

case("VisibilityTimeout 0 makes a received message immediately receivable again",
     s("5.2", "aws-doc; count still increments"),
     [create("q", {"VisibilityTimeout": "0"}), send("q", "a"),
      recv("q", ["a"]),
      counts("q", 1, 0),
      recv("q", ok={"Messages": [{"Body": "a", "Attributes": {"ApproximateReceiveCount": "2"}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"]),
      set_attrs("q", {"VisibilityTimeout": "30"}),
      recv("q", ["a"], VisibilityTimeout=0),
      recv("q", ["a"]),
      recv("q", [])])

case("ChangeMessageVisibility counts from the call, not from the receive",
     s("5.2", "aws-doc example: 60 s timeout, 15 s elapsed, change to 10 s ⇒ visible 25 s after receive"),
     [create("q", {"VisibilityTimeout": "60"}), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      adv(15000),
      cmv("q", "${h}", 10),
      adv(9999), recv("q", []),
      adv(1), recv("q", ["a"])])

case("ChangeMessageVisibility can extend the timeout",
     s("5.2", "aws-doc"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=10, save={"h": "Messages[0].ReceiptHandle"}),
      adv(5000),
      cmv("q", "${h}", 100),
      adv(99999), recv("q", []), counts("q", 0, 1),
      adv(1), recv("q", ["a"])])

case("ChangeMessageVisibility 0 makes the message visible at once",
     s("5.2", "aws-doc"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      cmv("q", "${h}", 0),
      counts("q", 1, 0),
      recv("q", ["a"])])

case("A changed visibility timeout applies to that receipt only; the next receive uses the queue value",
     s("5.2", "aws-doc; aws-snapshot validated test_change_message_visibility_not_permanent"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      cmv("q", "${h}", 0),
      recv("q", ["a"]),
      recv("q", []),
      adv(29999), recv("q", []),
      adv(1), recv("q", ["a"])])

case("ChangeMessageVisibility on a standard message whose timeout expired succeeds",
     s("4.12, 5.2", "aws-snapshot: 200 OK"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=1, save={"h": "Messages[0].ReceiptHandle"}),
      adv(2000),
      cmv("q", "${h}", 5)])

case("ChangeMessageVisibility after the message was deleted fails",
     s("4.12", "aws-snapshot validated"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      delete("q", "${h}"),
      cmv("q", "${h}", 10, err="InvalidParameterValue",
          msg="Value ${h} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.")])

case("ChangeMessageVisibility with a malformed receipt handle is ReceiptHandleIsInvalid",
     s("1.1, 4.12", "aws-snapshot"),
     [create("q"), send("q", "a"),
      cmv("q", "garbage", 10, err="ReceiptHandleIsInvalid",
          msg="The input receipt handle \"garbage\" is not a valid receipt handle.")])

case("ChangeMessageVisibility VisibilityTimeout must be 0..43200",
     s("4.12", "aws-doc; code only"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      cmv("q", "${h}", 43201, err="InvalidParameterValue"),
      cmv("q", "${h}", -1, err="InvalidParameterValue"),
      counts("q", 0, 1)])

case("The 12-hour visibility cap counts from the receive and is not reset by extending",
     s("5.2, 14 Q3", "aws-doc DG-2023; text unconfirmed in a snapshot, code only"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      cmv("q", "${h}", 43200),
      adv(1000),
      cmv("q", "${h}", 43199),
      cmv("q", "${h}", 43200, err="InvalidParameterValue"),
      adv(1000),
      cmv("q", "${h}", 43199, err="InvalidParameterValue"),
      cmv("q", "${h}", 43198)])

case("The 12-hour cap is measured from the receive that issued the handle",
     s("5.2, 14 Q3", "aws-doc; implemented rule of Q3: from the receive that issued the handle"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=1),
      adv(1000),
      recv("q", ["a"], save={"h2": "Messages[0].ReceiptHandle"}),
      cmv("q", "${h2}", 43200)])

case("Changing the queue VisibilityTimeout does not move the deadline of messages already in flight",
     s("5.2", "aws-doc: receive sets visible_at = now + timeout"),
     [create("q"), send("q", "a"),
      recv("q", ["a"]),
      set_attrs("q", {"VisibilityTimeout": "5"}),
      adv(5000), recv("q", []),
      adv(25000), recv("q", ["a"]),
      adv(5000), recv("q", ["a"])])

case("ChangeMessageVisibility can hide a message for up to 12 hours and 0 releases it",
     s("5.2", "aws-doc"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=43200, save={"h": "Messages[0].ReceiptHandle"}),
      adv(43199000), recv("q", []),
      cmv("q", "${h}", 0),
      recv("q", ["a"])])

# ---------------------------------------------------------------------------------------------
# §4.10: DeleteMessage
# ---------------------------------------------------------------------------------------------

case("DeleteMessage removes the message; deleting again with the same handle succeeds",
     s("4.10", "aws-snapshot validated"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      delete("q", "${h}"),
      counts("q", 0, 0),
      delete("q", "${h}"),
      adv(30000),
      recv("q", [])])

case("DeleteMessage with a malformed receipt handle is ReceiptHandleIsInvalid",
     s("1.1, 4.10", "aws-snapshot"),
     [create("q"), send("q", "a"),
      delete("q", "garbage", err="ReceiptHandleIsInvalid",
             msg="The input receipt handle \"garbage\" is not a valid receipt handle."),
      delete("q", "garbage", err="ReceiptHandleIsInvalid"),
      counts("q", 1)])

case("Standard queue: a handle whose visibility timeout expired still deletes the message",
     s("4.10", "aws-snapshot test_delete_after_visibility_timeout"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=1, save={"h": "Messages[0].ReceiptHandle"}),
      adv(2000),
      counts("q", 1, 0),
      delete("q", "${h}"),
      counts("q", 0, 0),
      recv("q", [])])

case("Standard queue: an older handle deletes the message after it was received again",
     s("4.10, 14 Q5", "aws-doc 'succeeds, might not delete'; Q5 recommendation: delete"),
     [create("q"), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=1, save={"h1": "Messages[0].ReceiptHandle"}),
      adv(1000),
      recv("q", ["a"]),
      delete("q", "${h1}"),
      counts("q", 0, 0)])

case("FIFO queue: deleting with a handle whose visibility timeout expired fails",
     s("4.10", "aws-snapshot 2025-03-28"),
     [fifo("f.fifo", {"VisibilityTimeout": "1"}),
      sendg("f.fifo", "g1-m1", "1"),
      recv("f.fifo", ["g1-m1"], save={"h": "Messages[0].ReceiptHandle"}),
      adv(2000),
      delete("f.fifo", "${h}", err="InvalidParameterValue",
             msg="Value ${h} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."),
      counts("f.fifo", 1)])

case("FIFO queue: a handle whose timeout was extended with ChangeMessageVisibility still deletes",
     s("4.10", "aws-snapshot 2025-10-05"),
     [fifo("f.fifo", {"VisibilityTimeout": "1"}),
      sendg("f.fifo", "a", "g"),
      recv("f.fifo", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      adv(500),
      cmv("f.fifo", "${h}", 10),
      adv(1500),
      delete("f.fifo", "${h}"),
      counts("f.fifo", 0, 0)])

case("Deleting a message that already expired by retention succeeds as a no-op",
     s("4.10, 5.5", "aws-snapshot validated test_message_retention_with_inflight"),
     [create("q", {"MessageRetentionPeriod": "60"}), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=43200, save={"h": "Messages[0].ReceiptHandle"}),
      adv(61000),
      counts("q", 0, 0),
      delete("q", "${h}")])

# ---------------------------------------------------------------------------------------------
# §5.3 + api-contract rule 1: long polling moves the virtual clock
# ---------------------------------------------------------------------------------------------

case("A long poll on an empty queue returns nothing after advancing the clock by WaitTimeSeconds",
     s("5.3", "aws-doc") + "; api-contract.md rule 1",
     [create("q"),
      recv("q", [], WaitTimeSeconds=20),
      clock(20000),
      recv("q", [], WaitTimeSeconds=1),
      clock(21000)])

case("A long poll returns as soon as a delayed message becomes visible",
     s("5.3, 5.4", "aws-doc") + "; api-contract.md rule 1",
     [create("q"),
      send("q", "later", DelaySeconds=5),
      recv("q", ok={"Messages": [{"Body": "later", "Attributes": {
          "ApproximateFirstReceiveTimestamp": "1704067205000", "SentTimestamp": "1704067200000"}}]},
           WaitTimeSeconds=20, MessageSystemAttributeNames=["All"]),
      clock(5000)])

case("A long poll returns when an in-flight message's visibility timeout ends",
     s("5.3", "aws-doc") + "; api-contract.md rule 1",
     [create("q"), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=3),
      recv("q", ok={"Messages": [{"Body": "a", "Attributes": {"ApproximateReceiveCount": "2"}}]},
           WaitTimeSeconds=10, MessageSystemAttributeNames=["ApproximateReceiveCount"]),
      clock(3000)])

case("A long poll with messages available returns at once without moving the clock",
     s("5.3", "aws-doc: returns as soon as a message is available"),
     [create("q"), send("q", "a"), send("q", "b"),
      recv("q", ["a", "b"], WaitTimeSeconds=20, MaxNumberOfMessages=10),
      clock(0)])

case("ReceiveMessageWaitTimeSeconds is the default wait; an explicit WaitTimeSeconds=0 overrides it",
     s("3, 4.9", "aws-snapshot validated test_wait_time_seconds_queue_attribute_waits_correctly"),
     [create("q", {"ReceiveMessageWaitTimeSeconds": "5"}),
      recv("q", []),
      clock(5000),
      recv("q", [], WaitTimeSeconds=0),
      clock(5000),
      recv("q", [], WaitTimeSeconds=2),
      clock(7000)])

case("A long poll shorter than the remaining delay returns empty; the next one gets the message",
     s("5.3, 5.4", "aws-doc") + "; api-contract.md rule 1",
     [create("q"), send("q", "a", DelaySeconds=30),
      recv("q", [], WaitTimeSeconds=20),
      clock(20000),
      recv("q", ["a"], WaitTimeSeconds=20),
      clock(30000)])

case("A FIFO long poll returns when the blocking head message becomes visible again",
     s("5.3, 6.2", "aws-doc; aws-snapshot validated group blocking") + "; api-contract.md rule 1",
     [fifo("f.fifo", {"VisibilityTimeout": "4"}),
      sendg("f.fifo", "m1", "g"), sendg("f.fifo", "m2", "g"),
      recv("f.fifo", ["m1"]),
      recv("f.fifo", ["m1", "m2"], WaitTimeSeconds=20, MaxNumberOfMessages=10),
      clock(4000)])

case("After an empty long poll, a sent message is returned by the next long poll at once",
     s("5.3", "aws-doc") + "; api-contract.md rule 1: a single-threaded caller sees only timers",
     [create("q"),
      recv("q", [], WaitTimeSeconds=3),
      send("q", "a"),
      recv("q", ["a"], WaitTimeSeconds=3),
      clock(3000)])

case("A long poll returns every message that becomes visible at the same instant, up to MaxNumberOfMessages",
     s("5.3", "aws-doc") + "; api-contract.md rules 1 and 2",
     [create("q"),
      send("q", "a", DelaySeconds=5), send("q", "b", DelaySeconds=5), send("q", "c", DelaySeconds=5),
      recv("q", ["a", "b"], WaitTimeSeconds=20, MaxNumberOfMessages=2),
      clock(5000),
      recv("q", ["c"], WaitTimeSeconds=20, MaxNumberOfMessages=10),
      clock(5000)])

# ---------------------------------------------------------------------------------------------
# §5.4: delay queues and message timers
# ---------------------------------------------------------------------------------------------

case("A delay queue hides new messages for DelaySeconds; they count as delayed",
     s("5.4", "aws-doc"),
     [create("q", {"DelaySeconds": "10"}), send("q", "a"),
      counts("q", 0, 0, 1),
      recv("q", []),
      adv(9999),
      recv("q", []), counts("q", 0, 0, 1),
      adv(1),
      counts("q", 1, 0, 0),
      recv("q", ["a"])])

case("A per-message DelaySeconds overrides a longer queue delay on a standard queue",
     s("5.4, 14 Q12", "aws-doc sqs-message-timers; non-zero timer per Q12"),
     [create("q", {"DelaySeconds": "60"}), send("q", "a", DelaySeconds=5),
      adv(5000), recv("q", ["a"])])

case("A per-message DelaySeconds overrides a shorter queue delay on a standard queue",
     s("5.4, 14 Q12", "aws-doc sqs-message-timers"),
     [create("q", {"DelaySeconds": "5"}), send("q", "a", DelaySeconds=20), send("q", "b"),
      adv(5000), recv("q", ["b"], MaxNumberOfMessages=10), counts("q", 0, 1, 1),
      adv(15000), recv("q", ["a"], MaxNumberOfMessages=10)])

case("A message delay of 900 seconds ends exactly after 900 seconds",
     s("5.4", "aws-doc 0–900"),
     [create("q"), send("q", "a", DelaySeconds=900),
      adv(899999), recv("q", []),
      adv(1), recv("q", ["a"])])

case("Batch entries without DelaySeconds take the queue delay; entries with it override",
     s("5.4", "aws-doc SendMessageBatch"),
     [create("q", {"DelaySeconds": "10"}),
      call("SendMessageBatch", {"QueueUrl": Q + "q", "Entries": [
          {"Id": "a", "MessageBody": "a"}, {"Id": "b", "MessageBody": "b", "DelaySeconds": 2}]},
           ok={"Successful": {"$len": 2}}),
      adv(2000), recv("q", ["b"], MaxNumberOfMessages=10),
      adv(8000), recv("q", ["a"], MaxNumberOfMessages=10)])

case("Standard queue: changing DelaySeconds is not retroactive",
     s("3, 5.4", "aws-doc DG-2023 sqs-delay-queues"),
     [create("q", {"DelaySeconds": "60"}), send("q", "a"),
      set_attrs("q", {"DelaySeconds": "0"}),
      send("q", "b"),
      recv("q", ["b"], MaxNumberOfMessages=10, VisibilityTimeout=120),
      counts("q", 0, 1, 1),
      adv(60000),
      recv("q", ["a"], MaxNumberOfMessages=10)])

case("FIFO queue: changing DelaySeconds is retroactive for messages still delayed",
     s("3, 5.4", "aws-doc DG-2023 sqs-delay-queues"),
     [fifo("f.fifo", {"DelaySeconds": "60"}), sendg("f.fifo", "a", "g"),
      counts("f.fifo", 0, 0, 1),
      set_attrs("f.fifo", {"DelaySeconds": "0"}),
      counts("f.fifo", 1, 0, 0),
      recv("f.fifo", ["a"])])

case("FIFO queue: an explicit DelaySeconds=0 is accepted and the queue delay still applies",
     s("5.4", "aws-snapshot 2025-07-31 test_fifo_queue_send_message_with_zero_delay_defaults_to_queue_delay"),
     [fifo("f.fifo", {"DelaySeconds": "10"}),
      sendg("f.fifo", "a", "g", DelaySeconds=0),
      recv("f.fifo", []),
      counts("f.fifo", 0, 0, 1),
      adv(10000),
      recv("f.fifo", ["a"])])

case("FIFO delay queue delivers the group in order after the delay",
     s("5.4, 6.2", "aws-snapshot validated test_fifo_queue_send_message_with_delay_on_queue_works"),
     [fifo("f.fifo", {"DelaySeconds": "2"}),
      sendg("f.fifo", "message-1", "1"), sendg("f.fifo", "message-2", "1"), sendg("f.fifo", "message-3", "1"),
      recv("f.fifo", [], WaitTimeSeconds=1),
      adv(2000),
      recv("f.fifo", ["message-1", "message-2", "message-3"], MaxNumberOfMessages=3)])

# ---------------------------------------------------------------------------------------------
# §5.5: retention
# ---------------------------------------------------------------------------------------------

case("Messages expire MessageRetentionPeriod seconds after they were sent",
     s("5.5", "aws-snapshot validated test_message_retention"),
     [create("q", {"MessageRetentionPeriod": "60"}), send("q", "a"),
      adv(30000), send("q", "b"),
      adv(29000), counts("q", 2),
      adv(2000), counts("q", 1),
      recv("q", ["b"], MaxNumberOfMessages=10),
      adv(30000), counts("q", 0, 0)])

case("Retention applies to in-flight messages too",
     s("5.5", "aws-snapshot validated test_message_retention_with_inflight"),
     [create("q", {"MessageRetentionPeriod": "60"}), send("q", "a"),
      recv("q", ["a"], VisibilityTimeout=43200),
      counts("q", 0, 1),
      adv(61000),
      counts("q", 0, 0),
      recv("q", [])])

case("Retention applies to delayed messages too",
     s("5.5", "aws-doc: deleted after the period whatever its state"),
     [create("q", {"MessageRetentionPeriod": "60"}), send("q", "a", DelaySeconds=900),
      counts("q", 0, 0, 1),
      adv(61000),
      counts("q", 0, 0, 0),
      adv(900000),
      recv("q", [])])

case("Lowering MessageRetentionPeriod expires messages already older than the new period",
     s("3, 5.5", "aws-doc; simulator applies attribute changes immediately (§12.1)"),
     [create("q"), send("q", "old"),
      adv(120000), send("q", "new"),
      set_attrs("q", {"MessageRetentionPeriod": "60"}),
      counts("q", 1),
      recv("q", ["new"], MaxNumberOfMessages=10)])

# ---------------------------------------------------------------------------------------------
# §5.6: system attributes
# ---------------------------------------------------------------------------------------------

case("FIFO SequenceNumber: a large decimal string that increases with every send",
     s("5.6, 6.1", "aws-doc; aws-snapshot validated test_sequence_number (strictly increasing)"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g1", ok={"SequenceNumber": SEQ, "MessageId": UUID}, save={"s1": "SequenceNumber"}),
      sendg("f.fifo", "b", "g1", ok={"SequenceNumber": {"$gt": "${s1}"}}, save={"s2": "SequenceNumber"}),
      sendg("f.fifo", "c", "g2", ok={"SequenceNumber": {"$gt": "${s2}"}}, save={"s3": "SequenceNumber"}),
      recv("f.fifo", ok={"Messages": [{"Body": "a", "Attributes": {"SequenceNumber": "${s1}"}},
                                      {"Body": "b", "Attributes": {"SequenceNumber": "${s2}"}},
                                      {"Body": "c", "Attributes": {"SequenceNumber": "${s3}"}}]},
           MaxNumberOfMessages=10, MessageSystemAttributeNames=["SequenceNumber"])])

case("Content-based deduplication exposes a SHA-256 MessageDeduplicationId",
     s("5.6, 6.1", "aws-doc SHA-256 of the body; hex form emulator-only"),
     [fifo("f.fifo"),
      sendg("f.fifo", "body", "g"),
      recv("f.fifo", ok={"Messages": [{"Attributes": {"MessageDeduplicationId": {"$regex": "^[0-9a-fA-F]{64}$"},
                                                      "MessageGroupId": "g"}}]},
           MessageSystemAttributeNames=["MessageDeduplicationId", "MessageGroupId"])])

case("MessageIds are unique per message",
     s("5.6", "aws-doc: unique across accounts"),
     [create("q"),
      send("q", "a", save={"a": "MessageId"}),
      send("q", "a", ok={"MessageId": {"$ne": "${a}"}}, save={"b": "MessageId"}),
      recv("q", ok={"Messages": [{"MessageId": "${a}"}, {"MessageId": "${b}"}]}, MaxNumberOfMessages=10)])

# ---------------------------------------------------------------------------------------------
# §4.8, §4.11, §4.12: batches
# ---------------------------------------------------------------------------------------------

ID_MSG = ("A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
          "It can be at most 80 letters long.")


def batch(action, q, entries, ok=None, err=None, msg=None, save=None):
    inp = {"QueueUrl": url(q), "Entries": entries}
    return call(action, inp, err=err, msg=msg) if err else call(action, inp, ok=ok or True, save=save)


def sb(q, entries, **kw):
    return batch("SendMessageBatch", q, entries, **kw)


def e(i, body, **members):
    return {"Id": i, "MessageBody": body, **members}


case("SendMessageBatch enqueues every entry and answers per-entry ids and MD5s",
     s("4.8", "aws-doc; aws-snapshot"),
     [create("q"),
      sb("q", [e("a", "one"), e("b", "two", MessageAttributes=_kx), e("c", "three")], ok={
          "Successful": [
              {"Id": "a", "MessageId": UUID, "MD5OfMessageBody": md5("one"), "MD5OfMessageAttributes": ABSENT,
               "SequenceNumber": ABSENT},
              {"Id": "b", "MessageId": UUID, "MD5OfMessageBody": md5("two"),
               "MD5OfMessageAttributes": "a45daa70926828a2f0a1db3418e6feb4"},
              {"Id": "c", "MessageId": UUID, "MD5OfMessageBody": md5("three")}],
          "Failed": {"$len": 0}}, save={"ida": "Successful[0].MessageId"}),
      recv("q", ok={"Messages": [{"Body": "one", "MessageId": "${ida}"}, {"Body": "two"}, {"Body": "three"}]},
           MaxNumberOfMessages=10)])

for _action, _entry in [("SendMessageBatch", lambda i: e(i, "x")),
                        ("DeleteMessageBatch", lambda i: {"Id": i, "ReceiptHandle": "h"}),
                        ("ChangeMessageVisibilityBatch", lambda i: {"Id": i, "ReceiptHandle": "h", "VisibilityTimeout": 1})]:
    case(f"{_action}: empty, too many, invalid ids and repeated ids fail the whole request",
         s("1.1, 4.8, 4.11, 4.12", "aws-snapshot texts for TooManyEntries and InvalidBatchEntryId; others code only"),
         [create("q"),
          batch(_action, "q", [], err="EmptyBatchRequest"),
          batch(_action, "q", [], err="AWS.SimpleQueueService.EmptyBatchRequest"),
          batch(_action, "q", [_entry(f"e{i}") for i in range(11)], err="TooManyEntriesInBatchRequest",
                msg="Maximum number of entries per request are 10. You have sent 11."),
          batch(_action, "q", [_entry("")], err="InvalidBatchEntryId", msg=ID_MSG),
          batch(_action, "q", [_entry("x" * 100)], err="InvalidBatchEntryId", msg=ID_MSG),
          batch(_action, "q", [_entry("invalid:id")], err="InvalidBatchEntryId", msg=ID_MSG),
          batch(_action, "q", [_entry("ok"), _entry("a b")], err="AWS.SimpleQueueService.InvalidBatchEntryId"),
          batch(_action, "q", [_entry("dup"), _entry("dup")], err="BatchEntryIdsNotDistinct"),
          counts("q", 0)])

case("Batch entry ids may be 80 characters of letters, digits, hyphens and underscores",
     s("4.8, 9", "aws-snapshot"),
     [create("q"),
      sb("q", [e("x" * 80, "a"), e("A-z_0", "b")], ok={"Successful": [{"Id": "x" * 80}, {"Id": "A-z_0"}]}),
      sb("q", [e("x" * 81, "c")], err="InvalidBatchEntryId", msg=ID_MSG),
      counts("q", 2)])

case("SendMessageBatch with exactly 10 entries is accepted",
     s("4.8, 9", "aws-doc"),
     [create("q"),
      sb("q", [e(f"e{i}", f"m{i}") for i in range(10)], ok={"Successful": {"$len": 10}, "Failed": {"$len": 0}}),
      counts("q", 10)])

case("SendMessageBatch total size is limited to 1,048,576 bytes whatever MaximumMessageSize is",
     s("1.1, 4.8", "aws-snapshot 2025-08-19"),
     [create("q"),
      sb("q", [e("a", {"$repeat": ["a", 524288]}), e("b", {"$repeat": ["b", 524289]})],
         err="BatchRequestTooLong",
         msg="Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes."),
      counts("q", 0),
      sb("q", [e("a", {"$repeat": ["a", 524288]}), e("b", {"$repeat": ["b", 524288]})],
         ok={"Successful": {"$len": 2}}),
      counts("q", 2)])

case("SendMessageBatch size counts message attributes",
     s("4.8, 5.8", "aws-snapshot size accounting (body + name + type + value)"),
     [create("q"),
      sb("q", [e("a", {"$repeat": ["a", 1048570]}, MessageAttributes=_kx)], err="BatchRequestTooLong",
         msg="Batch requests cannot be longer than 1048576 bytes. You have sent 1048578 bytes."),
      sb("q", [e("a", {"$repeat": ["a", 1048568]}, MessageAttributes=_kx)], ok={"Successful": {"$len": 1}})])

case("SendMessageBatch: an entry above MaximumMessageSize fails alone with SenderFault",
     s("4.8", "aws-snapshot: note \"cannot be validated\" wording"),
     [create("q", {"MaximumMessageSize": "1024"}),
      sb("q", [e("ok", {"$repeat": ["a", 1024]}), e("big", {"$repeat": ["a", 1025]})], ok={
          "Successful": [{"Id": "ok", "MessageId": UUID}],
          "Failed": [{"Id": "big", "SenderFault": True, "Code": "InvalidParameterValue",
                      "Message": "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes."}]}),
      counts("q", 1)])

case("SendMessageBatch: an entry with invalid characters fails with InvalidMessageContents",
     s("4.8, 5.9", "aws-snapshot validated: body \"\\x01\""),
     [create("q"),
      sb("q", [e("bad", "\u0001"), e("good", "fine")], ok={
          "Successful": [{"Id": "good"}],
          "Failed": [{"Id": "bad", "SenderFault": True, "Code": "InvalidMessageContents"}]}),
      recv("q", ["fine"], MaxNumberOfMessages=10)])

case("FIFO SendMessageBatch: a missing MessageGroupId or deduplication id fails the whole request",
     s("4.8", "aws-snapshot: batch uses InvalidParameterValue for the missing group"),
     [create("f.fifo", {"FifoQueue": "true"}),
      sb("f.fifo", [e("a", "a", MessageGroupId="g", MessageDeduplicationId="1"), e("b", "b", MessageDeduplicationId="2")],
         err="InvalidParameterValue", msg="The request must contain the parameter MessageGroupId."),
      sb("f.fifo", [e("a", "a", MessageGroupId="g", MessageDeduplicationId="1"), e("b", "b", MessageGroupId="g")],
         err="InvalidParameterValue",
         msg="The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"),
      counts("f.fifo", 0)])

case("FIFO SendMessageBatch enqueues entries in request order with increasing sequence numbers",
     s("4.8, 5.6", "aws-doc: entries of one batch are enqueued in request order"),
     [fifo("f.fifo"),
      sb("f.fifo", [e("a", "a", MessageGroupId="g"), e("b", "b", MessageGroupId="g"), e("c", "c", MessageGroupId="g")],
         ok={"Successful": [{"Id": "a", "SequenceNumber": SEQ}, {"Id": "b"}, {"Id": "c"}]},
         save={"sa": "Successful[0].SequenceNumber", "sb": "Successful[1].SequenceNumber"}),
      sb("f.fifo", [e("d", "d", MessageGroupId="g")], ok={"Successful": [{"SequenceNumber": {"$gt": "${sb}"}}]}),
      recv("f.fifo", ["a", "b", "c", "d"], MaxNumberOfMessages=10)])

case("FIFO SendMessageBatch accepts a per-entry DelaySeconds of 0",
     s("4.7, 5.4", "aws-snapshot for SendMessage: explicit 0 accepted on FIFO"),
     [fifo("f.fifo"),
      sb("f.fifo", [e("a", "a", MessageGroupId="g", DelaySeconds=0)], ok={"Successful": {"$len": 1}}),
      counts("f.fifo", 1)])

case("DeleteMessageBatch deletes each entry; a malformed handle fails only its entry",
     s("4.11", "aws-doc; per-entry ReceiptHandleIsInvalid from moto (emulator-only), code only"),
     [create("q"), send("q", "a"), send("q", "b"),
      recv("q", ["a", "b"], MaxNumberOfMessages=10,
           save={"h1": "Messages[0].ReceiptHandle", "h2": "Messages[1].ReceiptHandle"}),
      batch("DeleteMessageBatch", "q", [{"Id": "one", "ReceiptHandle": "${h1}"}, {"Id": "bad", "ReceiptHandle": "garbage"},
                                        {"Id": "two", "ReceiptHandle": "${h2}"}],
            ok={"Successful": [{"Id": "one"}, {"Id": "two"}],
                "Failed": [{"Id": "bad", "Code": "ReceiptHandleIsInvalid", "SenderFault": True}]}),
      counts("q", 0, 0)])

case("ChangeMessageVisibilityBatch changes each entry's timeout",
     s("4.12", "aws-doc"),
     [create("q"), send("q", "a"), send("q", "b"),
      recv("q", ["a", "b"], MaxNumberOfMessages=10,
           save={"h1": "Messages[0].ReceiptHandle", "h2": "Messages[1].ReceiptHandle"}),
      batch("ChangeMessageVisibilityBatch", "q",
            [{"Id": "x", "ReceiptHandle": "${h1}", "VisibilityTimeout": 0},
             {"Id": "y", "ReceiptHandle": "${h2}", "VisibilityTimeout": 100}],
            ok={"Successful": [{"Id": "x"}, {"Id": "y"}], "Failed": {"$len": 0}}),
      recv("q", ["a"], MaxNumberOfMessages=10, VisibilityTimeout=200),
      adv(99999), recv("q", [], MaxNumberOfMessages=10),
      adv(1), recv("q", ["b"], MaxNumberOfMessages=10)])

case("ChangeMessageVisibilityBatch: a malformed or deleted handle fails only its entry",
     s("4.12", "aws-doc per-entry results; codes as for ChangeMessageVisibility (aws-snapshot)"),
     [create("q"), send("q", "a"), send("q", "b"),
      recv("q", ["a", "b"], MaxNumberOfMessages=10,
           save={"h1": "Messages[0].ReceiptHandle", "h2": "Messages[1].ReceiptHandle"}),
      delete("q", "${h2}"),
      batch("ChangeMessageVisibilityBatch", "q",
            [{"Id": "ok", "ReceiptHandle": "${h1}", "VisibilityTimeout": 0},
             {"Id": "bad", "ReceiptHandle": "garbage", "VisibilityTimeout": 0},
             {"Id": "gone", "ReceiptHandle": "${h2}", "VisibilityTimeout": 0}],
            ok={"Successful": [{"Id": "ok"}],
                "Failed": [{"Id": "bad", "Code": "ReceiptHandleIsInvalid", "SenderFault": True},
                           {"Id": "gone", "Code": "InvalidParameterValue", "SenderFault": True}]}),
      counts("q", 1, 0)])

# ---------------------------------------------------------------------------------------------
# §6.2: FIFO ordering and message-group blocking (every recorded example)
# ---------------------------------------------------------------------------------------------

case("FIFO receive returns as many messages of one group as possible before other groups",
     s("6.2 rule 2", "aws-doc FIFO-queues-understanding-logic; recorded example"),
     [fifo("f.fifo"),
      sendg("f.fifo", "g1-m1", "g1"), sendg("f.fifo", "g2-m1", "g2"),
      sendg("f.fifo", "g1-m2", "g1"), sendg("f.fifo", "g1-m3", "g1"),
      recv("f.fifo", ["g1-m1", "g1-m2", "g1-m3", "g2-m1"], MaxNumberOfMessages=10)])

for _ext, _want in [("foo", []), ("bar", ["foo"]), ("baz", ["foo", "bar"])]:
    _idx = ["foo", "bar", "baz"].index(_ext)
    case(f"FIFO group blocking: extending {_ext}'s visibility blocks the group from {_ext} on",
         s("6.2 rule 3", "aws-snapshot 2025-11-19 test_fifo_group_visibility_extends_with_change_message_visibility"),
         [fifo("f.fifo"),
          sendg("f.fifo", "foo", "g"), sendg("f.fifo", "bar", "g"), sendg("f.fifo", "baz", "g"),
          recv("f.fifo", ["foo", "bar", "baz"], MaxNumberOfMessages=10, VisibilityTimeout=1,
               save={"h": f"Messages[{_idx}].ReceiptHandle"}),
          cmv("f.fifo", "${h}", 4),
          adv(2500),
          recv("f.fifo", _want, MaxNumberOfMessages=10)])

case("FIFO: a released head is returned but later in-flight group members stay hidden; the released group goes behind waiting groups",
     s("6.2 rules 3, 5", "aws-snapshot validated test_fifo_message_group_visibility (recorded order [g2-m1, g1-m1])"),
     [fifo("f.fifo", {"VisibilityTimeout": "30"}),
      sendg("f.fifo", "g1-m1", "group-1"), sendg("f.fifo", "g1-m2", "group-1"), sendg("f.fifo", "g2-m1", "group-2"),
      recv("f.fifo", ["g1-m1", "g1-m2"], MaxNumberOfMessages=2, save={"h": "Messages[0].ReceiptHandle"}),
      cmv("f.fifo", "${h}", 1),
      adv(2000),
      recv("f.fifo", ["g2-m1", "g1-m1"], MaxNumberOfMessages=3)])

case("FIFO: visibility 0 on the head returns it with other groups, not the in-flight member behind it",
     s("6.2 rule 3", "aws-snapshot validated; cross-group order unspecified (rule 5)"),
     [fifo("f.fifo"),
      sendg("f.fifo", "g1-m1", "g1"), sendg("f.fifo", "g1-m2", "g1"), sendg("f.fifo", "g2-m1", "g2"),
      recv("f.fifo", ["g1-m1", "g1-m2"], MaxNumberOfMessages=2, save={"h": "Messages[0].ReceiptHandle"}),
      cmv("f.fifo", "${h}", 0),
      recv("f.fifo", ok={"Messages": {"$unordered": [{"Body": "g1-m1"}, {"Body": "g2-m1"}]}}, MaxNumberOfMessages=10)])

_groups_setup = [fifo("f.fifo"),
                 sendg("f.fifo", "g1-m1", "group-1"), sendg("f.fifo", "g2-m1", "group-2"),
                 sendg("f.fifo", "g1-m2", "group-1"), sendg("f.fifo", "g2-m2", "group-2"),
                 sendg("f.fifo", "g1-m2", "group-1"),  # same body: deduplicated (content-based)
                 sendg("f.fifo", "g1-m3", "group-1"), sendg("f.fifo", "g1-m4", "group-1"),
                 sendg("f.fifo", "g3-m1", "group-3"),
                 recv("f.fifo", ["g1-m1", "g1-m2"], MaxNumberOfMessages=2,
                      save={"h1": "Messages[0].ReceiptHandle", "h2": "Messages[1].ReceiptHandle"})]
case("FIFO: deleting only the head keeps the group blocked while a later member is in flight",
     s("6.2 rule 3", "aws-snapshot validated test_fifo_message_group_visibility_after_partial_delete"),
     _groups_setup + [delete("f.fifo", "${h1}"),
                      recv("f.fifo", ["g2-m1", "g2-m2", "g3-m1"], MaxNumberOfMessages=10)])

case("FIFO: deleting all in-flight members releases the group (cross-group order unspecified)",
     s("6.2 rules 1, 5", "aws-snapshot validated test_fifo_message_group_visibility_after_delete; AWS and LocalStack orders differ"),
     _groups_setup + [delete("f.fifo", "${h1}"), delete("f.fifo", "${h2}"),
                      recv("f.fifo", ok={"Messages": {"$unordered": [
                          {"Body": "g2-m1"}, {"Body": "g2-m2"}, {"Body": "g1-m3"}, {"Body": "g1-m4"}, {"Body": "g3-m1"}]}},
                           MaxNumberOfMessages=10)])

case("FIFO: within a group messages come strictly in send order, one receive at a time",
     s("6.2 rule 1", "aws-doc"),
     [fifo("f.fifo"),
      sendg("f.fifo", "m1", "g"), sendg("f.fifo", "m2", "g"), sendg("f.fifo", "m3", "g"),
      recv("f.fifo", ["m1"], save={"h": "Messages[0].ReceiptHandle"}),
      recv("f.fifo", []),
      delete("f.fifo", "${h}"),
      recv("f.fifo", ["m2"], save={"h": "Messages[0].ReceiptHandle"}),
      delete("f.fifo", "${h}"),
      recv("f.fifo", ["m3"])])

case("FIFO: a message sent to a group with a message in flight waits until that one is deleted",
     s("6.2 rule 4", "aws-snapshot validated"),
     [fifo("f.fifo"),
      sendg("f.fifo", "m1", "g"),
      recv("f.fifo", ["m1"], save={"h": "Messages[0].ReceiptHandle"}),
      sendg("f.fifo", "m2", "g"),
      recv("f.fifo", [], MaxNumberOfMessages=10),
      counts("f.fifo", 1, 1),
      delete("f.fifo", "${h}"),
      recv("f.fifo", ["m2"], MaxNumberOfMessages=10)])

case("FIFO: when the head's visibility timeout ends, the group restarts from the head",
     s("6.2 rules 1, 3", "aws-doc"),
     [fifo("f.fifo", {"VisibilityTimeout": "5"}),
      sendg("f.fifo", "m1", "g"), sendg("f.fifo", "m2", "g"),
      recv("f.fifo", ["m1"]),
      recv("f.fifo", []),
      adv(5000),
      recv("f.fifo", ok={"Messages": [{"Body": "m1", "Attributes": {"ApproximateReceiveCount": "2"}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"], save={"h": "Messages[0].ReceiptHandle"}),
      delete("f.fifo", "${h}"),
      recv("f.fifo", ["m2"])])

case("FIFO: another group is served while one group is blocked",
     s("6.2 rules 3, 5", "aws-doc"),
     [fifo("f.fifo"),
      sendg("f.fifo", "x", "g1"), sendg("f.fifo", "y", "g2"),
      recv("f.fifo", ok={"Messages": [{"Body": {"$regex": "^[xy]$"}}]}, save={"b": "Messages[0].Body"}),
      recv("f.fifo", ok={"Messages": [{"Body": {"$ne": "${b}"}}]}),
      recv("f.fifo", [])])

case("FIFO: VisibilityTimeout 0 is allowed and makes the head receivable again at once",
     s("6.2 rule 7", "aws-doc DG-2023; simulator allows VT 0 without extra duplication"),
     [fifo("f.fifo"),
      sendg("f.fifo", "m1", "g"), sendg("f.fifo", "m2", "g"),
      recv("f.fifo", ["m1"], VisibilityTimeout=0),
      recv("f.fifo", ok={"Messages": [{"Body": "m1", "Attributes": {"ApproximateReceiveCount": "2"}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"])])

# ---------------------------------------------------------------------------------------------
# §6.1: FIFO deduplication
# ---------------------------------------------------------------------------------------------

case("FIFO: a duplicate within 5 minutes is accepted, answered with the original ids, and not delivered",
     s("6.1, 14 Q7", "aws-doc; original MessageId/SequenceNumber per Q7 recommendation (emulator-only)"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1", save={"id": "MessageId", "seq": "SequenceNumber"}),
      sendg("f.fifo", "b", "g", MessageDeduplicationId="d1", ok={"MessageId": "${id}", "SequenceNumber": "${seq}"}),
      counts("f.fifo", 1),
      recv("f.fifo", ["a"], MaxNumberOfMessages=10)])

case("FIFO: the deduplication interval is 5 minutes from the original send",
     s("6.1, 12.7", "aws-doc: 5-minute interval; TTL from the original send"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1"),
      adv(299000),
      sendg("f.fifo", "b", "g", MessageDeduplicationId="d1"),
      counts("f.fifo", 1),
      adv(2000),
      sendg("f.fifo", "c", "g", MessageDeduplicationId="d1"),
      counts("f.fifo", 2),
      recv("f.fifo", ["a", "c"], MaxNumberOfMessages=10)])

case("FIFO: a deduplication id is remembered after its message was received and deleted",
     s("6.1", "aws-snapshot validated test_fifo_deduplication_arrives_once_after_delete"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1"),
      recv("f.fifo", ["a"], save={"h": "Messages[0].ReceiptHandle"}),
      delete("f.fifo", "${h}"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1"),
      counts("f.fifo", 0, 0),
      recv("f.fifo", [], WaitTimeSeconds=1)])

case("FIFO content-based deduplication hashes the body only; an explicit id overrides it",
     s("6.1", "aws-doc"),
     [fifo("f.fifo"),
      sendg("f.fifo", "same", "g", save={"id": "MessageId"}),
      sendg("f.fifo", "same", "g", MessageAttributes=_kx, ok={"MessageId": "${id}"}),
      sendg("f.fifo", "other", "g"),
      sendg("f.fifo", "same", "g", MessageDeduplicationId="x1"),
      sendg("f.fifo", "same", "g", MessageDeduplicationId="x2"),
      recv("f.fifo", ["same", "other", "same", "same"], MaxNumberOfMessages=10)])

case("FIFO deduplication scope queue: the same id in another group is a duplicate",
     s("6.1", "aws-snapshot test_sqs_fifo_same_dedup_id_different_message_groups"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g1", MessageDeduplicationId="d1"),
      sendg("f.fifo", "b", "g2", MessageDeduplicationId="d1"),
      recv("f.fifo", ["a"], MaxNumberOfMessages=10)])

case("FIFO deduplication scope messageGroup: ids are deduplicated per group",
     s("6.1", "aws-snapshot (with or without perMessageGroupId)"),
     [fifo("f.fifo", {"DeduplicationScope": "messageGroup"}),
      sendg("f.fifo", "a", "g1", MessageDeduplicationId="d1"),
      sendg("f.fifo", "b", "g2", MessageDeduplicationId="d1"),
      sendg("f.fifo", "c", "g1", MessageDeduplicationId="d1"),
      counts("f.fifo", 2),
      recv("f.fifo", ok={"Messages": {"$unordered": [{"Body": "a"}, {"Body": "b"}]}}, MaxNumberOfMessages=10)])

case("FIFO high-throughput mode deduplicates per group",
     s("6.1, 6.4", "aws-snapshot"),
     [fifo("f.fifo", {"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}),
      sendg("f.fifo", "a", "g1", MessageDeduplicationId="d1"),
      sendg("f.fifo", "b", "g2", MessageDeduplicationId="d1"),
      counts("f.fifo", 2)])

case("FIFO: changing DeduplicationScope after creation is reflected but does not change deduplication",
     s("3, 6.1, 14 Q8", "aws-snapshot 2025-08-19; Q8: scope fixed at creation"),
     [fifo("f.fifo"),
      set_attrs("f.fifo", {"DeduplicationScope": "messageGroup"}),
      attrs_are("f.fifo", DeduplicationScope="messageGroup"),
      sendg("f.fifo", "a", "g1", MessageDeduplicationId="d1"),
      sendg("f.fifo", "b", "g2", MessageDeduplicationId="d1"),
      counts("f.fifo", 1)])

case("FIFO: duplicates within one batch are accepted and delivered once",
     s("6.1, 4.8", "aws-doc: duplicates accepted but not delivered"),
     [fifo("f.fifo"),
      sb("f.fifo", [e("a", "a", MessageGroupId="g", MessageDeduplicationId="d"),
                    e("b", "b", MessageGroupId="g", MessageDeduplicationId="d")],
         ok={"Successful": [{"Id": "a"}, {"Id": "b"}], "Failed": {"$len": 0}}),
      recv("f.fifo", ["a"], MaxNumberOfMessages=10)])

case("FIFO: turning ContentBasedDeduplication off makes the deduplication id mandatory again",
     s("3, 6.1", "aws-snapshot test_fifo_set_content_based_deduplication_strategy"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g"),
      set_attrs("f.fifo", {"ContentBasedDeduplication": "false"}),
      sendg("f.fifo", "b", "g", err="InvalidParameterValue",
            msg="The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")])

case("FIFO: a duplicate sent in a batch is answered with the original MessageId",
     s("6.1, 14 Q7", "Q7 recommendation (emulator-only)"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1", save={"id": "MessageId", "seq": "SequenceNumber"}),
      sb("f.fifo", [e("x", "a-again", MessageGroupId="g", MessageDeduplicationId="d1")],
         ok={"Successful": [{"Id": "x", "MessageId": "${id}", "SequenceNumber": "${seq}"}]}),
      counts("f.fifo", 1)])

case("FIFO: a re-created queue does not remember the deleted queue's deduplication ids",
     s("4.2, 6.1", "aws-doc: the dedup cache belongs to the queue"),
     [fifo("f.fifo"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1"),
      call("DeleteQueue", {"QueueUrl": Q + "f.fifo"}, ok={}),
      adv(60000),
      fifo("f.fifo"),
      sendg("f.fifo", "a", "g", MessageDeduplicationId="d1"),
      counts("f.fifo", 1),
      call("ListQueueTags", {"QueueUrl": Q + "f.fifo"}, ok={"Tags": ABSENT})])

case("FIFO: an explicit deduplication id is reported even when content-based deduplication is on",
     s("5.6, 6.1", "aws-doc: an explicit id overrides the content hash"),
     [fifo("f.fifo"),
      sendg("f.fifo", "body", "g", MessageDeduplicationId="mine"),
      recv("f.fifo", ok={"Messages": [{"Attributes": {"MessageDeduplicationId": "mine"}}]},
           MessageSystemAttributeNames=["MessageDeduplicationId"])])

case("FIFO: a receive fills up with the first group, then continues with the next",
     s("6.2 rule 2", "aws-doc FIFO-queues-understanding-logic"),
     [fifo("f.fifo"),
      sendg("f.fifo", "g1-m1", "g1"), sendg("f.fifo", "g1-m2", "g1"),
      sendg("f.fifo", "g2-m1", "g2"), sendg("f.fifo", "g2-m2", "g2"),
      recv("f.fifo", ["g1-m1", "g1-m2", "g2-m1"], MaxNumberOfMessages=3),
      recv("f.fifo", [], MaxNumberOfMessages=10)])

case("FIFO: a group with more messages than MaxNumberOfMessages is returned in order across receives",
     s("6.2 rules 1, 2", "aws-doc"),
     [fifo("f.fifo")] + [sendg("f.fifo", f"m{i:02}", "g") for i in range(15)] + [
         recv("f.fifo", [f"m{i:02}" for i in range(10)], MaxNumberOfMessages=10, VisibilityTimeout=0),
         recv("f.fifo", [f"m{i:02}" for i in range(10)], MaxNumberOfMessages=10),
         recv("f.fifo", [], MaxNumberOfMessages=10)])

# ---------------------------------------------------------------------------------------------
# §6.3: ReceiveRequestAttemptId
# ---------------------------------------------------------------------------------------------

case("ReceiveRequestAttemptId: a retry returns the same messages and receipt handles",
     s("6.3", "aws-doc ReceiveMessage"),
     [fifo("f.fifo"),
      sendg("f.fifo", "m1", "g"), sendg("f.fifo", "m2", "g"),
      recv("f.fifo", ["m1"], ReceiveRequestAttemptId="a1",
           save={"id": "Messages[0].MessageId", "h": "Messages[0].ReceiptHandle"}),
      recv("f.fifo", ok={"Messages": [{"Body": "m1", "MessageId": "${id}", "ReceiptHandle": "${h}"}]},
           ReceiveRequestAttemptId="a1"),
      recv("f.fifo", [], ReceiveRequestAttemptId="a2"),
      counts("f.fifo", 1, 1)])

case("ReceiveRequestAttemptId: after a delete the retry performs a fresh receive",
     s("6.3", "aws-doc: replay only while none were deleted"),
     [fifo("f.fifo"),
      sendg("f.fifo", "m1", "g"), sendg("f.fifo", "m2", "g"),
      recv("f.fifo", ["m1"], ReceiveRequestAttemptId="a1", save={"h": "Messages[0].ReceiptHandle"}),
      delete("f.fifo", "${h}"),
      recv("f.fifo", ["m2"], ReceiveRequestAttemptId="a1")])

case("ReceiveRequestAttemptId: after a visibility change the retry performs a fresh receive",
     s("6.3", "aws-doc: replay only while none had their visibility changed"),
     [fifo("f.fifo"),
      sendg("f.fifo", "m1", "g"),
      recv("f.fifo", ["m1"], ReceiveRequestAttemptId="a1", save={"h": "Messages[0].ReceiptHandle"}),
      cmv("f.fifo", "${h}", 0),
      recv("f.fifo", ok={"Messages": [{"Body": "m1", "ReceiptHandle": {"$ne": "${h}"}}]},
           ReceiveRequestAttemptId="a1")])

case("ReceiveRequestAttemptId: a retry resets the visibility timeout",
     s("6.3", "aws-doc ReceiveMessage: a retry resets the visibility timeout"),
     [fifo("f.fifo", {"VisibilityTimeout": "10"}),
      sendg("f.fifo", "m1", "g"),
      recv("f.fifo", ["m1"], ReceiveRequestAttemptId="a1", save={"h": "Messages[0].ReceiptHandle"}),
      adv(8000),
      recv("f.fifo", ok={"Messages": [{"ReceiptHandle": "${h}"}]}, ReceiveRequestAttemptId="a1"),
      adv(8000),
      recv("f.fifo", [], ReceiveRequestAttemptId="b1"),
      adv(2000),
      recv("f.fifo", ["m1"], ReceiveRequestAttemptId="c1")])

case("ReceiveRequestAttemptId is at most 128 alphanumeric and punctuation characters",
     s("6.3", "aws-doc; code only"),
     [fifo("f.fifo"),
      recv("f.fifo", [], ReceiveRequestAttemptId="a" * 128),
      recv("f.fifo", ReceiveRequestAttemptId="a" * 129, err="InvalidParameterValue"),
      recv("f.fifo", ReceiveRequestAttemptId="a b", err="InvalidParameterValue")])

# ---------------------------------------------------------------------------------------------
# §7, §4.14: dead-letter queues
# ---------------------------------------------------------------------------------------------


def redrive(dlq, n):
    return json.dumps({"deadLetterTargetArn": ARN + dlq, "maxReceiveCount": n})


case("maxReceiveCount 1: the second receive moves the message to the DLQ instead of returning it",
     s("7, 5.6", "aws-snapshot validated test_dead_letter_queue_message_attributes: DLQ shows count 2"),
     [create("dlq"),
      create("src", {"RedrivePolicy": redrive("dlq", 1), "VisibilityTimeout": "1"}),
      send("src", "poison", MessageAttributes=_kx, save={"id": "MessageId"}),
      recv("src", ["poison"]),
      adv(1000),
      recv("src", [], MaxNumberOfMessages=10),
      counts("src", 0, 0),
      counts("dlq", 1),
      recv("dlq", ok={"Messages": [{"MessageId": "${id}", "Body": "poison", "MessageAttributes": _kx,
                                    "MD5OfMessageAttributes": "a45daa70926828a2f0a1db3418e6feb4",
                                    "Attributes": {"ApproximateReceiveCount": "2", "SentTimestamp": "1704067200000",
                                                   "DeadLetterQueueSourceArn": ARN + "src"}}]},
           MessageSystemAttributeNames=["All"], MessageAttributeNames=["All"])])

case("maxReceiveCount 3: three receives return the message, the fourth moves it",
     s("7", "aws-snapshot validated + aws-doc 'exceeds the maxReceiveCount'"),
     [create("dlq"),
      create("src", {"RedrivePolicy": redrive("dlq", 3)}),
      send("src", "m"),
      recv("src", ["m"], VisibilityTimeout=0),
      recv("src", ["m"], VisibilityTimeout=0),
      recv("src", ok={"Messages": [{"Body": "m", "Attributes": {"ApproximateReceiveCount": "3"}}]},
           VisibilityTimeout=0, MessageSystemAttributeNames=["ApproximateReceiveCount"]),
      recv("src", []),
      recv("dlq", ok={"Messages": [{"Body": "m", "Attributes": {"ApproximateReceiveCount": "4"}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"])])

case("A message that is never received never moves to the DLQ",
     s("7", "aws-snapshot validated: the move is triggered by a receive attempt"),
     [create("dlq"),
      create("src", {"RedrivePolicy": redrive("dlq", 1)}),
      send("src", "m"),
      adv(86400000),
      counts("src", 1), counts("dlq", 0)])

case("The DLQ move happens on a receive attempt, not when the visibility timeout ends",
     s("7", "aws-snapshot validated + LS impl"),
     [create("dlq"),
      create("src", {"RedrivePolicy": redrive("dlq", 1), "VisibilityTimeout": "1"}),
      send("src", "m"),
      recv("src", ["m"]),
      adv(5000),
      counts("src", 1, 0), counts("dlq", 0),
      recv("src", []),
      counts("src", 0, 0), counts("dlq", 1)])

case("A RedrivePolicy set later applies to the receive counts messages already have",
     s("7", "aws-snapshot validated + LS impl: move when receiveCount + 1 > maxReceiveCount"),
     [create("dlq"), create("src", {"VisibilityTimeout": "0"}),
      send("src", "m"),
      recv("src", ["m"]), recv("src", ["m"]), recv("src", ["m"]),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 2)}),
      recv("src", []),
      counts("dlq", 1),
      recv("dlq", ok={"Messages": [{"Body": "m", "Attributes": {"ApproximateReceiveCount": "4"}}]},
           MessageSystemAttributeNames=["ApproximateReceiveCount"])])

case("A message sent straight to a DLQ has no DeadLetterQueueSourceArn",
     s("5.6, 7", "aws-snapshot: the attribute marks moved messages"),
     [create("dlq"), create("src", {"RedrivePolicy": redrive("dlq", 1)}),
      send("dlq", "manual"),
      recv("dlq", ok={"Messages": [{"Body": "manual", "Attributes": {"DeadLetterQueueSourceArn": ABSENT}}]},
           MessageSystemAttributeNames=["All"])])

case("FIFO DLQ: after the head moves, the rest of its group becomes available",
     s("7", "aws-snapshot validated test_dead_letter_queue_with_fifo_and_content_based_deduplication; aws-doc DG-2023 dedup id := MessageId"),
     [fifo("dlq.fifo"),
      fifo("src.fifo", {"RedrivePolicy": redrive("dlq.fifo", 1), "VisibilityTimeout": "1"}),
      sendg("src.fifo", "g1-m1", "g1", save={"id": "MessageId"}),
      sendg("src.fifo", "g1-m2", "g1"),
      recv("src.fifo", ["g1-m1"]),
      adv(1000),
      recv("src.fifo", ["g1-m2"], MaxNumberOfMessages=10),
      recv("dlq.fifo", ok={"Messages": [{"MessageId": "${id}", "Body": "g1-m1", "Attributes": {
          "MessageGroupId": "g1", "MessageDeduplicationId": "${id}", "ApproximateReceiveCount": "2",
          "DeadLetterQueueSourceArn": ARN + "src.fifo", "SequenceNumber": SEQ}}]},
           MessageSystemAttributeNames=["All"])])

case("RedrivePolicy is stored as JSON and \"\" removes it",
     s("3, 4.5", "aws-snapshot validated"),
     [create("dlq"), create("src"),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 5)}),
      get_attrs("src", ["RedrivePolicy"], {"Attributes": {"RedrivePolicy": {"$json": {
          "deadLetterTargetArn": ARN + "dlq", "maxReceiveCount": 5}}}}),
      set_attrs("src", {"RedrivePolicy": ""}),
      get_attrs("src", ["All"], {"Attributes": {"RedrivePolicy": ABSENT}})])

case("RedrivePolicy maxReceiveCount must be 1..1000 and both keys are required",
     s("7, 14 Q6", "LS impl ranges; AWS texts unrecorded, code InvalidParameterValue"),
     [create("dlq"), create("src"),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 1)}),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 1000)}),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 0)}, err="InvalidParameterValue"),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 1001)}, err="InvalidParameterValue"),
      set_attrs("src", {"RedrivePolicy": json.dumps({"maxReceiveCount": 5})}, err="InvalidParameterValue"),
      get_attrs("src", ["RedrivePolicy"], {"Attributes": {"RedrivePolicy": {"$json": {"maxReceiveCount": 1000}}}})])

case("RedrivePolicy naming a queue that does not exist is rejected",
     s("7, 14 Q6", "unrecorded in the spec; real-AWS error logs quote InvalidParameterValue "
       "'... Reason: Dead letter target does not exist.' (moto uses NonExistentQueue); code only"),
     [create("src"),
      set_attrs("src", {"RedrivePolicy": redrive("missing", 3)}, err="InvalidParameterValue"),
      get_attrs("src", ["All"], {"Attributes": {"RedrivePolicy": ABSENT}})])

case("The DLQ must be of the same type as the source queue",
     s("7, 14 Q6", "aws-doc: same type; error code unrecorded, InvalidParameterValue"),
     [create("std-dlq"), fifo("fifo-dlq.fifo"), create("src"), fifo("src.fifo"),
      set_attrs("src", {"RedrivePolicy": redrive("fifo-dlq.fifo", 3)}, err="InvalidParameterValue"),
      set_attrs("src.fifo", {"RedrivePolicy": redrive("std-dlq", 3)}, err="InvalidParameterValue"),
      set_attrs("src.fifo", {"RedrivePolicy": redrive("fifo-dlq.fifo", 3)})])

case("RedriveAllowPolicy byQueue admits only the listed source queues",
     s("3, 7, 14 Q6", "aws-doc; rejection code unrecorded, InvalidParameterValue"),
     [create("dlq"), create("a"), create("b"),
      set_attrs("dlq", {"RedriveAllowPolicy": json.dumps({"redrivePermission": "byQueue",
                                                          "sourceQueueArns": [ARN + "a"]})}),
      get_attrs("dlq", ["RedriveAllowPolicy"], {"Attributes": {"RedriveAllowPolicy": {"$json": {
          "redrivePermission": "byQueue", "sourceQueueArns": [ARN + "a"]}}}}),
      set_attrs("a", {"RedrivePolicy": redrive("dlq", 2)}),
      set_attrs("b", {"RedrivePolicy": redrive("dlq", 2)}, err="InvalidParameterValue")])

case("RedriveAllowPolicy denyAll admits no source queue; allowAll admits any",
     s("3, 7, 14 Q6", "aws-doc; rejection code unrecorded, InvalidParameterValue"),
     [create("dlq", {"RedriveAllowPolicy": json.dumps({"redrivePermission": "denyAll"})}),
      create("src"),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 2)}, err="InvalidParameterValue"),
      set_attrs("dlq", {"RedriveAllowPolicy": json.dumps({"redrivePermission": "allowAll"})}),
      set_attrs("src", {"RedrivePolicy": redrive("dlq", 2)})])

case("RedriveAllowPolicy values are validated",
     s("3", "aws-doc: sourceQueueArns only with byQueue, at most 10; codes only"),
     [create("dlq"),
      set_attrs("dlq", {"RedriveAllowPolicy": json.dumps({"redrivePermission": "sometimes"})},
                err="InvalidParameterValue"),
      set_attrs("dlq", {"RedriveAllowPolicy": json.dumps({"redrivePermission": "allowAll",
                                                          "sourceQueueArns": [ARN + "a"]})},
                err="InvalidParameterValue"),
      set_attrs("dlq", {"RedriveAllowPolicy": json.dumps({"redrivePermission": "byQueue",
                                                          "sourceQueueArns": [ARN + f"q{i}" for i in range(11)]})},
                err="InvalidParameterValue"),
      set_attrs("dlq", {"RedriveAllowPolicy": json.dumps({"redrivePermission": "byQueue",
                                                          "sourceQueueArns": [ARN + f"q{i}" for i in range(10)]})}),
      get_attrs("dlq", ["All"], {"Attributes": {"RedriveAllowPolicy": {"$json": {"redrivePermission": "byQueue"}}}})])

case("ListDeadLetterSourceQueues lists the queues whose RedrivePolicy targets the DLQ (lowercase queueUrls)",
     s("4.14", "aws-doc model; aws-snapshot validated; an empty result may be [] (required member) or absent"),
     [create("dlq"), create("other"),
      create("a", {"RedrivePolicy": redrive("dlq", 3)}),
      create("b", {"RedrivePolicy": redrive("dlq", 3)}),
      create("c", {"RedrivePolicy": redrive("other", 3)}),
      call("ListDeadLetterSourceQueues", {"QueueUrl": Q + "dlq"},
           ok={"queueUrls": {"$unordered": [Q + "a", Q + "b"]}, "QueueUrls": ABSENT}),
      call("ListDeadLetterSourceQueues", {"QueueUrl": Q + "a"}, ok={"queueUrls": {"$len": 0}}),
      set_attrs("b", {"RedrivePolicy": ""}),
      call("ListDeadLetterSourceQueues", {"QueueUrl": Q + "dlq"}, ok={"queueUrls": [Q + "a"]})])

case("ListDeadLetterSourceQueues paginates with MaxResults and NextToken",
     s("4.14", "aws-doc"),
     [create("dlq"),
      create("a", {"RedrivePolicy": redrive("dlq", 3)}),
      create("b", {"RedrivePolicy": redrive("dlq", 3)}),
      call("ListDeadLetterSourceQueues", {"QueueUrl": Q + "dlq", "MaxResults": 1},
           ok={"queueUrls": {"$len": 1}, "NextToken": {"$regex": ".+"}},
           save={"first": "queueUrls[0]", "t": "NextToken"}),
      call("ListDeadLetterSourceQueues", {"QueueUrl": Q + "dlq", "MaxResults": 1, "NextToken": "${t}"},
           ok={"queueUrls": [{"$ne": "${first}"}], "NextToken": ABSENT})])

case("Standard DLQ: retention still counts from the original send",
     s("5.5, 7", "aws-doc setting-up-dead-letter-queue-retention"),
     [create("dlq", {"MessageRetentionPeriod": "60"}),
      create("src", {"RedrivePolicy": redrive("dlq", 1)}),
      send("src", "m"),
      recv("src", ["m"], VisibilityTimeout=0),
      adv(30000),
      recv("src", []),
      counts("dlq", 1),
      adv(31000),
      counts("dlq", 0)])

case("FIFO DLQ: retention restarts when the message is moved",
     s("5.5, 7", "aws-doc current DG setting-up-dead-letter-queue-retention"),
     [fifo("dlq.fifo", {"MessageRetentionPeriod": "60"}),
      fifo("src.fifo", {"RedrivePolicy": redrive("dlq.fifo", 1)}),
      sendg("src.fifo", "m", "g"),
      recv("src.fifo", ["m"], VisibilityTimeout=0),
      adv(30000),
      recv("src.fifo", []),
      counts("dlq.fifo", 1),
      adv(31000),
      counts("dlq.fifo", 1),
      adv(30000),
      counts("dlq.fifo", 0)])

case("A long poll keeps waiting when the message that became eligible moves to the DLQ instead",
     s("7, 5.3", "aws-snapshot validated: the move replaces the return") + "; api-contract.md rule 1",
     [create("dlq"),
      create("src", {"RedrivePolicy": redrive("dlq", 1), "VisibilityTimeout": "2"}),
      send("src", "m"),
      recv("src", ["m"]),
      recv("src", [], WaitTimeSeconds=10),
      clock(10000),
      counts("src", 0, 0), counts("dlq", 1)])

case("A moved message keeps its AWSTraceHeader and SentTimestamp in the DLQ",
     s("7", "aws-snapshot: MessageId, body, attributes, SentTimestamp, AWSTraceHeader kept"),
     [create("dlq"),
      create("src", {"RedrivePolicy": redrive("dlq", 1)}),
      adv(500),
      send("src", "m", MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": _trace}}),
      recv("src", ["m"], VisibilityTimeout=0),
      adv(500),
      recv("src", []),
      recv("dlq", ok={"Messages": [{"Body": "m", "Attributes": {"AWSTraceHeader": _trace,
                                                                "SentTimestamp": "1704067200500"}}]},
           MessageSystemAttributeNames=["All"])])

# ---------------------------------------------------------------------------------------------
# §4.15: message move tasks (DLQ redrive)
# ---------------------------------------------------------------------------------------------


def dlq_with(n, src="src", dlq="dlq"):
    """Creates `dlq` and `src` (maxReceiveCount 1) and moves n messages m0..m{n-1} into the DLQ."""
    return ([create(dlq), create(src, {"RedrivePolicy": redrive(dlq, 1)})]
            + [send(src, f"m{i}") for i in range(n)]
            + [recv(src, [f"m{i}" for i in range(n)], MaxNumberOfMessages=10, VisibilityTimeout=0),
               recv(src, [], MaxNumberOfMessages=10),
               counts(dlq, n)])


def start(inp, ok=None, err=None, msg=None, save=None):
    if err:
        return call("StartMessageMoveTask", inp, err=err, msg=msg)
    return call("StartMessageMoveTask", inp, ok=ok or {"TaskHandle": {"$regex": ".+"}}, save=save)


def list_tasks(source, results, **extra):
    return call("ListMessageMoveTasks", {"SourceArn": ARN + source, **extra}, ok={"Results": results})


case("StartMessageMoveTask needs a source that is some queue's DLQ",
     s("4.15", "aws-snapshot"),
     [create("plain"),
      start({"SourceArn": ARN + "plain"}, err="InvalidParameterValue",
            msg="Source queue must be configured as a Dead Letter Queue.")])

case("StartMessageMoveTask with a missing destination is ResourceNotFoundException",
     s("4.15", "aws-snapshot (404)"),
     dlq_with(1) + [
         start({"SourceArn": ARN + "dlq", "DestinationArn": ARN + "missing"}, err="ResourceNotFoundException",
               msg="The resource that you specified for the DestinationArn parameter doesn't exist.")])

case("StartMessageMoveTask with a missing source is ResourceNotFoundException",
     s("1.1, 4.15", "aws-snapshot: move-task source not found; code only"),
     [start({"SourceArn": ARN + "missing"}, err="ResourceNotFoundException")])

case("A move task without destination returns each message to its source queue as a new message",
     s("4.15", "aws-doc DG-2023: new message id, enqueue time and retention; aws-snapshot List fields"),
     dlq_with(3) + [
         recv("dlq", ["m0"], VisibilityTimeout=0, save={"old": "Messages[0].MessageId"}),
         adv(1000),
         start({"SourceArn": ARN + "dlq"}),
         adv(1000),
         list_tasks("dlq", [{"Status": "COMPLETED", "SourceArn": ARN + "dlq", "ApproximateNumberOfMessagesMoved": 3,
                             "ApproximateNumberOfMessagesToMove": 3, "StartedTimestamp": T0 + 1000,
                             "TaskHandle": ABSENT, "DestinationArn": ABSENT,
                             "MaxNumberOfMessagesPerSecond": ABSENT, "FailureReason": ABSENT}]),
         counts("dlq", 0), counts("src", 3),
         recv("src", ok={"Messages": [
             {"Body": "m0", "MessageId": {"$ne": "${old}"},
              "Attributes": {"ApproximateReceiveCount": "1", "DeadLetterQueueSourceArn": ABSENT,
                             "SentTimestamp": "1704067201000"}},
             {"Body": "m1"}, {"Body": "m2"}]}, MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"])])

case("A move task without destination sends messages back to their own source queues",
     s("4.15", "aws-doc: tracked via DeadLetterQueueSourceArn"),
     [create("dlq"),
      create("a", {"RedrivePolicy": redrive("dlq", 1)}), create("b", {"RedrivePolicy": redrive("dlq", 1)}),
      send("a", "from-a"), send("b", "from-b"),
      recv("a", ["from-a"], VisibilityTimeout=0), recv("a", []),
      recv("b", ["from-b"], VisibilityTimeout=0), recv("b", []),
      counts("dlq", 2),
      start({"SourceArn": ARN + "dlq"}),
      adv(1000),
      recv("a", ["from-a"], MaxNumberOfMessages=10),
      recv("b", ["from-b"], MaxNumberOfMessages=10)])

case("A move task at MaxNumberOfMessagesPerSecond 1 moves one message per virtual second",
     s("4.15", "aws-snapshot List fields; simulator: first message immediately, then at the requested rate"),
     dlq_with(3) + [create("dest"),
                    start({"SourceArn": ARN + "dlq", "DestinationArn": ARN + "dest", "MaxNumberOfMessagesPerSecond": 1},
                          save={"task": "TaskHandle"}),
                    adv(500),
                    list_tasks("dlq", [{"Status": "RUNNING", "TaskHandle": "${task}", "SourceArn": ARN + "dlq",
                                        "DestinationArn": ARN + "dest", "MaxNumberOfMessagesPerSecond": 1,
                                        "ApproximateNumberOfMessagesMoved": 1, "ApproximateNumberOfMessagesToMove": 3,
                                        "StartedTimestamp": T0}]),
                    counts("dest", 1), counts("dlq", 2),
                    adv(1000),
                    list_tasks("dlq", [{"Status": "RUNNING", "ApproximateNumberOfMessagesMoved": 2}]),
                    adv(1000),
                    list_tasks("dlq", [{"ApproximateNumberOfMessagesMoved": 3}]),
                    counts("dest", 3), counts("dlq", 0),
                    adv(1000),
                    list_tasks("dlq", [{"Status": "COMPLETED", "ApproximateNumberOfMessagesMoved": 3,
                                        "TaskHandle": ABSENT}]),
                    recv("dest", ["m0", "m1", "m2"], MaxNumberOfMessages=10)])

case("A long poll on the destination returns when a move task delivers a message",
     s("4.15, 5.3", "simulator: tasks run on the virtual clock") + "; api-contract.md rule 1",
     dlq_with(2) + [start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 1}),
                    recv("src", ["m0"], WaitTimeSeconds=20, MaxNumberOfMessages=10),
                    clock(0),
                    recv("src", ["m1"], WaitTimeSeconds=20, MaxNumberOfMessages=10),
                    clock(1000)])

case("Only one active move task per source queue",
     s("4.15", "aws-snapshot"),
     dlq_with(3) + [start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 1}),
                    start({"SourceArn": ARN + "dlq"}, err="InvalidParameterValue",
                          msg="There is already a task running. Only one active task is allowed for a source queue arn at a given time."),
                    adv(5000),
                    list_tasks("dlq", [{"Status": "COMPLETED"}]),
                    start({"SourceArn": ARN + "dlq"})])

case("CancelMessageMoveTask stops a running task; moved messages stay moved",
     s("4.15", "aws-doc, aws-snapshot"),
     dlq_with(3) + [start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 1}, save={"task": "TaskHandle"}),
                    adv(500),
                    call("CancelMessageMoveTask", {"TaskHandle": "${task}"},
                         ok={"ApproximateNumberOfMessagesMoved": 1}),
                    adv(5000),
                    list_tasks("dlq", [{"Status": "CANCELLED", "ApproximateNumberOfMessagesMoved": 1,
                                        "TaskHandle": ABSENT}]),
                    counts("dlq", 2), counts("src", 1)])

case("CancelMessageMoveTask with a malformed handle is InvalidParameterValue",
     s("4.15", "aws-snapshot"),
     [call("CancelMessageMoveTask", {"TaskHandle": "garbage"}, err="InvalidParameterValue",
           msg="Value for parameter TaskHandle is invalid.")])

def task_handle(task_id, source_arn):
    """The AWS TaskHandle format: base64 of {"taskId", "sourceArn"} (LS test_sqs_move_task, validated)."""
    return base64.b64encode(json.dumps({"taskId": task_id, "sourceArn": source_arn}).encode()).decode()


case("CancelMessageMoveTask with a well-formed handle of an unknown task is ResourceNotFoundException",
     s("4.15", "aws-snapshot test_cancel_with_invalid_task_id_in_task_handle"),
     [create("src"),
      call("CancelMessageMoveTask", {"TaskHandle": task_handle("10f57157-fc38-4da9-a113-4de7e12d05aa", ARN + "src")},
           err="ResourceNotFoundException", msg="Task does not exist.")])

case("CancelMessageMoveTask with a well-formed handle naming a missing source queue is ResourceNotFoundException",
     s("4.15", "aws-snapshot test_cancel_with_invalid_source_arn_in_task_handle"),
     [call("CancelMessageMoveTask",
           {"TaskHandle": task_handle("10f57157-fc38-4da9-a113-4de7e12d05dd", ARN + "test-queue-doesnt-exist-123456")},
           err="ResourceNotFoundException",
           msg="The resource that you specified for the SourceArn parameter doesn't exist.")])

case("CancelMessageMoveTask whose source queue was deleted is ResourceNotFoundException",
     s("4.15", "aws-snapshot"),
     dlq_with(3) + [start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 1}, save={"task": "TaskHandle"}),
                    call("DeleteQueue", {"QueueUrl": Q + "dlq"}, ok={}),
                    call("CancelMessageMoveTask", {"TaskHandle": "${task}"}, err="ResourceNotFoundException",
                         msg="The resource that you specified for the SourceArn parameter doesn't exist.")])

case("A move task fails when its destination is deleted mid-task",
     s("4.15", "aws-snapshot FailureReason"),
     dlq_with(3) + [create("dest"),
                    start({"SourceArn": ARN + "dlq", "DestinationArn": ARN + "dest", "MaxNumberOfMessagesPerSecond": 1}),
                    adv(500),
                    call("DeleteQueue", {"QueueUrl": Q + "dest"}, ok={}),
                    adv(3000),
                    list_tasks("dlq", [{"Status": "FAILED", "FailureReason": "AWS.SimpleQueueService.NonExistentQueue",
                                        "ApproximateNumberOfMessagesMoved": 1}]),
                    counts("dlq", 2)])

case("ListMessageMoveTasks returns the most recent task by default and up to MaxResults, newest first",
     s("4.15", "aws-snapshot: MaxResults default 1, max 10, most recent first"),
     dlq_with(1) + [start({"SourceArn": ARN + "dlq"}),
                    adv(1000),
                    recv("src", ["m0"], VisibilityTimeout=0),
                    recv("src", []),
                    counts("dlq", 1),
                    start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 5}),
                    adv(1000),
                    list_tasks("dlq", [{"StartedTimestamp": T0 + 1000, "MaxNumberOfMessagesPerSecond": 5}]),
                    list_tasks("dlq", [{"StartedTimestamp": T0 + 1000}, {"StartedTimestamp": T0}], MaxResults=10)])

case("MaxNumberOfMessagesPerSecond is at most 500",
     s("4.15, 9", "aws-doc ≤ 500; code only"),
     dlq_with(1) + [start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 501}, err="InvalidParameterValue"),
                    start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 0}, err="InvalidParameterValue"),
                    start({"SourceArn": ARN + "dlq", "MaxNumberOfMessagesPerSecond": 500})])

# ---------------------------------------------------------------------------------------------
# §4.13: tags
# ---------------------------------------------------------------------------------------------


def tags_are(q, tags):
    return call("ListQueueTags", {"QueueUrl": url(q)}, ok={"Tags": tags if tags else ABSENT})


case("TagQueue adds and overwrites tags; ListQueueTags omits Tags when there are none",
     s("4.13", "aws-snapshot"),
     [create("q"),
      tags_are("q", None),
      call("TagQueue", {"QueueUrl": Q + "q", "Tags": {"team": "a", "empty": ""}}, ok={}),
      call("TagQueue", {"QueueUrl": Q + "q", "Tags": {"team": "b", "cost": "42"}}, ok={}),
      tags_are("q", {"team": "b", "empty": "", "cost": "42"}),
      call("ListQueueTags", {"QueueUrl": Q + "q"}, ok={"Tags": {"$len": 3}})])

case("UntagQueue removes the given keys and ignores unknown ones",
     s("4.13", "aws-snapshot"),
     [create("q", tags={"a": "1", "b": "2"}),
      call("UntagQueue", {"QueueUrl": Q + "q", "TagKeys": ["a", "nope"]}, ok={}),
      tags_are("q", {"b": "2"}),
      call("ListQueueTags", {"QueueUrl": Q + "q"}, ok={"Tags": {"$len": 1}}),
      call("UntagQueue", {"QueueUrl": Q + "q", "TagKeys": ["b"]}, ok={}),
      tags_are("q", None)])

case("Tag keys are case-sensitive",
     s("4.13", "aws-snapshot"),
     [create("q"),
      call("TagQueue", {"QueueUrl": Q + "q", "Tags": {"Env": "prod", "env": "dev"}}, ok={}),
      tags_are("q", {"Env": "prod", "env": "dev"}),
      call("UntagQueue", {"QueueUrl": Q + "q", "TagKeys": ["ENV"]}, ok={}),
      call("ListQueueTags", {"QueueUrl": Q + "q"}, ok={"Tags": {"$len": 2}})])

# ---------------------------------------------------------------------------------------------
# §4.16: AddPermission / RemovePermission
# ---------------------------------------------------------------------------------------------


def add_perm(q, label, accounts, actions, err=None, msg=None):
    inp = {"QueueUrl": url(q), "Label": label, "AWSAccountIds": accounts, "Actions": actions}
    return call("AddPermission", inp, err=err, msg=msg) if err else call("AddPermission", inp, ok={})


def rm_perm(q, label, err=None, msg=None):
    inp = {"QueueUrl": url(q), "Label": label}
    return call("RemovePermission", inp, err=err, msg=msg) if err else call("RemovePermission", inp, ok={})


case("AddPermission creates the default policy with one statement; single values are scalars",
     s("4.16", "aws-snapshot"),
     [create("q"),
      add_perm("q", "send", ["111122223333"], ["SendMessage"]),
      get_attrs("q", ["Policy"], {"Attributes": {"Policy": {"$json": {
          "Version": "2008-10-17", "Id": ARN + "q/SQSDefaultPolicy",
          "Statement": [{"Sid": "send", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                         "Action": "SQS:SendMessage", "Resource": ARN + "q"}]}}}})])

case("AddPermission with several accounts and actions writes lists and appends statements",
     s("4.16", "aws-snapshot"),
     [create("q"),
      add_perm("q", "first", ["111122223333"], ["SendMessage"]),
      add_perm("q", "both", ["111122223333", "444455556666"], ["ReceiveMessage", "DeleteMessage"]),
      get_attrs("q", ["Policy"], {"Attributes": {"Policy": {"$json": {"Statement": [
          {"Sid": "first"},
          {"Sid": "both", "Effect": "Allow",
           "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]},
           "Action": ["SQS:ReceiveMessage", "SQS:DeleteMessage"], "Resource": ARN + "q"}]}}}})])

case("AddPermission with an existing label fails",
     s("4.16", "aws-snapshot"),
     [create("q"),
      add_perm("q", "send", ["111122223333"], ["SendMessage"]),
      add_perm("q", "send", ["444455556666"], ["ReceiveMessage"], err="InvalidParameterValue",
               msg="Value send for parameter Label is invalid. Reason: Already exists.")])

case("RemovePermission of an unknown label fails",
     s("4.16", "aws-snapshot"),
     [create("q"),
      rm_perm("q", "ghost", err="InvalidParameterValue",
              msg="Value ghost for parameter Label is invalid. Reason: can't find label."),
      add_perm("q", "send", ["111122223333"], ["SendMessage"]),
      rm_perm("q", "ghost", err="InvalidParameterValue",
              msg="Value ghost for parameter Label is invalid. Reason: can't find label.")])

case("RemovePermission removes a statement; removing the last removes Policy",
     s("4.16", "aws-snapshot"),
     [create("q"),
      add_perm("q", "a", ["111122223333"], ["SendMessage"]),
      add_perm("q", "b", ["111122223333"], ["ReceiveMessage"]),
      rm_perm("q", "a"),
      get_attrs("q", ["Policy"], {"Attributes": {"Policy": {"$json": {"Statement": [{"Sid": "b"}]}}}}),
      rm_perm("q", "b"),
      get_attrs("q", ["All"], {"Attributes": {"Policy": ABSENT}})])

case("AddPermission allows at most 7 actions per statement",
     s("4.16", "aws-doc OverLimit; moto text unverified, code only"),
     [create("q"),
      add_perm("q", "eight", ["111122223333"],
               ["SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
                "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue"], err="OverLimit"),
      add_perm("q", "seven", ["111122223333"],
               ["SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
                "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues"]),
      get_attrs("q", ["Policy"], {"Attributes": {"Policy": {"$json": {"Statement": [{"Sid": "seven",
                                                                                     "Action": {"$len": 7}}]}}}})])

case("AddPermission labels are at most 80 letters, digits, hyphens and underscores",
     s("4.16", "aws-doc; code only"),
     [create("q"),
      add_perm("q", "L" * 80, ["111122223333"], ["SendMessage"]),
      add_perm("q", "L" * 81, ["111122223333"], ["SendMessage"], err="InvalidParameterValue"),
      add_perm("q", "bad label", ["111122223333"], ["SendMessage"], err="InvalidParameterValue")])


# ---------------------------------------------------------------------------------------------

def dump(cases):
    out = ["["]
    for ci, c in enumerate(cases):
        out.append("  {")
        out.append(f'    "name": {json.dumps(c["name"], ensure_ascii=False)},')
        out.append(f'    "source": {json.dumps(c["source"], ensure_ascii=False)},')
        out.append('    "steps": [')
        for si, step in enumerate(c["steps"]):
            line = json.dumps(step, ensure_ascii=False, separators=(", ", ": "))
            out.append(f"      {line}{',' if si + 1 < len(c['steps']) else ''}")
        out.append("    ]")
        out.append("  }" + ("," if ci + 1 < len(cases) else ""))
    out.append("]")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "sqs.json")
    with open(target, "w", encoding="utf-8") as f:
        f.write(dump(CASES))
    print(f"{len(CASES)} cases → {os.path.normpath(target)}")
