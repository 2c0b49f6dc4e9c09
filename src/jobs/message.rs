//! The reminder email: subject, plain text and HTML (user text escaped), and a Message-ID
//! that stays the same for every attempt at the same scheduled send.

use chrono::FixedOffset;

use crate::db::dispatch::DueReminder;
use crate::domain::user::{display_name, full_name};

#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
}

/// The host part for Message-IDs and calendar UIDs, from the public URL.
pub fn host_of(public_url: &str) -> String {
    let rest = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "crm.localhost".into()
    } else {
        host.to_string()
    }
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Composes the email for a claimed reminder.
pub fn compose(r: &DueReminder, public_url: &str, offset: FixedOffset) -> Email {
    let lead = full_name(&r.lead_first, &r.lead_last);
    let lead_line = if r.lead_company.is_empty() {
        lead.clone()
    } else {
        format!("{lead} ({})", r.lead_company)
    };
    let greeting = display_name(&r.recipient_first, &r.recipient_last, &r.recipient_username);
    let local = r.remind_at.with_timezone(&offset);
    let when = format!("{} (UTC{})", local.format("%a %-d %b %Y, %H:%M"), offset);
    let link = format!("{}/leads/{}", public_url.trim_end_matches('/'), r.lead_id);
    let mut text = format!(
        "Hello {greeting},\n\nReminder: {}\nLead: {lead_line}\nWhen: {when}\n",
        r.title
    );
    if !r.message.is_empty() {
        text.push_str(&format!("\n{}\n", r.message));
    }
    text.push_str(&format!("\nOpen the lead: {link}\n"));
    let message_html = if r.message.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", escape_html(&r.message).replace('\n', "<br>"))
    };
    let html = format!(
        "<!doctype html><html><body style=\"font-family: sans-serif\">\
         <p>Hello {greeting},</p>\
         <h2>{title}</h2>\
         <p><strong>Lead:</strong> {lead_line}<br><strong>When:</strong> {when}</p>\
         {message_html}\
         <p><a href=\"{link}\">Open the lead</a></p>\
         </body></html>",
        greeting = escape_html(&greeting),
        title = escape_html(&r.title),
        lead_line = escape_html(&lead_line),
        when = escape_html(&when),
        link = escape_html(&link),
    );
    Email {
        to: r.recipient_email.clone(),
        subject: format!("Reminder: {}", r.title),
        text,
        html,
        message_id: format!(
            "<reminder-{}.{}@{}>",
            r.id,
            r.remind_at.timestamp(),
            host_of(public_url)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn due() -> DueReminder {
        DueReminder {
            id: 7,
            lead_id: 42,
            title: "Call <Wanjiku>".into(),
            message: "Bring the \"KES\" quote & contract".into(),
            remind_at: Utc.with_ymd_and_hms(2026, 11, 25, 11, 30, 0).unwrap(),
            attempts: 0,
            recipient_username: "agent".into(),
            recipient_email: "agent@example.com".into(),
            recipient_first: "Brian".into(),
            recipient_last: "Otieno".into(),
            recipient_active: true,
            lead_first: "Wanjiku".into(),
            lead_last: "Kamau".into(),
            lead_company: "Safaricom PLC".into(),
        }
    }

    #[test]
    fn the_email_names_the_lead_time_and_link_and_escapes_html() {
        let email = compose(
            &due(),
            "https://crm.example.co.ke/",
            FixedOffset::east_opt(3 * 3600).unwrap(),
        );
        assert_eq!(email.subject, "Reminder: Call <Wanjiku>");
        assert!(email.text.contains("Wanjiku Kamau (Safaricom PLC)"));
        assert!(
            email.text.contains("Wed 25 Nov 2026, 14:30 (UTC+03:00)"),
            "{}",
            email.text
        );
        assert!(email.text.contains("https://crm.example.co.ke/leads/42"));
        assert!(email.html.contains("Call &lt;Wanjiku&gt;"));
        assert!(email.html.contains("&quot;KES&quot; quote &amp; contract"));
        assert!(!email.html.contains("<Wanjiku>"));
        assert_eq!(
            email.message_id,
            format!(
                "<reminder-7.{}@crm.example.co.ke>",
                due().remind_at.timestamp()
            )
        );
    }

    #[test]
    fn hosts_come_from_the_public_url() {
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_of("https://crm.example.com/app"), "crm.example.com");
        assert_eq!(host_of(""), "crm.localhost");
    }
}
