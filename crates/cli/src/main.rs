//! `decouple`: the command-line face of Decouple Lab.
//!
//! * `decouple api [--seed N] [--chaos]`: the JSON-lines API runner (`api-contract.md`).
//! * `decouple run FILE [--trace] [--json] [--keep-going] [--seed N]`: runs a scenario script.
//! * `decouple check FILE...`: runs conformance case files (the format of `tests/conformance`).
//! * `decouple bench [SUITE...] [--quick]`: throughput benchmarks.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

mod args;

use args::Args;

#[global_allocator]
static ALLOCATOR: decouple_cli::allocator::Allocator = decouple_cli::allocator::Allocator;

const USAGE: &str = "usage: decouple <command> [options]

commands:
  api [--seed N] [--chaos]   read JSON-lines calls on stdin, answer one JSON line each
  run FILE [--trace] [--json] [--keep-going] [--seed N]
                             run a scenario script (AWS CLI syntax); exit 1 if a check fails
  check FILE...              run conformance case files; exit 1 if a case fails
  bench [SUITE...] [--quick] run benchmarks (suites: all when none is named)
  help                       show this text";

fn main() -> ExitCode {
    let mut argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let command = argv.remove(0);
    let args = match Args::parse(argv) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("decouple {command}: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command.as_str() {
        "api" => run_api(&args),
        "run" => run_script(&args),
        "check" => run_check(&args),
        "bench" => run_bench(&args),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other:?}")),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("decouple {command}: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_api(args: &Args) -> Result<ExitCode, String> {
    args.only(&["seed", "chaos"])?;
    let config =
        decouple_engine::Config { seed: args.seed()?, chaos: args.flag("chaos"), ..Default::default() };
    let mut runner = decouple_engine::api::Runner::new(config);
    let stdin = io::stdin();
    let mut stdout = io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| format!("reading stdin: {e}"))?;
        let answer = runner.handle_line(&line);
        writeln!(stdout, "{answer}")
            .and_then(|_| stdout.flush())
            .map_err(|e| format!("writing stdout: {e}"))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_script(args: &Args) -> Result<ExitCode, String> {
    args.only(&["trace", "json", "keep-going", "seed"])?;
    let [path] = args.positional.as_slice() else {
        return Err("run needs exactly one script file".into());
    };
    let opts = decouple_cli::run::RunOptions {
        trace: args.flag("trace"),
        json: args.flag("json"),
        keep_going: args.flag("keep-going"),
        seed: args.seed()?,
    };
    let passed = decouple_cli::run::run_file(path, &opts)?;
    Ok(if passed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run_check(args: &Args) -> Result<ExitCode, String> {
    args.only(&[])?;
    if args.positional.is_empty() {
        return Err("check needs at least one case file".into());
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for path in &args.positional {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        for r in decouple_cli::conformance::run_file(&text).map_err(|e| format!("{path}: {e}"))? {
            match r.failure {
                None => passed += 1,
                Some(why) => {
                    failed += 1;
                    println!("FAIL {path} :: {}\n  {why}", r.name);
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run_bench(args: &Args) -> Result<ExitCode, String> {
    args.only(&["quick"])?;
    let suites = decouple_cli::bench::SUITES;
    for name in &args.positional {
        if !suites.iter().any(|(n, _)| decouple_cli::bench::selects(name, n)) {
            let known: Vec<&str> = suites.iter().map(|(n, _)| *n).collect();
            return Err(format!("unknown suite {name:?} (known: {})", known.join(", ")));
        }
    }
    for (name, suite) in suites {
        if args.positional.is_empty() || args.positional.iter().any(|n| decouple_cli::bench::selects(n, name))
        {
            decouple_cli::bench::print(name, &suite(args.flag("quick")));
        }
    }
    Ok(ExitCode::SUCCESS)
}
