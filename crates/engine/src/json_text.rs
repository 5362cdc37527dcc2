//! JSON text in, through one reader.
//!
//! serde_json parses with one of two readers: `from_str` (its `StrRead`) and `from_slice`
//! (`SliceRead`), and each instantiates the whole parser: ~10 KB of the playground's
//! WebAssembly for the second copy. Everything parses through [`from_str`] here, which reads
//! the text's bytes with `from_slice`: for text that is already UTF-8 the two readers give the
//! same values and the same errors (with the same line and column).
//!
//! JSON text out is written by `Value`'s `Display` (`value.to_string()`), which the playground
//! uses too: `serde_json::to_string`/`to_vec` write through a second instance of the writer
//! (~4 KB of WebAssembly) for the same text.

use serde::de::DeserializeOwned;

/// Parses `text` as `T`, as `serde_json::from_str` does.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_slice(text.as_bytes())
}
