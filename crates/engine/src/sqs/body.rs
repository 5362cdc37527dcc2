//! A stored message body: the text as sent, a text shared by many bodies (an SNS message's
//! raw deliveries), or a text another service built from shared pieces (an SNS envelope: one
//! head per published message, the subscription's ARN, one tail), kept as those pieces until
//! a consumer receives it (spec/sqs.md §5.1; spec/sns.md §6).
//!
//! Both forms answer the same bytes, length, `MD5OfBody` and character check; only the
//! memory differs: ten subscriptions of one message share one ~1 KB head instead of holding
//! ten copies. The MD5 of a joined body is computed when asked (at receive), hashing the
//! shared head once per message ([`Md5Prefix`]).

use alloc::borrow::Cow;
use alloc::rc::Rc;
use alloc::string::String;
use core::cell::OnceCell;

use super::message_attributes::check_body;
use crate::digest::{md5, Md5Prefix};
use crate::ApiError;

/// A text shared by many bodies, with what SQS learns about it computed once: the MD5 state
/// after it and whether its characters are all valid.
#[derive(Debug)]
pub struct SharedText {
    text: String,
    md5: OnceCell<Md5Prefix>,
    valid: OnceCell<bool>,
}

impl SharedText {
    pub fn new(text: String) -> Self {
        Self { text, md5: OnceCell::new(), valid: OnceCell::new() }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn md5_prefix(&self) -> &Md5Prefix {
        self.md5.get_or_init(|| Md5Prefix::new(self.text.as_bytes()))
    }

    /// True when every character is one SQS accepts (checked once).
    fn valid(&self) -> bool {
        *self.valid.get_or_init(|| {
            plain(&self.text) || matches!(check_body(&self.text, false), Ok(Cow::Borrowed(_)))
        })
    }
}

/// True when `text` is printable ASCII, tab, LF and CR only: characters SQS always accepts
/// (the common case, answered without the full check; written without early exit so it
/// runs many bytes at a time).
fn plain(text: &str) -> bool {
    text.bytes().fold(true, |ok, b| ok & (b.wrapping_sub(0x20) < 0x60 || b == 0x9 || b == 0xA || b == 0xD))
}

/// A message body (see the module docs).
#[derive(Clone, Debug)]
pub struct MessageBody(Repr);

#[derive(Clone, Debug)]
enum Repr {
    Text(String),
    /// One text, shared.
    Shared(Rc<SharedText>),
    /// `head + middle + tail`.
    Joined {
        head: Rc<SharedText>,
        middle: Rc<str>,
        tail: Rc<SharedText>,
        /// `middle` is known to be [`plain`].
        middle_plain: bool,
    },
}

impl MessageBody {
    /// The body `text`, shared with the other bodies holding it.
    pub fn shared(text: Rc<SharedText>) -> Self {
        Self(Repr::Shared(text))
    }

    /// The body `head + middle + tail`.
    pub fn joined(head: Rc<SharedText>, middle: Rc<str>, tail: Rc<SharedText>) -> Self {
        Self(Repr::Joined { head, middle, tail, middle_plain: false })
    }

    /// [`MessageBody::joined`] with a `middle` the caller knows to be printable ASCII (tab, LF
    /// and CR allowed), which SQS's character check then skips.
    pub fn joined_plain(head: Rc<SharedText>, middle: Rc<str>, tail: Rc<SharedText>) -> Self {
        debug_assert!(plain(&middle));
        Self(Repr::Joined { head, middle, tail, middle_plain: true })
    }

    /// The pieces, in order.
    fn pieces(&self) -> [&str; 3] {
        match &self.0 {
            Repr::Text(t) => [t, "", ""],
            Repr::Shared(t) => [t.as_str(), "", ""],
            Repr::Joined { head, middle, tail, .. } => [head.as_str(), middle, tail.as_str()],
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.pieces().iter().map(|p| p.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `MD5OfBody`.
    pub fn md5(&self) -> [u8; 16] {
        match &self.0 {
            Repr::Text(t) => md5(t.as_bytes()),
            Repr::Shared(t) => t.md5_prefix().finish(&[]),
            Repr::Joined { head, middle, tail, .. } => {
                head.md5_prefix().finish(&[middle.as_bytes(), tail.as_str().as_bytes()])
            }
        }
    }

    /// The text as one string.
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Text(t) => t,
            Repr::Shared(_) | Repr::Joined { .. } => self.to_text(),
        }
    }

    /// A copy of the text as one string.
    pub fn to_text(&self) -> String {
        let pieces = self.pieces();
        let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
        for p in pieces {
            out.push_str(p);
        }
        out
    }

    /// The text when it is one piece.
    pub fn as_text(&self) -> Option<&str> {
        match &self.0 {
            Repr::Text(t) => Some(t),
            Repr::Shared(t) => Some(t.as_str()),
            Repr::Joined { .. } => None,
        }
    }

    /// SQS's character check (`InvalidMessageContents`, or U+FFFD replacement with
    /// `replace`): `Ok(None)` when the body stands as it is, `Ok(Some(text))` when characters
    /// were replaced. A joined body's shared pieces are checked once for all the bodies
    /// that share them: a text is valid exactly when each of its pieces is.
    pub fn check(&self, replace: bool) -> Result<Option<String>, ApiError> {
        if let Repr::Joined { head, middle, tail, middle_plain } = &self.0 {
            if head.valid() && tail.valid() && (*middle_plain || plain(middle)) {
                return Ok(None);
            }
            return match check_body(&self.to_text(), replace)? {
                Cow::Borrowed(_) => Ok(None),
                Cow::Owned(t) => Ok(Some(t)),
            };
        }
        if let Repr::Shared(t) = &self.0 {
            if t.valid() {
                return Ok(None);
            }
        }
        let text = self.as_text().unwrap_or_default();
        if plain(text) {
            return Ok(None);
        }
        Ok(match check_body(text, replace)? {
            Cow::Borrowed(_) => None,
            Cow::Owned(t) => Some(t),
        })
    }
}

impl Default for MessageBody {
    fn default() -> Self {
        Self(Repr::Text(String::new()))
    }
}

impl From<String> for MessageBody {
    fn from(text: String) -> Self {
        Self(Repr::Text(text))
    }
}

impl From<&str> for MessageBody {
    fn from(text: &str) -> Self {
        Self(Repr::Text(String::from(text)))
    }
}

impl PartialEq for MessageBody {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.pieces().iter().flat_map(|p| p.bytes()).eq(other.pieces().iter().flat_map(|p| p.bytes()))
    }
}

impl core::fmt::Display for MessageBody {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for p in self.pieces() {
            f.write_str(p)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::hex;

    fn joined(head: &str, middle: &str, tail: &str) -> MessageBody {
        MessageBody::joined(
            Rc::new(SharedText::new(head.into())),
            Rc::from(middle),
            Rc::new(SharedText::new(tail.into())),
        )
    }

    #[test]
    fn a_joined_body_is_its_concatenation() {
        let head = "h".repeat(130);
        let j = joined(&head, "arn:x", "}\n");
        let text = alloc::format!("{head}arn:x}}\n");
        let plain = MessageBody::from(text.clone());
        assert_eq!(j, plain);
        assert_eq!(j.len(), text.len());
        assert_eq!(j.to_text(), text);
        assert_eq!(hex(&j.md5()), hex(&plain.md5()));
        assert_eq!(j.check(false).unwrap(), None);
    }

    #[test]
    fn a_shared_body_is_its_text() {
        for text in ["", "hello", "caf\u{e9}", "bad \u{1}"] {
            let shared = MessageBody::shared(Rc::new(SharedText::new(text.into())));
            let own = MessageBody::from(text);
            assert_eq!(shared, own);
            assert_eq!((shared.len(), shared.to_text()), (own.len(), own.to_text()));
            assert_eq!(hex(&shared.md5()), hex(&own.md5()));
            assert_eq!(shared.as_text(), own.as_text());
            for replace in [false, true] {
                let (a, b) = (shared.check(replace), own.check(replace));
                assert_eq!(a.as_ref().ok(), b.as_ref().ok());
                assert_eq!(a.err().map(|e| e.code), b.err().map(|e| e.code));
            }
        }
    }

    #[test]
    fn plain_is_the_ascii_subset_of_valid() {
        for b in 0u8..=0x7f {
            let s = alloc::string::String::from(b as char);
            assert_eq!(plain(&s), matches!(check_body(&s, false), Ok(Cow::Borrowed(_))), "{b:#x}");
        }
        assert!(!plain("é"));
        assert!(plain(""));
    }

    #[test]
    fn a_joined_body_is_checked_like_its_text() {
        let bad = joined("ok ", "\u{1}", " ok");
        assert_eq!(bad.check(false).unwrap_err().code, "InvalidMessageContents");
        assert_eq!(bad.check(true).unwrap().as_deref(), Some("ok \u{FFFD} ok"));
        let bad_head = joined("\u{FFFE}x", "", "");
        assert!(bad_head.check(false).is_err());
    }
}
