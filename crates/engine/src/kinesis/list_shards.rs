//! ListShards: shards of a stream, with `ShardFilter`, paging by `NextToken`.
//!
//! AWS: name the stream **or** pass a `NextToken` (not both; a token also excludes
//! `ExclusiveStartShardId`, `StreamCreationTimestamp` and `ShardFilter`); `MaxResults` 1–10,000,
//! at most 1,000 returned; tokens live 300 s. `ShardFilter.Type`: `AFTER_SHARD_ID`,
//! `AT_TRIM_HORIZON` (shards open at the trim horizon), `FROM_TRIM_HORIZON` (default: every
//! shard within retention), `AT_LATEST` (open shards), `AT_TIMESTAMP` (shards open at the
//! timestamp), `FROM_TIMESTAMP` (shards open at or after it). Expired shards are never listed
//! (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html>,
//! spec/kinesis.md §1.7).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::iterator::instant_of_secs;
use super::next_token::{NextToken, TokenKind};
use super::shapes::{input, output, ShardOutput};
use super::shard::{parse_shard_id, Shard};
use super::stream::{Stream, StreamStatus};
use crate::coral::{is_name, Violations};
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Shards returned at most per call (and by default).
pub const LIST_SHARDS_MAX: usize = 1_000;
/// `ShardFilterType` values.
pub const SHARD_FILTER_TYPES: [&str; 6] =
    ["AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP"];

crate::shape::input_shape! {
    /// `ShardFilter`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ShardFilter {
        pub r#type: Option<String> = "Type",
        pub shard_id: Option<String> = "ShardId",
        pub timestamp: Option<f64> = "Timestamp",
    }
}

input! {
    /// ListShards.
    pub struct ListShardsInput {
        pub stream_name: Option<String> = "StreamName",
        pub stream_arn: Option<String> = "StreamARN",
        pub next_token: Option<String> = "NextToken",
        pub exclusive_start_shard_id: Option<String> = "ExclusiveStartShardId",
        pub max_results: Option<i64> = "MaxResults",
        pub stream_creation_timestamp: Option<f64> = "StreamCreationTimestamp",
        pub shard_filter: Option<ShardFilter> = "ShardFilter",
    }
}

output! {
    /// ListShards' answer.
    pub struct ListShardsOutput {
        pub shards: Vec<ShardOutput> = "Shards",
        pub next_token: Option<String> = "NextToken" skip_none,
    }
}

/// A resolved filter: which shards a listing keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    All,
    After(u32),
    OpenAt(Instant),
    OpenFrom(Instant),
    Open,
}

impl Filter {
    fn keeps(self, s: &Shard) -> bool {
        let open_at = |t: Instant| s.created_at <= t && s.closed_at.is_none_or(|c| c > t);
        match self {
            Filter::All => true,
            Filter::After(i) => s.index > i,
            Filter::Open => s.is_open(),
            Filter::OpenAt(t) => open_at(t),
            Filter::OpenFrom(t) => s.closed_at.is_none_or(|c| c >= t),
        }
    }

    fn encode(self) -> String {
        match self {
            Filter::All => "A".into(),
            Filter::After(i) => format!("S{i}"),
            Filter::OpenAt(t) => format!("T{}", t.millis()),
            Filter::OpenFrom(t) => format!("F{}", t.millis()),
            Filter::Open => "L".into(),
        }
    }

    fn decode(s: &str) -> Option<Self> {
        let (tag, rest) = s.split_at_checked(1)?;
        match tag {
            "A" => Some(Filter::All),
            "L" => Some(Filter::Open),
            "S" => rest.parse().ok().map(Filter::After),
            "T" => rest.parse().ok().map(|m| Filter::OpenAt(Instant(m))),
            "F" => rest.parse().ok().map(|m| Filter::OpenFrom(Instant(m))),
            _ => None,
        }
    }
}

/// The earliest instant listings consider: the trim horizon, not before the first shard.
fn horizon(stream: &Stream, now: Instant) -> Instant {
    let first = stream.shards.values().map(|s| s.created_at).min().unwrap_or(stream.created_at);
    Instant(now.millis().saturating_sub(stream.retention_ms())).max(first)
}

impl Cloud {
    /// ListShards.
    pub fn list_shards(&mut self, input: ListShardsInput) -> Result<ListShardsOutput, ApiError> {
        let mut v = Violations::new();
        v.range("maxResults", input.max_results, Some(1), Some(10_000));
        v.length("nextToken", input.next_token.as_deref(), 1, 1_048_576);
        let start = input.exclusive_start_shard_id.as_deref();
        v.length("exclusiveStartShardId", start, 1, 128);
        v.pattern("exclusiveStartShardId", start, "[a-zA-Z0-9_.-]+", is_name);
        if let Some(f) = &input.shard_filter {
            v.not_null("shardFilter.type", &f.r#type);
            v.one_of("shardFilter.type", f.r#type.as_deref(), &SHARD_FILTER_TYPES);
            v.length("shardFilter.shardId", f.shard_id.as_deref(), 1, 128);
        }
        super::stream::check_stream_ref(&mut v, input.stream_name.as_deref(), input.stream_arn.as_deref());
        v.finish()?;
        let invalid = |m: &str| ApiError::kinesis_invalid_argument(m);
        let named = input.stream_name.is_some() || input.stream_arn.is_some();
        let now = self.ctx.now;
        let (stream_key, filter, after) = match &input.next_token {
            Some(_) if input.stream_name.is_some() => {
                return Err(invalid("NextToken and StreamName cannot be provided together."))
            }
            Some(_) if input.stream_arn.is_some() => {
                return Err(invalid("NextToken and StreamARN cannot be provided together."))
            }
            Some(_) if input.exclusive_start_shard_id.is_some() => {
                return Err(invalid("NextToken and ExclusiveStartShardId cannot be provided together."))
            }
            Some(_) if input.stream_creation_timestamp.is_some() => {
                return Err(invalid("NextToken and StreamCreationTimestamp cannot be provided together."))
            }
            Some(_) if input.shard_filter.is_some() => {
                return Err(invalid("NextToken and ShardFilter cannot be provided together."))
            }
            Some(text) => {
                let t = NextToken::decode(text, TokenKind::ListShards, now)?;
                let mut parts = t.key.split('\n');
                let (Some(name), Some(last), Some(filter)) = (parts.next(), parts.next(), parts.next())
                else {
                    return Err(ApiError::invalid_next_token());
                };
                let last: u32 = last.parse().map_err(|_| ApiError::invalid_next_token())?;
                let filter = Filter::decode(filter).ok_or_else(ApiError::invalid_next_token)?;
                let stream = self.kinesis.streams.get(name).filter(|s| s.id == t.stream_id);
                let stream = stream.ok_or_else(|| ApiError::stream_not_found(name, self.ctx.account()))?;
                (stream.name.clone(), filter, Some(last))
            }
            None if !named => return Err(invalid("Either NextToken or StreamName should be provided.")),
            None => {
                let s = self.kinesis_stream(input.stream_name.as_deref(), input.stream_arn.as_deref())?;
                if s.status == StreamStatus::Creating {
                    return Err(ApiError::stream_not_active(&s.name, self.ctx.account(), s.status.as_str()));
                }
                let h = horizon(s, now);
                let f = input.shard_filter.clone().unwrap_or_default();
                let ts = f.timestamp.map(instant_of_secs);
                let filter = match f.r#type.as_deref() {
                    None | Some("FROM_TRIM_HORIZON") => Filter::All,
                    Some("AT_LATEST") => Filter::Open,
                    Some("AT_TRIM_HORIZON") => Filter::OpenAt(h),
                    Some("AFTER_SHARD_ID") => {
                        let id = f.shard_id.as_deref().ok_or_else(|| {
                            invalid("Must specify ShardId in ShardFilter when ShardFilter type is AFTER_SHARD_ID.")
                        })?;
                        let i = parse_shard_id(id)
                            .ok_or_else(|| ApiError::could_not_find_shard(id, &s.name, self.ctx.account()))?;
                        Filter::After(i)
                    }
                    Some(kind) => {
                        let t = ts.ok_or_else(|| {
                            invalid(&format!(
                                "Must specify Timestamp in ShardFilter when ShardFilter type is {kind}."
                            ))
                        })?;
                        if t > now {
                            return Err(invalid(&format!(
                                "The Timestamp in ShardFilter cannot be in the future. Timestamp: {}, current time: {}",
                                t.millis(),
                                now.millis()
                            )));
                        }
                        if kind == "AT_TIMESTAMP" {
                            Filter::OpenAt(t.max(h))
                        } else {
                            Filter::OpenFrom(t.max(h))
                        }
                    }
                };
                if f.shard_id.is_some() && !matches!(filter, Filter::After(_)) {
                    return Err(invalid(
                        "ShardId in ShardFilter can only be specified for type AFTER_SHARD_ID.",
                    ));
                }
                let after = input
                    .exclusive_start_shard_id
                    .as_deref()
                    .map(|st| parse_shard_id(st).unwrap_or(u32::MAX));
                (s.name.clone(), filter, after)
            }
        };
        let Some(s) = self.kinesis.streams.get(&stream_key) else {
            return Err(ApiError::stream_not_found(&stream_key, self.ctx.account()));
        };
        let limit = input.max_results.map_or(LIST_SHARDS_MAX, |m| (m as usize).min(LIST_SHARDS_MAX));
        let kept: Vec<&Shard> =
            s.shards.values().filter(|sh| after.is_none_or(|a| sh.index > a) && filter.keeps(sh)).collect();
        let page: Vec<&Shard> = kept.iter().take(limit).copied().collect();
        let next_token = match page.last() {
            Some(last) if kept.len() > page.len() => Some(
                NextToken {
                    kind: TokenKind::ListShards,
                    issued: now,
                    stream_id: s.id,
                    key: format!("{}\n{}\n{}", s.name, last.index, filter.encode()),
                }
                .encode(),
            ),
            _ => None,
        };
        Ok(ListShardsOutput { shards: page.into_iter().map(ShardOutput::from).collect(), next_token })
    }
}
