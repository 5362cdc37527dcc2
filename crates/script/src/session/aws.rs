//! Running an `aws` command: the call through the JSON edge, long polls that let actors run,
//! output files, `--query` and the printers.

use alloc::format;
use alloc::string::String;
use serde_json::{json, Value};

use super::{Fail, Session};
use crate::args::{self, AwsCall, ExpWord};
use crate::error::{Pos, ScriptError};
use crate::output::{self, Format};
use crate::parse::Stmt;

impl Session {
    pub(super) fn run_aws(&mut self, words: &[ExpWord]) -> Result<(Value, String), Fail> {
        let call = args::parse(words, &self.files)?;
        self.run_call(call)
    }

    pub(super) fn run_call(&mut self, call: AwsCall) -> Result<(Value, String), Fail> {
        let AwsCall { service, action, mut input, query, output: fmt, outfile, warnings } = call;
        for w in warnings {
            self.world.stderr.push_str(&w);
            self.world.stderr.push('\n');
        }
        let wait = input.get("WaitTimeSeconds").and_then(Value::as_u64).unwrap_or(0);
        let result = if action.name == "ReceiveMessage"
            && wait > 0
            && self.actors.iter().any(|a| a.wake.is_some())
        {
            // A long poll while actors run: poll, letting the clock and actors move between
            // polls, until a message arrives or the wait ends (api-contract.md rule 1).
            if let Some(o) = input.as_object_mut() {
                o.insert("WaitTimeSeconds".into(), json!(0));
            }
            let deadline = self.world.now().plus(wait * 1000);
            loop {
                let r = self.world.call(service.engine, action.name, input.clone());
                let got = r
                    .as_ref()
                    .map(|v| v.get("Messages").and_then(Value::as_array).is_some_and(|a| !a.is_empty()));
                if !matches!(got, Ok(false)) || self.world.now() >= deadline || self.world.limit_hit.is_some()
                {
                    break r;
                }
                if !self.run_one(deadline) {
                    self.world.advance_to(deadline);
                }
            }
        } else {
            self.world.call(service.engine, action.name, input)
        };
        let mut value = match result {
            Ok(v) => v,
            Err(e) => {
                self.world.stderr.push_str(&format!(
                    "\nAn error occurred ({}) when calling the {} operation: {}\n",
                    e.query_code, action.name, e.message
                ));
                return Err(Fail::Api(e));
            }
        };
        if let (Some(file), Some(o)) = (outfile, value.as_object_mut()) {
            let member = if action.name == "Invoke" { "Payload" } else { "Body" };
            let bytes = o
                .remove(member)
                .and_then(|b| b.as_str().and_then(crate::value::b64_decode))
                .unwrap_or_default();
            self.files.insert(file, bytes);
        }
        output::humanize(&mut value);
        let queried = query.is_some();
        if let Some(q) = &query {
            value = crate::jmespath::eval(q, &value)
                .map_err(|m| Fail::Script(ScriptError::new(words_pos(&self.stmts, self.next), m)))?;
        }
        let fmt = fmt
            .or_else(|| self.vars.get("AWS_DEFAULT_OUTPUT").and_then(|f| Format::parse(f)))
            .unwrap_or(Format::Json);
        let printed = output::render(&value, fmt, action.name, queried);
        Ok((value, printed))
    }
}

fn words_pos(stmts: &[Stmt], next: usize) -> Pos {
    stmts.get(next.saturating_sub(1)).map(|s| s.pos).unwrap_or_default()
}
