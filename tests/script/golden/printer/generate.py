"""Regenerates the expected printer outputs with the AWS CLI's own formatters.

    python3 -m venv /tmp/awsv && /tmp/awsv/bin/pip install awscli
    /tmp/awsv/bin/python tests/script/golden/printer/generate.py

For each case of cases.json writes <name>.<json|text|table> (awscli 1.x formatters; the v2
formatters are the same code).
"""
import argparse, io, json, os, sys
import jmespath
from awscli.formatter import get_formatter

here = os.path.dirname(os.path.abspath(__file__))
for case in json.load(open(os.path.join(here, "cases.json"), encoding="utf-8")):
    for fmt in ("json", "text", "table"):
        query = jmespath.compile(case["query"]) if case.get("query") else None
        args = argparse.Namespace(query=query, color="off", output=fmt)
        f = get_formatter(fmt, args)
        if fmt == "table":
            f.table._terminal_width = 100000
        out = io.StringIO()
        # The engine answers with sorted keys (serde_json without preserve_order).
        f(case["title"], json.loads(json.dumps(case["response"], sort_keys=True)), out)
        with open(os.path.join(here, f"{case['name']}.{fmt}"), "w", encoding="utf-8") as fh:
            fh.write(out.getvalue())
