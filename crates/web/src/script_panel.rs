//! The script editor: a scenario in the scenario language (crates/script) with line
//! numbers, syntax colours, errors inline (marked lines and their messages), the current line
//! highlighted, and Run / Step / Run to cursor through the script's `Session`.
//!
//! The editor is a transparent `<textarea>` over a `<pre>` that draws the colours, so typing
//! stays native (undo, IME for Korean) while the colours follow the text.

use decouple_engine::collections::VecMap;

use decouple_script::Outcome;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::app::Props;
use crate::i18n::t;

/// The example a new editor starts with, under a comment in `lang`.
pub fn example(lang: crate::i18n::Lang) -> String {
    format!("# {}\n{EXAMPLE}", t(lang, "script.example_comment"))
}

/// The example's commands.
pub const EXAMPLE: &str = "QUEUE_URL=$(aws sqs create-queue --queue-name orders --attributes VisibilityTimeout=10 --query QueueUrl --output text)
aws sqs send-message --queue-url $QUEUE_URL --message-body \"order #1\"
aws sqs send-message --queue-url $QUEUE_URL --message-body \"order #2\"
consumer worker on orders process 2s
sleep 5
expect queue orders visible == 0
";

const KEYWORDS: &[&str] = &[
    "aws",
    "sleep",
    "expect",
    "echo",
    "consumer",
    "producer",
    "lambda",
    "at",
    "every",
    "stop",
    "cat",
    "reader",
    "kinesis-consumer",
    "autoscale",
];

/// Colour classes for one line: (class, text) pieces.
pub fn highlight(line: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut rest = line;
    let mut first = true;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        let (class, len) = if c == '#'
            && (first || rest.len() == line.len() || line[..line.len() - rest.len()].ends_with(' '))
        {
            ("comment", rest.len())
        } else if c == '"' || c == '\'' {
            let end = rest[1..].find(c).map(|i| i + 2).unwrap_or(rest.len());
            ("string", end)
        } else if c == '$' {
            let n = rest[1..]
                .find(|ch: char| {
                    !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '{' || ch == '}' || ch == '(')
                })
                .map(|i| i + 1)
                .unwrap_or(rest.len());
            ("var", n.max(1))
        } else if c.is_whitespace() {
            ("", rest.find(|ch: char| !ch.is_whitespace()).unwrap_or(rest.len()))
        } else {
            let n = rest
                .find(|ch: char| ch.is_whitespace() || ch == '"' || ch == '\'' || ch == '$')
                .unwrap_or(rest.len())
                .max(c.len_utf8());
            let word = &rest[..n];
            let class = if word.starts_with("--") {
                "option"
            } else if first && KEYWORDS.contains(&word) {
                "keyword"
            } else if first && word.contains('=') {
                "assign"
            } else if word.chars().next().is_some_and(|ch| ch.is_ascii_digit()) {
                "number"
            } else if ["==", "!=", ">=", "<=", ">", "<"].contains(&word) {
                "operator"
            } else {
                ""
            };
            first = false;
            (class, n)
        };
        let len = len.min(rest.len()).max(1);
        let mut cut = len;
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        out.push((class, rest[..cut].to_string()));
        rest = &rest[cut..];
    }
    out
}

/// Messages per line from the results so far (errors and failed checks).
fn line_messages(
    results: &[decouple_script::LineResult],
    lang: crate::i18n::Lang,
) -> VecMap<u32, (bool, String)> {
    let mut m = VecMap::new();
    for r in results {
        let msg = match &r.outcome {
            Outcome::ScriptError { error } => Some((true, error.to_string())),
            Outcome::ApiError { error } => Some((true, format!("{}: {}", error.code, error.message))),
            Outcome::Check { passed: false, expected, actual, check, .. } => {
                let args = [
                    ("check".into(), check.to_string()),
                    ("e".into(), expected.to_string()),
                    ("a".into(), actual.to_string()),
                ];
                Some((true, crate::i18n::tf(lang, "script.expect_failed", &args)))
            }
            Outcome::Check { passed: true, check, .. } => Some((false, format!("✓ {check}"))),
            _ => None,
        };
        if let Some(msg) = msg {
            m.insert(r.line, msg);
        }
    }
    m
}

#[function_component(ScriptPanel)]
pub fn script_panel(p: &Props) -> Html {
    let ctl = p.ctl.clone();
    let lang = ctl.lang.get();
    let source = use_state(|| {
        ctl.sim.borrow().script.as_ref().map(|s| s.source.clone()).unwrap_or_else(|| example(lang))
    });
    let area = use_node_ref();
    let pre = use_node_ref();
    let (current, results_msgs, outputs, done) = {
        let sim = ctl.sim.borrow();
        match sim.script.as_ref() {
            Some(s) if s.source == *source => {
                let results = s.session.results();
                let outputs: Vec<String> = results
                    .iter()
                    .filter(|r| !r.stdout.is_empty())
                    .map(|r| format!("{}: {}", r.line, r.stdout.trim_end()))
                    .collect();
                (s.session.current_line(), line_messages(results, lang), outputs, s.session.is_done())
            }
            _ => (None, VecMap::new(), Vec::new(), false),
        }
    };
    let oninput = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlTextAreaElement = e.target_unchecked_into();
            source.set(el.value());
        })
    };
    let onscroll = {
        let pre = pre.clone();
        let area = area.clone();
        Callback::from(move |_| {
            if let (Some(p), Some(a)) = (pre.cast::<web_sys::Element>(), area.cast::<HtmlTextAreaElement>()) {
                p.set_scroll_top(a.scroll_top());
                p.set_scroll_left(a.scroll_left());
            }
        })
    };
    let act = |what: &'static str| {
        let ctl = ctl.clone();
        let source = source.clone();
        let area = area.clone();
        Callback::from(move |_| {
            let cursor_line = area
                .cast::<HtmlTextAreaElement>()
                .and_then(|a| a.selection_start().ok().flatten())
                .map(|pos| source.chars().take(pos as usize).filter(|c| *c == '\n').count() as u32 + 1)
                .unwrap_or(1);
            ctl.script(what, &source, cursor_line);
        })
    };
    let examples_menu = {
        let ctl = ctl.clone();
        let source = source.clone();
        let current = crate::examples::name_of(&source);
        let onchange = {
            let ctl = ctl.clone();
            let source = source.clone();
            Callback::from(move |e: Event| {
                let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
                if let Some(src) = crate::examples::script(&el.value()) {
                    source.set(src.to_string());
                    ctl.play_example(&el.value());
                }
            })
        };
        html! {
            <label class="examples-wrap">
                <span>{t(lang, "script.examples")}</span>
                <select class="examples" {onchange}>
                    <option value="" selected={current.is_none()} disabled=true>{t(lang, "script.examples_pick")}</option>
                    { for crate::examples::EXAMPLES.iter().map(|(name, src)| html! {
                        <option value={*name} selected={current == Some(*name)}>{crate::examples::title(lang, name, src)}</option>
                    }) }
                </select>
            </label>
        }
    };
    let playing_script = ctl.script_playing.get() && ctl.playing.get();
    let lines = source.split('\n').enumerate().map(|(i, line)| {
        let n = i as u32 + 1;
        let msg = results_msgs.get(&n);
        let class = classes!(
            "code-line",
            (current == Some(n)).then_some("current"),
            msg.filter(|m| m.0).map(|_| "has-error"),
            msg.filter(|m| !m.0).map(|_| "has-ok"),
        );
        html! {
            <span class={class}><span class="gutter">{n}</span>{ for highlight(line).into_iter().map(|(c, text)| if c.is_empty() { html! { {text} } } else { html! { <span class={c}>{text}</span> } }) }{"\n"}</span>
        }
    });
    let errors = results_msgs.values().filter(|(err, _)| *err).count();
    html! {
        <section class="panel script" aria-label={t(lang, "panel.script")}>
            <div class="script-head">
                <h2>{t(lang, "panel.script")}</h2>
                { examples_menu }
            </div>
            <div class="editor">
                <pre ref={pre.clone()} class="highlight" aria-hidden="true">{ for lines }</pre>
                <textarea ref={area.clone()} class="code" spellcheck="false" autocomplete="off" wrap="off"
                    aria-label={t(lang, "panel.script")} value={(*source).clone()} {oninput} {onscroll} />
            </div>
            <div class="row">
                <button class="script-play" onclick={act("play")} aria-pressed={playing_script.to_string()}>{t(lang, "script.play")}</button>
                <button class="script-run" onclick={act("run")}>{t(lang, "script.run")}</button>
                <button class="script-step" onclick={act("step")}>{t(lang, "script.step")}</button>
                <button class="script-cursor" onclick={act("cursor")}>{t(lang, "script.cursor")}</button>
                <button class="script-reset" onclick={act("reset")}>{t(lang, "form.reset")}</button>
                if let Some(l) = current {
                    <span class="muted script-at">{format!("{} {l}", t(lang, if playing_script { "script.playing" } else { "script.next_line" }))}</span>
                } else if done && errors > 0 {
                    // Finished, but not cleanly: say so (green "finished" would hide it).
                    <span class="muted script-at done with-errors">{crate::i18n::tf(lang, if errors == 1 { "script.done_error" } else { "script.done_errors" }, &[("n".into(), errors.to_string())])}</span>
                } else if done {
                    <span class="muted script-at done">{t(lang, "script.done")}</span>
                }
            </div>
            <ul class="script-messages" aria-live="polite">
                { for results_msgs.iter().map(|(line, (err, msg))| html! {
                    <li class={if *err { "error" } else { "ok" }}><span class="at">{format!("{line}:")}</span>{" "}{msg.clone()}</li>
                }) }
                { for outputs.iter().map(|o| html! { <li class="stdout"><pre>{o.clone()}</pre></li> }) }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_keeps_the_text_and_colours_the_parts() {
        let line = "aws sqs send-message --queue-url $Q --message-body \"a b\" # c";
        let parts = highlight(line);
        assert_eq!(parts.iter().map(|(_, t)| t.as_str()).collect::<String>(), line);
        assert!(parts.contains(&("keyword", "aws".into())));
        assert!(parts.contains(&("option", "--queue-url".into())));
        assert!(parts.contains(&("var", "$Q".into())));
        assert!(parts.contains(&("string", "\"a b\"".into())));
        assert!(parts.contains(&("comment", "# c".into())));
        for l in ["", "#", "\"", "$", "한국어 \"대기열", "x=1 == 2"] {
            assert_eq!(highlight(l).iter().map(|(_, t)| t.as_str()).collect::<String>(), l);
        }
    }
}
