//! Hosted Bitstring Status Lists: issuers upload their signed lists, anyone
//! reads them.

pub mod hosting;
