//! SNS's ARN checks and texts (spec/sns.md §2, "ARN validation texts"): a value with fewer
//! than six colon-separated parts is `Invalid parameter: <Param> Reason: An ARN must have at
//! least 6 elements, not <n>`; a topic ARN of another region is `Invalid parameter: TopicArn`
//! (SNS APIs are regional).

use alloc::format;
use alloc::string::String;

use crate::{ApiError, Ctx};

/// The parts of `arn:<partition>:<service>:<region>:<account>:<resource>[:<more>]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArnParts<'a> {
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    /// Everything after the fifth colon (a topic name, or `topic:uuid`).
    pub resource: &'a str,
    /// Number of colon-separated parts.
    pub parts: usize,
}

/// Splits an ARN; `None` when it has fewer than six parts or does not start with `arn`.
pub fn split(arn: &str) -> Option<ArnParts<'_>> {
    // One pass over the bytes: the first five colons cut the fields, every colon counts.
    let mut cuts = [0usize; 5];
    let mut colons = 0usize;
    for (i, b) in arn.bytes().enumerate() {
        if b == b':' {
            if let Some(c) = cuts.get_mut(colons) {
                *c = i;
            }
            colons += 1;
        }
    }
    if colons < 5 || !arn.starts_with("arn:") {
        return None;
    }
    // ok: the cuts are ascending positions of ASCII colons, so every range is in bounds and
    // on character boundaries (`get` keeps it panic-free regardless).
    let field = |from: usize, to: usize| arn.get(from + 1..to);
    Some(ArnParts {
        service: field(cuts[1], cuts[2])?,
        region: field(cuts[2], cuts[3])?,
        account: field(cuts[3], cuts[4])?,
        resource: arn.get(cuts[4] + 1..)?,
        parts: colons + 1,
    })
}

/// Parses `value` as an ARN named `param`, with SNS's text for malformed values.
pub fn parse<'a>(param: &str, value: &'a str) -> Result<ArnParts<'a>, ApiError> {
    split(value).ok_or_else(|| {
        ApiError::sns_invalid(&format!(
            "{param} Reason: An ARN must have at least 6 elements, not {}",
            value.split(':').count()
        ))
    })
}

/// Checks a `TopicArn` parameter: well-formed, and in this region.
pub fn check_topic_arn(ctx: &Ctx, param: &str, value: &str) -> Result<(), ApiError> {
    let parts = parse(param, value)?;
    if parts.region != ctx.region() {
        return Err(ApiError::sns_invalid(param));
    }
    Ok(())
}

/// `arn:aws:sns:<region>:<account>:<name>`.
pub fn topic_arn(ctx: &Ctx, name: &str) -> String {
    format!("arn:aws:sns:{}:{}:{}", ctx.region(), ctx.account(), name)
}

/// The last part of an ARN (a queue, topic or function name).
pub fn last_part(arn: &str) -> &str {
    crate::arn::last_field(arn)
}

/// True when the ARN's resource names a FIFO resource (`….fifo`): its last part ends in
/// `.fifo`, which is the ARN ending in `.fifo` (those five bytes hold no `:`).
pub fn is_fifo_name(arn: &str) -> bool {
    arn.ends_with(".fifo")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_agrees_with_splitting_on_colons() {
        fn slow(arn: &str) -> Option<ArnParts<'_>> {
            let mut it = arn.splitn(6, ':');
            let (prefix, _, service, region, account, resource) =
                (it.next()?, it.next()?, it.next()?, it.next()?, it.next()?, it.next()?);
            (prefix == "arn").then(|| ArnParts {
                service,
                region,
                account,
                resource,
                parts: arn.split(':').count(),
            })
        }
        for s in [
            "arn:aws:sns:us-east-1:000000000000:t",
            "arn:aws:sns:us-east-1:000000000000:t:abc:d",
            "arn:aws:sns:us-east-1:000000000000",
            "arn:aws:sns:us-east-1:000000000000:",
            "arnx:aws:sns:r:a:t",
            "ARN:aws:sns:r:a:t",
            ":::::",
            "arn:::::",
            "arn:é:ü:ß:∂:ƒ:g",
            "",
        ] {
            assert_eq!(split(s), slow(s), "{s}");
        }
    }

    #[test]
    fn counts_parts_like_aws() {
        let msg = |v: &str| parse("TopicArn", v).unwrap_err().message;
        assert_eq!(
            msg("randomstring"),
            "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1"
        );
        assert_eq!(
            msg("randomstring:1"),
            "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 2"
        );
        assert_eq!(
            msg("arn:aws:sns:us-east-1:random"),
            "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 5"
        );
        assert_eq!(
            msg(""),
            "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1"
        );
        let p = parse("TopicArn", "arn:aws:sns:us-east-1:000000000000:t:abc").unwrap();
        assert_eq!((p.region, p.account, p.resource, p.parts), ("us-east-1", "000000000000", "t:abc", 7));
    }
}
