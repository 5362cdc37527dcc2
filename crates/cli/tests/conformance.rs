//! Runs every case file under `tests/conformance/` through the `decouple api` JSON path.

use std::path::PathBuf;

#[test]
fn conformance_suite() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut passed, mut failed) = (0usize, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable case file");
        let results =
            decouple_cli::conformance::run_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for r in results {
            match r.failure {
                None => passed += 1,
                Some(why) => failed.push(format!(
                    "{} :: {}\n  {why}",
                    file.file_name().unwrap().to_string_lossy(),
                    r.name
                )),
            }
        }
    }
    println!("conformance: {passed} passed, {} failed", failed.len());
    assert!(failed.is_empty(), "{} conformance case(s) failed:\n{}", failed.len(), failed.join("\n"));
}
