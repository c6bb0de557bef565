//! Scratch PostgreSQL databases for the store tests: the test kit's
//! ([`om_testkit::postgres`]), with its skip rule.

pub use om_testkit::postgres::*;
