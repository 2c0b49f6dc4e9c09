//! Authentication: tokens, password hashing, login throttling and the request guards.

pub mod alert;
pub mod extract;
pub mod jwt;
pub mod password;
pub mod session;
pub mod throttle;

/// A random identifier of `bytes` bytes, hex-encoded (token ids, secrets).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
