//! The JSON documents SNS sends to endpoints (spec/sns.md §5.2, §5.6, §5.9).
//!
//! * The **notification envelope** (SQS, HTTP/S, email-json and Firehose without raw
//!   delivery): keys in AWS's order `Type, MessageId, [SequenceNumber], TopicArn, [Subject],
//!   Message, Timestamp, [SignatureVersion, Signature, SigningCertURL], UnsubscribeURL,
//!   [MessageAttributes]`, pretty-printed the way AWS prints it (`"Key" : "Value"`, two-space
//!   indent). FIFO topics omit the three signature fields (§9 Q13).
//! * The **SubscriptionConfirmation** / **UnsubscribeConfirmation** documents (§5.6).
//! * The **Lambda event** `{"Records":[{"EventSource":"aws:sns", …, "Sns":{…}}]}` (§5.9):
//!   `SigningCertUrl`/`UnsubscribeUrl` casing, `Subject: null` when absent, `MessageAttributes`
//!   always present, `Number` and `String.Array` attributes typed `String`.

use alloc::borrow::Cow;
use alloc::rc::Rc;
use alloc::string::String;
use base64::Engine as _;
use core::cell::OnceCell;

use super::delivery::PublishedMessage;
use crate::base64_digits;
use crate::message_attributes::{base_type, BaseType, MessageAttributeValue};
use crate::rng::Rng;
use crate::sqs::body::{MessageBody, SharedText};

/// The certificate name in `SigningCertURL` (the simulator's own signing certificate).
pub const SIGNING_CERT: &str = "SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem";

/// Bytes in an RSA-2048 signature, as AWS's `Signature` decodes to.
const SIGNATURE_BYTES: usize = 256;

/// A `Signature` value: base64 of 256 bytes from the seeded generator (see the module docs
/// of [`super`], `# Fidelity`).
pub fn signature(rng: &mut Rng) -> String {
    String::from(Signature::draw(rng).as_str())
}

/// A published message's `Signature`: drawn at publish (the generator's sequence stays the
/// same), but its bytes are made, and encoded, only when an envelope first shows it (raw and
/// filtered-out deliveries never do): it keeps the generator as it was before the draw.
#[derive(Clone)]
pub struct Signature {
    before: Option<Rng>,
    text: OnceCell<String>,
}

/// `u64` draws in a signature.
const SIGNATURE_WORDS: usize = SIGNATURE_BYTES / 8;

impl Signature {
    /// [`signature`]'s draw from the seeded generator.
    pub fn draw(rng: &mut Rng) -> Self {
        let before = rng.clone();
        rng.skip(SIGNATURE_WORDS);
        Self { before: Some(before), text: OnceCell::new() }
    }

    /// No signature (FIFO topics): the empty text.
    pub fn none() -> Self {
        Self { before: None, text: OnceCell::new() }
    }

    /// The base64 text (empty for [`Signature::none`]).
    pub fn as_str(&self) -> &str {
        self.text.get_or_init(|| {
            let mut text = String::new();
            self.push_to(&mut text);
            text
        })
    }

    /// Appends the base64 text to `out` (without keeping a copy when none was made yet).
    fn push_to(&self, out: &mut String) {
        if let Some(text) = self.text.get() {
            out.push_str(text);
        } else if let Some(rng) = &self.before {
            out.push_str(signature_base64(rng.clone()).as_str());
        }
    }
}

/// Base64 (standard alphabet, padded) of a signature, on the stack.
struct SignatureText([u8; SIGNATURE_TEXT]);

/// Characters of a [`SignatureText`].
const SIGNATURE_TEXT: usize = SIGNATURE_BYTES.div_ceil(3) * 4;

/// Base64 of the signature `rng` draws next: its 32 draws as little-endian bytes. Three draws
/// (24 bytes) are four 48-bit groups of eight digits; the last two draws are two such groups
/// and four bytes (six digits and `==`).
fn signature_base64(mut rng: Rng) -> SignatureText {
    let eight = |g: u64| base64_digits::eight(g, base64_digits::STANDARD);
    // A draw's bytes in text order, first byte highest.
    let mut next = || rng.next_u64().swap_bytes();
    let mut out = [b'='; SIGNATURE_TEXT];
    let mut eights = out.chunks_exact_mut(8);
    let mut put = |g: u64| {
        if let Some(dst) = eights.next() {
            dst.copy_from_slice(&eight(g));
        }
    };
    for _ in 0..SIGNATURE_WORDS / 3 {
        let (x, y, z) = (next(), next(), next());
        put(x >> 16);
        put((x & 0xffff) << 32 | y >> 32);
        put((y & 0xffff_ffff) << 16 | z >> 48);
        put(z & 0xffff_ffff_ffff);
    }
    let (x, y) = (next(), next());
    put(x >> 16);
    put((x & 0xffff) << 32 | y >> 32);
    // 8 characters left: four digits of three bytes, two of the last byte, then `==`.
    let last = y & 0xffff_ffff;
    let six = eight(last << 16); // the 32 bits, then 4 zero bits: six digits
    if let (Some(tail), Some(digits)) = (out.get_mut(SIGNATURE_TEXT - 8..SIGNATURE_TEXT - 2), six.get(..6)) {
        tail.copy_from_slice(digits);
    }
    SignatureText(out)
}

impl SignatureText {
    fn as_str(&self) -> &str {
        // ok: base64 digits and `=` are ASCII.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl PartialEq for Signature {
    fn eq(&self, other: &Self) -> bool {
        self.before == other.before
    }
}

impl core::fmt::Debug for Signature {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Whether [`push_json_escaped`] changes `s`: most texts need no escaping, and one pass
/// without early exit, eight bytes a step, says so.
fn needs_escaping(s: &str) -> bool {
    has_special(s.as_bytes())
}

/// Whether `bytes` has a byte [`is_special`].
fn has_special(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Exact for the word as a whole (bit tricks: "determine if a word has a byte less than n").
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH != 0;
    let has_control = |w: u64| w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    let special = |w: u64| has_control(w) | has_zero(w ^ (ONES * 0x22)) | has_zero(w ^ (ONES * 0x5c));
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder();
    let words = chunks
        .fold(false, |esc, c| esc | c.try_into().is_ok_and(|c: [u8; 8]| special(u64::from_le_bytes(c))));
    words | tail.iter().any(|&b| is_special(b))
}

/// The bytes JSON strings escape: `"`, `\` and control characters.
fn is_special(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Appends `s` escaped as the inside of a JSON string (Jackson's escaping: `"`, `\`, and
/// control characters; everything else verbatim).
pub fn push_json_escaped(out: &mut String, s: &str) {
    if !needs_escaping(s) {
        out.push_str(s);
        return;
    }
    let mut rest = s;
    // Plain runs in one piece; each special byte is ASCII, so a character boundary.
    while let Some(i) = rest.bytes().position(is_special) {
        let (plain, tail) = rest.split_at(i);
        out.push_str(plain);
        let Some(&b) = tail.as_bytes().first() else { break };
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push_str(esc);
        }
        rest = tail.get(1..).unwrap_or_default();
    }
    out.push_str(rest);
}

fn push_str_value(out: &mut String, s: &str) {
    out.push('"');
    push_json_escaped(out, s);
    out.push('"');
}

/// One `"Key" : "Value"` line of a pretty envelope.
fn field(out: &mut String, key: &str, value: &str, first: bool) {
    out.push_str(if first { "\n  \"" } else { ",\n  \"" });
    out.push_str(key);
    out.push_str("\" : ");
    push_str_value(out, value);
}

/// The text an attribute shows in envelopes: `StringValue`, or base64 of a Binary value.
pub fn attribute_text(v: &MessageAttributeValue) -> String {
    if base_type(v.data_type()) == Some(BaseType::Binary) {
        base64::engine::general_purpose::STANDARD.encode(v.binary_value.as_deref().unwrap_or_default())
    } else {
        String::from(v.string_value.as_deref().unwrap_or_default())
    }
}

/// [`attribute_text`] as a JSON string value, without a copy of a `StringValue`.
fn push_attribute_text(out: &mut String, v: &MessageAttributeValue) {
    if base_type(v.data_type()) == Some(BaseType::Binary) {
        push_str_value(out, &attribute_text(v));
    } else {
        push_str_value(out, v.string_value.as_deref().unwrap_or_default());
    }
}

/// `https://sns.<region>.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=<arn>`.
pub fn unsubscribe_url(region: &str, subscription_arn: &str) -> String {
    alloc::format!(
        "https://sns.{region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={subscription_arn}"
    )
}

/// `https://sns.<region>.amazonaws.com/<cert>`.
pub fn signing_cert_url(region: &str) -> String {
    alloc::format!("https://sns.{region}.amazonaws.com/{SIGNING_CERT}")
}

/// The text of a topic's envelopes that is the same for every message, written once per topic
/// (again if its `SignatureVersion` changes): the `TopicArn` line, the `SignatureVersion` line
/// with the start of `Signature`, and the URL lines up to the subscription ARN.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvelopeFrame {
    /// The topic's `SignatureVersion`.
    pub version: Cow<'static, str>,
    /// The region the URLs name.
    region: String,
    topic_arn: String,
    signature: String,
    /// `SigningCertURL` (standard topics only) and `UnsubscribeURL`, which starts at
    /// `unsubscribe_at`.
    urls: String,
    unsubscribe_at: usize,
}

impl EnvelopeFrame {
    pub fn new(topic_arn: &str, version: &str, region: &str) -> Self {
        let mut arn = String::from("\",\n  \"TopicArn\" : \"");
        push_json_escaped(&mut arn, topic_arn);
        let mut signature = String::from("\",\n  \"SignatureVersion\" : \"");
        push_json_escaped(&mut signature, version);
        signature.push_str("\",\n  \"Signature\" : \"");
        // signing_cert_url(region) and unsubscribe_url(region, ""), escaped piece by piece
        // (only the region can need it).
        let mut urls = String::from("\",\n  \"SigningCertURL\" : \"https://sns.");
        push_json_escaped(&mut urls, region);
        urls.push_str(".amazonaws.com/");
        urls.push_str(SIGNING_CERT);
        let unsubscribe_at = urls.len();
        urls.push_str("\",\n  \"UnsubscribeURL\" : \"https://sns.");
        push_json_escaped(&mut urls, region);
        urls.push_str(".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=");
        let version = match version {
            "1" => Cow::Borrowed("1"),
            "2" => Cow::Borrowed("2"),
            other => Cow::Owned(String::from(other)),
        };
        Self { version, region: String::from(region), topic_arn: arn, signature, urls, unsubscribe_at }
    }

    /// Whether this is the frame of a topic with `SignatureVersion` `version` in `region`.
    pub fn is_for(&self, version: &str, region: &str) -> bool {
        self.version == version && self.region == region
    }

    /// The URL lines; `SigningCertURL` only when the envelope is `signed`.
    fn urls(&self, signed: bool) -> &str {
        let from = if signed { 0 } else { self.unsubscribe_at };
        self.urls.get(from..).unwrap_or_default()
    }
}

/// A notification envelope cut around the subscription ARN in `UnsubscribeURL`, the only part
/// that differs between the subscriptions of a message: built once per message. SQS stores
/// each copy as these shared pieces ([`MessageBody::joined`]); other endpoints get the text.
#[derive(Clone, Debug)]
pub struct EnvelopeParts {
    head: Rc<SharedText>,
    tail: Rc<SharedText>,
}

impl PartialEq for EnvelopeParts {
    fn eq(&self, other: &Self) -> bool {
        self.head.as_str() == other.head.as_str() && self.tail.as_str() == other.tail.as_str()
    }
}

impl EnvelopeParts {
    /// The envelope of `msg` with `message` (the text for the subscription's protocol, §4.2).
    pub fn new(msg: &PublishedMessage, message: &str, region: &str) -> Self {
        // Keys, URLs, message id and timestamp take about 415 bytes besides the region (twice);
        // escaping rarely adds more than an eighth.
        let variable = message.len() + message.len() / 8 + msg.topic_arn.len() + SIGNATURE_BYTES * 4 / 3 + 4;
        let optional =
            msg.subject.as_ref().map_or(0, String::len) + msg.sequence_number.as_ref().map_or(0, String::len);
        let mut head = String::with_capacity(440 + 2 * region.len() + variable + optional);
        // `field` line by line, with each line's fixed text written in one piece.
        head.push_str("{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"");
        // The message id (a UUID) and the timestamp are the simulator's own plain ASCII.
        head.push_str(&msg.message_id);
        if let Some(seq) = &msg.sequence_number {
            head.push_str("\",\n  \"SequenceNumber\" : \"");
            push_json_escaped(&mut head, seq);
        }
        // The topic's frame, unless the message is shown for another region (never: the
        // world's region is fixed).
        let frame = match &msg.frame {
            f if f.region == region => Cow::Borrowed(&**f),
            f => Cow::Owned(EnvelopeFrame::new(&msg.topic_arn, &f.version, region)),
        };
        head.push_str(&frame.topic_arn);
        if let Some(subject) = &msg.subject {
            head.push_str("\",\n  \"Subject\" : \"");
            push_json_escaped(&mut head, subject);
        }
        head.push_str("\",\n  \"Message\" : \"");
        push_json_escaped(&mut head, message);
        head.push_str("\",\n  \"Timestamp\" : \"");
        match msg.timestamp_text.get() {
            Some(text) => head.push_str(text),
            None => msg.published_at.push_iso8601_millis(&mut head),
        }
        if !msg.fifo {
            head.push_str(&frame.signature);
            msg.signature.push_to(&mut head);
        }
        head.push_str(frame.urls(!msg.fifo));
        let mut tail = String::with_capacity(8 + msg.attributes.len() * 64);
        tail.push('"');
        if !msg.attributes.is_empty() {
            tail.push_str(",\n  \"MessageAttributes\" : {");
            for (i, (name, v)) in msg.attributes.iter().enumerate() {
                tail.push_str(if i == 0 { "\n    " } else { ",\n    " });
                push_str_value(&mut tail, name);
                tail.push_str(" : {\"Type\":");
                push_str_value(&mut tail, v.data_type());
                tail.push_str(",\"Value\":");
                push_attribute_text(&mut tail, v);
                tail.push('}');
            }
            tail.push_str("\n  }");
        }
        tail.push_str("\n}");
        Self { head: Rc::new(SharedText::new(head)), tail: Rc::new(SharedText::new(tail)) }
    }

    /// The envelope for one subscription, as text.
    pub fn for_subscription(&self, subscription_arn: &str) -> String {
        let (head, tail) = (self.head.as_str(), self.tail.as_str());
        let mut out = String::with_capacity(head.len() + subscription_arn.len() + tail.len());
        out.push_str(head);
        push_json_escaped(&mut out, subscription_arn);
        out.push_str(tail);
        out
    }

    /// The envelope for one subscription as an SQS body sharing this message's pieces;
    /// `subscription_arn` is the ARN as stored (escaped here only if it needs escaping;
    /// `arn_is_plain`: known to be printable ASCII without `"` or `\\`).
    pub fn for_sqs(&self, subscription_arn: &Rc<str>, arn_is_plain: bool) -> MessageBody {
        if arn_is_plain {
            let middle = Rc::clone(subscription_arn);
            return MessageBody::joined_plain(Rc::clone(&self.head), middle, Rc::clone(&self.tail));
        }
        let middle = if needs_escaping(subscription_arn) {
            let mut escaped = String::new();
            push_json_escaped(&mut escaped, subscription_arn);
            Rc::from(escaped)
        } else {
            Rc::clone(subscription_arn)
        };
        MessageBody::joined(Rc::clone(&self.head), middle, Rc::clone(&self.tail))
    }
}

/// The notification envelope of `msg` for one subscription, with `message` the text for the
/// subscription's protocol (§4.2).
pub fn notification(msg: &PublishedMessage, message: &str, region: &str, subscription_arn: &str) -> String {
    EnvelopeParts::new(msg, message, region).for_subscription(subscription_arn)
}

/// What a SubscriptionConfirmation or UnsubscribeConfirmation document says.
pub struct Confirmation<'a> {
    pub kind: &'a str,
    pub message_id: &'a str,
    pub token: &'a str,
    pub topic_arn: &'a str,
    pub message: &'a str,
    pub subscribe_url: &'a str,
    pub timestamp: &'a str,
    pub signature: &'a str,
    pub region: &'a str,
}

/// The confirmation document (§5.6 key order).
pub fn confirmation(c: &Confirmation<'_>) -> String {
    let mut out = String::with_capacity(1200);
    out.push('{');
    field(&mut out, "Type", c.kind, true);
    field(&mut out, "MessageId", c.message_id, false);
    field(&mut out, "Token", c.token, false);
    field(&mut out, "TopicArn", c.topic_arn, false);
    field(&mut out, "Message", c.message, false);
    field(&mut out, "SubscribeURL", c.subscribe_url, false);
    field(&mut out, "Timestamp", c.timestamp, false);
    field(&mut out, "SignatureVersion", "1", false);
    field(&mut out, "Signature", c.signature, false);
    field(&mut out, "SigningCertURL", &signing_cert_url(c.region), false);
    out.push_str("\n}");
    out
}

/// The Lambda invocation event for one subscription (§5.9).
pub fn lambda_event(msg: &PublishedMessage, message: &str, region: &str, subscription_arn: &str) -> String {
    let mut out = String::with_capacity(900 + message.len());
    out.push_str(
        "{\"Records\":[{\"EventSource\":\"aws:sns\",\"EventVersion\":\"1.0\",\"EventSubscriptionArn\":",
    );
    push_str_value(&mut out, subscription_arn);
    out.push_str(",\"Sns\":{\"Type\":\"Notification\",\"MessageId\":");
    push_str_value(&mut out, &msg.message_id);
    out.push_str(",\"TopicArn\":");
    push_str_value(&mut out, &msg.topic_arn);
    out.push_str(",\"Subject\":");
    match &msg.subject {
        Some(s) => push_str_value(&mut out, s),
        None => out.push_str("null"),
    }
    out.push_str(",\"Message\":");
    push_str_value(&mut out, message);
    out.push_str(",\"Timestamp\":");
    push_str_value(&mut out, msg.timestamp_text());
    out.push_str(",\"SignatureVersion\":");
    push_str_value(&mut out, &msg.frame.version);
    out.push_str(",\"Signature\":");
    push_str_value(&mut out, msg.signature.as_str());
    out.push_str(",\"SigningCertUrl\":");
    push_str_value(&mut out, &signing_cert_url(region));
    out.push_str(",\"UnsubscribeUrl\":");
    push_str_value(&mut out, &unsubscribe_url(region, subscription_arn));
    out.push_str(",\"MessageAttributes\":{");
    for (i, (name, v)) in msg.attributes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_str_value(&mut out, name);
        let ty = match base_type(v.data_type()) {
            Some(BaseType::Binary) => "Binary",
            _ => "String",
        };
        out.push_str(":{\"Type\":\"");
        out.push_str(ty);
        out.push_str("\",\"Value\":");
        push_str_value(&mut out, &attribute_text(v));
        out.push('}');
    }
    out.push_str("}}}]}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_jackson() {
        let mut s = String::new();
        push_json_escaped(&mut s, "a\"b\\c\nd\u{1}é/");
        assert_eq!(s, "a\\\"b\\\\c\\nd\\u0001é/");
        let mut plain = String::from(">");
        push_json_escaped(&mut plain, "nothing to escape: é \u{7f} ~");
        assert_eq!(plain, ">nothing to escape: é \u{7f} ~");
    }

    #[test]
    fn escapes_every_character_as_jackson_does() {
        let reference = |s: &str| {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '\u{8}' => out.push_str("\\b"),
                    '\u{c}' => out.push_str("\\f"),
                    c if (c as u32) < 0x20 => out.push_str(&alloc::format!("\\u{:04X}", c as u32)),
                    c => out.push(c),
                }
            }
            out
        };
        let pieces = [
            "a",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{1}",
            "\u{1f}",
            "é",
            "/",
            " ",
            "plain text",
        ];
        let mut rng = Rng::new(5);
        for _ in 0..5000 {
            let n = rng.below(12);
            let s: String = (0..n).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            let mut out = String::from(">");
            push_json_escaped(&mut out, &s);
            assert_eq!(out[1..], reference(&s), "{s:?}");
        }
    }

    #[test]
    fn the_word_at_a_time_check_finds_exactly_the_special_bytes() {
        let naive = |b: &[u8]| b.iter().any(|&b| is_special(b));
        // Every byte value at every place of a word and of a tail, among plain and high bytes.
        for fill in [b'a', 0x7f, 0x80, 0xff, 0x21, 0x5d, 0x1f + 1] {
            for len in [1, 7, 8, 9, 16, 23] {
                for at in 0..len {
                    for b in 0..=255u8 {
                        let mut bytes = alloc::vec![fill; len];
                        bytes[at] = b;
                        assert_eq!(has_special(&bytes), naive(&bytes), "{bytes:?}");
                    }
                }
            }
        }
        let mut rng = Rng::new(3);
        for _ in 0..2000 {
            let bytes: alloc::vec::Vec<u8> = (0..rng.next_u64() % 40).map(|_| rng.next_u64() as u8).collect();
            assert_eq!(has_special(&bytes), naive(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn signature_text_is_standard_base64() {
        let mut rng = Rng::new(7);
        for _ in 0..50 {
            let mut copy = rng.clone();
            let sig = Signature::draw(&mut rng);
            let bytes: alloc::vec::Vec<u8> = (0..32).flat_map(|_| copy.next_u64().to_le_bytes()).collect();
            assert_eq!(copy, rng, "the draw moves the generator past 32 values");
            assert_eq!(sig.as_str(), base64::engine::general_purpose::STANDARD.encode(&bytes));
            let mut pushed = String::from(">");
            Signature { text: OnceCell::new(), ..sig.clone() }.push_to(&mut pushed);
            assert_eq!(pushed[1..], *sig.as_str());
        }
        assert_eq!(Signature::none().as_str(), "");
    }

    #[test]
    fn signature_is_base64_of_256_bytes() {
        let sig = signature(&mut Rng::new(1));
        assert_eq!(sig.len(), 344);
        assert_eq!(sig, signature(&mut Rng::new(1)));
    }
}
