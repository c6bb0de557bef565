//! What people read: every page's frame and language, the verdict in words,
//! the home page and its form, and the page of a request for a letter.

pub mod form;
pub mod home;
pub mod i18n;
pub mod layout;
pub mod letter_request;
pub mod markdown;
pub mod qr;
pub mod report;
pub mod rule_text;
