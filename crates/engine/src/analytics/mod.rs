//! Kinesis Data Analytics (SQL, legacy), light: see the module docs once implemented.
