//! Background work: the reminder dispatcher and the mail it sends.

pub mod dispatcher;
pub mod mailer;
pub mod message;
#[cfg(feature = "test-support")]
pub mod sink;
