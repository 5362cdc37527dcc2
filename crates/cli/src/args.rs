//! A small, strict parser for `--name value` and `--flag` options.

use std::collections::BTreeMap;

/// Parsed options and positional arguments.
#[derive(Debug, Default)]
pub struct Args {
    options: BTreeMap<String, Option<String>>,
    pub positional: Vec<String>,
}

/// Options that take no value.
const FLAGS: &[&str] = &["chaos", "trace", "json", "keep-going", "quick"];

impl Args {
    pub fn parse(argv: Vec<String>) -> Result<Self, String> {
        let mut args = Args::default();
        let mut it = argv.into_iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (name.to_string(), None),
                };
                let value = if FLAGS.contains(&name.as_str()) {
                    inline
                } else {
                    Some(match inline {
                        Some(v) => v,
                        None => it.next().ok_or_else(|| format!("--{name} needs a value"))?,
                    })
                };
                args.options.insert(name, value);
            } else {
                args.positional.push(a);
            }
        }
        Ok(args)
    }

    /// Fails on any option not in `allowed`.
    pub fn only(&self, allowed: &[&str]) -> Result<(), String> {
        match self.options.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => Err(format!("unknown option --{k}")),
            None => Ok(()),
        }
    }

    pub fn flag(&self, name: &str) -> bool {
        self.options.contains_key(name)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.options.get(name).and_then(|v| v.as_deref())
    }

    /// `--seed N` (default 0).
    pub fn seed(&self) -> Result<u64, String> {
        match self.value("seed") {
            None => Ok(0),
            Some(s) => s.parse().map_err(|_| format!("--seed needs a non-negative integer, not {s:?}")),
        }
    }
}
