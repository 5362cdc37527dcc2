//! `decouple`: the command-line face of Decouple Lab.
//!
//! * `decouple api [--seed N] [--chaos]`: the JSON-lines API runner (`api-contract.md`).

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

mod args;

use args::Args;

const USAGE: &str = "usage: decouple <command> [options]

commands:
  api [--seed N] [--chaos]   read JSON-lines calls on stdin, answer one JSON line each
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
