//! The calendar feed: reminders as an RFC 5545 iCalendar, with CRLF line ends, lines folded
//! at 75 octets, and text escaped, so that Google Calendar, Outlook and Thunderbird import it.

use chrono::{DateTime, Utc};

/// One reminder as a calendar event.
pub struct Event {
    pub uid: String,
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub url: String,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line, folded so that no line is longer than 75 octets (§3.1), never
/// splitting a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > budget {
            out.push_str("\r\n ");
            used = 0;
            budget = 74; // the leading space counts
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A whole calendar named `name` holding `events`.
pub fn render(name: &str, events: &[Event]) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CRM//Reminders//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        line(&mut out, l);
    }
    line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", e.uid));
        line(&mut out, &format!("DTSTAMP:{}", stamp(e.stamp)));
        line(&mut out, &format!("DTSTART:{}", stamp(e.start)));
        line(&mut out, "DURATION:PT15M");
        line(&mut out, &format!("SUMMARY:{}", escape_text(&e.summary)));
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&e.description)),
        );
        line(
            &mut out,
            &format!("URL:{}", e.url.replace(['\r', '\n'], "")),
        );
        line(&mut out, "BEGIN:VALARM");
        line(&mut out, "ACTION:DISPLAY");
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&e.summary)),
        );
        line(&mut out, "TRIGGER:-PT0M");
        line(&mut out, "END:VALARM");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let content = format!("SUMMARY:{}", "Wanjikũ ".repeat(30));
        line(&mut out, &content);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.strip_suffix("\r\n"), Some(content.as_str()));
    }
}
