//! Parser goldens: each tests/script/golden/parser/<name>.sh is parsed and every statement
//! is outlined (kind, position; for `aws` commands the API call the AWS CLI would make: the
//! service, action and JSON input). The outline must equal <name>.out.
//! `UPDATE_GOLDEN=1 cargo test -p decouple-script --test parser_golden` rewrites the files.

use std::path::PathBuf;

use decouple_script::args::{self, ExpWord, Files};
use decouple_script::lex::Word;
use decouple_script::parse::{parse_script, Stmt, StmtKind};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/script/golden/parser")
}

fn aws_outline(words: &[Word], files: &Files) -> String {
    let mut exp = Vec::new();
    for w in words {
        match w.literal() {
            Some(text) => exp.push(ExpWord { text, pos: w.pos, quoted: w.quoted }),
            None => exp.push(ExpWord { text: "<expanded at run time>".into(), pos: w.pos, quoted: false }),
        }
    }
    match args::parse(&exp, files) {
        Ok(c) => {
            let mut s = format!("{}.{} {}", c.service.engine, c.action.name, c.input);
            if c.query.is_some() {
                s.push_str(" +query");
            }
            if let Some(o) = c.output {
                s.push_str(&format!(" +output={o:?}"));
            }
            for w in c.warnings {
                s.push_str(&format!("\n      {w}"));
            }
            s
        }
        Err(e) => format!("error {}:{} {}", e.pos.line, e.pos.col, e.text()),
    }
}

fn outline(stmts: &[Stmt]) -> String {
    let mut files = Files::new();
    let mut out = String::new();
    for s in stmts {
        let body = match &s.kind {
            StmtKind::Aws(words) => format!("aws {}", aws_outline(words, &files)),
            StmtKind::File { name, body, expand } => {
                files.insert(name.clone(), body.clone().into_bytes());
                format!("file {name} ({} bytes{})", body.len(), if *expand { ", expands $" } else { "" })
            }
            StmtKind::Invalid(e) => format!("error {}:{} {}", e.pos.line, e.pos.col, e.text()),
            StmtKind::Actor(a) => format!("actor {a:?}"),
            StmtKind::Expect(c) => format!("expect {c:?}"),
            other => format!("{other:?}"),
        };
        out.push_str(&format!("{}:{} {}\n", s.pos.line, s.pos.col, body));
    }
    out
}

#[test]
fn parser_goldens() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    names.sort();
    assert!(names.len() >= 3);
    let mut failures = Vec::new();
    for p in names {
        let src = std::fs::read_to_string(&p).unwrap();
        let got = outline(&parse_script(&src));
        let out = p.with_extension("out");
        if update {
            std::fs::write(&out, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&out).unwrap_or_default();
        if got != expected {
            failures.push(format!("{}\n--- expected\n{expected}--- got\n{got}", p.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
