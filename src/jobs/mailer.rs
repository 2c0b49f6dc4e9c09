//! Sending mail: through an SMTP server (lettre) when `CRM_SMTP_URL` is set, otherwise into
//! the outbox table and the log, so that a CRM with no mail server shows what it would send.

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::message::Email;
use crate::config::Secret;

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Outbox,
}

/// How to reach the SMTP server, read from `CRM_SMTP_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpTarget {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: no encryption (a local relay).
    Plain,
    /// `smtp://…?tls=starttls`: upgrade with STARTTLS, required.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Tls,
}

/// Parses `smtp://[user[:password]@]host[:port][?tls=starttls]` or `smtps://…`. Errors never
/// repeat the URL (it may hold a password).
pub fn parse_smtp_url(url: &str) -> Result<SmtpTarget, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or("CRM_SMTP_URL must start with smtp:// or smtps://")?;
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let rest = rest.trim_end_matches('/');
    let mut security = match scheme {
        "smtp" => Security::Plain,
        "smtps" => Security::Tls,
        _ => return Err("CRM_SMTP_URL must start with smtp:// or smtps://".into()),
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("tls", "starttls" | "required")) => security = Security::StartTls,
            Some(("tls", "none")) if security == Security::Plain => {}
            _ => return Err("CRM_SMTP_URL: the only option is tls=starttls".into()),
        }
    }
    let (userinfo, hostport) = match rest.rsplit_once('@') {
        Some((userinfo, hostport)) => (Some(userinfo), hostport),
        None => (None, rest),
    };
    let (user, password) = match userinfo {
        Some(info) => {
            let (user, password) = info.split_once(':').unwrap_or((info, ""));
            (Some(percent_decode(user)?), Some(percent_decode(password)?))
        }
        None => (None, None),
    };
    let default_port = match security {
        Security::Plain => 25,
        Security::StartTls => 587,
        Security::Tls => 465,
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((host, port)) => (
            host,
            port.parse()
                .map_err(|_| "CRM_SMTP_URL: the port must be a number")?,
        ),
        None => (hostport, default_port),
    };
    if host.is_empty() {
        return Err("CRM_SMTP_URL has no host".into());
    }
    Ok(SmtpTarget {
        host: host.to_string(),
        port,
        security,
        user,
        password,
    })
}

fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3).ok_or("CRM_SMTP_URL: bad %-escape")?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| "CRM_SMTP_URL: bad %-escape")?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "CRM_SMTP_URL: not UTF-8".into())
}

impl Mailer {
    pub fn new(smtp_url: Option<&Secret>, from: &str, timeout: Duration) -> anyhow::Result<Mailer> {
        let Some(url) = smtp_url else {
            return Ok(Mailer::Outbox);
        };
        let target = parse_smtp_url(url.expose()).map_err(anyhow::Error::msg)?;
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("CRM_MAIL_FROM: {e}"))?;
        let builder = match target.security {
            Security::Plain => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&target.host)
            }
            Security::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&target.host)?
            }
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&target.host)?,
        };
        let mut builder = builder.port(target.port).timeout(Some(timeout));
        if let Some(user) = target.user {
            builder =
                builder.credentials(Credentials::new(user, target.password.unwrap_or_default()));
        }
        Ok(Mailer::Smtp {
            transport: builder.build(),
            from,
        })
    }

    /// Sends through SMTP; the error is a readable sentence for `last_error`.
    pub async fn send_smtp(&self, email: &Email) -> Result<(), String> {
        let Mailer::Smtp { transport, from } = self else {
            return Err("no SMTP server is configured".into());
        };
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| format!("bad recipient address {}: {e}", email.to))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(email.message_id.clone()))
            .multipart(MultiPart::alternative_plain_html(
                email.text.clone(),
                email.html.clone(),
            ))
            .map_err(|e| format!("cannot build the message: {e}"))?;
        transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_give_host_port_security_and_credentials() {
        let t = parse_smtp_url("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.security, t.user),
            ("127.0.0.1", 2525, Security::Plain, None)
        );
        let t = parse_smtp_url("smtp://me%40x.co:p%3Ass@mail.x.co?tls=starttls").unwrap();
        assert_eq!(t.security, Security::StartTls);
        assert_eq!(t.port, 587);
        assert_eq!(t.user.as_deref(), Some("me@x.co"));
        assert_eq!(t.password.as_deref(), Some("p:ss"));
        assert_eq!(parse_smtp_url("smtps://mail.x.co").unwrap().port, 465);
        for bad in ["http://x", "smtp://", "smtp://h:port", "smtp://h?tls=maybe"] {
            assert!(parse_smtp_url(bad).is_err(), "{bad}");
        }
        let err = parse_smtp_url("smtp://u:secretpw@h:bad").unwrap_err();
        assert!(!err.contains("secretpw"));
    }
}
