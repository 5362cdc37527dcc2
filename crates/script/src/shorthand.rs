//! The AWS CLI shorthand syntax, ported from awscli's `shorthand.py`:
//!
//! ```text
//! parameter     = keyval *("," keyval)
//! keyval        = key "=" [values]
//! values        = csv-list / explicit-list / hash-literal
//! csv-list      = first-value *("," second-value)     ; a=b,c,d=e → {a: [b, c], d: e}
//! explicit-list = "[" [value *("," value)] "]"
//! hash-literal  = "{" keyval *("," keyval) "}"
//! ```
//!
//! A first value may contain `=` (`Key=a=b`); later csv values may not, so `a=b,c=d` is two
//! keys. `\,` escapes a comma; values may be `'single'` or `"double"` quoted. The result is a
//! tree of strings; [`crate::value`] converts it to the member types.
//! <https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-shorthand.html>

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::{Map, Value};

/// A shorthand syntax error: the message and the character offset it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShorthandError {
    pub message: String,
    pub offset: usize,
}

/// Limit on `[`/`{` nesting.
const MAX_DEPTH: u32 = 32;

struct P {
    s: Vec<char>,
    i: usize,
    depth: u32,
}

/// Parses `a=b,c={d=e}` into a JSON object of strings, lists and objects.
pub fn parse(input: &str) -> Result<Value, ShorthandError> {
    let mut p = P { s: input.chars().collect(), i: 0, depth: 0 };
    p.parameter()
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.#/:".contains(c)
}
fn is_start(c: char) -> bool {
    !(c.is_whitespace() || "\"',=[{".contains(c))
}
fn is_first_follow(c: char) -> bool {
    !"\"',]}".contains(c)
}
fn is_second_follow(c: char) -> bool {
    !"\"',=".contains(c)
}

impl P {
    fn cur(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }
    fn eof(&self) -> bool {
        self.i >= self.s.len()
    }
    fn err<T>(&self, msg: impl Into<String>) -> Result<T, ShorthandError> {
        Err(ShorthandError { message: msg.into(), offset: self.i })
    }
    fn ws(&mut self) {
        while self.cur().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }
    fn expect(&mut self, c: char, ws: bool) -> Result<(), ShorthandError> {
        if ws {
            self.ws();
        }
        match self.cur() {
            Some(x) if x == c => {
                self.i += 1;
                if ws {
                    self.ws();
                }
                Ok(())
            }
            Some(x) => self.err(format!("Expected: '{c}', received: '{x}'")),
            None => self.err(format!("Expected: '{c}', received: 'EOF'")),
        }
    }

    fn parameter(&mut self) -> Result<Value, ShorthandError> {
        let mut map = Map::new();
        let (k, v) = self.keyval()?;
        map.insert(k, v);
        while !self.eof() {
            self.expect(',', true)?;
            let at = self.i;
            let (k, v) = self.keyval()?;
            if map.contains_key(&k) {
                return Err(ShorthandError {
                    message: format!(
                        "Second instance of key \"{k}\" encountered; a key may appear only once"
                    ),
                    offset: at,
                });
            }
            map.insert(k, v);
        }
        Ok(Value::Object(map))
    }

    fn keyval(&mut self) -> Result<(String, Value), ShorthandError> {
        let key = self.key()?;
        self.expect('=', true)?;
        Ok((key, self.values()?))
    }

    fn key(&mut self) -> Result<String, ShorthandError> {
        let start = self.i;
        while self.cur().is_some_and(is_key_char) {
            self.i += 1;
        }
        if start == self.i {
            return match self.cur() {
                Some(c) => self.err(format!("Expected a key (letters, digits, -_.#/:), received: '{c}'")),
                None => self.err("Expected a key, received: 'EOF'"),
            };
        }
        Ok(self.s.get(start..self.i).unwrap_or(&[]).iter().collect())
    }

    fn values(&mut self) -> Result<Value, ShorthandError> {
        match self.cur() {
            None => Ok(Value::String(String::new())),
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            Some(_) => self.csv_value(),
        }
    }

    fn csv_value(&mut self) -> Result<Value, ShorthandError> {
        let first = self.first_value()?;
        self.ws();
        if self.eof() || self.cur() != Some(',') {
            return Ok(first);
        }
        self.expect(',', true)?;
        let mut list = alloc::vec![first.clone()];
        loop {
            let mark = self.i;
            let next = self.second_value();
            match next {
                Some(v) => {
                    self.ws();
                    list.push(v);
                    if self.eof() {
                        break;
                    }
                    if self.cur() != Some(',') {
                        // `a=b,c=d`: `c` was a key; backtrack to the comma before it.
                        list.pop();
                        self.backtrack_to_comma(mark);
                        break;
                    }
                    self.expect(',', true)?;
                }
                None => {
                    self.backtrack_to_comma(mark);
                    break;
                }
            }
        }
        if list.len() == 1 {
            return Ok(first);
        }
        Ok(Value::Array(list))
    }

    fn backtrack_to_comma(&mut self, mark: usize) {
        self.i = mark;
        while self.i > 0 && self.s.get(self.i) != Some(&',') {
            self.i -= 1;
        }
    }

    fn second_value(&mut self) -> Option<Value> {
        match self.cur() {
            Some('\'') => self.quoted('\'').ok(),
            Some('"') => self.quoted('"').ok(),
            Some(c) if is_start(c) || c == '\\' => {
                let v = self.run(is_second_follow);
                Some(Value::String(v))
            }
            _ => None,
        }
    }

    fn first_value(&mut self) -> Result<Value, ShorthandError> {
        match self.cur() {
            Some('\'') => self.quoted('\''),
            Some('"') => self.quoted('"'),
            Some(c) if is_start(c) || c == '\\' => Ok(Value::String(self.run(is_first_follow))),
            _ => Ok(Value::String(String::new())),
        }
    }

    /// A start character then follow characters; `\x` escapes; `\,` becomes `,`; trailing
    /// blanks are dropped.
    fn run(&mut self, follow: fn(char) -> bool) -> String {
        let mut out = String::new();
        let mut first = true;
        while let Some(c) = self.cur() {
            if c == '\\' {
                if let Some(n) = self.s.get(self.i + 1).copied() {
                    if n != ',' {
                        out.push('\\');
                    }
                    out.push(n);
                    self.i += 2;
                    first = false;
                    continue;
                }
            }
            let ok = if first { is_start(c) } else { follow(c) };
            if !ok {
                break;
            }
            out.push(c);
            self.i += 1;
            first = false;
        }
        String::from(out.trim_end())
    }

    fn quoted(&mut self, q: char) -> Result<Value, ShorthandError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            match self.cur() {
                None => {
                    return Err(ShorthandError {
                        message: format!("Unterminated {q}quoted{q} value"),
                        offset: start,
                    })
                }
                Some('\\') if matches!(self.s.get(self.i + 1), Some(&c) if c == q || c == '\\') => {
                    out.push(self.s.get(self.i + 1).copied().unwrap_or(q));
                    self.i += 2;
                }
                Some(c) if c == q => {
                    self.i += 1;
                    return Ok(Value::String(out));
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
    }

    fn nest(&mut self) -> Result<(), ShorthandError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("shorthand nested too deeply");
        }
        Ok(())
    }

    fn explicit_list(&mut self) -> Result<Value, ShorthandError> {
        self.nest()?;
        self.expect('[', true)?;
        let mut values = Vec::new();
        loop {
            match self.cur() {
                Some(']') => break,
                None => return self.err("Expected: ']', received: 'EOF'"),
                _ => {}
            }
            values.push(self.explicit_value()?);
            self.ws();
            if self.cur() != Some(']') {
                self.expect(',', false)?;
                self.ws();
            }
        }
        self.expect(']', false)?;
        self.depth -= 1;
        Ok(Value::Array(values))
    }

    fn explicit_value(&mut self) -> Result<Value, ShorthandError> {
        match self.cur() {
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            _ => self.first_value(),
        }
    }

    fn hash_literal(&mut self) -> Result<Value, ShorthandError> {
        self.nest()?;
        self.expect('{', true)?;
        let mut map = Map::new();
        loop {
            match self.cur() {
                Some('}') => break,
                None => return self.err("Expected: '}', received: 'EOF'"),
                _ => {}
            }
            let key = self.key()?;
            self.expect('=', true)?;
            let v = self.explicit_value()?;
            self.ws();
            if self.cur() != Some('}') {
                self.expect(',', false)?;
                self.ws();
            }
            map.insert(key, v);
        }
        self.expect('}', false)?;
        self.depth -= 1;
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shorthand_like_the_aws_cli() {
        assert_eq!(
            parse("DataType=String,StringValue=Seoul").unwrap(),
            json!({"DataType": "String", "StringValue": "Seoul"})
        );
        assert_eq!(parse("a=b,c,d=e").unwrap(), json!({"a": ["b", "c"], "d": "e"}));
        assert_eq!(
            parse("Name=x,Value={DataType=String}").unwrap(),
            json!({"Name": "x", "Value": {"DataType": "String"}})
        );
        assert_eq!(parse("k=[a,b],j='x,y'").unwrap(), json!({"k": ["a", "b"], "j": "x,y"}));
        assert_eq!(parse("Key=a=b").unwrap(), json!({"Key": "a=b"}));
        assert_eq!(parse("k=a\\,b").unwrap(), json!({"k": "a,b"}));
        assert_eq!(parse("k=").unwrap(), json!({"k": ""}));
        assert_eq!(
            parse("VisibilityTimeout=60,DelaySeconds=10").unwrap(),
            json!({"VisibilityTimeout": "60", "DelaySeconds": "10"})
        );
        assert!(parse("nokey").is_err());
        assert!(parse("a=b,a=c").is_err());
        assert!(parse("a={b=c").is_err());
    }
}
