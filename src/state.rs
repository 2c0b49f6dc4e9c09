//! The state every request handler shares: the database, the configuration, the signing
//! keys, the login throttle and the mail sent on behalf of requests.

use std::sync::Arc;

use axum::extract::FromRef;

use crate::auth::alert::AccountMail;
use crate::auth::jwt::JwtKeys;
use crate::auth::session;
use crate::auth::throttle::LoginThrottle;
use crate::config::{Config, Secret};
use crate::db::{self, Db};
use crate::jobs::mailer::Mailer;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub jwt: Arc<JwtKeys>,
    pub throttle: Arc<LoginThrottle>,
    /// Mail sent on behalf of requests (sign-in alerts); the outbox unless `with_mailer`.
    pub mail: Arc<AccountMail>,
    /// Permits for CSV exports running at once: each holds a database connection for as
    /// long as its client reads, so they may take only part of the pool.
    pub exports: Arc<tokio::sync::Semaphore>,
}

/// How many CSV exports may run at once: a quarter of the read pool, at least one.
pub fn export_limit(db: &Db) -> usize {
    (db.read_connections() as usize / 4).max(1)
}

impl AppState {
    /// Resolves the signing secret: the configured one, or the one generated for this
    /// installation and kept in its database.
    pub async fn new(db: Db, config: Config, jwt_secret: Option<Secret>) -> anyhow::Result<Self> {
        let secret = match jwt_secret {
            Some(secret) if secret.expose().len() >= 32 => secret,
            Some(_) => anyhow::bail!("CRM_JWT_SECRET must be at least 32 characters"),
            None => Secret::new(
                db::settings::get_or_insert(&db.conn, "jwt_secret", || crate::auth::random_hex(32))
                    .await?,
            ),
        };
        Ok(AppState {
            jwt: Arc::new(JwtKeys::new(secret.expose().as_bytes())),
            throttle: Arc::new(LoginThrottle::new(config.throttle)),
            mail: Arc::new(AccountMail::new(Mailer::Outbox)),
            config: Arc::new(config),
            exports: Arc::new(tokio::sync::Semaphore::new(export_limit(&db))),
            db,
        })
    }

    /// The parts of the state that sign-in sessions use.
    pub fn sessions(&self) -> session::Context<'_> {
        session::Context {
            db: &self.db,
            config: &self.config,
            jwt: &self.jwt,
            throttle: &self.throttle,
            mail: &self.mail,
        }
    }

    /// Sends request mail through `mailer` (the configured SMTP server).
    pub fn with_mailer(mut self, mailer: Mailer) -> Self {
        self.mail = Arc::new(AccountMail::new(mailer));
        self
    }
}

// The request guards of `auth::extract` take only these parts of the state.
impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl FromRef<AppState> for Arc<JwtKeys> {
    fn from_ref(state: &AppState) -> Self {
        Arc::clone(&state.jwt)
    }
}
