//! `--output table`: awscli's `TableFormatter` and `MultiTable` (`table.py`).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::Value;

use super::{is_scalar, py_str};

#[derive(Default)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    max_widths: Vec<usize>,
}

/// awscli's `get_text_length`: East Asian wide, fullwidth and ambiguous characters count 2.
fn width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// East Asian Width W, F or A (the main ranges of Unicode's EastAsianWidth.txt).
fn is_wide(c: char) -> bool {
    let c = c as u32;
    matches!(c,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD
        // Ambiguous: Latin-1 symbols, Greek, Cyrillic, general punctuation, box drawing.
        | 0xA1 | 0xA4 | 0xA7 | 0xA8 | 0xAA | 0xAD | 0xAE | 0xB0..=0xB4 | 0xB6..=0xBA | 0xBC..=0xBF
        | 0xC6 | 0xD0 | 0xD7 | 0xD8 | 0xDE..=0xE1 | 0xE6 | 0xE8..=0xEA | 0xEC | 0xED | 0xF0 | 0xF2 | 0xF3
        | 0xF7..=0xFA | 0xFC | 0xFE
        | 0x391..=0x3A9 | 0x3B1..=0x3C9 | 0x401 | 0x410..=0x44F | 0x451
        | 0x2010 | 0x2013..=0x2016 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2020..=0x2022 | 0x2024..=0x2027
        | 0x2030 | 0x2032 | 0x2033 | 0x2035 | 0x203B | 0x203E | 0x2103 | 0x2109 | 0x2116 | 0x2121 | 0x2122
        | 0x2160..=0x216B | 0x2170..=0x2179 | 0x2190..=0x2199 | 0x2460..=0x24E9 | 0x2500..=0x257F
        | 0x2580..=0x259F | 0x25A0..=0x25A1 | 0x25B2 | 0x25B3 | 0x25BC | 0x25BD | 0x25C6..=0x25C8
        | 0x25CB | 0x25CE..=0x25D1 | 0x2605 | 0x2606 | 0x2640 | 0x2642 | 0xE000..=0xF8FF)
}

impl Section {
    fn update_widths(&mut self, row: &[String]) {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|s| width(s)).collect();
        } else {
            for (i, s) in row.iter().enumerate() {
                if let Some(w) = self.max_widths.get_mut(i) {
                    *w = (*w).max(width(s));
                }
            }
        }
    }
    fn add_header(&mut self, h: Vec<String>) {
        self.update_widths(&h);
        self.headers = h;
    }
    fn add_row(&mut self, r: Vec<String>) {
        self.update_widths(&r);
        self.rows.push(r);
    }
    fn column_widths(&self, padding: usize, max_width: Option<usize>) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let Some(max) = max_width else { return unscaled };
        let total: usize = unscaled.iter().sum();
        if unscaled.is_empty() || total == 0 {
            return unscaled;
        }
        let scale = max as f64 / total as f64;
        let mut scaled: Vec<i64> = unscaled.iter().map(|w| py_round(scale * *w as f64)).collect();
        let mut off: i64 = scaled.iter().sum::<i64>() - max as i64;
        let n = scaled.len();
        while off != 0 {
            for k in 0..n {
                let i = if off < 0 { n - 1 - k } else { k };
                if let Some(s) = scaled.get_mut(i) {
                    if off > 0 {
                        *s -= 1;
                        off -= 1;
                    } else {
                        *s += 1;
                        off += 1;
                    }
                }
                if off == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }
    fn total_width(&self, padding: usize, outer: usize) -> usize {
        let mut total: usize = self.column_widths(0, None).iter().map(|w| w + padding).sum();
        total += 2 + 2 * outer;
        total.max(width(&self.title) + 2 + 2 * outer)
    }
}

/// Python's round-half-to-even.
fn py_round(x: f64) -> i64 {
    let f = floor_f(x);
    let diff = x - f;
    let fi = f as i64;
    if diff > 0.5 || (diff == 0.5 && fi % 2 != 0) {
        fi + 1
    } else {
        fi
    }
}

fn floor_f(x: f64) -> f64 {
    let t = x as i64 as f64;
    if t > x {
        t - 1.0
    } else {
        t
    }
}

struct Builder {
    sections: Vec<Section>,
}

impl Builder {
    fn cur(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let n = self.sections.len() - 1; // ok: not empty
        &mut self.sections[n]
    }
    fn new_section(&mut self, title: &str, indent: usize) {
        self.sections.push(Section { title: title.to_string(), indent, ..Default::default() });
    }

    fn build(&mut self, title: Option<&str>, v: &Value, indent: usize) -> bool {
        if !crate::jmespath::truthy(v) {
            return false;
        }
        if let Some(t) = title {
            self.new_section(t, indent);
        }
        match v {
            Value::Array(items) => {
                if items.first().is_some_and(Value::is_object) {
                    self.list_section(items, indent, title.unwrap_or(""));
                } else {
                    for it in items {
                        if is_scalar(it) {
                            self.cur().add_row(alloc::vec![py_str(it)]);
                        } else if let Value::Array(inner) = it {
                            if inner.iter().all(is_scalar) {
                                self.cur().add_row(inner.iter().map(py_str).collect());
                            } else {
                                self.build(None, it, 0);
                            }
                        } else {
                            self.build(None, it, 0);
                        }
                    }
                }
            }
            Value::Object(_) => self.dict_section(v, indent),
            // awscli adds nothing for a scalar: the table is its title alone.
            _ => {}
        }
        true
    }

    fn dict_section(&mut self, v: &Value, indent: usize) {
        let Value::Object(o) = v else { return };
        let (headers, more) = group(o);
        if headers.len() == 1 {
            let k = headers.first().cloned().unwrap_or_default();
            let val = o.get(&k).map(py_str).unwrap_or_default();
            self.cur().add_row(alloc::vec![k, val]);
        } else if !headers.is_empty() {
            let row = headers.iter().map(|k| o.get(k).map(py_str).unwrap_or_default()).collect();
            self.cur().add_header(headers);
            self.cur().add_row(row);
        }
        for k in more {
            if let Some(x) = o.get(&k) {
                self.build(Some(&k), x, indent + 1);
            }
        }
    }

    fn list_section(&mut self, items: &[Value], indent: usize, title: &str) {
        let mut headers: Vec<String> = Vec::new();
        let mut more: Vec<String> = Vec::new();
        for it in items {
            if let Value::Object(o) = it {
                let (h, m) = group(o);
                for k in h {
                    if !headers.contains(&k) {
                        headers.push(k);
                    }
                }
                for k in m {
                    if !more.contains(&k) {
                        more.push(k);
                    }
                }
            }
        }
        decouple_engine::collections::sort_by(&mut headers, &String::cmp);
        decouple_engine::collections::sort_by(&mut more, &String::cmp);
        self.cur().add_header(headers.clone());
        let mut first = true;
        for it in items {
            if !first && !more.is_empty() {
                self.new_section(title, indent);
                self.cur().add_header(headers.clone());
            }
            first = false;
            let row = headers.iter().map(|k| it.get(k.as_str()).map(py_str).unwrap_or_default()).collect();
            self.cur().add_row(row);
            for k in &more {
                if let Some(x) = it.get(k.as_str()) {
                    self.build(Some(k), x, indent + 1);
                }
            }
        }
    }
}

fn group(o: &serde_json::Map<String, Value>) -> (Vec<String>, Vec<String>) {
    let mut h = Vec::new();
    let mut m = Vec::new();
    for (k, x) in o {
        if is_scalar(x) {
            h.push(k.clone());
        } else {
            m.push(k.clone());
        }
    }
    decouple_engine::collections::sort_by(&mut h, &String::cmp);
    decouple_engine::collections::sort_by(&mut m, &String::cmp);
    (h, m)
}

fn center(text: &str, length: usize, left: &str, right: &str) -> String {
    let tl = width(text);
    let start = (length / 2).saturating_sub(tl / 2).saturating_sub(1);
    let mut s = String::from(left);
    (0..start).for_each(|_| s.push(' '));
    s.push_str(text);
    let so_far = width(left) + start + tl;
    let right_spaces = length.saturating_sub(width(right)).saturating_sub(so_far);
    (0..right_spaces).for_each(|_| s.push(' '));
    s.push_str(right);
    s
}

fn align_left(text: &str, length: usize, left: &str, right: &str) -> String {
    let tl = width(text);
    let padding = if length >= tl + 2 + width(left) + width(right) { 2 } else { 0 };
    let mut s = String::from(left);
    (0..padding).for_each(|_| s.push(' '));
    s.push_str(text);
    let so_far = width(left) + padding + tl;
    let fill = length.saturating_sub(so_far).saturating_sub(width(right));
    (0..fill).for_each(|_| s.push(' '));
    s.push_str(right);
    s
}

fn line_break(widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            s.push('+');
            (0..w.saturating_sub(2)).for_each(|_| s.push('-'));
            s.push('+');
        } else {
            (0..w.saturating_sub(1)).for_each(|_| s.push('-'));
            s.push('+');
        }
    }
    s
}

/// awscli's `TableFormatter` + `MultiTable.render` (no terminal-width reflow).
pub fn table(v: &Value, title: &str) -> String {
    let mut b = Builder { sections: Vec::new() };
    if !b.build(Some(title), v, 0) {
        return String::new();
    }
    let max_width = b.sections.iter().map(|s| s.total_width(4, s.indent)).max().unwrap_or(0);
    let mut out = String::new();
    (0..max_width).for_each(|_| out.push('-'));
    out.push('\n');
    for s in &b.sections {
        let w = max_width.saturating_sub(s.indent * 2);
        let mut lines: Vec<String> = Vec::new();
        if !s.title.is_empty() {
            lines.push(center(&s.title, w, "|", "|"));
            if s.headers.is_empty() && s.rows.is_empty() {
                let mut l = String::from("+");
                (0..w.saturating_sub(2)).for_each(|_| l.push('-'));
                l.push('+');
                lines.push(l);
            }
        }
        if !s.headers.is_empty() {
            let widths = s.column_widths(4, Some(w));
            lines.push(line_break(&widths));
            let mut cur = String::new();
            for (i, (wd, h)) in widths.iter().zip(&s.headers).enumerate() {
                cur.push_str(&center(h, *wd, if i == 0 { "|" } else { "" }, "|"));
            }
            lines.push(cur);
        }
        if !s.rows.is_empty() {
            let widths = s.column_widths(4, Some(w));
            if !widths.is_empty() {
                lines.push(line_break(&widths));
                for r in &s.rows {
                    let mut cur = String::new();
                    for (i, (wd, e)) in widths.iter().zip(r).enumerate() {
                        cur.push_str(&align_left(e, *wd, if i == 0 { "|" } else { "" }, "|"));
                    }
                    lines.push(cur);
                }
                lines.push(line_break(&widths));
            }
        }
        for l in lines {
            (0..s.indent).for_each(|_| out.push('|'));
            out.push_str(&l);
            (0..s.indent).for_each(|_| out.push('|'));
            out.push('\n');
        }
    }
    out
}
