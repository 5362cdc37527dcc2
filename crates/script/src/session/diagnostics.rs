//! Errors found without running, for an editor to underline.

use alloc::vec::Vec;

use crate::args::{self, ExpWord, Files};
use crate::error::ScriptError;
use crate::lex::Word;
use crate::parse::{Stmt, StmtKind};

pub(super) fn collect_diagnostics(s: &Stmt, out: &mut Vec<ScriptError>) {
    match &s.kind {
        StmtKind::Invalid(e) => out.push(e.clone()),
        StmtKind::At { body, .. } => collect_diagnostics(body, out),
        StmtKind::Aws(words) => {
            if let Some(e) = static_aws_error(words) {
                out.push(e);
            }
        }
        StmtKind::Actor(crate::actors::spec::ActorSpec::Producer(p)) => {
            if let Some(e) = static_aws_error(&p.body) {
                out.push(e);
            }
        }
        _ => {}
    }
}

/// Names in an `aws` command that are wrong whatever the variables hold: the service, the
/// command, an option. Expansions and templates are replaced by a placeholder.
fn static_aws_error(words: &[Word]) -> Option<ScriptError> {
    let exp: Vec<ExpWord> = words
        .iter()
        .map(|w| ExpWord { text: w.literal().unwrap_or_else(|| "x".into()), pos: w.pos, quoted: w.quoted })
        .collect();
    match args::parse(&exp, &Files::new()) {
        Err(e)
            if e.message.starts_with("aws: error: argument operation")
                || e.message.starts_with("aws: error: argument command")
                || e.message.starts_with("aws: error: Unknown options: --") =>
        {
            Some(e)
        }
        _ => None,
    }
}
