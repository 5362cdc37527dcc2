//! Filter-policy errors and the texts AWS answers (spec/sns.md §7.4).
//!
//! All are `InvalidParameter` (HTTP 400). The call decides the prefix:
//! `Subscribe` → `Invalid parameter: Attributes Reason: FilterPolicy: <text>`,
//! `SetSubscriptionAttributes` → `Invalid parameter: FilterPolicy: <text>`. The nested-policy
//! error in attribute scope has no `FilterPolicy:` part. Errors of the rule compiler carry
//! Jackson's location suffix over the compact policy text
//! (`\n at [Source: (String)"{"key":[["value"]]}"; line: 1, column: 10]`).

use alloc::format;
use alloc::string::String;

use super::syntax::SyntaxError;
use super::PolicyOrigin;
use crate::ApiError;

/// Jackson shows at most this many characters of a `(String)` source.
const SOURCE_SNIPPET_MAX: usize = 500;

/// Why a policy was rejected, before the call's prefix is added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PolicyError {
    /// Not JSON: `failed to parse JSON. <Jackson message and location>`.
    Syntax(SyntaxError),
    /// A rule error with its location in the compact policy text.
    Rule { message: String, compact: String, column: u32 },
    /// A limit or value error without location (key count, complexity, CIDR, size).
    Plain(String),
    /// A nested policy in `MessageAttributes` scope.
    NestedInAttributeScope,
}

impl PolicyError {
    fn text(&self) -> String {
        match self {
            PolicyError::Syntax(e) => format!("failed to parse JSON. {}", e.jackson_text()),
            PolicyError::Rule { message, compact, column } => {
                format!(
                    "{message}\n at [Source: (String){}; line: 1, column: {column}]",
                    source_snippet(compact)
                )
            }
            PolicyError::Plain(m) => m.clone(),
            PolicyError::NestedInAttributeScope => String::new(),
        }
    }

    pub(crate) fn into_api_error(self, origin: PolicyOrigin) -> ApiError {
        let prefix = match origin {
            PolicyOrigin::Subscribe => "Invalid parameter: Attributes Reason: ",
            PolicyOrigin::SetSubscriptionAttributes => "Invalid parameter: ",
        };
        let message = match self {
            PolicyError::NestedInAttributeScope => {
                format!("{prefix}Filter policy scope MessageAttributes does not support nested filter policy")
            }
            other => format!("{prefix}FilterPolicy: {}", other.text()),
        };
        ApiError::filter_policy_invalid_parameter(message)
    }
}

/// `"<text>"`, or the first 500 characters and `"[truncated N chars]` (Jackson 2.x).
fn source_snippet(compact: &str) -> String {
    let total = compact.chars().count();
    if total <= SOURCE_SNIPPET_MAX {
        return format!("\"{compact}\"");
    }
    let head: String = compact.chars().take(SOURCE_SNIPPET_MAX).collect();
    format!("\"{head}\"[truncated {} chars]", total - SOURCE_SNIPPET_MAX)
}

impl ApiError {
    /// `InvalidParameter` (400) with a full message (filter policies and their scope).
    pub(crate) fn filter_policy_invalid_parameter(message: String) -> Self {
        ApiError::client_with(
            "InvalidParameter",
            "InvalidParameter",
            "InvalidParameterException",
            400,
            message,
        )
    }

    /// `FilterPolicyScope` is neither `MessageAttributes` nor `MessageBody` (aws-snapshot).
    pub(crate) fn filter_policy_scope_invalid(origin: PolicyOrigin, value: &str) -> Self {
        let prefix = match origin {
            PolicyOrigin::Subscribe => "Invalid parameter: Attributes Reason: ",
            PolicyOrigin::SetSubscriptionAttributes => "Invalid parameter: ",
        };
        Self::filter_policy_invalid_parameter(format!(
            "{prefix}FilterPolicyScope: Invalid value [{value}]. Please use either MessageBody or MessageAttributes"
        ))
    }
}
