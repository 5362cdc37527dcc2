//! `NextToken` paging of the List* actions: at most 100 items a page (spec/sns.md §3,
//! ListTopics and ListSubscriptions); the token is opaque and base64-decodable (aws-snapshot,
//! 101 subscriptions → 100 + 1, no token on the last page).

use alloc::string::String;
use alloc::vec::Vec;
use base64::Engine as _;

use crate::ApiError;

/// Items per page of ListTopics, ListSubscriptions and ListSubscriptionsByTopic.
pub const PAGE_SIZE: usize = 100;

fn encode(key: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(key.as_bytes())
}

fn decode(token: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(token.as_bytes()).ok()?;
    String::from_utf8(bytes).ok()
}

/// One page of `items` (each with a sort key, in ascending key order) starting at the key the
/// token names; returns the page and the token of the next one.
pub fn page<T>(
    items: impl Iterator<Item = (String, T)>,
    token: Option<&str>,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let start = match token {
        None | Some("") => None,
        Some(t) => Some(decode(t).ok_or_else(|| ApiError::sns_invalid("NextToken"))?),
    };
    let mut out = Vec::new();
    let mut next = None;
    for (key, item) in items {
        if start.as_ref().is_some_and(|s| key.as_str() < s.as_str()) {
            continue;
        }
        if out.len() == PAGE_SIZE {
            next = Some(encode(&key));
            break;
        }
        out.push(item);
    }
    Ok((out, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn pages_of_one_hundred() {
        let keys = || (0..101).map(|i| (format!("k{i:03}"), i));
        let (first, token) = page(keys(), None).unwrap();
        assert_eq!(first.len(), 100);
        let (second, last) = page(keys(), token.as_deref()).unwrap();
        assert_eq!((second, last), (alloc::vec![100], None));
        assert!(page(keys(), Some("!!")).is_err());
    }
}
