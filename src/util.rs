//! Small helpers every layer uses, with no dependency on any of them.

use chrono::{DateTime, SubsecRound, Utc};

/// The current time at the precision both database backends store (microseconds), so a
/// value read back equals the value written.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A random identifier of `bytes` bytes, hex-encoded (token ids, secrets).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
