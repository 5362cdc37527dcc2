//! `decouple run FILE [--trace] [--json] [--keep-going] [--seed N]`: runs a scenario script.
//!
//! Prints each command's output as the AWS CLI would (AWS errors and script errors on
//! standard error, in the order they happen), then, with `--trace`, every engine and script
//! event. With `--json`, prints one JSON object per executed line instead. Exit status 1
//! when a check fails or the script has an error.

use std::io::Write;
use std::path::Path;

use decouple_script::{LineResult, Options, Outcome, Session};

/// Options of `decouple run`.
pub struct RunOptions {
    pub trace: bool,
    pub json: bool,
    pub keep_going: bool,
    pub seed: u64,
}

/// What a run printed and whether it passed.
pub struct RunReport {
    pub stdout: String,
    pub stderr: String,
    /// Both streams in the order they were written: (to standard error?, text).
    pub interleaved: Vec<(bool, String)>,
    pub passed: bool,
}

/// Files named by `file://` / `fileb://` in the script, read from the script's directory.
pub fn side_files(script: &str, dir: &Path) -> decouple_script::args::Files {
    let mut files = decouple_script::args::Files::new();
    for prefix in ["fileb://", "file://"] {
        for (i, _) in script.match_indices(prefix) {
            let rest = &script[i + prefix.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | ')' | ';'))
                .collect();
            if name.is_empty() || files.contains_key(&name) {
                continue;
            }
            if let Ok(bytes) = std::fs::read(dir.join(&name)) {
                files.insert(name, bytes);
            }
        }
    }
    files
}

/// What one line writes to standard error besides its own stderr: its error or failed check.
fn diagnosis(r: &LineResult) -> String {
    match &r.outcome {
        Outcome::ScriptError { error } => {
            let mut t = format!("line {}:{}: error: {}\n", error.pos.line, error.pos.col, error.message);
            if let Some(s) = &error.suggestion {
                t.push_str(&format!("  hint: {s}\n"));
            }
            t
        }
        Outcome::Check { passed: false, expected, actual, check, pos } => format!(
            "line {}:{}: check failed: {check}\n  expected: {expected}\n  actual:   {actual}\n",
            pos.line, pos.col
        ),
        _ => String::new(),
    }
}

/// Runs a script's text; `dir` is where `file://` names are looked up.
pub fn run_text(script: &str, dir: &Path, opts: &RunOptions) -> RunReport {
    let options = Options {
        seed: opts.seed,
        keep_going: opts.keep_going,
        files: side_files(script, dir),
        ..Default::default()
    };
    let mut session = Session::new(script, options);
    session.run_all();
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut put = |to_err: bool, text: String| {
        if !text.is_empty() {
            out.push((to_err, text));
        }
    };
    for r in session.results() {
        if opts.json {
            put(false, format!("{}\n", r.to_json(opts.trace)));
            continue;
        }
        put(false, r.stdout.clone());
        put(true, r.stderr.clone());
        put(true, diagnosis(r));
    }
    if opts.trace && !opts.json {
        let mut t = String::from("\n# trace\n");
        let start = session.start();
        for r in session.results() {
            for e in &r.events {
                t.push_str(&format!("line {:>3}  {}\n", r.line, e.describe(start)));
            }
        }
        put(false, t);
    }
    let checks = session.results().iter().filter(|r| matches!(r.outcome, Outcome::Check { .. })).count();
    let failed = session.results().iter().filter(|r| r.is_failure()).count();
    if !opts.json && checks > 0 {
        put(true, format!("{} passed, {} failed\n", checks - failed.min(checks), failed));
    }
    let stdout = out.iter().filter(|(e, _)| !e).map(|(_, t)| t.as_str()).collect();
    let stderr = out.iter().filter(|(e, _)| *e).map(|(_, t)| t.as_str()).collect();
    RunReport { stdout, stderr, interleaved: out, passed: !session.failed() }
}

/// Runs a script file and prints its output.
pub fn run_file(path: &str, opts: &RunOptions) -> Result<bool, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let dir = Path::new(path).parent().unwrap_or(Path::new("."));
    let report = run_text(&text, dir, opts);
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for (to_err, text) in &report.interleaved {
        // Flush the other stream first, so a terminal shows both in order.
        let r = if *to_err {
            out.flush().and_then(|_| err.write_all(text.as_bytes()))
        } else {
            err.flush().and_then(|_| out.write_all(text.as_bytes()))
        };
        r.map_err(|e| e.to_string())?;
    }
    out.flush().and_then(|_| err.flush()).map_err(|e| e.to_string())?;
    Ok(report.passed)
}
