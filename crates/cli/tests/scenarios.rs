//! Scenario scripts run through `decouple run`:
//!
//! * every example of web/examples/*.sh has a title comment and passes its own checks, twice
//!   with identical output (determinism);
//! * examples waiting for a service (web/examples/pending/) and CLI examples waiting for a
//!   service (tests/cli-examples/pending/) at least parse without a script error;
//! * every AWS CLI reference example of tests/cli-examples/<service>/ runs (after its setup)
//!   without a script error: each command and option is understood.

use std::path::{Path, PathBuf};

use decouple_cli::run::{run_text, RunOptions};
use decouple_script::{fuzz_script, Options, Outcome, Session};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scripts(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => {
            rd.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "sh")).collect()
        }
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn opts() -> RunOptions {
    RunOptions { trace: false, json: false, keep_going: false, seed: 0 }
}

#[test]
fn examples_pass_their_checks_deterministically() {
    let dir = root().join("web/examples");
    let examples = scripts(&dir);
    assert!(!examples.is_empty(), "no examples in {}", dir.display());
    let mut failures = Vec::new();
    for p in &examples {
        let text = std::fs::read_to_string(p).unwrap();
        assert!(text.starts_with("# Title: "), "{} must open with a `# Title:` comment", p.display());
        let a = run_text(&text, &dir, &opts());
        if !a.passed {
            failures.push(format!("{}\n{}{}", p.display(), a.stdout, a.stderr));
            continue;
        }
        let b = run_text(&text, &dir, &RunOptions { trace: true, ..opts() });
        let c = run_text(&text, &dir, &RunOptions { trace: true, ..opts() });
        assert_eq!(b.stdout, c.stdout, "{} is not deterministic", p.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn pending_scripts_parse() {
    let mut bad = Vec::new();
    let mut dirs = vec![root().join("web/examples/pending")];
    if let Ok(rd) = std::fs::read_dir(root().join("tests/cli-examples/pending")) {
        dirs.extend(rd.map(|e| e.unwrap().path()).filter(|p| p.is_dir()));
    }
    for d in dirs {
        for p in scripts(&d) {
            let text = std::fs::read_to_string(&p).unwrap();
            for e in fuzz_script(text.as_bytes()) {
                bad.push(format!("{}: {e}", p.display()));
            }
            // Static check of every literal aws command: commands and options are known.
            let s = Session::new(&text, Options::default());
            drop(s);
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn aws_cli_reference_examples_run() {
    let base = root().join("tests/cli-examples");
    let mut ran = 0;
    let mut api_errors = 0;
    let mut failures = Vec::new();
    let services: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&base)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && !p.ends_with("pending"))
            .collect();
        v.sort();
        v
    };
    for dir in services {
        let setup = std::fs::read_to_string(dir.join("_setup.sh")).unwrap_or_default();
        for p in scripts(&dir) {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with('_') || name.ends_with(".setup.sh") {
                continue;
            }
            let own_setup = p.with_extension("setup.sh");
            let setup = std::fs::read_to_string(&own_setup).unwrap_or_else(|_| setup.clone());
            let example = std::fs::read_to_string(&p).unwrap();
            let setup_lines = setup.lines().count() as u32;
            let text = format!("{setup}{example}");
            let mut s = Session::new(&text, Options { keep_going: true, ..Options::default() });
            s.run_all();
            for r in s.results() {
                match &r.outcome {
                    Outcome::ScriptError { error } => failures.push(format!(
                        "{}:{}: {} (line {} of setup+example)",
                        p.display(),
                        error.pos.line.saturating_sub(setup_lines),
                        error.text(),
                        error.pos.line
                    )),
                    Outcome::ApiError { error } if r.line > setup_lines => {
                        api_errors += 1;
                        eprintln!("{}: {}: {}", p.display(), error.code, error.message);
                    }
                    _ => {}
                }
            }
            ran += 1;
        }
    }
    eprintln!("{ran} AWS CLI reference examples ran; {api_errors} AWS error answers (resources the examples assume)");
    assert!(ran >= 40, "only {ran} examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The playground plays an example in real time: each `sleep` in slices through
/// `Session::wait_toward`. That must give exactly the results of running it at once.
#[test]
fn examples_played_in_slices_match_a_run_at_once() {
    let dir = root().join("web/examples");
    for p in scripts(&dir) {
        let text = std::fs::read_to_string(&p).unwrap();
        let mut whole = Session::new(&text, Options::default());
        whole.run_all();
        let mut played = Session::new(&text, Options::default());
        let mut slice = 1u64;
        let mut pending = 0usize;
        while !played.is_done() {
            let limit = played.cloud().now().plus(slice * 997);
            slice = slice % 7 + 1;
            if played.wait_toward(limit) {
                assert!(played.pending_events().len() >= pending, "{}: trace shrank", p.display());
                pending = played.pending_events().len();
                continue;
            }
            pending = 0;
            played.step();
        }
        assert_eq!(whole.results(), played.results(), "{} played in slices differs", p.display());
        assert_eq!(whole.cloud().now(), played.cloud().now());
    }
}
