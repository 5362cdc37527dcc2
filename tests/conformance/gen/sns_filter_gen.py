#!/usr/bin/env python3
"""Generates tests/conformance/sns_filter.json: SNS subscription filter policies end to end.

Each row of the tables below is (name, source, scope, policy, message, expected):

* scope: "attrs" (FilterPolicyScope=MessageAttributes, the default) or "body" (MessageBody).
* policy: a Python object (dumped compactly) or a str (sent as is).
* message: for "attrs" a dict name -> (DataType, value); for "body" the Message text.
* expected: MATCH, DROP, or err("<text after the call's prefix>") / err_re("<regex>").

Every case runs through the JSON path: CreateTopic, CreateQueue (policy allowing the topic),
Subscribe (sqs, RawMessageDelivery=true, FilterPolicy[, FilterPolicyScope]), Publish, advance
1000 ms, ReceiveMessage expecting the message or nothing. Invalid policies expect the Subscribe
error (prefix `Invalid parameter: Attributes Reason: FilterPolicy: `); the SET rows go through
SetSubscriptionAttributes (prefix `Invalid parameter: FilterPolicy: `).

Run:  python3 tests/conformance/gen/sns_filter_gen.py  (writes the JSON next to this folder;
`--pending` writes tests/conformance/pending/sns_filter.json instead).
"""

import base64
import json
import os
import re
import sys

MATCH = "match"
DROP = "drop"


def err(text):
    return ("error", text, False)


def err_re(pattern):
    return ("error", pattern, True)


def rule_err(text):
    """A rule-compiler error: AWS appends Jackson's location (column numbers are not fixed)."""
    return err_re(re.escape(text) + r'\n at \[Source: \(String\)".*"; line: 1, column: [0-9]+\]$')


S71 = "spec/sns.md §7.1"
S72 = "spec/sns.md §7.2"
S731 = "spec/sns.md §7.3.1"
S732 = "spec/sns.md §7.3.2"
S733 = "spec/sns.md §7.3.3"
S734 = "spec/sns.md §7.3.4"
S735 = "spec/sns.md §7.3.5"
S736 = "spec/sns.md §7.3.6"
S737 = "spec/sns.md §7.3.7"
S738 = "spec/sns.md §7.3.8"
S739 = "spec/sns.md §7.3.9"
S7310 = "spec/sns.md §7.3.10"
S74 = "spec/sns.md §7.4"
S75 = "spec/sns.md §7.5"
Q = "spec/sns.md §9 "


def s(v):
    return ("String", v)


def n(v):
    return ("Number", v)


def arr(v):
    return ("String.Array", v)


def b(v):
    return ("Binary", v)


ROWS = [
    # ---- exact strings (§7.3.1) ----
    ("exact string matches", S731, "attrs", {"color": ["red", "blue"]}, {"color": s("red")}, MATCH),
    ("exact string: second listed value matches", S731, "attrs", {"color": ["red", "blue"]}, {"color": s("blue")}, MATCH),
    ("exact string: other value dropped", S731, "attrs", {"color": ["red", "blue"]}, {"color": s("green")}, DROP),
    ("exact string is case-sensitive", S731, "attrs", {"color": ["red"]}, {"color": s("Red")}, DROP),
    ("exact string: missing attribute dropped", S731, "attrs", {"color": ["red"]}, {"size": s("red")}, DROP),
    ("exact string: custom String.* type is a string", S731, "attrs", {"color": ["red"]}, {"color": ("String.custom", "red")}, MATCH),
    ("exact string with spaces and unicode", S731, "attrs", {"city": ["São Paulo"]}, {"city": s("São Paulo")}, MATCH),
    ("exact string does not match a prefix of it", S731, "attrs", {"color": ["red"]}, {"color": s("reddish")}, DROP),
    ("exact empty string matches an empty body string", S731, "body", {"k": [""]}, '{"k":""}', MATCH),
    ("exact empty string does not match a non-empty string", S731, "body", {"k": [""]}, '{"k":"x"}', DROP),
    ("keys of the message not named by the policy are ignored", S72, "attrs", {"a": ["1"]}, {"a": s("1"), "b": s("2"), "c": n("3")}, MATCH),
    ("AND across keys: all must match", S72, "attrs", {"a": ["1"], "b": ["2"]}, {"a": s("1"), "b": s("2")}, MATCH),
    ("AND across keys: one failing key drops", S72, "attrs", {"a": ["1"], "b": ["2"]}, {"a": s("1"), "b": s("3")}, DROP),
    ("AND across keys: one missing key drops", S72, "attrs", {"a": ["1"], "b": ["2"]}, {"a": s("1")}, DROP),
    ("OR within a key: any condition", S72, "attrs", {"a": ["x", {"prefix": "y"}]}, {"a": s("yes")}, MATCH),
    # ---- exact numbers (§7.3.2) ----
    ("exact number matches a Number attribute", S732, "attrs", {"price": [100]}, {"price": n("100")}, MATCH),
    ("exact number: 100 equals 100.0", S732, "attrs", {"price": [100]}, {"price": n("100.0")}, MATCH),
    ("exact number: 100 equals 1e2", S732, "attrs", {"price": [100]}, {"price": n("1e2")}, MATCH),
    ("exact number: 3.5e2 in the policy equals 350", S732, "attrs", {"price": [3.5e2]}, {"price": n("350")}, MATCH),
    ("exact number: other number dropped", S732, "attrs", {"price": [100]}, {"price": n("101")}, DROP),
    ("exact number never matches a String attribute", S732, "attrs", {"price": [100]}, {"price": s("100")}, DROP),
    ("exact number: Number.custom type compares numerically", S732, "attrs", {"price": [7]}, {"price": ("Number.int", "7")}, MATCH),
    ("exact number: negative and fractional", S732, "attrs", {"t": [-2.5]}, {"t": n("-2.50")}, MATCH),
    ("exact number in the body", S732, "body", {"price": [100]}, '{"price":100.0}', MATCH),
    ("exact number never matches a body string", S732, "body", {"price": [100]}, '{"price":"100"}', DROP),
    ("body: exact string never matches a body number", S731, "body", {"price": ["100"]}, '{"price":100}', DROP),
    # ---- literals (§7.3.3) ----
    ("true matches JSON true in the body", S733, "body", {"f": [True]}, '{"f":true}', MATCH),
    ("true does not match the string \"true\"", S733, "body", {"f": [True]}, '{"f":"true"}', DROP),
    ("true does not match 1", S733, "body", {"f": [True]}, '{"f":1}', DROP),
    ("false matches JSON false", S733, "body", {"f": [False]}, '{"f":false}', MATCH),
    ("null matches JSON null in the body", S733, "body", {"f": [None]}, '{"f":null}', MATCH),
    ("null does not match a missing key", S733, "body", {"f": [None]}, '{"g":1}', DROP),
    ("true matches a String.Array boolean element", S733, "attrs", {"f": [True]}, {"f": arr("[true]")}, MATCH),
    ("true does not match a String attribute \"true\"", S733, "attrs", {"f": [True]}, {"f": s("true")}, DROP),
    ("null matches a String.Array null element", S733, "attrs", {"f": [None]}, {"f": arr('["a",null]')}, MATCH),
    ("null + anything-but never matches a missing attribute (aws-snapshot)", S733, "attrs", {"f": [None, {"anything-but": "whatever"}]}, {"g": s("x")}, DROP),
    # ---- String.Array (§7.2) ----
    ("String.Array: any element matches", S72, "attrs", {"sport": ["rugby"]}, {"sport": arr('["rugby","baseball"]')}, MATCH),
    ("String.Array: no element matches", S72, "attrs", {"sport": ["tennis"]}, {"sport": arr('["rugby","baseball"]')}, DROP),
    ("String.Array: numeric element matches a policy number", S72, "attrs", {"n": [100]}, {"n": arr('[100,"a"]')}, MATCH),
    ("String.Array: numeric element is not the string \"100\"", S75, "attrs", {"n": ["100"]}, {"n": arr('[100,"a"]')}, DROP),
    ("String.Array: string element matches", S75, "attrs", {"n": ["a"]}, {"n": arr('[100,"a"]')}, MATCH),
    ("String.Array: a JSON scalar is one element", S72, "attrs", {"n": [100]}, {"n": arr("100")}, MATCH),
    ("String.Array: a JSON string scalar is one element", S72, "attrs", {"n": ["x"]}, {"n": arr('"x"')}, MATCH),
    ("String.Array that is not JSON never matches", S72, "attrs", {"n": ["[oops"]}, {"n": arr("[oops")}, DROP),
    ("String.Array that is not JSON never matches, even exists:false elsewhere", S72, "attrs", {"n": [{"exists": True}], "m": [{"exists": False}]}, {"n": arr("[oops")}, DROP),
    ("String.Array: empty array has no values", S72, "attrs", {"n": [{"exists": True}]}, {"n": arr("[]")}, DROP),
    # ---- Binary (§7.2, §9 Q3) ----
    ("Binary attributes are ignored: exact match fails", S72, "attrs", {"k": ["abc"]}, {"k": b("abc")}, DROP),
    ("Binary attributes are ignored: exists:true fails", Q + "Q3", "attrs", {"k": [{"exists": True}]}, {"k": b("abc")}, DROP),
    ("Binary attributes are ignored: exists:false holds", Q + "Q3", "attrs", {"k": [{"exists": False}]}, {"k": b("abc")}, MATCH),
    ("Binary attributes are ignored: anything-but fails", S75, "attrs", {"k": [{"anything-but": "x"}]}, {"k": b("abc")}, DROP),
    # ---- prefix / suffix (§7.3.4) ----
    ("prefix matches", S734, "attrs", {"k": [{"prefix": "ord"}]}, {"k": s("order-1")}, MATCH),
    ("prefix is case-sensitive", S734, "attrs", {"k": [{"prefix": "ord"}]}, {"k": s("Order-1")}, DROP),
    ("prefix equal to the whole value matches", S734, "attrs", {"k": [{"prefix": "order"}]}, {"k": s("order")}, MATCH),
    ("prefix longer than the value dropped", S734, "attrs", {"k": [{"prefix": "orders"}]}, {"k": s("order")}, DROP),
    ("prefix never matches a Number", S734, "attrs", {"k": [{"prefix": "10"}]}, {"k": n("100")}, DROP),
    ("prefix applies to String.Array string elements", S734, "attrs", {"k": [{"prefix": "a"}]}, {"k": arr('[100,"abc"]')}, MATCH),
    ("prefix ignores String.Array number elements", S75, "attrs", {"k": [{"prefix": "1"}]}, {"k": arr('[100,"abc"]')}, DROP),
    ("prefix in the body", S734, "body", {"k": [{"prefix": "img/"}]}, '{"k":"img/cat.png"}', MATCH),
    ("suffix matches", S734, "attrs", {"k": [{"suffix": ".png"}]}, {"k": s("cat.png")}, MATCH),
    ("suffix dropped", S734, "attrs", {"k": [{"suffix": ".png"}]}, {"k": s("cat.png.txt")}, DROP),
    ("suffix is case-sensitive", S734, "attrs", {"k": [{"suffix": ".png"}]}, {"k": s("cat.PNG")}, DROP),
    ("suffix never matches a body number", S734, "body", {"k": [{"suffix": "0"}]}, '{"k":100}', DROP),
    # ---- equals-ignore-case (§7.3.5) ----
    ("equals-ignore-case matches another case", S735, "attrs", {"k": [{"equals-ignore-case": "RED"}]}, {"k": s("rEd")}, MATCH),
    ("equals-ignore-case needs the whole value", S735, "attrs", {"k": [{"equals-ignore-case": "RED"}]}, {"k": s("reds")}, DROP),
    ("equals-ignore-case in the body", S735, "body", {"k": [{"equals-ignore-case": "Hello"}]}, '{"k":"HELLO"}', MATCH),
    ("equals-ignore-case never matches a number", S735, "body", {"k": [{"equals-ignore-case": "1"}]}, '{"k":1}', DROP),
    # ---- anything-but (§7.3.6) ----
    ("anything-but list: other value matches", S736, "attrs", {"sport": [{"anything-but": ["rugby", "tennis"]}]}, {"sport": s("baseball")}, MATCH),
    ("anything-but list: listed value dropped", S736, "attrs", {"sport": [{"anything-but": ["rugby", "tennis"]}]}, {"sport": s("tennis")}, DROP),
    ("anything-but never matches a missing key", S736, "attrs", {"sport": [{"anything-but": ["rugby"]}]}, {"other": s("x")}, DROP),
    ("anything-but + exists:false accepts a missing key", S736, "attrs", {"sport": [{"anything-but": ["rugby"]}, {"exists": False}]}, {"other": s("x")}, MATCH),
    ("anything-but + exists:false still excludes the listed value", S736, "attrs", {"sport": [{"anything-but": ["rugby"]}, {"exists": False}]}, {"sport": s("rugby")}, DROP),
    ("anything-but single string", S736, "attrs", {"k": [{"anything-but": "x"}]}, {"k": s("y")}, MATCH),
    ("anything-but single string excludes it", S736, "attrs", {"k": [{"anything-but": "x"}]}, {"k": s("x")}, DROP),
    ("anything-but string list matches a Number attribute", Q + "Q1", "attrs", {"k": [{"anything-but": ["100"]}]}, {"k": n("100")}, MATCH),
    ("anything-but numbers: excluded number dropped", S736, "attrs", {"k": [{"anything-but": [100, 500]}]}, {"k": n("500")}, DROP),
    ("anything-but numbers: 100.0 excluded by 100", S736, "attrs", {"k": [{"anything-but": [100, 500]}]}, {"k": n("100.0")}, DROP),
    ("anything-but numbers: other number matches", S736, "attrs", {"k": [{"anything-but": [100, 500]}]}, {"k": n("101")}, MATCH),
    ("anything-but single number", S736, "attrs", {"k": [{"anything-but": 100}]}, {"k": n("1e2")}, DROP),
    ("anything-but on String.Array: one allowed element suffices", Q + "Q2", "attrs", {"sport": [{"anything-but": ["rugby", "tennis"]}]}, {"sport": arr('["rugby","baseball"]')}, MATCH),
    ("anything-but on String.Array: all elements excluded", Q + "Q2", "attrs", {"sport": [{"anything-but": ["rugby", "tennis"]}]}, {"sport": arr('["rugby"]')}, DROP),
    ("anything-but on a body array: one allowed element suffices", Q + "Q2", "body", {"sport": [{"anything-but": ["rugby", "tennis"]}]}, '{"sport":["rugby","baseball"]}', MATCH),
    ("anything-but on a body array: all elements excluded", Q + "Q2", "body", {"sport": [{"anything-but": ["rugby", "tennis"]}]}, '{"sport":["rugby","tennis"]}', DROP),
    ("anything-but prefix: other prefix matches", S736, "attrs", {"k": [{"anything-but": {"prefix": "order-"}}]}, {"k": s("order_number")}, MATCH),
    ("anything-but prefix: unrelated value matches", S736, "attrs", {"k": [{"anything-but": {"prefix": "order-"}}]}, {"k": s("data-entry")}, MATCH),
    ("anything-but prefix: prefixed value dropped", S736, "attrs", {"k": [{"anything-but": {"prefix": "order-"}}]}, {"k": s("order-cancelled")}, DROP),
    ("anything-but prefix never matches a number", S736, "attrs", {"k": [{"anything-but": {"prefix": "x"}}]}, {"k": n("5")}, DROP),
    ("anything-but in the body: missing key dropped", S736, "body", {"k": [{"anything-but": "x"}]}, '{"j":"y"}', DROP),
    ("anything-but in the body: nested value", S736, "body", {"a": {"k": [{"anything-but": "x"}]}}, '{"a":{"k":"y"}}', MATCH),
    # ---- numeric (§7.3.7) ----
    ("numeric range: inside", S737, "attrs", {"price": [{"numeric": [">", 0, "<=", 150]}]}, {"price": n("100")}, MATCH),
    ("numeric range: upper bound inclusive", S737, "attrs", {"price": [{"numeric": [">", 0, "<=", 150]}]}, {"price": n("150")}, MATCH),
    ("numeric range: lower bound exclusive", S737, "attrs", {"price": [{"numeric": [">", 0, "<=", 150]}]}, {"price": n("0")}, DROP),
    ("numeric range: above", S737, "attrs", {"price": [{"numeric": [">", 0, "<=", 150]}]}, {"price": n("150.5")}, DROP),
    ("numeric range: >= lower bound inclusive", S737, "attrs", {"price": [{"numeric": [">=", 10, "<", 20]}]}, {"price": n("10")}, MATCH),
    ("numeric range: < upper bound exclusive", S737, "attrs", {"price": [{"numeric": [">=", 10, "<", 20]}]}, {"price": n("20")}, DROP),
    ("numeric =", S737, "attrs", {"p": [{"numeric": ["=", 301.5]}]}, {"p": n("3.015e2")}, MATCH),
    ("numeric = other value", S737, "attrs", {"p": [{"numeric": ["=", 301.5]}]}, {"p": n("301.6")}, DROP),
    ("numeric <", S737, "attrs", {"p": [{"numeric": ["<", 0]}]}, {"p": n("-0.5")}, MATCH),
    ("numeric <=", S737, "attrs", {"p": [{"numeric": ["<=", 5]}]}, {"p": n("5")}, MATCH),
    ("numeric >", S737, "attrs", {"p": [{"numeric": [">", 5]}]}, {"p": n("5")}, DROP),
    ("numeric >=", S737, "attrs", {"p": [{"numeric": [">=", 5]}]}, {"p": n("5")}, MATCH),
    ("numeric never matches a String attribute", S737, "attrs", {"p": [{"numeric": [">", 0]}]}, {"p": s("99")}, DROP),
    ("numeric matches a String.Array number element", S75, "attrs", {"p": [{"numeric": [">", 0]}]}, {"p": arr('[100,"a"]')}, MATCH),
    ("numeric conditions in one array are ORed", S737, "attrs", {"p": [{"numeric": ["<", 0]}, {"numeric": [">", 10]}]}, {"p": n("11")}, MATCH),
    ("numeric conditions in one array are ORed: neither", S737, "attrs", {"p": [{"numeric": ["<", 0]}, {"numeric": [">", 10]}]}, {"p": n("5")}, DROP),
    ("numeric in the body", S737, "body", {"p": [{"numeric": [">", 0, "<", 1]}]}, '{"p":0.25}', MATCH),
    ("numeric never matches a body string", S737, "body", {"p": [{"numeric": [">", 0]}]}, '{"p":"5"}', DROP),
    ("numeric on a large integer", S737, "attrs", {"p": [{"numeric": [">", 999999999]}]}, {"p": n("1000000000")}, MATCH),
    ("numeric with exponent in the policy", S737, "attrs", {"p": [{"numeric": [">=", 1e3]}]}, {"p": n("1000")}, MATCH),
    # ---- exists (§7.3.9) ----
    ("exists:true matches a present attribute", S739, "attrs", {"k": [{"exists": True}]}, {"k": s("v")}, MATCH),
    ("exists:true matches a Number attribute", S739, "attrs", {"k": [{"exists": True}]}, {"k": n("0")}, MATCH),
    ("exists:true drops when absent", S739, "attrs", {"k": [{"exists": True}]}, {"j": s("v")}, DROP),
    ("exists:false matches when absent", S739, "attrs", {"k": [{"exists": False}]}, {"j": s("v")}, MATCH),
    ("exists:false drops when present", S739, "attrs", {"k": [{"exists": False}]}, {"k": s("v")}, DROP),
    ("exists:false never matches a message without attributes", S72, "attrs", {"k": [{"exists": False}]}, {}, DROP),
    ("exists:true in the body", S739, "body", {"k": [{"exists": True}]}, '{"k":0}', MATCH),
    ("exists:true: null is not present", S739, "body", {"k": [{"exists": True}]}, '{"k":null}', DROP),
    ("exists:true: empty string is not present", S739, "body", {"k": [{"exists": True}]}, '{"k":""}', DROP),
    ("exists:true: empty array is not present", S739, "body", {"k": [{"exists": True}]}, '{"k":[]}', DROP),
    ("exists:true: an object is not a leaf", S739, "body", {"k": [{"exists": True}]}, '{"k":{"a":1}}', DROP),
    ("exists:true: false is present", S739, "body", {"k": [{"exists": True}]}, '{"k":false}', MATCH),
    ("exists:false in the body: absent", S739, "body", {"k": [{"exists": False}]}, '{"j":1}', MATCH),
    ("exists:false in the body: present", S739, "body", {"k": [{"exists": False}]}, '{"k":1}', DROP),
    ("exists:false: an object-valued key is not a leaf (body_exists_false_non_leaf)", S739, "body", {"k": [{"exists": False}]}, '{"k":{"a":1}}', MATCH),
    ("exists:false on nested keys: missing nested leaf and missing top key (aws-snapshot)", S739, "body", {"object": {"nested_key": [{"exists": False}]}, "test": [{"exists": False}]}, '{"object":{"key":"auto-test"}}', MATCH),
    ("exists:false on a nested key: whole parent absent", S739, "body", {"object": {"nested_key": [{"exists": False}]}}, '{"other":1}', MATCH),
    ("exists:false on a nested key: present", S739, "body", {"object": {"nested_key": [{"exists": False}]}}, '{"object":{"nested_key":1}}', DROP),
    ("exists:true on a nested key inside an array of objects", S739, "body", {"a": {"b": [{"exists": True}]}}, '{"a":[{"c":1},{"b":2}]}', MATCH),
    # ---- cidr (§7.3.8) ----
    ("cidr IPv4 inside", S738, "attrs", {"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": s("10.0.0.7")}, MATCH),
    ("cidr IPv4 network address included", S738, "attrs", {"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": s("10.0.0.0")}, MATCH),
    ("cidr IPv4 broadcast address included", S738, "attrs", {"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": s("10.0.0.255")}, MATCH),
    ("cidr IPv4 outside", S738, "attrs", {"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": s("10.0.1.0")}, DROP),
    ("cidr: invalid address does not match", S738, "attrs", {"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": s("10.0.0.256")}, DROP),
    ("cidr: non-IP string does not match", S738, "attrs", {"ip": [{"cidr": "10.0.0.0/24"}]}, {"ip": s("hello")}, DROP),
    ("cidr IPv6 in full notation matches a compressed block", S738, "attrs", {"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}, {"ip": s("2001:0db8:1234:1a00:0000:0000:0000:0000")}, MATCH),
    ("cidr IPv6 compressed", S738, "attrs", {"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}, {"ip": s("2001:db8:1234:1a00::1")}, MATCH),
    ("cidr IPv6 outside", S738, "attrs", {"ip": [{"cidr": "2001:db8:1234:1a00::/64"}]}, {"ip": s("2001:db8:1234:1a01::1")}, DROP),
    ("cidr: IPv4 value against an IPv6 block", S738, "attrs", {"ip": [{"cidr": "2001:db8::/32"}]}, {"ip": s("10.0.0.1")}, DROP),
    ("cidr in the body", S738, "body", {"source": {"ip": [{"cidr": "192.168.0.0/16"}]}}, '{"source":{"ip":"192.168.3.4"}}', MATCH),
    ("cidr never matches a number", S75, "body", {"ip": [{"cidr": "10.0.0.0/8"}]}, '{"ip":10}', DROP),
    # ---- $or (§7.3.10) ----
    ("$or: first branch", S7310, "attrs", {"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}, {"source": s("aws.cloudwatch"), "metricName": s("CPUUtilization")}, MATCH),
    ("$or: second branch", S7310, "attrs", {"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}, {"source": s("aws.cloudwatch"), "namespace": s("AWS/EC2")}, MATCH),
    ("$or: no branch", S7310, "attrs", {"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}, {"source": s("aws.cloudwatch")}, DROP),
    ("$or: the key outside $or still required", S7310, "attrs", {"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}, {"source": s("x"), "namespace": s("AWS/EC2")}, DROP),
    ("$or nested inside a branch", S7310, "attrs", {"$or": [{"a": ["1"]}, {"b": ["2"], "$or": [{"c": ["3"]}, {"d": ["4"]}]}]}, {"b": s("2"), "d": s("4")}, MATCH),
    ("$or nested inside a branch: inner OR unmet", S7310, "attrs", {"$or": [{"a": ["1"]}, {"b": ["2"], "$or": [{"c": ["3"]}, {"d": ["4"]}]}]}, {"b": s("2"), "e": s("4")}, DROP),
    ("$or with three branches", S7310, "attrs", {"$or": [{"a": ["1"]}, {"b": ["2"]}, {"c": ["3"]}]}, {"c": s("3")}, MATCH),
    ("$or inside a body object applies to its fields", S7310, "body", {"detail": {"scope": ["Service"], "$or": [{"source": ["aws.cloudwatch"]}, {"type": ["Alarm"]}]}}, '{"detail":{"scope":"Service","type":"Alarm"}}', MATCH),
    ("$or inside a body object: no branch", S7310, "body", {"detail": {"scope": ["Service"], "$or": [{"source": ["aws.cloudwatch"]}, {"type": ["Alarm"]}]}}, '{"detail":{"scope":"Service"}}', DROP),
    ("$or with numeric branches (doc example)", S7310, "body", {"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"metricType": ["MetricType"], "namespace": ["AWS/EC2"]}]}, '{"source":"aws.cloudwatch","metricType":"MetricType","namespace":"AWS/EC2"}', MATCH),
    ("$or whose value is not a list of objects is an ordinary key", S7310, "body", {"$or": ["x"]}, '{"$or":"x"}', MATCH),
    ("$or whose objects use operator names is an ordinary key", S7310, "body", {"$or": [{"prefix": "ab"}, {"suffix": "yz"}]}, '{"$or":"abc"}', MATCH),
    ("$or whose objects use operator names is an ordinary key: no match", S7310, "body", {"$or": [{"prefix": "ab"}, {"suffix": "yz"}]}, '{"$or":"xyz1"}', DROP),
    # ---- body: nesting, dotted keys, arrays (§7.2) ----
    ("body nested key matches", S72, "body", {"object": {"nested": ["x"]}}, '{"object":{"nested":"x"}}', MATCH),
    ("body nested key: other value", S72, "body", {"object": {"nested": ["x"]}}, '{"object":{"nested":"y"}}', DROP),
    ("body nested policy matches a dotted key name", S72, "body", {"object": {"nested": ["x"]}}, '{"object.nested":"x"}', MATCH),
    ("body dotted policy key matches nesting", S72, "body", {"object.nested": ["x"]}, '{"object":{"nested":"x"}}', MATCH),
    ("body mixed dotted names (aws-snapshot)", S72, "body", {"object.nested": {"test": ["x"]}}, '{"object":{"nested.test":"x"}}', MATCH),
    ("body nested key at the wrong level", S72, "body", {"object": {"nested": ["x"]}}, '{"nested":"x"}', DROP),
    ("body array of scalars: any element", S72, "body", {"tags": ["b"]}, '{"tags":["a","b","c"]}', MATCH),
    ("body array of scalars: no element", S72, "body", {"tags": ["z"]}, '{"tags":["a","b","c"]}', DROP),
    ("body array of objects: fields under the parent path", S72, "body", {"items": {"sku": ["B"]}}, '{"items":[{"sku":"A"},{"sku":"B"}]}', MATCH),
    ("body nested arrays of objects", S72, "body", {"a": {"b": ["x"]}}, '{"a":[[{"b":"y"}],[{"b":"x"}]]}', MATCH),
    ("body deep nesting", S72, "body", {"a": {"b": {"c": {"d": [1]}}}}, '{"a":{"b":{"c":{"d":1}}}}', MATCH),
    ("body two nested keys", S72, "body", {"order": {"type": ["online"], "total": [{"numeric": [">", 100]}]}}, '{"order":{"type":"online","total":250}}', MATCH),
    ("body two nested keys: one fails", S72, "body", {"order": {"type": ["online"], "total": [{"numeric": [">", 100]}]}}, '{"order":{"type":"online","total":50}}', DROP),
    ("body attributes are ignored in body scope", S72, "body", {"k": ["v"]}, '{"j":"v"}', DROP),
    ("body that is not JSON never matches", S72, "body", {"k": [{"exists": False}]}, "Regular string message", DROP),
    ("body that is a JSON string never matches", S72, "body", {"k": [{"exists": False}]}, '"Regular string message"', DROP),
    ("body that is a JSON array never matches", S72, "body", {"k": [{"exists": False}]}, '[{"k":1}]', DROP),
    ("body that is a JSON number never matches", S72, "body", {"k": [{"exists": False}]}, "42", DROP),
    ("body with unicode escapes compares decoded", S72, "body", {"k": ["é"]}, '{"k":"\\u00e9"}', MATCH),
    ("body strings with quotes compare decoded", S72, "body", {"k": ['a"b']}, '{"k":"a\\"b"}', MATCH),
    # ---- attribute scope details ----
    ("attributes: a message without attributes never matches", S72, "attrs", {"k": ["v"]}, {}, DROP),
    ("attributes: the body is ignored in attribute scope", S72, "attrs", {"k": ["v"]}, {"j": s("x")}, DROP),
    ("attributes: attribute names with dots are flat keys", S72, "attrs", {"a.b": ["v"]}, {"a.b": s("v")}, MATCH),
    ("attributes: a double quote in a String value is not matched by the decoded policy (attr_string_value_with_double_quote)", Q + "Q10", "attrs", {"k": ['say "hi"']}, {"k": s('say "hi"')}, DROP),
    # ---- §7.5 type-mismatch table ----
    ("type table: \"100\" vs String \"100\"", S75, "attrs", {"k": ["100"]}, {"k": s("100")}, MATCH),
    ("type table: \"100\" vs Number 100 (attr_exact_string_policy_vs_number_attr)", Q + "Q1", "attrs", {"k": ["100"]}, {"k": n("100")}, DROP),
    ("type table: 100 vs String \"100\"", S75, "attrs", {"k": [100]}, {"k": s("100")}, DROP),
    ("type table: numeric vs String \"100\"", S75, "attrs", {"k": [{"numeric": [">", 0]}]}, {"k": s("100")}, DROP),
    ("type table: numeric vs Number 100", S75, "attrs", {"k": [{"numeric": [">", 0]}]}, {"k": n("100")}, MATCH),
    ("type table: prefix vs String \"100\"", S75, "attrs", {"k": [{"prefix": "1"}]}, {"k": s("100")}, MATCH),
    ("type table: prefix vs Number 100", S75, "attrs", {"k": [{"prefix": "1"}]}, {"k": n("100")}, DROP),
    ("type table: anything-but [\"100\"] vs String \"100\"", S75, "attrs", {"k": [{"anything-but": ["100"]}]}, {"k": s("100")}, DROP),
    ("type table: anything-but [\"100\"] vs String.Array [100,\"a\"]", S75, "attrs", {"k": [{"anything-but": ["100"]}]}, {"k": arr('[100,"a"]')}, MATCH),
    ("type table: exists vs Number", S75, "attrs", {"k": [{"exists": True}]}, {"k": n("100")}, MATCH),
    ("type table: exists vs String.Array", S75, "attrs", {"k": [{"exists": True}]}, {"k": arr('[100,"a"]')}, MATCH),
    ("type table: cidr vs String IP", S75, "attrs", {"k": [{"cidr": "10.0.0.0/8"}]}, {"k": s("10.1.2.3")}, MATCH),
    ("type table: cidr vs String.Array elements", S75, "attrs", {"k": [{"cidr": "10.0.0.0/8"}]}, {"k": arr('["1.2.3.4","10.9.9.9"]')}, MATCH),
    ("type table: cidr vs Number", S75, "attrs", {"k": [{"cidr": "10.0.0.0/8"}]}, {"k": n("10")}, DROP),
    # ---- limits that pass (§7.4) ----
    ("five keys are allowed", S74, "attrs", {"a": ["1"], "b": ["1"], "c": ["1"], "d": ["1"], "e": ["1"]}, {"a": s("1"), "b": s("1"), "c": s("1"), "d": s("1"), "e": s("1")}, MATCH),
    ("150 values in one key are allowed", S74, "attrs", {"k": ["v%d" % i for i in range(150)]}, {"k": s("v149")}, MATCH),
    ("$or totalling exactly 150 combinations is allowed", S74, "attrs",
     {"source": ["s%d" % i for i in range(3)], "$or": [{"metricName": ["m%d" % i for i in range(6)]}, {"metricType": ["t%d" % i for i in range(4)], "$or": [{"metricId": ["i%d" % i for i in range(4)]}, {"spaceId": ["p%d" % i for i in range(7)]}]}]},
     {"source": s("s1"), "metricType": s("t2"), "spaceId": s("p6")}, MATCH),
    ("nested policy worth 72 combinations is allowed (doc example)", S74, "body",
     {"key_a": {"key_b": {"key_c": ["a", "b", "c", "d"]}}, "key_d": {"key_e": ["x", "y", "z"]}},
     '{"key_a":{"key_b":{"key_c":"c"}},"key_d":{"key_e":"z"}}', MATCH),
    # ---- validation errors through Subscribe (§7.4) ----
    ("invalid: leaf not an array", S74, "attrs", {"k": "v"}, None, rule_err('"k" must be an object or an array')),
    ("invalid: operator used without a list", S74, "body", {"key": {"suffix": "value"}}, None, rule_err('"suffix" must be an object or an array')),
    ("invalid: unknown name used without a list", S74, "body", {"key": {"not-an-operator": "value"}}, None, rule_err('"not-an-operator" must be an object or an array')),
    ("invalid: empty array", S74, "attrs", {"k": []}, None, rule_err("Empty arrays are not allowed")),
    ("invalid: nested array in a leaf (aws-snapshot, column 10)", S74, "attrs", {"key": [["value"]]}, None,
     err('Match value must be String, number, true, false, or null\n at [Source: (String)"{"key":[["value"]]}"; line: 1, column: 10]')),
    ("invalid: unknown operator", S74, "attrs", {"k": [{"wrong-operator": True}]}, None, rule_err("Unrecognized match type wrong-operator")),
    ("invalid: wildcard is not an SNS operator", Q + "Q4", "attrs", {"k": [{"wildcard": "a*"}]}, None, rule_err("Unrecognized match type wildcard")),
    ("invalid: two keys in one condition", S74, "attrs", {"k": [{"suffix": "a", "prefix": "b"}]}, None, rule_err("Only one key allowed in match expression")),
    ("invalid: suffix not a string", S74, "attrs", {"k": [{"suffix": 5}]}, None, rule_err("suffix match pattern must be a string")),
    ("invalid: suffix null", S74, "attrs", {"k": [{"suffix": None}]}, None, rule_err("suffix match pattern must be a string")),
    ("invalid: suffix list", S74, "attrs", {"k": [{"suffix": ["a"]}]}, None, rule_err("suffix match pattern must be a string")),
    ("invalid: prefix empty list", S74, "attrs", {"k": [{"prefix": []}]}, None, rule_err("prefix match pattern must be a string")),
    ("invalid: equals-ignore-case not a string", S74, "attrs", {"k": [{"equals-ignore-case": 1}]}, None, rule_err("equals-ignore-case match pattern must be a string")),
    ("invalid: cidr not a string", S74, "attrs", {"k": [{"cidr": 10}]}, None, rule_err("prefix match pattern must be a string")),
    ("invalid: cidr without slash", S74, "attrs", {"k": [{"cidr": "10.0.0.0"}]}, None, err("Malformed CIDR, one '/' required")),
    ("invalid: cidr mask not an integer", S74, "attrs", {"k": [{"cidr": "bad-/64filter"}]}, None, err("Malformed CIDR, mask bits must be an integer")),
    ("invalid: cidr bad address", S74, "attrs", {"k": [{"cidr": "bad-filter/64"}]}, None, err("Nonstandard IP address: bad-filter")),
    ("invalid: cidr bad IPv4-like address", S74, "attrs", {"k": [{"cidr": "xx.11.xx/8"}]}, None, err("Nonstandard IP address: xx.11.xx")),
    ("invalid: cidr bad IPv6-like address", S74, "attrs", {"k": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}, None, err("Nonstandard IP address: xxxx:db8:1234:1a00::")),
    ("invalid: exists null", S74, "attrs", {"k": [{"exists": None}]}, None, rule_err("exists match pattern must be either true or false.")),
    ("invalid: exists string", S74, "attrs", {"k": [{"exists": "no"}]}, None, rule_err("exists match pattern must be either true or false.")),
    ("invalid: anything-but suffix", Q + "Q4", "attrs", {"k": [{"anything-but": {"suffix": "x"}}]}, None, rule_err("Unsupported anything-but pattern: suffix")),
    ("invalid: anything-but exists", S74, "attrs", {"k": [{"anything-but": {"exists": False}}]}, None, rule_err("Unsupported anything-but pattern: exists")),
    ("invalid: anything-but unknown operator", S74, "attrs", {"k": [{"anything-but": {"wrong-operator": "x"}}]}, None, rule_err("Unsupported anything-but pattern: wrong-operator")),
    ("invalid: anything-but equals-ignore-case", Q + "Q4", "attrs", {"k": [{"anything-but": {"equals-ignore-case": "x"}}]}, None, rule_err("Unsupported anything-but pattern: equals-ignore-case")),
    ("invalid: anything-but prefix not a string", S74, "attrs", {"k": [{"anything-but": {"prefix": False}}]}, None, rule_err("prefix match pattern must be a string")),
    ("invalid: anything-but mixed list", S74, "attrs", {"k": [{"anything-but": ["a", 1]}]}, None, rule_err("Inside anything but list, either all values are number or string, mixed type is not supported")),
    ("invalid: anything-but list with null", S74, "attrs", {"k": [{"anything-but": ["a", None]}]}, None, rule_err("Inside anything but list, start|null|boolean is not supported.")),
    ("invalid: numeric empty", S74, "attrs", {"k": [{"numeric": []}]}, None, rule_err("Invalid member in numeric match: ]")),
    ("invalid: numeric starts with a number", S74, "attrs", {"k": [{"numeric": [1, "<="]}]}, None, rule_err("Invalid member in numeric match: 1")),
    ("invalid: numeric unknown operator", S74, "attrs", {"k": [{"numeric": ["operator"]}]}, None, rule_err("Unrecognized numeric range operator: operator")),
    ("invalid: numeric = with a string", S74, "attrs", {"k": [{"numeric": ["=", "000"]}]}, None, rule_err("Value of equals must be numeric")),
    ("invalid: numeric >= without a value", S74, "attrs", {"k": [{"numeric": [">="]}]}, None, rule_err("Value of >= must be numeric")),
    ("invalid: numeric > without a value", S74, "attrs", {"k": [{"numeric": [">"]}]}, None, rule_err("Value of > must be numeric")),
    ("invalid: numeric < without a value", S74, "attrs", {"k": [{"numeric": ["<"]}]}, None, rule_err("Value of < must be numeric")),
    ("invalid: numeric <= without a value", S74, "attrs", {"k": [{"numeric": ["<="]}]}, None, rule_err("Value of <= must be numeric")),
    ("invalid: numeric second term after <", S74, "attrs", {"k": [{"numeric": ["<", 100, ">", 10]}]}, None, rule_err("Too many elements in numeric expression")),
    ("invalid: numeric second operator not an upper bound", S74, "attrs", {"k": [{"numeric": [">=", 1, ">", 2]}]}, None, rule_err("Bad numeric range operator: >")),
    ("invalid: numeric number where the operator should be", S74, "attrs", {"k": [{"numeric": [">", 20, 30]}]}, None, rule_err("Bad value in numeric range: 30")),
    ("invalid: numeric unknown second operator", S74, "attrs", {"k": [{"numeric": [">", 20, "test"]}]}, None, rule_err("Bad numeric range operator: test")),
    ("invalid: numeric upper bound missing", S74, "attrs", {"k": [{"numeric": [">", 20, "<="]}]}, None, rule_err("Value of <= must be numeric")),
    ("invalid: numeric lower bound a string", S74, "attrs", {"k": [{"numeric": [">", "20", "<", "30"]}]}, None, rule_err("Value of > must be numeric")),
    ("invalid: numeric upper bound a string", S74, "attrs", {"k": [{"numeric": [">", 20, "<", "30"]}]}, None, rule_err("Value of < must be numeric")),
    ("invalid: numeric bottom above top", S74, "attrs", {"k": [{"numeric": [">", 3, "<", 1]}]}, None, rule_err("Bottom must be less than top")),
    ("invalid: numeric too many terms", S74, "attrs", {"k": [{"numeric": [">", 20, "<", 30, "<", 50]}]}, None, rule_err("Too many terms in numeric range expression")),
    ("invalid: numeric not an array", S74, "attrs", {"k": [{"numeric": 5}]}, None, rule_err("Value of numeric must be an array.")),
    ("invalid: policy not an object", S74, "attrs", ["k"], None, rule_err("Filter is not an object")),
    ("invalid: empty nested object", S74, "body", {"detail": {}}, None, rule_err("Empty objects are not allowed")),
    ("invalid: nested policy in attribute scope", S74, "attrs", {"a": {"b": ["c"]}}, None, ("error_full", "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy", False)),
    ("invalid: six keys (attribute scope)", S74, "attrs", {k: ["1"] for k in "abcdef"}, None, err("Filter policy can not have more than 5 keys")),
    ("invalid: six keys (body scope)", S74, "body", {k: ["1"] for k in "abcdef"}, None, err("Filter policy can not have more than 5 keys")),
    ("invalid: 151 values in one key", S74, "attrs", {"k": ["v%d" % i for i in range(151)]}, None, err("Filter policy is too complex")),
    ("invalid: 100 x 51 values", S74, "attrs", {"a": ["v%d" % i for i in range(100)], "b": ["w%d" % i for i in range(51)]}, None, err("Filter policy is too complex")),
    ("invalid: depth-weighted 216 combinations", S74, "body",
     {"key_a": {"key_b": {"key_c": ["a", "b", "c", "d"]}}, "key_d": {"key_e": ["x", "y", "z"]}, "key_f": ["1", "2", "3"]}, None, err("Filter policy is too complex")),
    ("invalid: $or totalling 152 combinations", S74, "attrs",
     {"source": ["s%d" % i for i in range(4)], "$or": [{"metricName": ["m%d" % i for i in range(6)]}, {"metricType": ["t%d" % i for i in range(4)], "$or": [{"metricId": ["i%d" % i for i in range(4)]}, {"spaceId": ["p%d" % i for i in range(4)]}]}]},
     None, err("Filter policy is too complex")),
    ("invalid: nested $or worth 72 + 216 combinations (depth counts inside branches)", S74, "body",
     {"a": {"x": ["1", "2", "3"], "$or": [{"b": ["1"]}, {"c": ["1", "2", "3"]}], "y": {"z": ["1", "2"]}}}, None, err("Filter policy is too complex")),
    ("invalid: not JSON", S74, "attrs", "invalid-json", None,
     err_re(re.escape("failed to parse JSON. Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')") + r"\n at \[Source: .*\]$")),
    ("invalid: unquoted field name", S74, "attrs", "{invalid}", None,
     err("failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]")),
]

# SetSubscriptionAttributes rows: (name, source, scope, policy, expected full message or None)
SET_ROWS = [
    ("SetSubscriptionAttributes: leaf not an array", S74, "attrs", {"k": "v"},
     err_re(re.escape('Invalid parameter: FilterPolicy: "k" must be an object or an array') + r'\n at \[Source: \(String\)".*"; line: 1, column: [0-9]+\]$')),
    ("SetSubscriptionAttributes: nested policy while the scope is MessageAttributes", S71, "attrs", {"a": {"b": ["c"]}},
     err("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy")),
    ("SetSubscriptionAttributes: six keys", S74, "attrs", {k: ["1"] for k in "abcdef"},
     err("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys")),
    ("SetSubscriptionAttributes: too complex", S74, "attrs", {"k": ["v%d" % i for i in range(151)]},
     err("Invalid parameter: FilterPolicy: Filter policy is too complex")),
    ("SetSubscriptionAttributes: CIDR error has no location", S74, "attrs", {"k": [{"cidr": "10.0.0.0"}]},
     err("Invalid parameter: FilterPolicy: Malformed CIDR, one '/' required")),
    ("SetSubscriptionAttributes: syntax error", S74, "attrs", "{invalid}",
     err("Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]")),
    ("SetSubscriptionAttributes: unknown operator", S74, "body", {"k": [{"wrong-operator": True}]},
     err_re(re.escape("Invalid parameter: FilterPolicy: Unrecognized match type wrong-operator") + r"\n at \[Source: .*\]$")),
]

ACCOUNT = "000000000000"
TOPIC_ARN = "arn:aws:sns:us-east-1:%s:t" % ACCOUNT
QUEUE_ARN = "arn:aws:sqs:us-east-1:%s:q" % ACCOUNT
QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/%s/q" % ACCOUNT
QUEUE_POLICY = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "sns", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage", "Resource": QUEUE_ARN,
        "Condition": {"ArnEquals": {"aws:SourceArn": [TOPIC_ARN]}},
    }],
}, separators=(",", ":"))


def policy_text(p):
    return p if isinstance(p, str) else json.dumps(p, separators=(",", ":"), ensure_ascii=False)


def scope_name(scope):
    return "MessageBody" if scope == "body" else "MessageAttributes"


def setup():
    return [
        {"call": "sns.CreateTopic", "input": {"Name": "t"}, "expect": {"ok": {"TopicArn": TOPIC_ARN}}},
        {"call": "sqs.CreateQueue", "input": {"QueueName": "q", "Attributes": {"Policy": QUEUE_POLICY}},
         "expect": {"ok": {"QueueUrl": QUEUE_URL}}},
    ]


def attributes_input(attrs):
    out = {}
    for name, (ty, value) in attrs.items():
        if ty.startswith("Binary"):
            out[name] = {"DataType": ty, "BinaryValue": base64.b64encode(value.encode()).decode()}
        else:
            out[name] = {"DataType": ty, "StringValue": value}
    return out


def receive(expected_body):
    want = {"Messages": [{"Body": expected_body}]} if expected_body is not None else {"Messages": {"$len": 0}}
    return [
        {"advance_ms": 1000},
        {"call": "sqs.ReceiveMessage",
         "input": {"QueueUrl": QUEUE_URL, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 0},
         "expect": {"ok": want}},
    ]


def error_expect(text, is_regex, prefix):
    message = prefix + text
    if is_regex:
        return {"error": "InvalidParameter", "message": {"$regex": "^" + re.escape(prefix) + text}}
    return {"error": "InvalidParameter", "message": message}


def case_from_row(i, row):
    name, source, scope, policy, message, expected = row
    attrs = {"RawMessageDelivery": "true", "FilterPolicy": policy_text(policy)}
    if scope == "body":
        attrs["FilterPolicyScope"] = "MessageBody"
    subscribe = {"call": "sns.Subscribe",
                 "input": {"TopicArn": TOPIC_ARN, "Protocol": "sqs", "Endpoint": QUEUE_ARN, "Attributes": attrs}}
    steps = setup()
    if isinstance(expected, tuple):
        kind, text, is_regex = expected
        if kind == "error_full":
            subscribe["expect"] = {"error": "InvalidParameter", "message": text}
        else:
            subscribe["expect"] = error_expect(text, is_regex, "Invalid parameter: Attributes Reason: FilterPolicy: ")
        steps.append(subscribe)
        # A rejected Subscribe creates nothing: a publish reaches no one.
        steps.append({"call": "sns.ListSubscriptionsByTopic", "input": {"TopicArn": TOPIC_ARN},
                      "expect": {"ok": {"Subscriptions": {"$len": 0}}}})
        return {"name": "%03d %s" % (i, name), "source": source, "steps": steps}
    subscribe["expect"] = {"ok": True}
    steps.append(subscribe)
    if scope == "body":
        body = message
        publish = {"TopicArn": TOPIC_ARN, "Message": body}
    else:
        body = "message %d" % i
        publish = {"TopicArn": TOPIC_ARN, "Message": body}
        if message:
            publish["MessageAttributes"] = attributes_input(message)
    steps.append({"call": "sns.Publish", "input": publish, "expect": {"ok": True}})
    steps += receive(body if expected == MATCH else None)
    return {"name": "%03d %s" % (i, name), "source": source, "steps": steps}


def case_from_set_row(i, row):
    name, source, scope, policy, expected = row
    _, text, is_regex = expected
    steps = setup()
    steps.append({"call": "sns.Subscribe",
                  "input": {"TopicArn": TOPIC_ARN, "Protocol": "sqs", "Endpoint": QUEUE_ARN,
                            "Attributes": {"RawMessageDelivery": "true"}},
                  "expect": {"ok": True}, "save": {"sub": "SubscriptionArn"}})
    if scope == "body":
        steps.append({"call": "sns.SetSubscriptionAttributes",
                      "input": {"SubscriptionArn": "${sub}", "AttributeName": "FilterPolicyScope", "AttributeValue": "MessageBody"},
                      "expect": {"ok": True}})
    set_call = {"call": "sns.SetSubscriptionAttributes",
                "input": {"SubscriptionArn": "${sub}", "AttributeName": "FilterPolicy", "AttributeValue": policy_text(policy)}}
    set_call["expect"] = ({"error": "InvalidParameter", "message": {"$regex": "^" + text}} if is_regex
                          else {"error": "InvalidParameter", "message": text})
    steps.append(set_call)
    # The subscription is unchanged: still no policy, everything delivered.
    steps.append({"call": "sns.GetSubscriptionAttributes", "input": {"SubscriptionArn": "${sub}"},
                  "expect": {"ok": {"Attributes": {"FilterPolicy": {"$absent": True}}}}})
    steps.append({"call": "sns.Publish", "input": {"TopicArn": TOPIC_ARN, "Message": "hello"}, "expect": {"ok": True}})
    steps += receive("hello")
    return {"name": "%03d %s" % (i, name), "source": source, "steps": steps}


def special_cases(start):
    """Timelines that need more than one Publish or attribute change."""
    cases = []

    def add(name, source, steps):
        cases.append({"name": "%03d %s" % (start + len(cases), name), "source": source, "steps": steps})

    sub_plain = {"call": "sns.Subscribe",
                 "input": {"TopicArn": TOPIC_ARN, "Protocol": "sqs", "Endpoint": QUEUE_ARN,
                           "Attributes": {"RawMessageDelivery": "true"}},
                 "expect": {"ok": True}, "save": {"sub": "SubscriptionArn"}}

    def set_attr(name, value, expect=None):
        return {"call": "sns.SetSubscriptionAttributes",
                "input": {"SubscriptionArn": "${sub}", "AttributeName": name, "AttributeValue": value},
                "expect": expect or {"ok": True}}

    def publish(msg, attrs=None):
        inp = {"TopicArn": TOPIC_ARN, "Message": msg}
        if attrs:
            inp["MessageAttributes"] = attributes_input(attrs)
        return {"call": "sns.Publish", "input": inp, "expect": {"ok": True}}

    add("a policy set with SetSubscriptionAttributes applies at once", S71,
        setup() + [sub_plain, set_attr("FilterPolicy", '{"k":["v"]}'),
                   publish("dropped", {"k": s("w")}), publish("kept", {"k": s("v")})] + receive("kept"))
    add("setting FilterPolicy to \"\" removes it: everything delivered", S71,
        setup() + [sub_plain, set_attr("FilterPolicy", '{"k":["v"]}'), set_attr("FilterPolicy", ""),
                   {"call": "sns.GetSubscriptionAttributes", "input": {"SubscriptionArn": "${sub}"},
                    "expect": {"ok": {"Attributes": {"FilterPolicy": {"$absent": True}, "FilterPolicyScope": {"$absent": True}}}}},
                   publish("no attributes")] + receive("no attributes"))
    add("scope first, then a nested policy, filters the body", S71,
        setup() + [sub_plain, set_attr("FilterPolicyScope", "MessageBody"),
                   set_attr("FilterPolicy", '{"a":{"b":["c"]}}'),
                   {"call": "sns.GetSubscriptionAttributes", "input": {"SubscriptionArn": "${sub}"},
                    "expect": {"ok": {"Attributes": {"FilterPolicy": '{"a":{"b":["c"]}}', "FilterPolicyScope": "MessageBody"}}}},
                   publish('{"a":{"b":"x"}}'), publish('{"a":{"b":"c"}}')] + receive('{"a":{"b":"c"}}'))
    add("FilterPolicyScope is shown only once a policy exists", S71,
        setup() + [sub_plain, set_attr("FilterPolicyScope", "MessageBody"),
                   {"call": "sns.GetSubscriptionAttributes", "input": {"SubscriptionArn": "${sub}"},
                    "expect": {"ok": {"Attributes": {"FilterPolicyScope": {"$absent": True}}}}},
                   set_attr("FilterPolicy", '{"k":["v"]}'),
                   {"call": "sns.GetSubscriptionAttributes", "input": {"SubscriptionArn": "${sub}"},
                    "expect": {"ok": {"Attributes": {"FilterPolicyScope": "MessageBody"}}}}])
    add("FilterPolicyScope defaults to MessageAttributes once a policy exists", S71,
        setup() + [sub_plain, set_attr("FilterPolicy", '{"k":["v"]}'),
                   {"call": "sns.GetSubscriptionAttributes", "input": {"SubscriptionArn": "${sub}"},
                    "expect": {"ok": {"Attributes": {"FilterPolicy": '{"k":["v"]}', "FilterPolicyScope": "MessageAttributes"}}}}])
    add("an invalid FilterPolicyScope value is rejected", "spec/sns.md §3 SetSubscriptionAttributes",
        setup() + [sub_plain, set_attr("FilterPolicyScope", "messagebody", {
            "error": "InvalidParameter",
            "message": "Invalid parameter: FilterPolicyScope: Invalid value [messagebody]. Please use either MessageBody or MessageAttributes"})])
    add("switching the scope back to attributes re-reads the same policy", S71,
        setup() + [sub_plain, set_attr("FilterPolicyScope", "MessageBody"), set_attr("FilterPolicy", '{"k":["v"]}'),
                   publish('{"k":"v"}'), {"advance_ms": 1000}, set_attr("FilterPolicyScope", "MessageAttributes"),
                   publish('{"k":"v"}'), publish("by attribute", {"k": s("v")}),
                   {"advance_ms": 1000},
                   {"call": "sqs.ReceiveMessage",
                    "input": {"QueueUrl": QUEUE_URL, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 0},
                    "expect": {"ok": {"Messages": {"$unordered": [{"Body": '{"k":"v"}'}, {"Body": "by attribute"}]}}}}])
    add("a rejected policy leaves the previous one in force", S74,
        setup() + [sub_plain, set_attr("FilterPolicy", '{"k":["v"]}'),
                   set_attr("FilterPolicy", '{"k":"v"}', {"error": "InvalidParameter"}),
                   {"call": "sns.GetSubscriptionAttributes", "input": {"SubscriptionArn": "${sub}"},
                    "expect": {"ok": {"Attributes": {"FilterPolicy": '{"k":["v"]}'}}}},
                   publish("dropped", {"k": s("w")}), publish("kept", {"k": s("v")})] + receive("kept"))
    add("nested policy after the scope was set back to MessageAttributes is rejected", S71,
        setup() + [sub_plain, set_attr("FilterPolicy", '{"k":["v"]}'),
                   set_attr("FilterPolicy", '{"a":{"b":["c"]}}', {
                       "error": "InvalidParameter",
                       "message": "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"})])
    add("two subscriptions with different policies each get their share", S72,
        setup() + [
            {"call": "sqs.CreateQueue", "input": {"QueueName": "q2", "Attributes": {"Policy": QUEUE_POLICY.replace(":q\"", ":q2\"")}},
             "expect": {"ok": True}},
            {"call": "sns.Subscribe", "input": {"TopicArn": TOPIC_ARN, "Protocol": "sqs", "Endpoint": QUEUE_ARN,
                                                "Attributes": {"RawMessageDelivery": "true", "FilterPolicy": '{"k":["a"]}'}},
             "expect": {"ok": True}},
            {"call": "sns.Subscribe", "input": {"TopicArn": TOPIC_ARN, "Protocol": "sqs", "Endpoint": QUEUE_ARN + "2",
                                                "Attributes": {"RawMessageDelivery": "true", "FilterPolicy": '{"k":["b"]}'}},
             "expect": {"ok": True}},
            publish("to a", {"k": s("a")}), publish("to b", {"k": s("b")}), {"advance_ms": 1000},
            {"call": "sqs.ReceiveMessage", "input": {"QueueUrl": QUEUE_URL, "MaxNumberOfMessages": 10},
             "expect": {"ok": {"Messages": [{"Body": "to a"}]}}},
            {"call": "sqs.ReceiveMessage", "input": {"QueueUrl": QUEUE_URL + "2", "MaxNumberOfMessages": 10},
             "expect": {"ok": {"Messages": [{"Body": "to b"}]}}},
        ])
    return cases


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    cases = [case_from_row(i, r) for i, r in enumerate(ROWS)]
    cases += [case_from_set_row(len(cases) + i, r) for i, r in enumerate(SET_ROWS)]
    cases += special_cases(len(cases))
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    out_dir = os.path.join(here, "..", "pending") if "--pending" in sys.argv else os.path.join(here, "..")
    path = os.path.normpath(os.path.join(out_dir, "sns_filter.json"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n")
        for i, c in enumerate(cases):
            f.write("  " + json.dumps(c, ensure_ascii=False))
            f.write(",\n" if i + 1 < len(cases) else "\n")
        f.write("]\n")
    print("%d cases -> %s" % (len(cases), path))


if __name__ == "__main__":
    main()
