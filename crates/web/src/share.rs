//! Sharing a scenario: `#s=<base64url(deflate(JSON))>` in the URL, where the JSON is
//! `{"v":1,"seed":N,"at":ms-from-start,"lines":"<decouple api JSON lines>"}`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use crate::sim::{from_lines, to_lines, Step};

/// A scenario with its seed and the moment being shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub seed: u64,
    /// Milliseconds after the world's start that the view is at.
    pub at: u64,
    pub steps: Vec<Step>,
    /// A scenario-language script, how many statements of it ran, and how far (ms after
    /// the start) a sleep in progress was played.
    pub script: Option<(String, usize, Option<u64>)>,
}

/// Encodes for the URL hash (without the `#s=`).
pub fn encode(s: &Shared) -> String {
    let mut doc = json!({ "v": 1, "seed": s.seed, "at": s.at, "lines": to_lines(&s.steps) });
    if let Some((source, ran, waited)) = &s.script {
        doc["script"] = json!(source);
        doc["ran"] = json!(ran);
        if let Some(w) = waited {
            doc["waited"] = json!(w);
        }
    }
    let bytes = decouple_engine::deflate::deflate(doc.to_string().as_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes what [`encode`] made.
pub fn decode(text: &str) -> Result<Shared, String> {
    let bytes = URL_SAFE_NO_PAD.decode(text.trim().trim_end_matches('=')).map_err(|e| e.to_string())?;
    let raw = decouple_engine::deflate::inflate(&bytes, 8 << 20)?;
    let doc: Value = serde_json::from_slice(&raw).map_err(|e| e.to_string())?;
    let steps = from_lines(doc.get("lines").and_then(Value::as_str).unwrap_or(""))?;
    Ok(Shared {
        seed: doc.get("seed").and_then(Value::as_u64).unwrap_or(0),
        at: doc.get("at").and_then(Value::as_u64).unwrap_or(u64::MAX),
        steps,
        script: doc.get("script").and_then(Value::as_str).map(|s| {
            (
                s.to_string(),
                doc.get("ran").and_then(Value::as_u64).unwrap_or(0) as usize,
                doc.get("waited").and_then(Value::as_u64),
            )
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let steps =
            from_lines("{\"call\":\"sqs.CreateQueue\",\"input\":{\"QueueName\":\"q\"}}\n{\"advance_ms\":30}")
                .unwrap();
        let s = Shared { seed: 7, at: 12, steps, script: Some(("sleep 1\n".into(), 1, Some(500))) };
        let text = encode(&s);
        assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&text).unwrap(), s);
        assert!(decode("!!").is_err());
    }
}
