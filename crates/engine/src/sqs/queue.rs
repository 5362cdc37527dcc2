//! Queues: names, URLs and ARNs, and the actions CreateQueue, DeleteQueue, ListQueues and
//! GetQueueUrl (spec/sqs.md §2, §4.1–§4.4;
//! <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html>).
//!
//! * Names: 1–80 of `[A-Za-z0-9_-]`; FIFO names end in `.fifo` (counted in the 80).
//! * CreateQueue is idempotent: an existing name with no attributes, or with supplied
//!   attributes all equal to the queue's current values, answers the existing URL; any
//!   difference is `QueueNameExists` naming the first differing attribute (in name order).
//! * A deleted name cannot be re-created for 60 s (`QueueDeletedRecently`).
//!
//! # Fidelity
//! * Deletion and creation take effect at once (AWS: up to 60 s / 1 s).
//! * ListQueues is sorted by name; `NextToken` is our own opaque string.
//! * Tags passed to CreateQueue for an existing queue are ignored (AWS behaviour unknown).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;

use super::attributes::QueueAttributes;
use super::chaos::ChaosState;
use super::fifo::{Dedup, Sequencer};
use super::message::Message;
use super::metrics::QueueMetrics;
use super::receipt::Issued;
use super::receive::Attempt;
use super::store::{Counts, Store};
use super::SqsEvent;
use crate::collections::VecMap;
use crate::time::{Instant, TimerId, SECOND};
use crate::{ApiError, Cloud};

/// Queue names: at most 80 characters.
pub const MAX_NAME_LEN: usize = 80;
/// A deleted name is blocked this long (aws-snapshot).
pub const NAME_REUSE_MS: u64 = 60 * SECOND;
/// ListQueues / ListDeadLetterSourceQueues page size limit.
pub const MAX_RESULTS: i64 = 1_000;

/// One queue.
#[derive(Clone, Debug)]
pub struct Queue {
    /// Incarnation id: a queue re-created under the same name gets a new one.
    pub id: u64,
    /// Shared with every event that names the queue.
    pub name: Rc<str>,
    pub url: String,
    pub arn: String,
    pub attributes: QueueAttributes,
    pub tags: BTreeMap<String, String>,
    pub created_at: Instant,
    pub last_modified_at: Instant,
    pub(crate) store: Store,
    pub(crate) timer: Option<TimerId>,
    pub(crate) last_purge: Option<Instant>,
    pub(crate) dedup: Option<Dedup>,
    pub(crate) sequencer: Option<Sequencer>,
    /// ReceiveRequestAttemptId → what that attempt received, for 5 minutes (a sorted `Vec`:
    /// each receive with an attempt id already walks it to drop expired ones).
    pub(crate) attempts: VecMap<String, Attempt>,
    pub(crate) metrics: QueueMetrics,
    pub(crate) chaos: ChaosState,
    /// Reused by each receive for the messages it takes (empty between calls).
    pub(crate) scratch: Vec<(u64, Rc<str>)>,
    /// The receipt handles issued last, read back without decoding.
    pub(crate) issued: Issued,
}

impl Queue {
    pub fn is_fifo(&self) -> bool {
        self.attributes.fifo_queue
    }
    /// The exact `ApproximateNumberOfMessages*` counters.
    pub fn counts(&self) -> Counts {
        self.store.counts()
    }
    /// Every stored message (visible, delayed, in flight), in send order.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.store.iter()
    }
    /// Retention in milliseconds.
    pub(crate) fn retention_ms(&self) -> u64 {
        self.attributes.message_retention_period * SECOND
    }
}

/// The queue name in a URL `…/<account>/<name>`, if the account is ours.
pub fn name_from_url<'a>(url: &'a str, account: &str) -> Option<&'a str> {
    // Byte scans: every call parses its URL, and '/' is ASCII, so each cut is a char boundary.
    let url = url.strip_suffix('/').unwrap_or(url);
    let cut = url.as_bytes().iter().rposition(|&b| b == b'/')?;
    let (rest, name) = (url.get(..cut)?, url.get(cut + 1..)?);
    let ours = rest.strip_suffix(account).is_some_and(|r| r.ends_with('/'));
    (ours && !name.is_empty()).then_some(name)
}

impl super::Sqs {
    /// The queue a `QueueUrl` names, or `QueueDoesNotExist`.
    pub(crate) fn queue_mut(&mut self, url: Option<&str>, account: &str) -> Result<&mut Queue, ApiError> {
        let url = url.ok_or_else(|| ApiError::sqs_missing_parameter("QueueUrl"))?;
        self.queues.by_url_mut(url, account).ok_or_else(ApiError::queue_does_not_exist)
    }

    /// Shared-reference version of [`Self::queue_mut`].
    pub(crate) fn queue_ref(&self, url: Option<&str>, account: &str) -> Result<&Queue, ApiError> {
        let url = url.ok_or_else(|| ApiError::sqs_missing_parameter("QueueUrl"))?;
        self.queues.by_url(url, account).ok_or_else(ApiError::queue_does_not_exist)
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct CreateQueueInput {
        pub queue_name: Option<String> = "QueueName",
        pub attributes: Option<BTreeMap<String, String>> = "Attributes",
        /// `tags` (lowercase member name in the API).
        pub tags: Option<BTreeMap<String, String>> = "tags",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, PartialEq)]
    pub struct CreateQueueOutput {
        pub queue_url: String = "QueueUrl",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct QueueUrlInput {
        pub queue_url: Option<String> = "QueueUrl",
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListQueuesInput {
        pub queue_name_prefix: Option<String> = "QueueNamePrefix",
        pub max_results: Option<i64> = "MaxResults",
        pub next_token: Option<String> = "NextToken",
    }
}

crate::shape::output_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct ListQueuesOutput {
        pub queue_urls: Vec<String> = "QueueUrls" skip_empty,
        pub next_token: Option<String> = "NextToken" skip_none,
    }
}

crate::shape::input_shape! {
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct GetQueueUrlInput {
        pub queue_name: Option<String> = "QueueName",
        pub queue_owner_aws_account_id: Option<String> = "QueueOwnerAWSAccountId",
    }
}

/// Validates `MaxResults` (1–1000) of the list actions.
pub(crate) fn check_max_results(n: Option<i64>) -> Result<Option<usize>, ApiError> {
    match n {
        None => Ok(None),
        Some(n) if (1..=MAX_RESULTS).contains(&n) => Ok(Some(n as usize)),
        Some(n) => Err(ApiError::sqs_invalid_value(
            &n.to_string(),
            "MaxResults",
            "MaxResults must be an integer between 1 and 1000.",
        )),
    }
}

/// Pages `names` (sorted): `NextToken` encodes the last name returned.
pub(crate) fn page(
    names: impl Iterator<Item = String>,
    max: Option<usize>,
    token: Option<&str>,
) -> Result<(Vec<String>, Option<String>), ApiError> {
    let after = match token {
        None | Some("") => None,
        Some(t) => {
            let raw = base64::engine::general_purpose::STANDARD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|s| s.strip_prefix("sqs-page:").map(String::from))
                .ok_or_else(|| ApiError::sqs_invalid_parameter("Invalid NextToken value."))?;
            Some(raw)
        }
    };
    let limit = max.unwrap_or(MAX_RESULTS as usize);
    let mut out = Vec::new();
    let mut more = false;
    for n in names.filter(|n| after.as_ref().is_none_or(|a| n > a)) {
        if out.len() == limit {
            more = true;
            break;
        }
        out.push(n);
    }
    let next = (more && max.is_some())
        .then(|| {
            out.last().map(|l| base64::engine::general_purpose::STANDARD.encode(format!("sqs-page:{l}")))
        })
        .flatten();
    Ok((out, next))
}

impl Cloud {
    /// CreateQueue (spec §4.1).
    pub fn create_queue(&mut self, input: CreateQueueInput) -> Result<CreateQueueOutput, ApiError> {
        let name = input
            .queue_name
            .filter(|n| !n.is_empty())
            .ok_or_else(|| ApiError::sqs_missing_parameter("QueueName"))?;
        let attrs = input.attributes.unwrap_or_default();
        let fifo = match attrs.get("FifoQueue") {
            None => false,
            Some(v) => {
                if !super::attributes::boolean("FifoQueue", v)? {
                    return Err(ApiError::unknown_attribute("FifoQueue"));
                }
                true
            }
        };
        if !crate::resource_name::is_valid(&name, fifo, MAX_NAME_LEN) {
            return Err(ApiError::sqs_invalid_parameter(if fifo {
                "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
            } else {
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
            }));
        }
        let mut fresh = QueueAttributes::defaults(fifo);
        for (k, v) in &attrs {
            fresh.apply(k, v, true)?;
        }
        fresh.check_combination()?;
        if let Some(existing) = self.sqs.queues.get(name.as_str()) {
            if existing.is_fifo() != fifo {
                return Err(ApiError::queue_name_exists("FifoQueue"));
            }
            let mut probe = existing.attributes.clone();
            let current = existing.attributes.to_strings();
            for (k, v) in &attrs {
                probe.apply(k, v, true)?;
                let wanted = probe.to_strings();
                if wanted.get(k.as_str()) != current.get(k.as_str()) {
                    return Err(ApiError::queue_name_exists(k));
                }
            }
            return Ok(CreateQueueOutput { queue_url: existing.url.clone() });
        }
        if let Some(at) = self.sqs.deleted_at.get(&name) {
            if self.ctx.now.since(*at) < NAME_REUSE_MS {
                return Err(ApiError::queue_deleted_recently());
            }
        }
        let tags = input.tags.unwrap_or_default();
        super::tags::check_tags(&tags, &name)?;
        let arn = format!("arn:aws:sqs:{}:{}:{name}", self.ctx.region(), self.ctx.account());
        self.check_redrive_target(&arn, fifo, &fresh)?;
        self.sqs.next_queue_id += 1;
        let id = self.sqs.next_queue_id;
        let url = format!("https://sqs.{}.amazonaws.com/{}/{name}", self.ctx.region(), self.ctx.account());
        let now = self.ctx.now;
        let (dedup, sequencer) = if fifo {
            (Some(Dedup::new(fresh.deduplication_scope)), Some(Sequencer::new(&mut self.ctx.rng)))
        } else {
            (None, None)
        };
        let shared: Rc<str> = Rc::from(name.as_str());
        let queue = Queue {
            id,
            name: shared.clone(),
            url: url.clone(),
            arn,
            attributes: fresh,
            tags,
            created_at: now,
            last_modified_at: now,
            store: Store::new(fifo),
            timer: None,
            last_purge: None,
            dedup,
            sequencer,
            attempts: VecMap::new(),
            metrics: QueueMetrics::new(&mut self.ctx.metrics, &name),
            chaos: ChaosState::default(),
            scratch: Vec::new(),
            issued: Issued::default(),
        };
        self.sqs.deleted_at.remove(&name);
        self.sqs.names_by_id.insert(id, shared.clone());
        self.sqs.queues.insert(shared.clone(), queue);
        self.ctx.emit(SqsEvent::QueueCreated { queue: shared, queue_url: url.clone(), fifo });
        Ok(CreateQueueOutput { queue_url: url })
    }

    /// DeleteQueue (spec §4.2): deletes whatever it holds; the name is blocked for 60 s.
    pub fn delete_queue(&mut self, input: QueueUrlInput) -> Result<(), ApiError> {
        let name = self.sqs.queue_ref(input.queue_url.as_deref(), self.ctx.account())?.name.clone();
        let Some(q) = self.sqs.queues.remove(&name) else { return Err(ApiError::queue_does_not_exist()) };
        if let Some(t) = q.timer {
            self.ctx.timers.cancel(t);
        }
        self.sqs.names_by_id.remove(&q.id);
        // Deletions older than 60 s no longer block a name: dropped, so the table stays small.
        let now = self.ctx.now;
        self.sqs.deleted_at.retain(|_, at| now.since(*at) < NAME_REUSE_MS);
        self.sqs.deleted_at.insert(String::from(&*name), now);
        self.ctx.emit(SqsEvent::QueueDeleted {
            queue: name,
            queue_url: q.url,
            messages_dropped: q.store.len() as u64,
        });
        Ok(())
    }

    /// ListQueues (spec §4.3).
    pub fn list_queues(&mut self, input: ListQueuesInput) -> Result<ListQueuesOutput, ApiError> {
        let max = check_max_results(input.max_results)?;
        let prefix = input.queue_name_prefix.unwrap_or_default();
        let names =
            self.sqs.queues.keys().filter(|n| n.starts_with(prefix.as_str())).map(|n| String::from(&**n));
        let (names, next_token) = page(names, max, input.next_token.as_deref())?;
        let queue_urls =
            names.iter().filter_map(|n| self.sqs.queues.get(n.as_str()).map(|q| q.url.clone())).collect();
        Ok(ListQueuesOutput { queue_urls, next_token })
    }

    /// GetQueueUrl (spec §4.4).
    pub fn get_queue_url(&mut self, input: GetQueueUrlInput) -> Result<CreateQueueOutput, ApiError> {
        let name = input
            .queue_name
            .filter(|n| !n.is_empty())
            .ok_or_else(|| ApiError::sqs_missing_parameter("QueueName"))?;
        if input.queue_owner_aws_account_id.as_deref().is_some_and(|a| a != self.ctx.account()) {
            return Err(ApiError::queue_does_not_exist());
        }
        let q = self.sqs.queues.get(name.as_str()).ok_or_else(ApiError::queue_does_not_exist)?;
        Ok(CreateQueueOutput { queue_url: q.url.clone() })
    }

    /// The URL of the queue an ARN names (for event-source mappings and subscriptions).
    pub fn sqs_queue_url_for_arn(&self, arn: &str) -> Option<String> {
        self.sqs.queue_by_arn(arn).map(|q| q.url.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_names() {
        assert_eq!(
            name_from_url("https://sqs.us-east-1.amazonaws.com/000000000000/q", "000000000000"),
            Some("q")
        );
        assert_eq!(
            name_from_url("http://localhost:4566/000000000000/q.fifo/", "000000000000"),
            Some("q.fifo")
        );
        assert_eq!(name_from_url("https://x/111/q", "000000000000"), None);
        assert_eq!(name_from_url("https://x/1000000000000/q", "000000000000"), None);
        assert_eq!(name_from_url("000000000000/q", "000000000000"), None);
        assert_eq!(name_from_url("q", "000000000000"), None);
    }
}
