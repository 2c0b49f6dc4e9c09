//! Login throttling: failed attempts are counted per username and per client address in a
//! sliding window. A throttled username does not affect other users; the per-address limit
//! is higher because an office shares one address. Counts live in this process.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::ThrottleConfig;

#[derive(Debug)]
pub struct LoginThrottle {
    config: ThrottleConfig,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    pub fn new(config: ThrottleConfig) -> Self {
        LoginThrottle {
            config,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn keys(username: &str, address: IpAddr) -> (String, String) {
        (
            format!("u:{}", username.to_lowercase()),
            format!("a:{address}"),
        )
    }

    /// `Err(seconds to wait)` when either the username or the address is over its limit.
    pub fn check(&self, username: &str, address: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let (user_key, addr_key) = Self::keys(username, address);
        let mut map = self.failures.lock().expect("throttle lock");
        let mut wait = Duration::ZERO;
        for (key, limit) in [
            (user_key, self.config.per_username),
            (addr_key, self.config.per_address),
        ] {
            if let Some(times) = map.get_mut(&key) {
                prune(times, now, self.config.window);
                if times.len() >= limit as usize {
                    let oldest = times[times.len() - limit as usize];
                    wait = wait.max(self.config.window.saturating_sub(now - oldest));
                }
            }
        }
        if wait.is_zero() {
            Ok(())
        } else {
            Err(wait.as_secs().max(1))
        }
    }

    pub fn record_failure(&self, username: &str, address: IpAddr) {
        let now = Instant::now();
        let (user_key, addr_key) = Self::keys(username, address);
        let mut map = self.failures.lock().expect("throttle lock");
        if map.len() > 10_000 {
            // Keep memory bounded under a spray of usernames: forget expired entries.
            let window = self.config.window;
            map.retain(|_, times| {
                prune(times, now, window);
                !times.is_empty()
            });
        }
        for key in [user_key, addr_key] {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// A successful login clears the username's failures (not the address's).
    pub fn record_success(&self, username: &str) {
        let key = format!("u:{}", username.to_lowercase());
        self.failures.lock().expect("throttle lock").remove(&key);
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_is_throttled_after_its_limit_without_affecting_others() {
        let throttle = LoginThrottle::new(ThrottleConfig {
            per_username: 3,
            per_address: 100,
            window: Duration::from_secs(60),
        });
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..3 {
            assert!(throttle.check("amina", ip).is_ok());
            throttle.record_failure("amina", ip);
        }
        let wait = throttle.check("Amina", ip).unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(throttle.check("otieno", ip).is_ok());
    }
}
