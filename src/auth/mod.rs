//! Authentication: tokens, password hashing, login throttling and the request guards.

pub mod alert;
pub mod error;
pub mod extract;
pub mod jwt;
pub mod password;
pub mod session;
pub mod throttle;

pub use crate::util::random_hex;
pub use error::{AuthError, AuthResult};
