//! The CSV export body: rows flow from a database cursor through a small bounded channel
//! and leave as CSV chunks, so memory stays flat however many leads there are.

use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{Stream, StreamExt};
use tokio::sync::{OwnedSemaphorePermit, mpsc};

use crate::db::{self, Db, DbErr, DbError, leads::ExportRow, leads::LeadFilter};
use crate::domain::lead::Priority;
use crate::domain::money::format_cents;

pub const HEADER: [&str; 14] = [
    "id",
    "first_name",
    "last_name",
    "company",
    "title",
    "email",
    "phone",
    "status",
    "priority",
    "estimated_value",
    "source",
    "assigned_to",
    "created_at",
    "updated_at",
];

/// Rows per chunk sent to the client.
const CHUNK_ROWS: usize = 256;

/// Spreadsheets run a cell that starts with one of these as a formula; a leading `'`
/// makes it text.
pub fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn write_row(out: &mut csv::Writer<Vec<u8>>, row: &ExportRow) -> csv::Result<()> {
    let priority = Priority::from_rank(row.priority).map_or("", Priority::as_str);
    let cells = [
        row.id.to_string(),
        row.first_name.clone(),
        row.last_name.clone(),
        row.company.clone(),
        row.title.clone(),
        row.email.clone(),
        row.phone.clone(),
        row.status.clone(),
        priority.to_string(),
        format_cents(row.estimated_value),
        row.source.clone(),
        row.assigned_username.clone().unwrap_or_default(),
        row.created_at
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        row.updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
    ];
    out.write_record(cells.iter().map(|c| escape_formula(c).into_owned()))
}

fn writer() -> csv::Writer<Vec<u8>> {
    // RFC 4180: CRLF line ends, quotes only where needed.
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

/// Seconds a refused export is told to wait before trying again.
const BUSY_RETRY_AFTER_SECS: u32 = 10;

/// The answer when every export permit is taken.
pub fn busy() -> Response {
    let body = serde_json::json!({ "detail": "Too many exports are running. Try again shortly." });
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response();
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(BUSY_RETRY_AFTER_SECS),
    );
    response
}

/// What the export task hands over when it ends: the reason it stopped early, if any.
type Outcome = tokio::task::JoinHandle<Result<(), DbError>>;

/// The body stream: the header, then the rows in chunks.
///
/// The first row is awaited before the response starts, so that a query that fails at
/// once is answered with an error status. A failure after that ends the stream with an
/// error, which aborts the response (no terminating chunk): every client sees a failed
/// download rather than a short file that looks complete. A client that takes no rows for
/// `send_timeout` is such a failure too. `permit` is held until the database cursor is
/// closed.
pub async fn stream(
    db: Db,
    filter: LeadFilter,
    order: String,
    send_timeout: Duration,
    permit: OwnedSemaphorePermit,
) -> Result<impl Stream<Item = Result<Bytes, std::io::Error>>, DbError> {
    let (tx, mut rx) = mpsc::channel::<ExportRow>(CHUNK_ROWS * 2);
    let task: Outcome = tokio::spawn(async move {
        let outcome = db::leads::export(&db, &filter, &order, tx, send_timeout).await;
        drop(permit);
        outcome
    });
    let mut head = writer();
    let _ = head.write_record(HEADER);
    let first_row = rx.recv().await;
    let task = match first_row {
        Some(ref row) => {
            let _ = write_row(&mut head, row);
            Some(task)
        }
        None => {
            finish(task).await?;
            None
        }
    };
    let first = head.into_inner().unwrap_or_default();
    let body = futures_util::stream::unfold(
        (rx, Some(first), task),
        |(mut rx, first, task)| async move {
            if let Some(first) = first {
                return Some((Ok(Bytes::from(first)), (rx, None, task)));
            }
            let Some(row) = rx.recv().await else {
                let failure = match task {
                    Some(task) => finish(task).await.err()?,
                    None => return None,
                };
                tracing::error!(error = %failure, "lead export stopped early: response aborted");
                let abort = std::io::Error::other("the export stopped early");
                return Some((Err(abort), (rx, None, None)));
            };
            let mut out = writer();
            let mut result = write_row(&mut out, &row);
            while result.is_ok() && out.get_ref().len() < 64 * 1024 {
                match rx.try_recv() {
                    Ok(row) => result = write_row(&mut out, &row),
                    Err(_) => break,
                }
            }
            let chunk = result.map_err(std::io::Error::other).and_then(|()| {
                out.into_inner()
                    .map_err(|e| std::io::Error::other(e.to_string()))
            });
            Some((chunk.map(Bytes::from), (rx, None, task)))
        },
    )
    // The compression layer polls once more after the end; a fused stream answers None.
    .fuse();
    Ok(body)
}

/// Waits for the export task and tells whether it read every row.
async fn finish(task: Outcome) -> Result<(), DbError> {
    match task.await {
        Ok(result) => result,
        Err(join) => Err(DbError::Other(DbErr::Custom(format!(
            "the export task failed: {join}"
        )))),
    }
}

#[cfg(test)]
mod tests {
    use super::escape_formula;

    #[test]
    fn formula_cells_are_made_text() {
        for cell in ["=1+1", "+254712345678", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(escape_formula(cell), format!("'{cell}"));
        }
        assert_eq!(escape_formula("Wanjiku"), "Wanjiku");
    }
}
