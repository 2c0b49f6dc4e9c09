//! Full-text search, the one place where the two backends differ most: SQLite uses FTS5
//! indexes (`leads_fts`, `contacts_fts`, `notes_fts`), PostgreSQL `tsvector` columns with
//! GIN indexes. Both split text at anything that is not a letter or digit, fold case, and
//! match every term as a prefix.
//!
//! Digit groups typed with spaces, dashes, dots or parentheses between them (`0712 345 678`,
//! `+254-712-345-678`, `(0712) 345.678`) are one number: the term matches the groups joined
//! (`0712345678`), or, as before, every group on its own (a date, a reference).

use sea_orm::DbBackend;

use super::sql::Sql;

/// At most this many terms of a search box entry are used, read from at most this many
/// words and digit groups.
const MAX_TERMS: usize = 16;
const MAX_PIECES: usize = 64;

/// The words of a search box entry: letters and digits, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_TERMS)
        .map(str::to_lowercase)
        .collect()
}

/// One term of a search: every term must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    /// Digit groups that may be one number: `joined` or every group.
    Number {
        joined: String,
        groups: Vec<String>,
    },
}

/// Separators that keep digit groups together as one number.
fn joins_digits(separator: &str) -> bool {
    !separator.is_empty()
        && separator
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')'))
}

fn is_digits(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

/// The terms of a search box entry.
pub fn terms(text: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    // The digit groups of the number being read.
    let mut run: Vec<String> = Vec::new();
    let flush = |terms: &mut Vec<Term>, run: &mut Vec<String>| match run.len() {
        0 => {}
        1 => terms.push(Term::Word(run.pop().unwrap_or_default())),
        _ => terms.push(Term::Number {
            joined: run.concat(),
            groups: std::mem::take(run),
        }),
    };
    for (separator, word) in pieces(text).take(MAX_PIECES) {
        let word = word.to_lowercase();
        let digits = is_digits(&word);
        if digits && !run.is_empty() && joins_digits(separator) {
            run.push(word);
            continue;
        }
        flush(&mut terms, &mut run);
        if digits {
            run.push(word);
        } else {
            terms.push(Term::Word(word));
        }
    }
    flush(&mut terms, &mut run);
    terms.truncate(MAX_TERMS);
    terms
}

/// Each run of letters and digits with the text that came before it.
fn pieces(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        let (separator, tail) = rest.split_at(start);
        let end = tail
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(tail.len());
        let (word, tail) = tail.split_at(end);
        rest = tail;
        Some((separator, word))
    })
}

/// The search as one backend's query text: an FTS5 MATCH expression or a `tsquery`.
/// Terms hold only letters and digits, so they need no further quoting. `None` when the
/// entry has no letter or digit.
pub fn query(backend: DbBackend, text: &str) -> Option<String> {
    let terms = terms(text);
    if terms.is_empty() {
        return None;
    }
    let (prefix, and, or): (fn(&str) -> String, &str, &str) = match backend {
        DbBackend::Postgres => (|w| format!("{w}:*"), " & ", " | "),
        _ => (|w| format!("\"{w}\"*"), " AND ", " OR "),
    };
    let parts: Vec<String> = terms
        .iter()
        .map(|term| match term {
            Term::Word(w) => prefix(w),
            Term::Number { joined, groups } => {
                let each: Vec<String> = groups.iter().map(|g| prefix(g)).collect();
                format!("({}{or}({}))", prefix(joined), each.join(and))
            }
        })
        .collect();
    Some(parts.join(and))
}

/// Appends ` AND <lead matches every term>` to `q`: a lead's document holds its own
/// fields and its contacts' names, emails and phones. No terms: no condition.
pub fn lead_condition(q: &mut Sql, backend: DbBackend, text: &str) {
    let Some(query) = query(backend, text) else {
        return;
    };
    let p = q.param(query);
    match backend {
        DbBackend::Postgres => q.push(&format!(
            " AND {} @@ to_tsquery('simple', {p})",
            lead_document("leads")
        )),
        _ => q.push(&format!(
            " AND leads.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH {p})"
        )),
    };
}

/// PostgreSQL: a lead's indexed search document (its own vector and its contacts'), written
/// exactly as its GIN index is defined, for the lead row `alias`.
fn lead_document(alias: &str) -> String {
    format!("({alias}.search_vector || {alias}.contacts_vector)")
}

/// A sub-select of the ids of the newest `n` rows of `table` (highest ids) whose search
/// document matches the bound query `p`.
///
/// FTS5 walks its index in rowid order, so SQLite stops at the n-th match. PostgreSQL
/// estimates every prefix query alike, so left to itself it may walk the primary key
/// backwards through a whole table for a rare word; here it first looks only among the
/// newest `1000 × n` rows (enough for any common word), and only when that finds fewer
/// than `n` collects every match from the GIN index — few, since the word is rare.
pub fn newest(backend: DbBackend, table: &str, p: &str, n: u64) -> String {
    match backend {
        DbBackend::Postgres => {
            let document = if table == "leads" {
                lead_document("m")
            } else {
                "m.search_vector".to_string()
            };
            let matches = format!("{document} @@ to_tsquery('simple', {p})");
            let window = n * 1000;
            format!(
                "WITH recent AS MATERIALIZED (SELECT m.id FROM {table} m \
                 WHERE m.id > (SELECT COALESCE(MAX(x.id), 0) - {window} FROM {table} x) \
                 AND {matches} ORDER BY m.id DESC LIMIT {n}) \
                 SELECT r.id FROM recent r WHERE (SELECT COUNT(*) FROM recent) = {n} \
                 UNION ALL (SELECT m.id FROM {table} m \
                 WHERE (SELECT COUNT(*) FROM recent) < {n} AND {matches} \
                 ORDER BY m.id + 0 DESC LIMIT {n})"
            )
        }
        _ => format!(
            "SELECT rowid AS id FROM {table}_fts WHERE {table}_fts MATCH {p} \
             ORDER BY rowid DESC LIMIT {n}"
        ),
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_split_at_punctuation_and_folded() {
        assert_eq!(
            words(" Wanj  KAMAU-otieno \"x\" "),
            vec!["wanj", "kamau", "otieno", "x"]
        );
        assert!(words("!!! ''").is_empty());
    }

    fn number(groups: &[&str]) -> Term {
        Term::Number {
            joined: groups.concat(),
            groups: groups.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn digit_groups_between_spaces_dashes_dots_and_brackets_are_one_number() {
        for typed in [
            "0712 345 678",
            "0712-345-678",
            "0712.345.678",
            "(0712) 345-678",
        ] {
            assert_eq!(
                terms(typed),
                vec![number(&["0712", "345", "678"])],
                "{typed}"
            );
        }
        assert_eq!(
            terms("+254 712 345 678"),
            vec![number(&["254", "712", "345", "678"])]
        );
        assert_eq!(
            terms("Kamau 0712 345, 2024"),
            vec![
                Term::Word("kamau".into()),
                number(&["0712", "345"]),
                Term::Word("2024".into())
            ],
            "a comma ends the number; a word before it is not part of it"
        );
        assert_eq!(
            terms("12 B2 34"),
            vec![
                Term::Word("12".into()),
                Term::Word("b2".into()),
                Term::Word("34".into())
            ]
        );
        assert!(terms(" -.() ").is_empty());
    }

    #[test]
    fn queries_quote_every_term_and_offer_the_number_both_ways() {
        assert_eq!(
            query(DbBackend::Sqlite, "Wanj 0712-345").as_deref(),
            Some("\"wanj\"* AND (\"0712345\"* OR (\"0712\"* AND \"345\"*))")
        );
        assert_eq!(
            query(DbBackend::Postgres, "Wanj 0712-345").as_deref(),
            Some("wanj:* & (0712345:* | (0712:* & 345:*))")
        );
        assert_eq!(query(DbBackend::Sqlite, "\"'*:&()"), None);
    }
}
