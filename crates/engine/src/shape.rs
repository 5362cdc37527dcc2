//! Input shapes: [`input_shape!`] declares an action's typed input (or a structure nested in
//! one) together with each member's AWS name, and with the `serde` feature decodes it from JSON
//! through [`crate::json::FromJson`]. Output shapes: [`output_shape!`] likewise declares an
//! action's typed output and writes it as JSON through [`crate::json::ToJson`].
//!
//! ```text
//! crate::shape::input_shape! {
//!     #[derive(Clone, Debug, Default, PartialEq)]
//!     pub struct SendMessageInput {
//!         pub queue_url: Option<String> = "QueueUrl",
//!         pub delay_seconds: Option<i64> = "DelaySeconds",
//!         pub data: Option<Vec<u8>> = "Data" with crate::blob::opt::from_json,
//!         pub trace_header: Option<String> = _,   // not a wire member: always the default
//!     }
//! }
//! ```
//!
//! A member absent from the JSON object (or `null` for an `Option`) takes its default;
//! `with f` decodes a present member with `f: fn(Value) -> Result<T, ApiError>`.
//!
//! Why not `#[derive(serde::Deserialize)]`: the derive generates a visitor per structure, and
//! the playground's WebAssembly carried ~250 KB of them. The decoding here is one call per
//! member into shared helpers, with serde_json's own error texts (see [`crate::json`]).

/// Declares a typed input structure and its JSON decoding (module docs).
macro_rules! input_shape {
    (@member $m:ident $e:ident $d:ident _) => {
        ::core::default::Default::default()
    };
    (@member $m:ident $e:ident $d:ident $wire:literal) => {
        $crate::json::member(&mut $m, $wire, &mut $e, $d)
    };
    (@member $m:ident $e:ident $d:ident $wire:literal $with:path) => {
        $crate::json::member_with(&mut $m, $wire, &mut $e, $with)
    };
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $($(#[$fattr:meta])* pub $field:ident : $ty:ty = $wire:tt $(with $with:path)?),* $(,)?
        }
    ) => {
        $(#[$attr])*
        pub struct $name {
            $($(#[$fattr])* pub $field: $ty,)*
        }

        #[cfg(feature = "serde")]
        impl $crate::json::FromJson for $name {
            fn from_json_in(
                v: serde_json::Value,
                dialect: $crate::wire_type::Dialect,
            ) -> Result<Self, $crate::ApiError> {
                #[allow(unused_mut, unused_variables)]
                let mut m = $crate::json::object(v, stringify!($name), dialect)?;
                #[allow(unused_mut)]
                let mut e = $crate::json::FirstError::default();
                let out = Self {
                    $($field: $crate::shape::input_shape!(@member m e dialect $wire $($with)?),)*
                };
                e.or(out)
            }
        }
    };
}

pub(crate) use input_shape;

/// Declares a typed output structure and its JSON form: each member with its AWS name,
/// optionally followed by `skip_none` (a `None` is left out), `skip_empty` (an empty list or
/// map is left out) or `base64` (bytes as a base64 string); `= flatten` writes a nested
/// structure's members into this one.
///
/// ```text
/// crate::shape::output_shape! {
///     #[derive(Clone, Debug, PartialEq)]
///     pub struct SendMessageOutput {
///         pub message_id: Rc<str> = "MessageId",
///         pub sequence_number: Option<SequenceNumber> = "SequenceNumber" skip_none,
///     }
/// }
/// ```
///
/// Why not `#[derive(serde::Serialize)]`: the derive instantiates serde_json's value
/// serializer per structure and per member type; here each member is one call through
/// `&dyn ToJson`, and the JSON is the same.
macro_rules! output_shape {
    (@put $out:ident, $v:expr, flatten) => {
        $out.merge($v)
    };
    (@put $out:ident, $v:expr, $wire:literal) => {
        $out.put($wire, $v)
    };
    (@put $out:ident, $v:expr, $wire:literal skip_none) => {
        if let Some(v) = $v {
            $out.put($wire, v)
        }
    };
    (@put $out:ident, $v:expr, $wire:literal skip_empty) => {
        if !$v.is_empty() {
            $out.put($wire, $v)
        }
    };
    (@put $out:ident, $v:expr, $wire:literal base64) => {
        $out.put_value($wire, $crate::blob::bytes::to_json($v))
    };
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $($(#[$fattr:meta])* pub $field:ident : $ty:ty = $wire:tt $($how:ident)?),* $(,)?
        }
    ) => {
        $(#[$attr])*
        pub struct $name {
            $($(#[$fattr])* pub $field: $ty,)*
        }

        #[cfg(feature = "serde")]
        impl $crate::json::ToJson for $name {
            fn to_json(&self) -> serde_json::Value {
                #[allow(unused_mut)]
                let mut out = $crate::json::Fields::default();
                $($crate::shape::output_shape!(@put out, &self.$field, $wire $($how)?);)*
                out.into_value()
            }
        }
    };
}

pub(crate) use output_shape;
