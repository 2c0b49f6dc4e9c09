//! The reminder dispatcher: wakes every `CRM_DISPATCH_INTERVAL`, claims due reminders with a
//! lease, sends one email each and records the outcome right after each send (so a crash
//! loses at most the message in flight, which a later claim sends again under the same
//! Message-ID). It runs inside `crm serve` as its own task, so a slow SMTP server never
//! holds up a request, and alone as `crm worker`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::StreamExt;
use tokio::sync::watch;

use super::mailer::Mailer;
use super::message::{Email, compose};
use crate::config::DispatchArgs;
use crate::db::dispatch::{self, DueReminder, Failure};
use crate::db::{self, Db};

/// Messages sent at once within a batch.
const PARALLEL_SENDS: usize = 4;

pub struct Dispatcher {
    db: Db,
    mailer: Arc<Mailer>,
    settings: DispatchArgs,
}

impl Dispatcher {
    pub fn new(db: Db, settings: DispatchArgs) -> anyhow::Result<Dispatcher> {
        let mailer = Mailer::new(
            settings.smtp_url.as_ref(),
            &settings.mail_from,
            settings.mail_timeout,
        )?;
        if matches!(mailer, Mailer::Outbox) {
            tracing::info!("no CRM_SMTP_URL: reminder emails go to the outbox and the log");
        }
        Ok(Dispatcher {
            db,
            mailer: Arc::new(mailer),
            settings,
        })
    }

    /// Runs until `shutdown` turns true; a batch in progress is finished first.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(interval = ?self.settings.dispatch_interval, "reminder dispatcher started");
        loop {
            let handled = match self.tick().await {
                Ok(n) => n,
                Err(err) => {
                    tracing::error!(error = %err, "reminder dispatch failed; trying again later");
                    0
                }
            };
            if *shutdown.borrow() {
                break;
            }
            // A full batch means more may be due: go again at once.
            if handled < self.settings.dispatch_batch as usize {
                tokio::select! {
                    () = tokio::time::sleep(self.settings.dispatch_interval) => {}
                    _ = shutdown.changed() => {}
                }
            }
            if *shutdown.borrow() {
                break;
            }
        }
        tracing::info!("reminder dispatcher stopped");
    }

    /// Claims one batch and handles it; returns how many reminders were claimed.
    pub async fn tick(&self) -> anyhow::Result<usize> {
        let lease_id = crate::util::random_hex(12);
        let due = dispatch::claim(
            &self.db,
            &lease_id,
            self.settings.dispatch_lease,
            self.settings.dispatch_batch,
        )
        .await?;
        let count = due.len();
        if count == 0 {
            return Ok(0);
        }
        let sent = AtomicUsize::new(0);
        futures_util::stream::iter(due)
            .for_each_concurrent(PARALLEL_SENDS, |reminder| {
                let (lease_id, sent) = (&lease_id, &sent);
                async move {
                    match self.deliver(&reminder, lease_id).await {
                        Ok(true) => {
                            sent.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(false) => {}
                        Err(err) => tracing::error!(reminder = reminder.id, error = %err, "could not record a reminder's delivery"),
                    }
                }
            })
            .await;
        tracing::info!(
            claimed = count,
            sent = sent.load(Ordering::Relaxed),
            "reminder batch done"
        );
        Ok(count)
    }

    /// Sends one reminder; `Ok(true)` when it was delivered (or kept in the outbox).
    async fn deliver(&self, r: &DueReminder, lease_id: &str) -> anyhow::Result<bool> {
        let who = &r.recipient_username;
        let problem = if !r.recipient_active {
            Some(format!("The recipient {who} is inactive."))
        } else if r.recipient_email.trim().is_empty() {
            Some(format!("The recipient {who} has no email address."))
        } else {
            None
        };
        if let Some(problem) = problem {
            dispatch::mark_failed(&self.db, r, lease_id, &problem, Failure::Permanent).await?;
            return Ok(false);
        }
        if !dispatch::still_ours(&self.db.conn, r.id, lease_id).await? {
            return Ok(false);
        }
        let email = compose(r, &self.settings.public_url, self.settings.time_offset);
        match &*self.mailer {
            Mailer::Outbox => self.keep_in_outbox(r, lease_id, &email).await,
            Mailer::Smtp { .. } => match self.mailer.send_smtp(&email).await {
                Ok(()) => {
                    let txn = self.db.begin_write().await?;
                    let marked = dispatch::mark_sent(&txn, r.id, lease_id).await?;
                    txn.commit().await?;
                    Ok(marked)
                }
                Err(error) => {
                    tracing::warn!(reminder = r.id, attempt = r.attempts + 1, %error, "reminder email not sent");
                    let failure = Failure::Transient {
                        max_attempts: self.settings.mail_max_attempts,
                        backoff: self.settings.mail_backoff,
                    };
                    dispatch::mark_failed(&self.db, r, lease_id, &error, failure).await?;
                    Ok(false)
                }
            },
        }
    }

    /// Records the message in the outbox and the reminder as sent, in one transaction.
    async fn keep_in_outbox(
        &self,
        r: &DueReminder,
        lease_id: &str,
        email: &Email,
    ) -> anyhow::Result<bool> {
        let txn = self.db.begin_write().await?;
        if !dispatch::mark_sent(&txn, r.id, lease_id).await? {
            return Ok(false);
        }
        db::outbox::insert(
            &txn,
            &email.to,
            &email.subject,
            &email.text,
            &email.html,
            &email.message_id,
            Some(r.id),
        )
        .await?;
        txn.commit().await?;
        tracing::info!(to = %email.to, subject = %email.subject, body = %email.text, "mail kept in the outbox");
        Ok(true)
    }
}
