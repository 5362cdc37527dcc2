#!/usr/bin/env python3
"""Differential check: the same Kinesis calls through kinesalite and through `decouple api`.

Optional and local only (not run by CI): it needs kinesalite (npm package `kinesalite`) running
on this machine, for example

    npm install --prefix /tmp/kinesalite kinesalite
    node /tmp/kinesalite/node_modules/.bin/kinesalite --port 4567 --shardLimit 500 \
        --createStreamMs 50 --deleteStreamMs 50 --updateStreamMs 50 &
    python3 tests/differential/kinesis_vs_kinesalite.py [--url http://127.0.0.1:4567]
        [--decouple "target/release/decouple api"] [--json report.json]

Every step is sent to both; `advance` steps move decouple's virtual clock by 500 ms and wait
for kinesalite's (real-time) lifecycle delays. The script prints, per call, whether both
succeeded, or both failed with the same code and message, and lists the differences. It
compares outcomes and error codes/messages, not success bodies (sequence numbers, iterators and
timestamps are each simulator's own). A difference is a question, not a verdict: kinesalite
mimics AWS of around 2016-2020, and the spec (shared/spec/kinesis.md) and AWS documentation
decide which answer is right.
"""

import argparse
import json
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request

S = "diffs"  # the main stream
HALF = str(2**127)
BIG = str(2**128)
DATA = "aGVsbG8="  # "hello"


def call(action, inp=None, save=None):
    return {"call": action, "input": inp or {}, "save": save or {}}


ADVANCE = {"advance": True}

STEPS = [
    # --- CreateStream and describing
    call("CreateStream", {"StreamName": S, "ShardCount": 2}),
    call("CreateStream", {"StreamName": S, "ShardCount": 2}),
    call("CreateStream", {"StreamName": "a b", "ShardCount": 1}),
    call("CreateStream", {"StreamName": "x" * 129, "ShardCount": 1}),
    call("CreateStream", {"StreamName": "zero", "ShardCount": 0}),
    call("CreateStream", {"StreamName": "zero", "ShardCount": 100001}),
    call("CreateStream", {"ShardCount": 1}),
    call("DescribeStream", {"StreamName": "missing"}),
    call("DescribeStreamSummary", {"StreamName": "missing"}),
    call("DescribeStream", {}),
    ADVANCE,
    call("DescribeStream", {"StreamName": S}),
    call("DescribeStream", {"StreamName": S, "Limit": 0}),
    call("DescribeStream", {"StreamName": S, "Limit": 10001}),
    call("DescribeStream", {"StreamName": S, "ExclusiveStartShardId": "a b"}),
    call("DescribeStreamSummary", {"StreamName": S}),
    call("ListStreams", {"Limit": 0}),
    call("ListStreams", {}),
    # --- PutRecord(s)
    call("PutRecord", {"StreamName": S, "Data": DATA}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "k"}),
    call("PutRecord", {"StreamName": "missing", "PartitionKey": "k", "Data": DATA}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "", "Data": DATA}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "k" * 257, "Data": DATA}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "k", "Data": DATA, "ExplicitHashKey": BIG}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "k", "Data": DATA, "ExplicitHashKey": "abc"}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "k", "Data": DATA,
                       "SequenceNumberForOrdering": "abc"}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "k", "Data": DATA}, {"seq0": "SequenceNumber"}),
    call("PutRecord", {"StreamName": S, "PartitionKey": "k", "Data": DATA, "ExplicitHashKey": HALF},
         {"seq1": "SequenceNumber"}),
    call("PutRecords", {"StreamName": S, "Records": []}),
    call("PutRecords", {"StreamName": S}),
    call("PutRecords", {"StreamName": S, "Records": [{"PartitionKey": "k", "Data": DATA}] * 501}),
    call("PutRecords", {"StreamName": "missing", "Records": [{"PartitionKey": "k", "Data": DATA}]}),
    call("PutRecords", {"StreamName": S, "Records": [{"PartitionKey": "k"}]}),
    call("PutRecords", {"StreamName": S, "Records": [
        {"PartitionKey": "a", "Data": DATA}, {"PartitionKey": "b", "Data": DATA, "ExplicitHashKey": BIG}]}),
    call("PutRecords", {"StreamName": S, "Records": [
        {"PartitionKey": "a", "Data": DATA}, {"PartitionKey": "b", "Data": DATA}]}),
    # --- GetShardIterator / GetRecords
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000", "ShardIteratorType": "FOO"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000009",
                              "ShardIteratorType": "TRIM_HORIZON"}),
    call("GetShardIterator", {"StreamName": "missing", "ShardId": "shardId-000000000000",
                              "ShardIteratorType": "TRIM_HORIZON"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000",
                              "ShardIteratorType": "AT_SEQUENCE_NUMBER"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000",
                              "ShardIteratorType": "LATEST", "StartingSequenceNumber": "${seq0}"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000",
                              "ShardIteratorType": "AT_SEQUENCE_NUMBER", "StartingSequenceNumber": "1234"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000",
                              "ShardIteratorType": "AT_SEQUENCE_NUMBER", "StartingSequenceNumber": "${seq1}"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000",
                              "ShardIteratorType": "AT_TIMESTAMP"}),
    call("GetShardIterator", {"StreamName": S, "ShardId": "shardId-000000000000",
                              "ShardIteratorType": "TRIM_HORIZON"}, {"it": "ShardIterator"}),
    call("GetRecords", {}),
    call("GetRecords", {"ShardIterator": "abc"}),
    call("GetRecords", {"ShardIterator": "${it}", "Limit": 0}),
    call("GetRecords", {"ShardIterator": "${it}", "Limit": 10001}),
    call("GetRecords", {"ShardIterator": "${it}"}),
    # --- SplitShard / MergeShards
    call("SplitShard", {"StreamName": S, "ShardToSplit": "shardId-000000000000"}),
    call("SplitShard", {"StreamName": S, "ShardToSplit": "shardId-000000000009", "NewStartingHashKey": "5"}),
    call("SplitShard", {"StreamName": S, "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "0"}),
    call("SplitShard", {"StreamName": S, "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": HALF}),
    call("SplitShard", {"StreamName": S, "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "abc"}),
    call("SplitShard", {"StreamName": "missing", "ShardToSplit": "shardId-000000000000",
                        "NewStartingHashKey": "5"}),
    call("SplitShard", {"StreamName": S, "ShardToSplit": "shardId-000000000000",
                        "NewStartingHashKey": str(2**126)}),
    call("SplitShard", {"StreamName": S, "ShardToSplit": "shardId-000000000001",
                        "NewStartingHashKey": str(3 * 2**126)}),
    ADVANCE,
    call("MergeShards", {"StreamName": S, "ShardToMerge": "shardId-000000000002"}),
    call("MergeShards", {"StreamName": S, "ShardToMerge": "shardId-000000000002",
                         "AdjacentShardToMerge": "shardId-000000000009"}),
    call("MergeShards", {"StreamName": S, "ShardToMerge": "shardId-000000000000",
                         "AdjacentShardToMerge": "shardId-000000000001"}),
    call("MergeShards", {"StreamName": S, "ShardToMerge": "shardId-000000000002",
                         "AdjacentShardToMerge": "shardId-000000000001"}),
    call("MergeShards", {"StreamName": S, "ShardToMerge": "shardId-000000000002",
                         "AdjacentShardToMerge": "shardId-000000000003"}),
    call("MergeShards", {"StreamName": S, "ShardToMerge": "shardId-000000000002",
                         "AdjacentShardToMerge": "shardId-000000000003"}),
    ADVANCE,
    # --- retention
    call("IncreaseStreamRetentionPeriod", {"StreamName": S, "RetentionPeriodHours": 23}),
    call("IncreaseStreamRetentionPeriod", {"StreamName": S, "RetentionPeriodHours": 12}),
    call("IncreaseStreamRetentionPeriod", {"StreamName": S, "RetentionPeriodHours": 8761}),
    call("IncreaseStreamRetentionPeriod", {"StreamName": S}),
    call("IncreaseStreamRetentionPeriod", {"StreamName": "missing", "RetentionPeriodHours": 48}),
    call("IncreaseStreamRetentionPeriod", {"StreamName": S, "RetentionPeriodHours": 48}),
    ADVANCE,
    call("DecreaseStreamRetentionPeriod", {"StreamName": S, "RetentionPeriodHours": 72}),
    call("DecreaseStreamRetentionPeriod", {"StreamName": S, "RetentionPeriodHours": 23}),
    call("DecreaseStreamRetentionPeriod", {"StreamName": S, "RetentionPeriodHours": 24}),
    ADVANCE,
    # --- tags
    call("AddTagsToStream", {"StreamName": S}),
    call("AddTagsToStream", {"StreamName": S, "Tags": {"a": "1", "b": "2"}}),
    call("AddTagsToStream", {"StreamName": S, "Tags": {f"t{i}": "v" for i in range(49)}}),
    call("AddTagsToStream", {"StreamName": "missing", "Tags": {"a": "1"}}),
    call("AddTagsToStream", {"StreamName": S, "Tags": {"": "1"}}),
    call("ListTagsForStream", {"StreamName": S, "Limit": 0}),
    call("ListTagsForStream", {"StreamName": S, "Limit": 51}),
    call("ListTagsForStream", {"StreamName": S, "Limit": 1}),
    call("ListTagsForStream", {"StreamName": "missing"}),
    call("RemoveTagsFromStream", {"StreamName": S, "TagKeys": []}),
    call("RemoveTagsFromStream", {"StreamName": S}),
    call("RemoveTagsFromStream", {"StreamName": S, "TagKeys": ["a", "nope"]}),
    call("ListTagsForStream", {"StreamName": S, "ExclusiveStartTagKey": "a"}),
    # --- encryption (kinesalite has no encryption actions)
    call("StartStreamEncryption", {"StreamName": S, "EncryptionType": "KMS"}),
    call("StartStreamEncryption", {"StreamName": S, "EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}),
    # --- deletion
    call("DeleteStream", {"StreamName": "missing"}),
    call("DeleteStream", {"StreamName": S}),
    call("DeleteStream", {}),
]


class Kinesalite:
    def __init__(self, url):
        self.url = url

    def call(self, action, inp):
        req = urllib.request.Request(self.url, data=json.dumps(inp).encode(), method="POST", headers={
            "X-Amz-Target": f"Kinesis_20131202.{action}",
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Date": "20240101T000000Z",
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/kinesis/aws4_request, "
                             "SignedHeaders=host;x-amz-date, Signature=0",
        })
        try:
            with urllib.request.urlopen(req) as r:
                body = r.read()
                return {"ok": json.loads(body) if body else {}}
        except urllib.error.HTTPError as e:
            err = json.loads(e.read() or b"{}")
            code = err.get("__type", "").split("#")[-1]
            return {"error": {"code": code, "message": err.get("message", err.get("Message"))}}

    def advance(self):
        time.sleep(0.3)


class Decouple:
    def __init__(self, cmd):
        self.p = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def line(self, obj):
        self.p.stdin.write(json.dumps(obj) + "\n")
        self.p.stdin.flush()
        return json.loads(self.p.stdout.readline())

    def call(self, action, inp):
        out = self.line({"call": f"kinesis.{action}", "input": inp})
        if "error" in out:
            return {"error": {"code": out["error"]["code"], "message": out["error"].get("message")}}
        return out

    def advance(self):
        self.line({"advance_ms": 500})


def dig(obj, path):
    for part in path.replace("]", "").replace("[", ".").split("."):
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    return obj


def subst(value, saved):
    text = json.dumps(value)
    for k, v in saved.items():
        text = text.replace("${" + k + "}", str(v))
    return json.loads(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:4567/")
    ap.add_argument("--decouple", default="target/release/decouple api")
    ap.add_argument("--json", help="write every call and both answers here")
    args = ap.parse_args()
    sides = {"kinesalite": Kinesalite(args.url), "decouple": Decouple(args.decouple)}
    saved = {name: {} for name in sides}
    rows = []
    for step in STEPS:
        if step.get("advance"):
            for side in sides.values():
                side.advance()
            continue
        answers = {}
        for name, side in sides.items():
            inp = subst(step["input"], saved[name])
            answers[name] = side.call(step["call"], inp)
            for var, path in step["save"].items():
                try:
                    saved[name][var] = dig(answers[name]["ok"], path)
                except (KeyError, IndexError, TypeError):
                    pass
        rows.append({"call": step["call"], "input": step["input"], **answers})
    same = differ = 0
    for i, r in enumerate(rows, 1):
        k, d = r["kinesalite"], r["decouple"]
        if "ok" in k and "ok" in d:
            verdict = "same: ok"
        elif "error" in k and "error" in d and k["error"] == d["error"]:
            verdict = "same: " + k["error"]["code"]
        else:
            verdict = None
        short = json.dumps(r["input"])
        short = short if len(short) < 110 else short[:107] + "..."
        if verdict:
            same += 1
            print(f"{i:3} {r['call']:<30} {verdict}")
        else:
            differ += 1
            print(f"{i:3} {r['call']:<30} DIFFERENT  {short}")
            for name, a in (("kinesalite", k), ("decouple", d)):
                text = json.dumps(a.get("error") or "ok")
                print(f"      {name + ':':<11} {text if len(text) < 400 else text[:397] + '...'}")
    print(f"\n{len(rows)} calls: {same} same, {differ} different")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
