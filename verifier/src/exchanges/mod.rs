//! VC-API exchanges: a mentor delivers a letter to the participant it is
//! about, and an employer asks a participant for their letters (answered by
//! the participant's wallet, for that request only).

pub mod api;
pub mod employer_asks;
pub mod urls;
