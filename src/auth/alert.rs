//! Telling a user that their account is being attacked: when the failed sign-ins for their
//! username cross the per-username limit (once per window), an email says how many failed
//! and from how many addresses. It goes the way every mail of the CRM goes (SMTP when
//! configured, else the outbox), from its own task: the login answer never waits for it,
//! and a mail failure is only logged.

use std::sync::Arc;

use super::throttle::AttackAlert;
use crate::config::Config;
use crate::db::users::UserRow;
use crate::db::{self, Db};
use crate::domain::user::display_name;
use crate::jobs::mailer::Mailer;
use crate::jobs::message::{Email, escape_html, host_of};

/// The mail path for messages sent on behalf of requests.
pub struct AccountMail(Mailer);

impl std::fmt::Debug for AccountMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Mailer::Smtp { .. } => "AccountMail(smtp)",
            Mailer::Outbox => "AccountMail(outbox)",
        })
    }
}

impl AccountMail {
    pub fn new(mailer: Mailer) -> Self {
        AccountMail(mailer)
    }

    async fn send(&self, db: &Db, email: &Email) -> anyhow::Result<()> {
        match &self.0 {
            Mailer::Smtp { .. } => self.0.send_smtp(email).await.map_err(anyhow::Error::msg),
            Mailer::Outbox => {
                db::outbox::insert(
                    &db.conn,
                    &email.to,
                    &email.subject,
                    &email.text,
                    &email.html,
                    &email.message_id,
                    None,
                )
                .await?;
                tracing::info!(to = %email.to, subject = %email.subject, "mail kept in the outbox");
                Ok(())
            }
        }
    }
}

/// Sends the alert for `username` in the background.
pub fn notify(
    db: &Db,
    mail: &Arc<AccountMail>,
    config: &Arc<Config>,
    username: &str,
    alert: AttackAlert,
) {
    let (db, mail, config) = (db.clone(), Arc::clone(mail), Arc::clone(config));
    let username = username.to_string();
    tokio::spawn(async move {
        if let Err(error) = send(&db, &mail, &config, &username, alert).await {
            tracing::warn!(%error, "could not send the failed sign-in alert");
        }
    });
}

async fn send(
    db: &Db,
    mail: &AccountMail,
    config: &Config,
    username: &str,
    alert: AttackAlert,
) -> anyhow::Result<()> {
    // An unknown username has no one to tell; the answer to the login was the same anyway.
    let Some(user) = db::users::by_username(&db.conn, username).await? else {
        return Ok(());
    };
    if !user.is_active || user.email.trim().is_empty() {
        return Ok(());
    }
    tracing::warn!(
        user = user.id,
        failures = alert.failures,
        addresses = alert.addresses,
        "many failed sign-ins for one user; telling them"
    );
    let email = compose(&user, alert, config);
    mail.send(db, &email).await
}

fn compose(user: &UserRow, alert: AttackAlert, config: &Config) -> Email {
    let greeting = display_name(&user.first_name, &user.last_name, &user.username);
    let minutes = config.throttle.window.as_secs().div_ceil(60);
    let addresses = match alert.addresses {
        1 => "1 address".to_string(),
        n => format!("{n} addresses"),
    };
    let failures = alert.failures;
    let username = &user.username;
    let text = format!(
        "Hello {greeting},\n\n\
         In the last {minutes} minutes there were {failures} failed attempts to sign in to \
         your CRM account ({username}), from {addresses}. None of them got in. While this \
         goes on, sign-ins to your account are slowed down, but you can still sign in.\n\n\
         If these were not you, someone may be guessing your password: choose a long one \
         that you use nowhere else, and tell your manager.\n"
    );
    let html = format!(
        "<!doctype html><html><body style=\"font-family: sans-serif\">\
         <p>Hello {greeting},</p>\
         <p>In the last {minutes} minutes there were <strong>{failures} failed attempts</strong> \
         to sign in to your CRM account ({username}), from {addresses}. None of them got in. \
         While this goes on, sign-ins to your account are slowed down, but you can still \
         sign in.</p>\
         <p>If these were not you, someone may be guessing your password: choose a long one \
         that you use nowhere else, and tell your manager.</p>\
         </body></html>",
        greeting = escape_html(&greeting),
        username = escape_html(username),
    );
    Email {
        to: user.email.clone(),
        subject: "Failed sign-ins to your CRM account".into(),
        text,
        html,
        message_id: format!(
            "<sign-in-alert-{}.{}@{}>",
            user.id,
            crate::auth::random_hex(8),
            host_of(&config.public_url)
        ),
    }
}
