//! Delivery streams: `CreateDeliveryStream`, `DescribeDeliveryStream`, `ListDeliveryStreams`,
//! `DeleteDeliveryStream`, `UpdateDestination` and the tag actions (kinesis.md §2.1).
//!
//! Lifecycle: `CREATING` → `ACTIVE` after [`ACTIVATION_MS`], `DELETING` → gone after
//! [`ACTIVATION_MS`] (api-contract.md, rule 4). `DeleteDeliveryStream` is refused while
//! `CREATING` unless `AllowForceDelete` (FH-API model).

use alloc::collections::{BTreeMap, VecDeque};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::buffer::Buffer;
use super::config::{validate, S3Destination, S3DestinationInput};
use super::{FirehoseEvent, FirehoseTimer};
use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Time a delivery stream spends in `CREATING` and `DELETING`.
pub const ACTIVATION_MS: u64 = 500;
/// Delivery streams per region (FH-API `CreateDeliveryStream`: 5,000 by default).
pub const STREAMS_MAX: usize = 5_000;
/// Tags per delivery stream (FH-API `TagDeliveryStream`: up to 50).
pub const TAGS_MAX: usize = 50;
/// Name length bounds (FH-API model: 1–64, `[a-zA-Z0-9_.-]+`).
pub const NAME_MAX: usize = 64;

/// `DeliveryStreamStatus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Creating,
    Active,
    Deleting,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Creating => "CREATING",
            Status::Active => "ACTIVE",
            Status::Deleting => "DELETING",
        }
    }
}

/// Where records come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    DirectPut,
    /// `KinesisStreamAsSource`: read from a Kinesis stream (positions per shard).
    Kinesis(super::source::KinesisSource),
}

/// One delivery stream.
#[derive(Clone, Debug)]
pub struct DeliveryStream {
    pub name: String,
    pub arn: String,
    /// Distinguishes this stream from an earlier one of the same name (stale timers).
    pub serial: u64,
    pub status: Status,
    pub source: Source,
    pub version_id: u64,
    pub created: Instant,
    pub last_update: Option<Instant>,
    pub destination: S3Destination,
    /// The destination configuration as given (merged by `UpdateDestination`).
    pub destination_input: S3DestinationInput,
    pub tags: BTreeMap<String, String>,
    pub buffer: Buffer,
    /// Buffers sealed for delivery, oldest first (kept while the bucket is missing).
    pub pending: VecDeque<super::buffer::Batch>,
    /// The pending delivery (or retry) of `pending`.
    pub deliver_timer: Option<crate::time::TimerId>,
    /// Interned ids of this stream's `AWS/Firehose` metrics.
    pub(crate) metric_ids: crate::metrics::MetricIds,
}

crate::shape::input_shape! {
    /// `Tag`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Tag {
        pub key: Option<String> = "Key",
        pub value: Option<String> = "Value",
    }
}

crate::shape::input_shape! {
    /// `KinesisStreamSourceConfiguration`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct KinesisStreamSourceConfiguration {
        pub kinesis_stream_arn: Option<String> = "KinesisStreamARN",
        pub role_arn: Option<String> = "RoleARN",
    }
}

crate::shape::input_shape! {
    /// `CreateDeliveryStream` input.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CreateDeliveryStreamInput {
        pub delivery_stream_name: Option<String> = "DeliveryStreamName",
        pub delivery_stream_type: Option<String> = "DeliveryStreamType",
        pub kinesis_stream_source_configuration: Option<KinesisStreamSourceConfiguration>
            = "KinesisStreamSourceConfiguration",
        pub extended_s3_destination_configuration: Option<S3DestinationInput>
            = "ExtendedS3DestinationConfiguration",
        pub s3_destination_configuration: Option<S3DestinationInput> = "S3DestinationConfiguration",
        pub redshift_destination_configuration: Option<serde_json::Value>
            = "RedshiftDestinationConfiguration",
        pub elasticsearch_destination_configuration: Option<serde_json::Value>
            = "ElasticsearchDestinationConfiguration",
        pub amazonopensearchservice_destination_configuration: Option<serde_json::Value>
            = "AmazonopensearchserviceDestinationConfiguration",
        pub splunk_destination_configuration: Option<serde_json::Value> = "SplunkDestinationConfiguration",
        pub http_endpoint_destination_configuration: Option<serde_json::Value>
            = "HttpEndpointDestinationConfiguration",
        pub snowflake_destination_configuration: Option<serde_json::Value>
            = "SnowflakeDestinationConfiguration",
        pub iceberg_destination_configuration: Option<serde_json::Value> = "IcebergDestinationConfiguration",
        pub tags: Option<Vec<Tag>> = "Tags",
    }
}

/// Validates a delivery stream name (model: 1–64 characters of `[a-zA-Z0-9_.-]`).
pub fn validate_name(name: Option<&str>) -> Result<&str, ApiError> {
    let name = name.ok_or_else(|| ApiError::firehose_missing("deliveryStreamName"))?;
    if name.is_empty() || name.len() > NAME_MAX {
        return Err(ApiError::firehose_validation(
            name,
            "deliveryStreamName",
            "Member must have length less than or equal to 64",
        ));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-') {
        return Err(ApiError::firehose_validation(
            name,
            "deliveryStreamName",
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
        ));
    }
    Ok(name)
}

fn validate_tags(tags: &[Tag]) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for t in tags {
        let key = t.key.clone().ok_or_else(|| ApiError::firehose_missing("tags.member.key"))?;
        if key.is_empty() || key.len() > 128 {
            return Err(ApiError::firehose_validation(
                &key,
                "tags.member.key",
                "Member must have length less than or equal to 128",
            ));
        }
        let value = t.value.clone().unwrap_or_default();
        if value.len() > 256 {
            return Err(ApiError::firehose_validation(
                &value,
                "tags.member.value",
                "Member must have length less than or equal to 256",
            ));
        }
        out.push((key, value));
    }
    Ok(out)
}

impl Cloud {
    /// The delivery stream `name`, or `ResourceNotFoundException`.
    pub fn delivery_stream(&self, name: &str) -> Result<&DeliveryStream, ApiError> {
        self.firehose
            .streams
            .get(name)
            .ok_or_else(|| ApiError::delivery_stream_not_found(name, self.ctx.account()))
    }

    pub(crate) fn delivery_stream_mut(&mut self, name: &str) -> Result<&mut DeliveryStream, ApiError> {
        let account = self.ctx.config.account_id.clone();
        self.firehose.streams.get_mut(name).ok_or_else(|| ApiError::delivery_stream_not_found(name, &account))
    }

    /// `CreateDeliveryStream`: returns the new stream's ARN; it is `CREATING` for
    /// [`ACTIVATION_MS`].
    pub fn create_delivery_stream(&mut self, input: CreateDeliveryStreamInput) -> Result<String, ApiError> {
        let name = validate_name(input.delivery_stream_name.as_deref())?.to_string();
        let kind = input.delivery_stream_type.as_deref().unwrap_or("DirectPut");
        let source = match kind {
            "DirectPut" => {
                if input.kinesis_stream_source_configuration.is_some() {
                    return Err(ApiError::firehose_invalid_argument(
                        "KinesisStreamSourceConfiguration is only valid for the KinesisStreamAsSource delivery stream type.",
                    ));
                }
                Source::DirectPut
            }
            "KinesisStreamAsSource" => {
                let cfg = input.kinesis_stream_source_configuration.as_ref().ok_or_else(|| {
                    ApiError::firehose_invalid_argument(
                        "KinesisStreamSourceConfiguration must be specified for the KinesisStreamAsSource delivery stream type.",
                    )
                })?;
                Source::Kinesis(self.firehose_kinesis_source(cfg)?)
            }
            "MSKAsSource" | "DatabaseAsSource" => {
                return Err(ApiError::firehose_invalid_argument(format!(
                    "DeliveryStreamType {kind} is not supported by the simulator."
                )))
            }
            other => {
                return Err(ApiError::firehose_validation(
                    other,
                    "deliveryStreamType",
                    "Member must satisfy enum value set: [DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource]",
                ))
            }
        };
        let others = [
            &input.redshift_destination_configuration,
            &input.elasticsearch_destination_configuration,
            &input.amazonopensearchservice_destination_configuration,
            &input.splunk_destination_configuration,
            &input.http_endpoint_destination_configuration,
            &input.snowflake_destination_configuration,
            &input.iceberg_destination_configuration,
        ];
        let s3_count = input.extended_s3_destination_configuration.is_some() as usize
            + input.s3_destination_configuration.is_some() as usize;
        let other_count = others.iter().filter(|o| o.is_some()).count();
        if s3_count + other_count != 1 {
            return Err(ApiError::firehose_invalid_argument(
                "Exactly one destination configuration must be specified.",
            ));
        }
        let (destination, destination_input) =
            match (&input.extended_s3_destination_configuration, &input.s3_destination_configuration) {
                (Some(d), _) => (validate(d, true, "extendedS3DestinationConfiguration")?, d.clone()),
                (_, Some(d)) => (validate(d, false, "s3DestinationConfiguration")?, d.clone()),
                _ => {
                    return Err(ApiError::firehose_invalid_argument(
                        "The simulator supports Amazon S3 destinations only.",
                    ))
                }
            };
        let tags = validate_tags(input.tags.as_deref().unwrap_or(&[]))?;
        if tags.len() > TAGS_MAX {
            return Err(ApiError::firehose_validation(
                "…",
                "tags",
                "Member must have length less than or equal to 50",
            ));
        }
        if self.firehose.streams.contains_key(&name) {
            return Err(ApiError::delivery_stream_exists(&name, self.ctx.account()));
        }
        if self.firehose.streams.len() >= STREAMS_MAX {
            return Err(ApiError::firehose_limit_exceeded(format!(
                "You have already consumed your firehose quota of {STREAMS_MAX} hoses. Firehose names: …"
            )));
        }
        let arn =
            format!("arn:aws:firehose:{}:{}:deliverystream/{}", self.ctx.region(), self.ctx.account(), name);
        self.firehose.next_serial += 1;
        let serial = self.firehose.next_serial;
        let now = self.ctx.now;
        let stream = DeliveryStream {
            name: name.clone(),
            arn: arn.clone(),
            serial,
            status: Status::Creating,
            source,
            version_id: 1,
            created: now,
            last_update: None,
            destination,
            destination_input,
            tags: tags.into_iter().collect(),
            buffer: Buffer::default(),
            pending: VecDeque::new(),
            deliver_timer: None,
            metric_ids: Default::default(),
        };
        self.firehose.streams.insert(name.clone(), stream);
        self.ctx.emit(FirehoseEvent::DeliveryStreamCreated {
            stream: name.clone(),
            arn: arn.clone(),
            stream_type: kind.into(),
        });
        self.ctx.schedule(now.plus(ACTIVATION_MS), FirehoseTimer::Activate { stream: name, serial });
        Ok(arn)
    }

    pub(crate) fn firehose_activate(&mut self, name: &str, serial: u64) {
        let now = self.ctx.now;
        let Some(s) = self.firehose.streams.get_mut(name).filter(|s| s.serial == serial) else { return };
        if s.status != Status::Creating {
            return;
        }
        s.status = Status::Active;
        let kinesis = matches!(s.source, Source::Kinesis(_));
        self.ctx.emit(FirehoseEvent::DeliveryStreamActivated { stream: name.into() });
        if kinesis {
            self.firehose_source_start(name, serial, now);
        }
    }

    /// `DeleteDeliveryStream`: `DELETING`, then gone after [`ACTIVATION_MS`]. Buffered
    /// records that were not delivered are lost.
    pub fn delete_delivery_stream(&mut self, name: &str, allow_force_delete: bool) -> Result<(), ApiError> {
        let account = self.ctx.config.account_id.clone();
        let now = self.ctx.now;
        let s = self.delivery_stream_mut(name)?;
        match s.status {
            Status::Creating if !allow_force_delete => {
                return Err(ApiError::delivery_stream_in_use(name, &account, "CREATING"))
            }
            Status::Deleting => return Ok(()),
            _ => {}
        }
        s.status = Status::Deleting;
        let serial = s.serial;
        self.ctx.emit(FirehoseEvent::DeliveryStreamDeleting { stream: name.into() });
        self.ctx.schedule(now.plus(ACTIVATION_MS), FirehoseTimer::Remove { stream: name.into(), serial });
        Ok(())
    }

    pub(crate) fn firehose_remove(&mut self, name: &str, serial: u64) {
        if self.firehose.streams.get(name).is_some_and(|s| s.serial == serial) {
            if let Some(s) = self.firehose.streams.remove(name) {
                let lost = s.buffer.records.len() + s.pending.iter().map(|b| b.records.len()).sum::<usize>();
                if let Some(id) = s.buffer.timer {
                    self.ctx.timers.cancel(id);
                }
                self.ctx.metrics.forget("AWS/Firehose", name);
                self.ctx.emit(FirehoseEvent::DeliveryStreamDeleted {
                    stream: name.into(),
                    undelivered_records: lost,
                });
            }
        }
    }

    /// `ListDeliveryStreams`: names in order after `exclusive_start`, at most `limit`;
    /// returns the names and whether more remain.
    pub fn list_delivery_streams(
        &self,
        limit: usize,
        kind: Option<&str>,
        exclusive_start: Option<&str>,
    ) -> (Vec<String>, bool) {
        let mut names = self
            .firehose
            .streams
            .values()
            .filter(|s| kind.is_none_or(|k| k == s.stream_type()))
            .filter(|s| exclusive_start.is_none_or(|x| s.name.as_str() > x))
            .map(|s| s.name.clone());
        let page: Vec<String> = names.by_ref().take(limit).collect();
        let more = names.next().is_some();
        (page, more)
    }

    /// `TagDeliveryStream`.
    pub fn tag_delivery_stream(&mut self, name: &str, tags: &[Tag]) -> Result<(), ApiError> {
        let tags = validate_tags(tags)?;
        let s = self.delivery_stream_mut(name)?;
        let mut merged = s.tags.clone();
        merged.extend(tags);
        if merged.len() > TAGS_MAX {
            return Err(ApiError::firehose_limit_exceeded(format!(
                "A delivery stream cannot have more than {TAGS_MAX} tags."
            )));
        }
        s.tags = merged;
        Ok(())
    }

    /// `UntagDeliveryStream`.
    pub fn untag_delivery_stream(&mut self, name: &str, keys: &[String]) -> Result<(), ApiError> {
        let s = self.delivery_stream_mut(name)?;
        for k in keys {
            s.tags.remove(k);
        }
        Ok(())
    }

    /// `UpdateDestination` (S3 destinations): replaces the destination's configuration with
    /// the given members merged over the current ones; the version id goes up by one.
    pub fn update_destination(
        &mut self,
        name: &str,
        current_version: &str,
        destination_id: &str,
        update: &S3DestinationInput,
    ) -> Result<(), ApiError> {
        let now = self.ctx.now;
        let s = self.delivery_stream_mut(name)?;
        if current_version != s.version_id.to_string() {
            return Err(ApiError::firehose_concurrent_modification(s.version_id, current_version));
        }
        if destination_id != super::DESTINATION_ID {
            return Err(ApiError::firehose_invalid_argument(format!(
                "Destination {destination_id} was not found."
            )));
        }
        let merged = super::config::merge(&s.destination_input, update);
        let extended = s.destination.extended;
        s.destination = validate(&merged, extended, "extendedS3DestinationUpdate")?;
        s.destination_input = merged;
        s.version_id += 1;
        s.last_update = Some(now);
        let version = s.version_id;
        self.ctx.emit(FirehoseEvent::DestinationUpdated { stream: name.into(), version_id: version });
        Ok(())
    }
}

impl DeliveryStream {
    /// `DeliveryStreamType`.
    pub fn stream_type(&self) -> &'static str {
        match self.source {
            Source::DirectPut => "DirectPut",
            Source::Kinesis(_) => "KinesisStreamAsSource",
        }
    }
}
