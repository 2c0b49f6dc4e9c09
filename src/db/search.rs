//! Full-text search, the one place where the two backends differ most: SQLite uses its FTS5
//! index (`leads_fts`), PostgreSQL a `tsvector` column with a GIN index. Both split text at
//! anything that is not a letter or digit, fold case, and match every word as a prefix.

use sea_orm::DbBackend;

use super::sql::Sql;

/// The words of a search box entry: letters and digits, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(str::to_lowercase)
        .collect()
}

/// Appends ` AND <lead matches every word>` to `q`. No words: no condition.
pub fn lead_condition(q: &mut Sql, backend: DbBackend, text: &str) {
    let words = words(text);
    if words.is_empty() {
        return;
    }
    match backend {
        DbBackend::Postgres => {
            let query: Vec<String> = words.iter().map(|w| format!("{w}:*")).collect();
            q.push(" AND leads.search_vector @@ to_tsquery('simple', ")
                .bind(query.join(" & "))
                .push(")");
        }
        _ => {
            // Each word quoted (it holds only letters and digits) and starred for prefix.
            let query: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
            q.push(" AND leads.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ")
                .bind(query.join(" "))
                .push(")");
        }
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
}
