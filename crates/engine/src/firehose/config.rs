//! The S3 destination configuration of a delivery stream: typed input shapes
//! (`ExtendedS3DestinationConfiguration`, `S3DestinationConfiguration`, `BufferingHints`,
//! `ProcessingConfiguration`) and their validation into a [`S3Destination`].
//!
//! Ranges and defaults (FH-API model, kinesis.md §2.3): `SizeInMBs` 1–128 (default 5),
//! `IntervalInSeconds` 0–900 (default 300); "if you specify a value for one of them, you must
//! also provide a value for the other"; Lambda processor `NumberOfRetries` default 3.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::prefix::{self, Part};
use crate::ApiError;

pub const SIZE_MB_MIN: i64 = 1;
pub const SIZE_MB_MAX: i64 = 128;
pub const SIZE_MB_DEFAULT: u64 = 5;
pub const INTERVAL_S_MIN: i64 = 0;
pub const INTERVAL_S_MAX: i64 = 900;
pub const INTERVAL_S_DEFAULT: u64 = 300;
/// Lambda processor `NumberOfRetries` default and maximum (FH-DG data-transformation: 0–300).
pub const LAMBDA_RETRIES_DEFAULT: u32 = 3;
pub const LAMBDA_RETRIES_MAX: u32 = 300;
/// `Prefix` / `ErrorOutputPrefix` model length limit.
pub const PREFIX_INPUT_MAX: usize = 1024;

crate::shape::input_shape! {
    /// `BufferingHints`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct BufferingHints {
        pub size_in_mbs: Option<i64> = "SizeInMBs",
        pub interval_in_seconds: Option<i64> = "IntervalInSeconds",
    }
}

crate::shape::input_shape! {
    /// `ProcessorParameter`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProcessorParameter {
        pub parameter_name: Option<String> = "ParameterName",
        pub parameter_value: Option<String> = "ParameterValue",
    }
}

crate::shape::input_shape! {
    /// `Processor`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProcessorInput {
        pub kind: Option<String> = "Type",
        pub parameters: Option<Vec<ProcessorParameter>> = "Parameters",
    }
}

crate::shape::input_shape! {
    /// `ProcessingConfiguration`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ProcessingConfigurationInput {
        pub enabled: Option<bool> = "Enabled",
        pub processors: Option<Vec<ProcessorInput>> = "Processors",
    }
}

crate::shape::input_shape! {
    /// `ExtendedS3DestinationConfiguration` (and the older `S3DestinationConfiguration`, a subset).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct S3DestinationInput {
        pub role_arn: Option<String> = "RoleARN",
        pub bucket_arn: Option<String> = "BucketARN",
        pub prefix: Option<String> = "Prefix",
        pub error_output_prefix: Option<String> = "ErrorOutputPrefix",
        pub buffering_hints: Option<BufferingHints> = "BufferingHints",
        pub compression_format: Option<String> = "CompressionFormat",
        pub processing_configuration: Option<ProcessingConfigurationInput> = "ProcessingConfiguration",
        pub s3_backup_mode: Option<String> = "S3BackupMode",
        pub s3_backup_configuration: Option<Box<S3DestinationInput>> = "S3BackupConfiguration",
        pub file_extension: Option<String> = "FileExtension",
        pub custom_time_zone: Option<String> = "CustomTimeZone",
        pub dynamic_partitioning_configuration: Option<Value> = "DynamicPartitioningConfiguration",
        pub data_format_conversion_configuration: Option<Value> = "DataFormatConversionConfiguration",
        pub encryption_configuration: Option<Value> = "EncryptionConfiguration",
        pub cloud_watch_logging_options: Option<Value> = "CloudWatchLoggingOptions",
    }
}

/// Output compression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    Uncompressed,
    Gzip,
}

impl Compression {
    pub fn as_str(self) -> &'static str {
        match self {
            Compression::Uncompressed => "UNCOMPRESSED",
            Compression::Gzip => "GZIP",
        }
    }
    /// The object-name extension (s3-object-name: `.gz` for GZIP, none when uncompressed).
    pub fn extension(self) -> &'static str {
        match self {
            Compression::Uncompressed => "",
            Compression::Gzip => ".gz",
        }
    }
}

/// A validated processor.
#[derive(Clone, Debug, PartialEq)]
pub enum Processor {
    Lambda { function_arn: String, retries: u32, params: Vec<(String, String)> },
    AppendDelimiterToRecord { delimiter: Vec<u8>, params: Vec<(String, String)> },
}

/// A validated S3 destination.
#[derive(Clone, Debug, PartialEq)]
pub struct S3Destination {
    pub extended: bool,
    pub role_arn: String,
    pub bucket_arn: String,
    pub bucket: String,
    pub prefix: Option<String>,
    pub error_output_prefix: Option<String>,
    pub prefix_parts: Vec<Part>,
    pub error_prefix_parts: Vec<Part>,
    pub size_mb: u64,
    pub interval_s: u64,
    pub compression: Compression,
    pub processing_enabled: bool,
    pub processors: Vec<Processor>,
    pub backup: Option<Box<S3Destination>>,
    pub file_extension: Option<String>,
}

impl S3Destination {
    /// The buffer size threshold in bytes (`SizeInMBs` × 1,048,576).
    pub fn size_bytes(&self) -> usize {
        (self.size_mb as usize).saturating_mul(1_048_576)
    }
    /// The Lambda processor, when processing is enabled.
    pub fn lambda(&self) -> Option<(&str, u32)> {
        if !self.processing_enabled {
            return None;
        }
        self.processors.iter().find_map(|p| match p {
            Processor::Lambda { function_arn, retries, .. } => Some((function_arn.as_str(), *retries)),
            _ => None,
        })
    }
    /// The delimiter appended to each record, when processing is enabled.
    pub fn delimiter(&self) -> Option<&[u8]> {
        if !self.processing_enabled {
            return None;
        }
        self.processors.iter().find_map(|p| match p {
            Processor::AppendDelimiterToRecord { delimiter, .. } => Some(delimiter.as_slice()),
            _ => None,
        })
    }
    /// The object-name extension: `FileExtension`, else the compression's.
    pub fn extension(&self) -> &str {
        self.file_extension.as_deref().unwrap_or(self.compression.extension())
    }
}

fn unsupported(what: &str) -> ApiError {
    ApiError::firehose_invalid_argument(format!("{what} is not supported by the simulator."))
}

fn range(v: Option<i64>, min: i64, max: i64, member: &str) -> Result<Option<u64>, ApiError> {
    match v {
        None => Ok(None),
        Some(n) if n < min => Err(ApiError::firehose_validation(
            &n.to_string(),
            member,
            &format!("Member must have value greater than or equal to {min}"),
        )),
        Some(n) if n > max => Err(ApiError::firehose_validation(
            &n.to_string(),
            member,
            &format!("Member must have value less than or equal to {max}"),
        )),
        Some(n) => Ok(Some(n as u64)),
    }
}

fn processors(input: &ProcessingConfigurationInput, path: &str) -> Result<Vec<Processor>, ApiError> {
    let mut out = Vec::new();
    for p in input.processors.iter().flatten() {
        let params: Vec<(String, String)> = p
            .parameters
            .iter()
            .flatten()
            .map(|x| {
                (x.parameter_name.clone().unwrap_or_default(), x.parameter_value.clone().unwrap_or_default())
            })
            .collect();
        let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        match p.kind.as_deref() {
            Some("Lambda") => {
                let arn = get("LambdaArn").ok_or_else(|| {
                    ApiError::firehose_invalid_argument("LambdaArn must be specified for a Lambda processor.")
                })?;
                let retries = match get("NumberOfRetries") {
                    None => LAMBDA_RETRIES_DEFAULT,
                    Some(v) => v.parse::<u32>().ok().filter(|n| *n <= LAMBDA_RETRIES_MAX).ok_or_else(|| {
                        ApiError::firehose_invalid_argument(format!("Invalid NumberOfRetries {v}."))
                    })?,
                };
                out.push(Processor::Lambda { function_arn: arn.into(), retries, params: params.clone() });
            }
            Some("AppendDelimiterToRecord") => {
                let delimiter = match get("Delimiter") {
                    None => b"\n".to_vec(),
                    Some(d) => unescape(d),
                };
                out.push(Processor::AppendDelimiterToRecord { delimiter, params: params.clone() });
            }
            Some(t @ ("RecordDeAggregation" | "Decompression" | "CloudWatchLogProcessing" | "MetadataExtraction")) => {
                return Err(unsupported(&format!("Processor type {t}")))
            }
            Some(t) => {
                return Err(ApiError::firehose_validation(
                    t,
                    &format!("{path}.processingConfiguration.processors.member.type"),
                    "Member must satisfy enum value set: [RecordDeAggregation, Decompression, CloudWatchLogProcessing, Lambda, MetadataExtraction, AppendDelimiterToRecord]",
                ))
            }
            None => return Err(ApiError::firehose_missing(&format!("{path}.processingConfiguration.processors.member.type"))),
        }
    }
    Ok(out)
}

/// `\n`, `\t`, `\r` and `\\` escapes as the console writes delimiters.
fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push(b'\n'),
                Some('t') => out.push(b'\t'),
                Some('r') => out.push(b'\r'),
                Some(o) => {
                    let mut b = [0; 4];
                    out.extend_from_slice(o.encode_utf8(&mut b).as_bytes());
                }
                None => out.push(b'\\'),
            }
        } else {
            let mut b = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
        }
    }
    out
}

/// Validates a destination configuration (`path` is the member name for error texts).
pub fn validate(input: &S3DestinationInput, extended: bool, path: &str) -> Result<S3Destination, ApiError> {
    let role_arn =
        input.role_arn.clone().ok_or_else(|| ApiError::firehose_missing(&format!("{path}.roleARN")))?;
    let bucket_arn =
        input.bucket_arn.clone().ok_or_else(|| ApiError::firehose_missing(&format!("{path}.bucketARN")))?;
    let bucket = crate::s3::bucket_of_arn(&bucket_arn)
        .filter(|b| b.len() <= 255)
        .ok_or_else(|| {
            ApiError::firehose_validation(
                &bucket_arn,
                &format!("{path}.bucketARN"),
                "Member must satisfy regular expression pattern: arn:.*:s3:::[\\w\\.\\-]{1,255}",
            )
        })?
        .to_string();
    for (v, m) in [(&input.prefix, "prefix"), (&input.error_output_prefix, "errorOutputPrefix")] {
        if v.as_ref().is_some_and(|p| p.len() > PREFIX_INPUT_MAX) {
            return Err(ApiError::firehose_validation(
                "…",
                &format!("{path}.{m}"),
                "Member must have length less than or equal to 1024",
            ));
        }
    }
    let hints = input.buffering_hints.clone().unwrap_or_default();
    let size =
        range(hints.size_in_mbs, SIZE_MB_MIN, SIZE_MB_MAX, &format!("{path}.bufferingHints.sizeInMBs"))?;
    let interval = range(
        hints.interval_in_seconds,
        INTERVAL_S_MIN,
        INTERVAL_S_MAX,
        &format!("{path}.bufferingHints.intervalInSeconds"),
    )?;
    if input.buffering_hints.is_some() && size.is_some() != interval.is_some() {
        return Err(ApiError::firehose_invalid_argument(
            "BufferingHints must specify both SizeInMBs and IntervalInSeconds, or neither.",
        ));
    }
    let compression = match input.compression_format.as_deref() {
        None | Some("UNCOMPRESSED") => Compression::Uncompressed,
        Some("GZIP") => Compression::Gzip,
        Some(c @ ("ZIP" | "Snappy" | "HADOOP_SNAPPY")) => {
            return Err(unsupported(&format!("CompressionFormat {c}")))
        }
        Some(c) => {
            return Err(ApiError::firehose_validation(
                c,
                &format!("{path}.compressionFormat"),
                "Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]",
            ))
        }
    };
    if input.custom_time_zone.as_deref().is_some_and(|z| !z.is_empty() && z != "UTC") {
        return Err(unsupported("A CustomTimeZone other than UTC"));
    }
    let enabled =
        |v: &Option<Value>| v.as_ref().and_then(|v| v.get("Enabled")).and_then(Value::as_bool) == Some(true);
    if enabled(&input.dynamic_partitioning_configuration) {
        return Err(unsupported("Dynamic partitioning"));
    }
    if enabled(&input.data_format_conversion_configuration) {
        return Err(unsupported("Record format conversion"));
    }
    let bad_prefix = |e: String| ApiError::firehose_invalid_argument(e);
    let prefix_parts = prefix::parse(input.prefix.as_deref().unwrap_or("")).map_err(bad_prefix)?;
    if prefix_parts.iter().any(|p| matches!(p, Part::ErrorOutputType)) {
        return Err(ApiError::firehose_invalid_argument(
            "The Prefix cannot contain the !{firehose:error-output-type} expression.",
        ));
    }
    let error_prefix_parts = match input.error_output_prefix.as_deref().filter(|p| !p.is_empty()) {
        None if prefix::has_expressions(&prefix_parts) => {
            return Err(ApiError::firehose_invalid_argument(
                "ErrorOutputPrefix must be specified when Prefix contains expressions.",
            ))
        }
        None => prefix::parse("processing-failed/").map_err(bad_prefix)?,
        Some(p) => {
            let parts = prefix::parse(p).map_err(bad_prefix)?;
            if prefix::has_expressions(&parts) && !parts.iter().any(|x| matches!(x, Part::ErrorOutputType)) {
                return Err(ApiError::firehose_invalid_argument(
                    "ErrorOutputPrefix expressions must include !{firehose:error-output-type}.",
                ));
            }
            if prefix::has_expressions(&parts) {
                parts
            } else {
                prefix::parse(&format!("{p}!{{firehose:error-output-type}}/")).map_err(bad_prefix)?
            }
        }
    };
    let (processing_enabled, processors) = match &input.processing_configuration {
        None => (false, Vec::new()),
        Some(pc) => (pc.enabled.unwrap_or(false), processors(pc, path)?),
    };
    let backup = match input.s3_backup_mode.as_deref() {
        None | Some("Disabled") => None,
        Some("Enabled") => {
            let b = input.s3_backup_configuration.as_deref().ok_or_else(|| {
                ApiError::firehose_invalid_argument(
                    "S3BackupConfiguration must be specified when S3BackupMode is Enabled.",
                )
            })?;
            Some(Box::new(validate(b, false, &format!("{path}.s3BackupConfiguration"))?))
        }
        Some(m) => {
            return Err(ApiError::firehose_validation(
                m,
                &format!("{path}.s3BackupMode"),
                "Member must satisfy enum value set: [Disabled, Enabled]",
            ))
        }
    };
    let file_extension = input.file_extension.clone().filter(|e| !e.is_empty());
    if let Some(e) = &file_extension {
        let ok = e.len() <= 128
            && e.starts_with('.')
            && e.len() > 1
            && e.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase() || b"!-_.*'()".contains(&b));
        if !ok {
            return Err(ApiError::firehose_validation(
                e,
                &format!("{path}.fileExtension"),
                "Member must satisfy regular expression pattern: ^$|\\.[0-9a-z!\\-_.*'()]+",
            ));
        }
    }
    Ok(S3Destination {
        extended,
        role_arn,
        bucket_arn,
        bucket,
        prefix: input.prefix.clone(),
        error_output_prefix: input.error_output_prefix.clone(),
        prefix_parts: prefix::with_default_timestamp(prefix_parts),
        error_prefix_parts: prefix::with_default_timestamp(error_prefix_parts),
        size_mb: size.unwrap_or(SIZE_MB_DEFAULT),
        interval_s: interval.unwrap_or(INTERVAL_S_DEFAULT),
        compression,
        processing_enabled,
        processors,
        backup,
        file_extension,
    })
}

/// `UpdateDestination` semantics: members given in `update` replace the current ones, the
/// others are kept (API Reference: "If any of the parameters are not specified in the call,
/// the existing values are retained").
pub fn merge(current: &S3DestinationInput, update: &S3DestinationInput) -> S3DestinationInput {
    let pick = |u: &Option<String>, c: &Option<String>| u.clone().or_else(|| c.clone());
    S3DestinationInput {
        role_arn: pick(&update.role_arn, &current.role_arn),
        bucket_arn: pick(&update.bucket_arn, &current.bucket_arn),
        prefix: pick(&update.prefix, &current.prefix),
        error_output_prefix: pick(&update.error_output_prefix, &current.error_output_prefix),
        buffering_hints: update.buffering_hints.clone().or_else(|| current.buffering_hints.clone()),
        compression_format: pick(&update.compression_format, &current.compression_format),
        processing_configuration: update
            .processing_configuration
            .clone()
            .or_else(|| current.processing_configuration.clone()),
        s3_backup_mode: pick(&update.s3_backup_mode, &current.s3_backup_mode),
        s3_backup_configuration: update
            .s3_backup_configuration
            .clone()
            .or_else(|| current.s3_backup_configuration.clone()),
        file_extension: pick(&update.file_extension, &current.file_extension),
        custom_time_zone: pick(&update.custom_time_zone, &current.custom_time_zone),
        dynamic_partitioning_configuration: update
            .dynamic_partitioning_configuration
            .clone()
            .or_else(|| current.dynamic_partitioning_configuration.clone()),
        data_format_conversion_configuration: update
            .data_format_conversion_configuration
            .clone()
            .or_else(|| current.data_format_conversion_configuration.clone()),
        encryption_configuration: update
            .encryption_configuration
            .clone()
            .or_else(|| current.encryption_configuration.clone()),
        cloud_watch_logging_options: update
            .cloud_watch_logging_options
            .clone()
            .or_else(|| current.cloud_watch_logging_options.clone()),
    }
}
