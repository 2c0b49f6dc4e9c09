//! Login throttling, in a sliding window, in each process's memory. Failures are counted
//!
//! - per (username, client address): past the limit that pair gets 429, so guessing from
//!   one address is stopped without touching the same user elsewhere;
//! - per client address across usernames: past a higher limit (an office shares one
//!   address) the address gets 429;
//! - per username across addresses: past a much higher limit, attempts for the username are
//!   slowed, never refused, so that no one can lock a user out by failing on purpose, and
//!   the user is told once per window (see `alert.rs`).
//!
//! An attempt is counted as a failure when it starts, so that many concurrent attempts
//! cannot all pass the check before the first one fails. It is taken back if it succeeds,
//! and also if it ends any other way than with bad credentials (a database error, a
//! timeout, a dropped connection): only a wrong password may count against anyone.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::ThrottleConfig;

/// Entries kept before expired ones are swept, to bound memory under a spray of usernames.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug)]
pub struct LoginThrottle {
    config: ThrottleConfig,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    pairs: HashMap<(String, IpAddr), VecDeque<Instant>>,
    addresses: HashMap<IpAddr, VecDeque<Instant>>,
    usernames: HashMap<String, UsernameFailures>,
}

#[derive(Debug, Default)]
struct UsernameFailures {
    failures: VecDeque<(Instant, IpAddr)>,
    /// When the user was last told of failures; at most once per window.
    alerted: Option<Instant>,
}

/// An attempt that passed the check: counted as a failure until `succeeded`, kept by
/// `failed`, and taken back if dropped unsettled (the login ended without an answer on the
/// credentials; an early return must not count).
#[derive(Debug)]
pub struct Attempt<'a> {
    throttle: &'a LoginThrottle,
    settled: bool,
    username: String,
    address: IpAddr,
    at: Instant,
    /// How long to wait before answering (zero unless the username is over its limit).
    pub delay: Duration,
}

/// Failed sign-ins for one username have crossed the per-username limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttackAlert {
    pub failures: usize,
    pub addresses: usize,
}

impl LoginThrottle {
    pub fn new(config: ThrottleConfig) -> Self {
        LoginThrottle {
            config,
            state: Mutex::new(State::default()),
        }
    }

    /// Starts an attempt: `Err(seconds to wait)` when the (username, address) pair or the
    /// address is over its limit; otherwise the attempt, counted as a failure for now.
    pub fn begin(&self, username: &str, address: IpAddr) -> Result<Attempt<'_>, u64> {
        let now = Instant::now();
        let window = self.config.window;
        let username = username.to_lowercase();
        let mut guard = self.state.lock().expect("throttle lock");
        let state = &mut *guard;
        state.sweep(now, window);
        let pair = state.pairs.entry((username.clone(), address)).or_default();
        let mut wait = wait_for(pair, now, window, self.config.per_user_address);
        let by_address = state.addresses.entry(address).or_default();
        wait = wait.max(wait_for(by_address, now, window, self.config.per_address));
        if !wait.is_zero() {
            return Err(wait.as_secs().max(1));
        }
        let by_username = state.usernames.entry(username.clone()).or_default();
        prune_pairs(&mut by_username.failures, now, window);
        let delay = self.delay(by_username.failures.len());
        by_username.failures.push_back((now, address));
        if by_username.failures.len() > self.tracked_per_username() {
            by_username.failures.pop_front();
        }
        state.addresses.entry(address).or_default().push_back(now);
        state
            .pairs
            .entry((username.clone(), address))
            .or_default()
            .push_back(now);
        Ok(Attempt {
            throttle: self,
            settled: false,
            username,
            address,
            at: now,
            delay,
        })
    }

    /// The attempt failed: it stays counted. Returns an alert when the username's failures
    /// reach its limit and the user has not been told within the window.
    pub fn failed(&self, mut attempt: Attempt) -> Option<AttackAlert> {
        attempt.settled = true;
        let now = Instant::now();
        let mut state = self.state.lock().expect("throttle lock");
        let entry = state.usernames.get_mut(&attempt.username)?;
        prune_pairs(&mut entry.failures, now, self.config.window);
        let failures = entry.failures.len();
        let recently_told = entry
            .alerted
            .is_some_and(|at| now.duration_since(at) < self.config.window);
        if failures < self.config.per_username as usize || recently_told {
            return None;
        }
        entry.alerted = Some(now);
        let addresses: HashSet<IpAddr> = entry.failures.iter().map(|(_, a)| *a).collect();
        Some(AttackAlert {
            failures,
            addresses: addresses.len(),
        })
    }

    /// The attempt succeeded: it is taken back, and the pair's failures are forgotten (the
    /// username's and the address's others stay: they may be someone else's).
    pub fn succeeded(&self, mut attempt: Attempt) {
        attempt.settled = true;
        let mut state = self.state.lock().expect("throttle lock");
        state
            .pairs
            .remove(&(attempt.username.clone(), attempt.address));
        state.take_back(&attempt);
    }

    /// The wait before answering an attempt for a username with `failures` in the window:
    /// one step per failure at or past the limit, up to the cap.
    fn delay(&self, failures: usize) -> Duration {
        let limit = self.config.per_username as usize;
        if failures < limit {
            return Duration::ZERO;
        }
        let excess = u32::try_from(failures - limit + 1).unwrap_or(u32::MAX);
        self.config
            .slowdown_step
            .saturating_mul(excess)
            .min(self.config.slowdown_max)
    }

    /// Failures kept per username: enough to reach the delay's cap, and no more (the count
    /// of addresses in an alert is taken at the limit, well within this).
    fn tracked_per_username(&self) -> usize {
        let step = self.config.slowdown_step.as_millis().max(1);
        let steps = (self.config.slowdown_max.as_millis() / step) as usize;
        self.config.per_username as usize + steps.min(100_000) + 1
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        // A poisoned lock is left alone: panicking in a drop could abort the process.
        if let Ok(mut state) = self.throttle.state.lock() {
            let key = (self.username.clone(), self.address);
            if let Some(times) = state.pairs.get_mut(&key)
                && let Some(i) = times.iter().rposition(|t| *t == self.at)
            {
                times.remove(i);
            }
            state.take_back(self);
        }
    }
}

impl State {
    /// Removes `attempt` from the address's and the username's failures.
    fn take_back(&mut self, attempt: &Attempt) {
        if let Some(times) = self.addresses.get_mut(&attempt.address)
            && let Some(i) = times.iter().rposition(|t| *t == attempt.at)
        {
            times.remove(i);
        }
        if let Some(entry) = self.usernames.get_mut(&attempt.username)
            && let Some(i) = entry
                .failures
                .iter()
                .rposition(|(t, a)| *t == attempt.at && *a == attempt.address)
        {
            entry.failures.remove(i);
        }
    }

    fn sweep(&mut self, now: Instant, window: Duration) {
        let size = self.pairs.len() + self.addresses.len() + self.usernames.len();
        if size <= SWEEP_ABOVE {
            return;
        }
        self.pairs.retain(|_, times| {
            prune(times, now, window);
            !times.is_empty()
        });
        self.addresses.retain(|_, times| {
            prune(times, now, window);
            !times.is_empty()
        });
        self.usernames.retain(|_, entry| {
            prune_pairs(&mut entry.failures, now, window);
            !entry.failures.is_empty()
                || entry
                    .alerted
                    .is_some_and(|at| now.duration_since(at) < window)
        });
    }
}

/// How long until `times` is under `limit` again (zero when it already is).
fn wait_for(times: &mut VecDeque<Instant>, now: Instant, window: Duration, limit: u32) -> Duration {
    prune(times, now, window);
    let limit = limit as usize;
    if limit == 0 || times.len() < limit {
        return Duration::ZERO;
    }
    let oldest = times[times.len() - limit];
    window
        .saturating_sub(now - oldest)
        .max(Duration::from_millis(1))
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

fn prune_pairs(times: &mut VecDeque<(Instant, IpAddr)>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|(t, _)| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ThrottleConfig {
        ThrottleConfig {
            per_user_address: 3,
            per_address: 5,
            per_username: 4,
            slowdown_step: Duration::from_millis(100),
            slowdown_max: Duration::from_millis(250),
            window: Duration::from_secs(60),
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn fail(throttle: &LoginThrottle, user: &str, address: &str) -> Option<AttackAlert> {
        let attempt = throttle.begin(user, ip(address)).expect("not refused");
        throttle.failed(attempt)
    }

    #[test]
    fn a_pair_is_refused_after_its_limit_without_affecting_other_addresses_or_users() {
        let throttle = LoginThrottle::new(config());
        for _ in 0..3 {
            fail(&throttle, "amina", "10.0.0.1");
        }
        let wait = throttle.begin("Amina", ip("10.0.0.1")).unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(throttle.begin("amina", ip("10.0.0.2")).is_ok());
        assert!(throttle.begin("otieno", ip("10.0.0.1")).is_ok());
    }

    #[test]
    fn an_address_is_refused_after_its_limit_across_usernames() {
        let throttle = LoginThrottle::new(config());
        for user in ["a", "b", "c", "d", "e"] {
            fail(&throttle, user, "10.0.0.1");
        }
        assert!(throttle.begin("f", ip("10.0.0.1")).is_err());
    }

    #[test]
    fn past_the_username_limit_attempts_are_slowed_up_to_the_cap_and_alerted_once() {
        let throttle = LoginThrottle::new(config());
        let mut alerts = Vec::new();
        for i in 0..4 {
            let attempt = throttle.begin("amina", ip(&format!("10.0.1.{i}"))).unwrap();
            assert!(attempt.delay.is_zero());
            alerts.extend(throttle.failed(attempt));
        }
        assert_eq!(
            alerts,
            [AttackAlert {
                failures: 4,
                addresses: 4
            }]
        );
        let delays: Vec<Duration> = (0..4)
            .map(|i| {
                let attempt = throttle.begin("amina", ip(&format!("10.0.2.{i}"))).unwrap();
                let delay = attempt.delay;
                assert_eq!(throttle.failed(attempt), None, "one alert per window");
                delay
            })
            .collect();
        let ms: Vec<u128> = delays.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [100, 200, 250, 250]);
    }

    #[test]
    fn a_success_is_not_counted_and_clears_its_pair() {
        let throttle = LoginThrottle::new(ThrottleConfig {
            per_username: 5,
            ..config()
        });
        fail(&throttle, "amina", "10.0.0.1");
        fail(&throttle, "amina", "10.0.0.1");
        let attempt = throttle.begin("amina", ip("10.0.0.1")).unwrap();
        throttle.succeeded(attempt);
        fail(&throttle, "amina", "10.0.0.1");
        fail(&throttle, "amina", "10.0.0.1");
        let attempt = throttle
            .begin("amina", ip("10.0.0.1"))
            .expect("the pair was cleared");
        throttle.succeeded(attempt);
        let attempt = throttle.begin("amina", ip("10.0.0.9")).unwrap();
        assert!(
            attempt.delay.is_zero(),
            "the success did not count toward the username"
        );
    }

    #[test]
    fn an_attempt_dropped_without_an_outcome_is_taken_back_and_keeps_earlier_failures() {
        let throttle = LoginThrottle::new(ThrottleConfig {
            per_username: 2,
            ..config()
        });
        fail(&throttle, "amina", "10.0.0.1");
        for _ in 0..10 {
            drop(
                throttle
                    .begin("amina", ip("10.0.0.1"))
                    .expect("not refused"),
            );
        }
        fail(&throttle, "amina", "10.0.0.1");
        let attempt = throttle
            .begin("amina", ip("10.0.0.1"))
            .expect("two failures are under the pair's limit of three");
        assert!(
            !attempt.delay.is_zero(),
            "the failures before and after the dropped attempts still count"
        );
        throttle.failed(attempt);
        assert!(
            throttle.begin("amina", ip("10.0.0.1")).is_err(),
            "the third failure reaches the pair's limit"
        );
    }
}
