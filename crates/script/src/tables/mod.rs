//! The AWS CLI command tables, as data: for each service, each API action the engine supports
//! with its members and their types, from the AWS CLI / API references. CLI command and
//! option names are derived from these API names by [`crate::shape::xform_name`].

mod cloudwatch;
mod firehose;
mod kinesis;
mod lambda;
mod s3api;
mod sns;
mod sqs;

use crate::shape::{xform_name, Action, Service};
use alloc::string::String;
use alloc::vec::Vec;

/// Every service the `aws` command knows.
pub const SERVICES: &[Service] = &[
    sqs::SERVICE,
    sns::SERVICE,
    kinesis::SERVICE,
    firehose::SERVICE,
    s3api::SERVICE,
    lambda::SERVICE,
    cloudwatch::SERVICE,
];

/// The service named `cli` on the command line (`sqs`, `s3api`, …).
pub fn service(cli: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.cli == cli)
}

/// The action whose CLI command is `command` (`send-message`).
pub fn command(service: &Service, command: &str) -> Option<&'static Action> {
    service.actions.iter().find(|a| xform_name(a.name) == command)
}

/// All CLI command names of a service.
pub fn command_names(service: &Service) -> Vec<String> {
    service.actions.iter().map(|a| xform_name(a.name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_are_unique_and_members_too() {
        for s in SERVICES {
            let names = command_names(s);
            for (i, n) in names.iter().enumerate() {
                assert!(!names[..i].contains(n), "{} {n}", s.cli);
            }
            for a in s.actions {
                let opts: Vec<String> = a.members.iter().map(|m| xform_name(m.name)).collect();
                for (i, n) in opts.iter().enumerate() {
                    assert!(!opts[..i].contains(n), "{} {} {n}", s.cli, a.name);
                }
            }
        }
    }
}
