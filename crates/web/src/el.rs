//! Small elements through one function. Each `html!` element compiles to its own code (tag,
//! attributes, children, a few hundred bytes of WebAssembly); the many one-line elements of
//! the panels — a heading, a muted note, a table cell — are built here instead.

use yew::prelude::*;

/// `<tag class="…">text</tag>`.
pub fn el(tag: &'static str, class: Option<&'static str>, text: AttrValue) -> Html {
    html! { <@{tag} {class}>{text}</@> }
}
