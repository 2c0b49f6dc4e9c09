//! Background work: the reminder dispatcher and the mail it sends.

pub mod dispatcher;
pub mod mailer;
pub mod message;
pub mod sink;
