//! The JMESPath that AWS CLI `--query` uses, and the expressions of `expect`.
//!
//! Supported: fields (`QueueUrl`, `"quoted"`), sub-expressions (`a.b`), indexes and slices
//! (`[0]`, `[-1]`, `[1:3]`), list and object projections (`[*]`, `[]`, `*`), filters
//! (`[?Field=='x']` with `== != < <= > >= && || !`), pipes, multiselect lists `[a, b]` and
//! hashes `{A: a, B: b}`, literals (`'raw'`, `` `json` ``), `@`, and the functions `length`,
//! `keys`, `values`, `contains`, `starts_with`, `ends_with`, `join`, `sort`, `sort_by`,
//! `min`, `max`, `min_by`, `max_by`, `sum`, `avg`, `abs`, `floor`, `ceil`, `reverse`,
//! `to_string`, `to_number`, `type`, `not_null`.
//! <https://jmespath.org/specification.html>
//!
//! In *lenient* mode (used by `expect`) the jq habits of scenario writers are accepted too:
//! a leading `.` (`.Messages | length == 1`), bare numbers (`== 1`), a bare `length`, and a
//! double-quoted string after a comparison operator as a string literal.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use serde_json::Value;

/// A parse error: message and character offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JmesError {
    pub message: String,
    pub offset: usize,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Current,
    Field(String),
    Literal(Value),
    Sub(Box<Expr>, Box<Expr>),
    Index(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    Projection(Box<Expr>, Box<Expr>),
    ValueProjection(Box<Expr>, Box<Expr>),
    Flatten(Box<Expr>),
    FilterProjection(Box<Expr>, Box<Expr>, Box<Expr>),
    Pipe(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(Cmp, Box<Expr>, Box<Expr>),
    MultiList(Vec<Expr>),
    MultiHash(Vec<(String, Expr)>),
    Function(String, Vec<Expr>),
    ExpRef(Box<Expr>),
}

/// Limit on nesting, so hostile input cannot exhaust the stack.
const MAX_DEPTH: u32 = 64;

mod eval;
mod functions;
mod lex;
mod parse;

pub use eval::{compare, equal, eval, truthy};
pub use parse::{parse, parse_lenient};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(e: &str, v: &Value) -> Value {
        eval(&parse(e).unwrap_or_else(|err| panic!("{e}: {err:?}")), v).unwrap()
    }

    #[test]
    fn aws_cli_query_examples() {
        let v = json!({"Messages": [{"Body": "a", "MessageId": "1", "Attributes": {"ApproximateReceiveCount": "1"}},
                                     {"Body": "b", "MessageId": "2", "Attributes": {"ApproximateReceiveCount": "3"}}],
                       "QueueUrl": "u"});
        assert_eq!(q("QueueUrl", &v), json!("u"));
        assert_eq!(q("Messages[0].Body", &v), json!("a"));
        assert_eq!(q("Messages[-1].Body", &v), json!("b"));
        assert_eq!(q("Messages[*].Body", &v), json!(["a", "b"]));
        assert_eq!(q("Messages[].[MessageId, Body]", &v), json!([["1", "a"], ["2", "b"]]));
        assert_eq!(
            q("Messages[].{Id: MessageId, N: Attributes.ApproximateReceiveCount}", &v),
            json!([{"Id": "1", "N": "1"}, {"Id": "2", "N": "3"}])
        );
        assert_eq!(q("length(Messages)", &v), json!(2));
        assert_eq!(q("Messages[?Body=='b'].MessageId", &v), json!(["2"]));
        assert_eq!(q("Messages[?Attributes.ApproximateReceiveCount!='1'] | length(@)", &v), json!(1));
        assert_eq!(q("Messages[0:1].Body", &v), json!(["a"]));
        assert_eq!(q("Messages[*].Body | [0]", &v), json!("a"));
        assert_eq!(q("sort_by(Messages, &Body)[-1].Body", &v), json!("b"));
        assert_eq!(q("Messages[?contains(Body, 'a')] | [0].MessageId", &v), json!("1"));
        assert_eq!(q("Shards[*].ShardId", &json!({"Shards": [{"ShardId": "s0"}]})), json!(["s0"]));
        assert_eq!(q("*.Body", &json!({"x": {"Body": 1}})), json!([1]));
        assert_eq!(q("`5` > `3`", &v), json!(true));
    }

    #[test]
    fn lenient_expect_syntax() {
        let v = json!({"Messages": [{"Body": "hello"}]});
        let t = |e: &str| eval(&parse_lenient(e).unwrap_or_else(|err| panic!("{e}: {err:?}")), &v).unwrap();
        assert_eq!(t(".Messages | length == 1"), json!(true));
        assert_eq!(t(".Messages[0].Body == \"hello\""), json!(true));
        assert_eq!(t("length(Messages) >= 1 && Messages[0].Body == 'hello'"), json!(true));
        assert_eq!(t(". | keys"), json!(["Messages"]));
    }

    #[test]
    fn errors_have_offsets() {
        assert_eq!(parse("Messages[").unwrap_err().offset, 9);
        assert!(parse("a.").is_err());
        assert!(parse("foo(").is_err());
    }
}
