//! The shape model behind the command tables: each API member has a type (string, integer,
//! boolean, blob, timestamp, list, map, structure), as in the AWS API models the AWS CLI is
//! generated from.
//!
//! Command and option names are derived from API names exactly as the AWS CLI derives them
//! (botocore's `xform_name`): `SendMessage` → `send-message`, `QueueOwnerAWSAccountId` →
//! `--queue-owner-aws-account-id`, `SizeInMBs` → `size-in-mbs`.

use alloc::string::String;

/// The type of an API member.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    Str,
    Int,
    Bool,
    /// Bytes: base64 in the JSON edge.
    Blob,
    /// A point in time: epoch seconds in the JSON edge, ISO 8601 or epoch on the command line.
    Timestamp,
    List(&'static Shape),
    /// String keys to values of the shape.
    Map(&'static Shape),
    /// A structure whose members are all known (others are rejected, as the AWS CLI does).
    Struct(&'static [Member]),
    /// A structure only partly described here: unknown members pass through unchecked.
    Open(&'static [Member]),
}

/// One member of an input structure.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub name: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
}

/// An optional member.
pub const fn m(name: &'static str, shape: &'static Shape) -> Member {
    Member { name, shape, required: false }
}

/// A required member.
pub const fn req(name: &'static str, shape: &'static Shape) -> Member {
    Member { name, shape, required: true }
}

/// One API action as the AWS CLI exposes it.
#[derive(Clone, Copy, Debug)]
pub struct Action {
    /// The API action name (`SendMessage`); the CLI command is its `xform_name`.
    pub name: &'static str,
    pub members: &'static [Member],
    /// A positional argument after the options (`s3api get-object … outfile`).
    pub positional: Option<&'static str>,
}

pub const fn action(name: &'static str, members: &'static [Member]) -> Action {
    Action { name, members, positional: None }
}

/// A CLI service: its CLI name, the engine service it calls, and its actions.
#[derive(Clone, Copy, Debug)]
pub struct Service {
    pub cli: &'static str,
    pub engine: &'static str,
    pub actions: &'static [Action],
}

pub const STR: Shape = Shape::Str;
pub const INT: Shape = Shape::Int;
pub const BOOL: Shape = Shape::Bool;
pub const BLOB: Shape = Shape::Blob;
pub const TIMESTAMP: Shape = Shape::Timestamp;
pub const STR_LIST: Shape = Shape::List(&STR);
pub const STR_MAP: Shape = Shape::Map(&STR);
/// `[{"Key": …, "Value": …}]` tags (SNS, Firehose).
pub const TAG_LIST: Shape = Shape::List(&TAG);
pub const TAG: Shape = Shape::Struct(&[req("Key", &STR), m("Value", &STR)]);

/// botocore's `xform_name` with `-`: the AWS CLI name of an API name.
pub fn xform_name(name: &str) -> String {
    let chars: alloc::vec::Vec<char> = name.chars().collect();
    // Special case: a trailing run of 2+ capitals followed by `s` (`ARNs`, `MBs`).
    let mut n = chars.len();
    let mut base: alloc::vec::Vec<char> = chars.clone();
    let mut suffix = String::new();
    if n >= 3 && chars.last() == Some(&'s') {
        let mut k = n - 1;
        while k > 0 && chars.get(k - 1).is_some_and(|c| c.is_ascii_uppercase()) {
            k -= 1;
        }
        if n - 1 - k >= 2 {
            suffix.push('-');
            suffix.extend(chars.get(k..).unwrap_or(&[]).iter().map(|c| c.to_ascii_lowercase()));
            base.truncate(k);
            n = k;
        }
    }
    let _ = n;
    // _first_cap_regex: '(.)([A-Z][a-z]+)' → '\1-\2' (left to right, non-overlapping).
    let mut s1: alloc::vec::Vec<char> = alloc::vec::Vec::new();
    let mut i = 0;
    while i < base.len() {
        let c = base.get(i).copied().unwrap_or(' ');
        let next_upper = base.get(i + 1).is_some_and(|c| c.is_ascii_uppercase());
        let then_lower = base.get(i + 2).is_some_and(|c| c.is_ascii_lowercase());
        s1.push(c);
        if next_upper && then_lower {
            // The match consumes `(.)([A-Z][a-z]+)`: copy it whole.
            s1.push('-');
            let mut j = i + 1;
            s1.push(base.get(j).copied().unwrap_or(' '));
            j += 1;
            while base.get(j).is_some_and(|c| c.is_ascii_lowercase()) {
                s1.push(base.get(j).copied().unwrap_or(' '));
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    // _end_cap_regex: '([a-z0-9])([A-Z])' → '\1-\2'.
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in s1 {
        if c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
            out.push('-');
        }
        out.push(c);
        prev = Some(c);
    }
    out.push_str(&suffix);
    out.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::xform_name;

    #[test]
    fn names_like_the_aws_cli() {
        for (api, cli) in [
            ("SendMessage", "send-message"),
            ("QueueUrl", "queue-url"),
            ("MaxNumberOfMessages", "max-number-of-messages"),
            ("QueueOwnerAWSAccountId", "queue-owner-aws-account-id"),
            ("AWSAccountIds", "aws-account-ids"),
            ("StreamARN", "stream-arn"),
            ("ListObjectsV2", "list-objects-v2"),
            ("ExtendedS3DestinationConfiguration", "extended-s3-destination-configuration"),
            ("SizeInMBs", "size-in-mbs"),
            ("MD5OfBody", "md5-of-body"),
            ("UUID", "uuid"),
            ("tags", "tags"),
            ("ShardId", "shard-id"),
            ("KinesisStreamARN", "kinesis-stream-arn"),
            ("TopicArn", "topic-arn"),
        ] {
            assert_eq!(xform_name(api), cli, "{api}");
        }
    }
}
