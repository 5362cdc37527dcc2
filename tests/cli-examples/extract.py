"""Collects the AWS CLI reference examples for the commands Decouple Lab supports.

The AWS CLI reference pages (https://docs.aws.amazon.com/cli/latest/reference/<service>/<command>.html)
are generated from the example files the awscli package ships (awscli/examples/<service>/<command>.rst).
This script reads those files and writes one scenario per command, <service>/<command>.sh: the
example's input files as embedded files, then its commands, with account ids and regions replaced
by the simulator's (000000000000, us-east-1). Everything else is unchanged.

    python3 -m venv /tmp/awsv && /tmp/awsv/bin/pip install awscli
    /tmp/awsv/bin/python tests/cli-examples/extract.py

The resources an example assumes (MyQueue, my-topic, samplestream, …) are created by
<service>/_setup.sh, which the test prepends.
"""
import os, re, sys
import awscli

COMMANDS = {
    "sqs": None,  # all
    "sns": ["create-topic", "delete-topic", "list-topics", "get-topic-attributes", "set-topic-attributes",
            "subscribe", "confirm-subscription", "unsubscribe", "list-subscriptions", "list-subscriptions-by-topic",
            "get-subscription-attributes", "set-subscription-attributes", "publish", "publish-batch",
            "tag-resource", "untag-resource", "list-tags-for-resource"],
    "kinesis": None,
    "firehose": None,
    "s3api": ["create-bucket", "list-objects-v2", "get-object"],
    "lambda": ["create-function", "get-function", "delete-function", "list-functions", "invoke",
               "create-event-source-mapping", "get-event-source-mapping", "update-event-source-mapping",
               "delete-event-source-mapping", "list-event-source-mappings"],
}

# Where a published example names its input file inconsistently, the name its command uses.
FILE_RENAMES = {("firehose", "put-record-batch"): {"myfile.json": "records.json"}}

ACCOUNT = re.compile(r"\b(\d{12}|\d{5}EXAMPLE|\d{4}-\d{4}-\d{4})\b")
REGION = re.compile(r"\b(us|eu|ap|sa|ca|me|af|il|mx)-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b")


def normalize(text):
    return REGION.sub("us-east-1", ACCOUNT.sub("000000000000", text))


def blocks(lines):
    """Yields (intro line, block text) for each `::` literal block."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::"):
            intro = line
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            body = []
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith((" ", "\t"))):
                body.append(lines[j])
                j += 1
            while body and not body[-1].strip():
                body.pop()
            indent = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
            yield intro, "\n".join(l[indent:] for l in body)
            i = j
        else:
            i += 1


def file_name(intro):
    m = re.search(r"``([^`]+\.(json|txt|yaml|zip|csv))``", intro) or re.search(r"\(([^)]+\.(json|txt))\)", intro)
    return m.group(1) if m else None


def main():
    root = os.path.join(os.path.dirname(awscli.__file__), "examples")
    here = os.path.dirname(os.path.abspath(__file__))
    total = 0
    for service, commands in COMMANDS.items():
        names = sorted(f[:-4] for f in os.listdir(os.path.join(root, service)) if f.endswith(".rst"))
        for command in names:
            if commands is not None and command not in commands:
                continue
            text = open(os.path.join(root, service, command + ".rst"), encoding="utf-8").read()
            files, cmds = [], []
            for intro, body in blocks(text.splitlines()):
                if body.lstrip().startswith("aws "):
                    cmds.append(normalize(body))
                elif file_name(intro) and not intro.strip().lower().startswith("output"):
                    name = FILE_RENAMES.get((service, command), {}).get(file_name(intro), file_name(intro))
                    files.append((name, normalize(body)))
            if not cmds:
                continue
            out = [f"# AWS CLI reference example: aws {service} {command}",
                   f"# https://docs.aws.amazon.com/cli/latest/reference/{service}/{command}.html",
                   f"# (from awscli/examples/{service}/{command}.rst; account ids and regions normalised)"]
            for name, body in files:
                out += [f"file {name} <<'EOF'", body, "EOF"]
            out += cmds
            os.makedirs(os.path.join(here, service), exist_ok=True)
            with open(os.path.join(here, service, command + ".sh"), "w", encoding="utf-8") as fh:
                fh.write("\n".join(out) + "\n")
            total += 1
    print(f"{total} example files")


main()
