//! Typed configuration, read from flags and the environment (flags mirror the variables).
//! Secrets are wrapped so that no `Debug` or log line can print them.

use std::fmt;
use std::time::Duration;

use clap::Args;

/// A value that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_string()))
    }
}

/// Parses `90`, `90s`, `15m`, `1h` or `7d` into a duration.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a duration such as 3600, 90s, 15m, 1h or 7d"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => {
            return Err(format!(
                "`{text}`: unknown unit `{unit}` (use s, m, h or d)"
            ));
        }
    };
    if secs == 0 {
        return Err("a duration must be positive".into());
    }
    Ok(Duration::from_secs(secs))
}

#[derive(Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// Database to use: sqlite://path/to/file.db (created if missing) or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/crm.db")]
    pub database_url: String,
}

/// Reminder delivery: what `crm serve` and `crm worker` share.
#[derive(Args, Debug, Clone)]
pub struct DispatchArgs {
    /// Public base URL of the web app, for links in emails, the calendar feed and lists'
    /// `next`/`previous` links.
    #[arg(long, env = "CRM_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,
    /// SMTP server: smtp://host:port (plain), smtp://…?tls=starttls, smtps://host:port;
    /// user and password in the URL. Unset: messages go to the outbox table and the log.
    #[arg(long, env = "CRM_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<Secret>,
    /// Sender of reminder emails.
    #[arg(long, env = "CRM_MAIL_FROM", default_value = "CRM <crm@localhost>")]
    pub mail_from: String,
    /// Attempts before a reminder is marked failed.
    #[arg(long, env = "CRM_MAIL_MAX_ATTEMPTS", default_value_t = 5)]
    pub mail_max_attempts: u32,
    /// First retry delay; each further retry waits twice as long (at most an hour).
    #[arg(long, env = "CRM_MAIL_BACKOFF", default_value = "30s", value_parser = parse_duration)]
    pub mail_backoff: Duration,
    /// Time allowed for one SMTP conversation.
    #[arg(long, env = "CRM_MAIL_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    pub mail_timeout: Duration,
    /// How often the dispatcher looks for due reminders.
    #[arg(long, env = "CRM_DISPATCH_INTERVAL", default_value = "2s", value_parser = parse_duration)]
    pub dispatch_interval: Duration,
    /// Reminders claimed at a time.
    #[arg(long, env = "CRM_DISPATCH_BATCH", default_value_t = 50)]
    pub dispatch_batch: u32,
    /// How long a claim holds: after it, another dispatcher may take over the reminders of
    /// a dispatcher that died.
    #[arg(long, env = "CRM_DISPATCH_LEASE", default_value = "5m", value_parser = parse_duration)]
    pub dispatch_lease: Duration,
    /// The recipients' UTC offset, for times shown in emails (East Africa Time by default).
    #[arg(long, env = "CRM_TIME_OFFSET", default_value = "+03:00", value_parser = parse_offset)]
    pub time_offset: chrono::FixedOffset,
}

impl Default for DispatchArgs {
    /// The same values as the command line's defaults.
    fn default() -> Self {
        DispatchArgs {
            public_url: "http://127.0.0.1:8080".into(),
            smtp_url: None,
            mail_from: "CRM <crm@localhost>".into(),
            mail_max_attempts: 5,
            mail_backoff: Duration::from_secs(30),
            mail_timeout: Duration::from_secs(30),
            dispatch_interval: Duration::from_secs(2),
            dispatch_batch: 50,
            dispatch_lease: Duration::from_secs(300),
            time_offset: chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset"),
        }
    }
}

/// Parses `+03:00`, `-05:30` or `Z` into a fixed UTC offset.
pub fn parse_offset(text: &str) -> Result<chrono::FixedOffset, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") {
        return Ok(chrono::FixedOffset::east_opt(0).expect("zero offset"));
    }
    let bad = || format!("`{text}` is not a UTC offset such as +03:00");
    let (sign, rest) = match text.split_at_checked(1).ok_or_else(bad)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return Err(bad()),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    chrono::FixedOffset::east_opt(sign * (h * 3600 + m * 60)).ok_or_else(bad)
}

#[derive(Args, Debug, Clone)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub dispatch: DispatchArgs,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub dispatch: DispatchArgs,
    /// Address to listen on.
    #[arg(long, env = "CRM_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HS256 signing secret for tokens; generated once and kept in the database when unset.
    #[arg(long, env = "CRM_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<Secret>,
    /// Comma-separated origins allowed to call the API from a browser.
    #[arg(
        long,
        env = "CRM_CORS_ORIGINS",
        default_value = "",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
    /// Currency code of the installation.
    #[arg(long, env = "CRM_CURRENCY", default_value = "KES")]
    pub currency: String,
    /// Lifetime of access tokens.
    #[arg(long, env = "CRM_ACCESS_TTL", default_value = "1h", value_parser = parse_duration)]
    pub access_ttl: Duration,
    /// Lifetime of refresh tokens (each refresh starts it again, up to 30 days from login).
    #[arg(long, env = "CRM_REFRESH_TTL", default_value = "7d", value_parser = parse_duration)]
    pub refresh_ttl: Duration,
    /// Largest accepted request body in bytes.
    #[arg(long, env = "CRM_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,
    /// Time a connection has to send a complete request head, when new and between
    /// requests on a kept-alive connection; then it is closed.
    #[arg(long, env = "CRM_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: Duration,
    /// Time a request has to send its whole body; then it gets 408.
    #[arg(long, env = "CRM_BODY_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    pub body_timeout: Duration,
    /// Time a CSV download may go without the client taking its rows; then it is aborted
    /// and its database connection freed.
    #[arg(long, env = "CRM_EXPORT_SEND_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    pub export_send_timeout: Duration,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "CRM_LOG_JSON", default_value_t = false)]
    pub log_json: bool,
}

/// What the running application needs, resolved from the arguments.
#[derive(Debug, Clone)]
pub struct Config {
    pub currency: String,
    pub public_url: String,
    pub cors_origins: Vec<String>,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    /// However often a session refreshes, it ends this long after login.
    pub refresh_absolute_ttl: Duration,
    pub body_limit: usize,
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub export_send_timeout: Duration,
    pub throttle: ThrottleConfig,
}

#[derive(Debug, Clone, Copy)]
pub struct ThrottleConfig {
    /// Failed logins allowed per username from one client address within the window; then
    /// that pair gets 429.
    pub per_user_address: u32,
    /// Failed logins allowed per client address within the window, across usernames (higher:
    /// an office shares one address); then the address gets 429.
    pub per_address: u32,
    /// Failed logins per username from all addresses within the window past which attempts
    /// for it are slowed (never refused, so that no one can lock a user out), and the user
    /// is told by email once per window.
    pub per_username: u32,
    /// Delay before answering per failure at or past `per_username`.
    pub slowdown_step: Duration,
    /// The longest delay.
    pub slowdown_max: Duration,
    pub window: Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        ThrottleConfig {
            per_user_address: 5,
            per_address: 20,
            per_username: 50,
            slowdown_step: Duration::from_millis(250),
            slowdown_max: Duration::from_secs(3),
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl Config {
    pub fn from_args(args: &ServeArgs) -> Self {
        Config {
            currency: args.currency.clone(),
            public_url: args.dispatch.public_url.trim_end_matches('/').to_string(),
            cors_origins: args
                .cors_origins
                .iter()
                .map(|o| o.trim().trim_end_matches('/').to_string())
                .filter(|o| !o.is_empty())
                .collect(),
            access_ttl: args.access_ttl,
            refresh_ttl: args.refresh_ttl,
            refresh_absolute_ttl: Duration::from_secs(30 * 86_400),
            body_limit: args.body_limit,
            header_timeout: args.header_timeout,
            body_timeout: args.body_timeout,
            export_send_timeout: args.export_send_timeout,
            throttle: ThrottleConfig::default(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            currency: "KES".into(),
            public_url: "http://127.0.0.1:8080".into(),
            cors_origins: Vec::new(),
            access_ttl: Duration::from_secs(3600),
            refresh_ttl: Duration::from_secs(7 * 86_400),
            refresh_absolute_ttl: Duration::from_secs(30 * 86_400),
            body_limit: 1024 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            export_send_timeout: Duration::from_secs(30),
            throttle: ThrottleConfig::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_and_without_units() {
        assert_eq!(parse_duration("3600").unwrap(), Duration::from_secs(3600));
        assert_eq!(parse_duration("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_duration("7d").unwrap(), Duration::from_secs(604_800));
        assert!(parse_duration("1y").is_err());
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("abc").is_err());
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+03:00").unwrap().local_minus_utc(), 3 * 3600);
        assert_eq!(
            parse_offset("-05:30").unwrap().local_minus_utc(),
            -(5 * 3600 + 1800)
        );
        assert_eq!(parse_offset("Z").unwrap().local_minus_utc(), 0);
        assert!(parse_offset("EAT").is_err());
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Secret::new("hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
