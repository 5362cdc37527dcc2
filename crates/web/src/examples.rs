//! The examples menu's scenarios: every `web/examples/*.sh`, bundled at build time by
//! `build.rs`. Each opens with `# Title: …`; Korean titles come from the catalog
//! (`example.<name>`), falling back to the English header.

use decouple_script::parse::{parse_script, StmtKind};

use crate::controller::SPEEDS;
use crate::i18n::{t_opt, Lang};

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The script of the example called `name` (its file stem).
pub fn script(name: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The example whose script is exactly `source`.
pub fn name_of(source: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(_, s)| *s == source).map(|(n, _)| *n)
}

/// The title from the header comment (`# Title: …`), or the name.
pub fn header_title<'a>(name: &'a str, source: &'a str) -> &'a str {
    source.lines().next().and_then(|l| l.strip_prefix("# Title:")).map(str::trim).unwrap_or(name)
}

/// The title in `lang` (the catalog's, else the header's).
pub fn title(lang: Lang, name: &str, source: &'static str) -> String {
    t_opt(lang, &format!("example.{name}")).unwrap_or_else(|| header_title(name, source)).to_string()
}

/// Virtual milliseconds the script sleeps in all.
pub fn virtual_ms(source: &str) -> u64 {
    parse_script(source)
        .iter()
        .map(|s| match s.kind {
            StmtKind::Sleep(ms) => ms,
            _ => 0,
        })
        .sum()
}

/// Wall time an animated run should take at most.
const WALL_TARGET_MS: f64 = 20_000.0;

/// The slowest speed that plays the whole script within about 20 s of wall time.
pub fn speed_for(source: &str) -> f64 {
    let ms = virtual_ms(source) as f64;
    SPEEDS.iter().copied().find(|s| ms / s <= WALL_TARGET_MS).unwrap_or(SPEEDS[SPEEDS.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_bundled_with_a_title_in_both_languages() {
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/examples"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "sh"))
            .count();
        assert_eq!(EXAMPLES.len(), on_disk);
        for (name, src) in EXAMPLES {
            assert!(src.starts_with("# Title: "), "{name}");
            assert_ne!(header_title(name, src), *name);
            assert!(t_opt(Lang::Ko, &format!("example.{name}")).is_some(), "Korean title of {name}");
            assert_eq!(title(Lang::En, name, src), header_title(name, src), "catalog agrees with the header");
            assert_eq!(script(name), Some(*src));
            assert_eq!(name_of(src), Some(*name));
        }
        assert_eq!(speed_for(script("fan-out").unwrap()), 1.0);
        assert_eq!(speed_for(script("autoscaling").unwrap()), 60.0);
    }
}
