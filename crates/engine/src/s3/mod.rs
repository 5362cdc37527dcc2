//! Amazon S3, as far as the decoupling services need it: buckets holding objects that
//! Firehose delivers into (and that a Lambda `DestinationConfig` or a reader can list and get).
//!
//! It is a pseudo service of the `decouple api` protocol (api-contract.md, "Pseudo services"):
//!
//! | call | input | output |
//! | --- | --- | --- |
//! | `s3.CreateBucket` | `{"Bucket"}` | `{"Location": "/b"}` |
//! | `s3.DeleteBucket` | `{"Bucket"}` | `{}` (`BucketNotEmpty` while objects remain) |
//! | `s3.ListBuckets` | `{}` | `{"Buckets": [{"Name", "CreationDate"}], "Owner"}` |
//! | `s3.PutObject` | `{"Bucket", "Key", "Body"?: base64}` | `{"ETag"}` |
//! | `s3.ListObjectsV2` | `{"Bucket", "Prefix"?, "StartAfter"?, "MaxKeys"?, "ContinuationToken"?}` | `{"Name", "Prefix", "KeyCount", "MaxKeys", "IsTruncated", "Contents": [{"Key", "Size", "ETag", "LastModified", "StorageClass"}], "NextContinuationToken"?}` |
//! | `s3.GetObject` | `{"Bucket", "Key"}` | `{"Body": base64, "ContentLength", "ETag", "LastModified", "ContentType"}` |
//! | `s3.DeleteObject` | `{"Bucket", "Key"}` | `{}` (deleting a missing key succeeds, as in S3) |
//!
//! Keys list in UTF-8 byte order (S3: "Objects are returned sorted in an ascending order of
//! the respective key names", <https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html>).
//! Bucket names follow the general-purpose naming rules
//! (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html>).
//!
//! # Fidelity
//! * Re-creating a bucket you own answers `200 OK` in us-east-1 (S3's legacy behaviour, API
//!   Reference `BucketAlreadyOwnedByYou`: "returns this error in all Amazon Web Services
//!   Regions except in the North Virginia Region") and `BucketAlreadyOwnedByYou` elsewhere.
//! * One account: no other owner's buckets, so `BucketAlreadyExists` never occurs.
//! * No versioning, ACLs, multipart uploads or storage classes (always `STANDARD`).
//! * `LastModified` is epoch seconds, like the other timestamps of the JSON runner.

pub mod errors;
#[cfg(feature = "serde")]
pub(crate) mod json;

use crate::collections::VecMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::time::Instant;
use crate::{ApiError, Cloud};

/// Bucket name length bounds (naming rules: "between 3 and 63 characters long").
pub const BUCKET_NAME_MIN: usize = 3;
pub const BUCKET_NAME_MAX: usize = 63;
/// `ListObjectsV2` default and maximum `MaxKeys` (API Reference: "returns up to 1,000").
pub const MAX_KEYS: usize = 1000;
/// Longest object key (S3 user guide, "Naming objects": up to 1,024 bytes of UTF-8).
pub const KEY_MAX_BYTES: usize = 1024;

/// All buckets of the account, by name.
#[derive(Clone, Debug, Default)]
pub struct S3 {
    pub buckets: VecMap<String, Bucket>,
}

/// One bucket: its objects in key order.
#[derive(Clone, Debug, Default)]
pub struct Bucket {
    pub created: Instant,
    pub objects: VecMap<String, Object>,
}

/// One stored object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    pub body: Vec<u8>,
    pub last_modified: Instant,
    /// `"<md5 hex>"`, quotes included, as S3 returns single-part ETags.
    pub etag: String,
    pub content_type: String,
}

crate::event::event_enum! {
    /// Events of S3 (named after S3 event notification types).
    #[derive(Clone, Debug, PartialEq)]
    pub enum S3Event {
        BucketCreated {
            bucket: String,
        },
        BucketDeleted {
            bucket: String,
        },
        /// `s3:ObjectCreated:Put`; `writer` is who wrote it (`firehose:<stream>`, `api`, …).
        ObjectCreated {
            bucket: String,
            key: String,
            size: u64,
            writer: String,
        },
        /// `s3:ObjectRemoved:Delete`.
        ObjectRemoved {
            bucket: String,
            key: String,
        },
    }
}

/// The bucket name in `arn:aws:s3:::<bucket>` (None when `arn` is not an S3 bucket ARN).
pub fn bucket_of_arn(arn: &str) -> Option<&str> {
    let name = arn.strip_prefix("arn:aws:s3:::")?;
    (!name.is_empty() && !name.contains('/')).then_some(name)
}

/// True when `name` is a valid general-purpose bucket name.
pub fn is_valid_bucket_name(name: &str) -> bool {
    let b = name.as_bytes();
    let ok_chars = b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'.' || *c == b'-');
    let alnum = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let looks_like_ip = name.split('.').count() == 4
        && name.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit()));
    const BAD_PREFIXES: [&str; 4] = ["xn--", "sthree-", "amzn-s3-demo-", "sthree-configurator"];
    const BAD_SUFFIXES: [&str; 5] = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
    (BUCKET_NAME_MIN..=BUCKET_NAME_MAX).contains(&b.len())
        && ok_chars
        && alnum(b.first())
        && alnum(b.last())
        && !name.contains("..")
        && !looks_like_ip
        && !BAD_PREFIXES.iter().any(|p| name.starts_with(p))
        && !BAD_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// One page of `ListObjectsV2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectPage {
    pub keys: Vec<(String, u64, String, Instant)>,
    pub truncated: bool,
    pub next_after: Option<String>,
}

impl Cloud {
    /// `CreateBucket`: a new empty bucket.
    pub fn s3_create_bucket(&mut self, bucket: &str) -> Result<(), ApiError> {
        if !is_valid_bucket_name(bucket) {
            return Err(ApiError::invalid_bucket_name());
        }
        if self.s3.buckets.contains_key(bucket) {
            return if self.ctx.region() == "us-east-1" {
                Ok(())
            } else {
                Err(ApiError::bucket_already_owned_by_you())
            };
        }
        let created = self.ctx.now;
        self.s3.buckets.insert(bucket.into(), Bucket { created, objects: VecMap::new() });
        self.ctx.emit(S3Event::BucketCreated { bucket: bucket.into() });
        Ok(())
    }

    /// `DeleteBucket`: only an empty bucket can be deleted.
    pub fn s3_delete_bucket(&mut self, bucket: &str) -> Result<(), ApiError> {
        let b = self.s3.buckets.get(bucket).ok_or_else(ApiError::no_such_bucket)?;
        if !b.objects.is_empty() {
            return Err(ApiError::bucket_not_empty());
        }
        self.s3.buckets.remove(bucket);
        self.ctx.emit(S3Event::BucketDeleted { bucket: bucket.into() });
        Ok(())
    }

    /// `PutObject` (also how Firehose delivers): replaces any object with the same key.
    pub fn s3_put_object(
        &mut self,
        bucket: &str,
        key: &str,
        body: Vec<u8>,
        writer: &str,
    ) -> Result<String, ApiError> {
        if key.is_empty() || key.len() > KEY_MAX_BYTES {
            return Err(ApiError::s3_invalid_argument("Key", "must be 1 to 1024 bytes long"));
        }
        let now = self.ctx.now;
        let b = self.s3.buckets.get_mut(bucket).ok_or_else(ApiError::no_such_bucket)?;
        let etag = alloc::format!("\"{}\"", crate::digest::md5_hex(&body));
        let size = body.len() as u64;
        let content_type = String::from("application/octet-stream");
        b.objects.insert(key.into(), Object { body, last_modified: now, etag: etag.clone(), content_type });
        self.ctx.emit(S3Event::ObjectCreated {
            bucket: bucket.into(),
            key: key.into(),
            size,
            writer: writer.into(),
        });
        Ok(etag)
    }

    /// `GetObject`.
    pub fn s3_get_object(&self, bucket: &str, key: &str) -> Result<&Object, ApiError> {
        let b = self.s3.buckets.get(bucket).ok_or_else(ApiError::no_such_bucket)?;
        b.objects.get(key).ok_or_else(ApiError::no_such_key)
    }

    /// `DeleteObject`: succeeds whether or not the key exists (S3 answers 204 either way).
    pub fn s3_delete_object(&mut self, bucket: &str, key: &str) -> Result<(), ApiError> {
        let b = self.s3.buckets.get_mut(bucket).ok_or_else(ApiError::no_such_bucket)?;
        if b.objects.remove(key).is_some() {
            self.ctx.emit(S3Event::ObjectRemoved { bucket: bucket.into(), key: key.into() });
        }
        Ok(())
    }

    /// `ListObjectsV2`: keys starting with `prefix`, after `after`, at most `max_keys`.
    pub fn s3_list_objects(
        &self,
        bucket: &str,
        prefix: &str,
        after: &str,
        max_keys: usize,
    ) -> Result<ObjectPage, ApiError> {
        let b = self.s3.buckets.get(bucket).ok_or_else(ApiError::no_such_bucket)?;
        let mut keys = Vec::new();
        let mut truncated = false;
        let matching = b.objects.iter().filter(|(k, _)| k.starts_with(prefix) && k.as_str() > after);
        for (k, o) in matching {
            if keys.len() == max_keys {
                truncated = true;
                break;
            }
            keys.push((k.clone(), o.body.len() as u64, o.etag.clone(), o.last_modified));
        }
        let next_after = if truncated { keys.last().map(|k| k.0.clone()) } else { None };
        Ok(ObjectPage { keys, truncated, next_after })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn bucket_names_follow_the_naming_rules() {
        for ok in ["abc", "my-bucket.logs", "a1b", "x".repeat(63).as_str()] {
            assert!(is_valid_bucket_name(ok), "{ok}");
        }
        for bad in [
            "ab",
            "Abc",
            "-abc",
            "abc-",
            "a..b",
            "192.168.5.4",
            "xn--abc",
            "ab_c",
            "abc-s3alias",
            &"x".repeat(64),
        ] {
            assert!(!is_valid_bucket_name(bad), "{bad}");
        }
    }

    #[test]
    fn objects_list_in_byte_order_and_buckets_delete_only_when_empty() {
        let mut c = Cloud::default();
        c.s3_create_bucket("b").unwrap_err();
        c.s3_create_bucket("bkt").unwrap();
        c.s3_create_bucket("bkt").unwrap(); // us-east-1 legacy: 200 OK
        for k in ["b/2", "a", "b/1", "é", "Z"] {
            c.s3_put_object("bkt", k, vec![1, 2], "api").unwrap();
        }
        let page = c.s3_list_objects("bkt", "", "", MAX_KEYS).unwrap();
        let keys: Vec<_> = page.keys.iter().map(|k| k.0.as_str()).collect();
        assert_eq!(keys, ["Z", "a", "b/1", "b/2", "é"]);
        let page = c.s3_list_objects("bkt", "b/", "", 1).unwrap();
        assert_eq!((page.keys.len(), page.truncated, page.next_after.as_deref()), (1, true, Some("b/1")));
        assert_eq!(c.s3_delete_bucket("bkt").unwrap_err().code, "BucketNotEmpty");
        for k in ["b/2", "a", "b/1", "é", "Z", "missing"] {
            c.s3_delete_object("bkt", k).unwrap();
        }
        c.s3_delete_bucket("bkt").unwrap();
        assert_eq!(c.s3_get_object("bkt", "a").unwrap_err().code, "NoSuchBucket");
    }

    #[test]
    fn recreating_outside_us_east_1_is_already_owned() {
        let mut c = Cloud::new(crate::Config { region: "eu-west-1".into(), ..Default::default() });
        c.s3_create_bucket("bkt").unwrap();
        assert_eq!(c.s3_create_bucket("bkt").unwrap_err().code, "BucketAlreadyOwnedByYou");
    }
}
