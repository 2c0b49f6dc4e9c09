//! `GET /api/leads/board/`: the pipeline's column heads — the true number and total value
//! of the leads of each status that match the list's filters — so that a board showing
//! only its first cards per column still states the whole of each column.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::extract::CurrentUser;
use crate::db;
use crate::domain::lead::{Lead, LeadStatus};
use crate::domain::money::format_cents_wide;
use crate::error::ApiResult;
use crate::http::docs::ValidationErrors;
use crate::http::extract::Params;
use crate::http::pagination::MAX_PAGE_SIZE;
use crate::state::AppState;

/// The figures of one column.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardColumn {
    pub status: LeadStatus,
    /// Every matching lead of this status, not only those a page shows.
    pub count: i64,
    /// The exact sum of their estimated values, with two decimal places.
    #[schema(example = "1250000.00")]
    pub total_value: String,
    /// The column's first `cards` leads, most valuable first (empty unless asked for); the
    /// list with `status`, `ordering=-estimated_value` and `page_size` = `cards` continues
    /// from page 2.
    pub leads: Vec<Lead>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Board {
    /// In funnel order: new, contacted, qualified, converted, lost (only the statuses asked
    /// for when `status` is given).
    pub columns: Vec<BoardColumn>,
}

/// The pipeline's columns for the list's filters.
#[utoipa::path(get, path = "/api/leads/board/", tag = "leads",
    operation_id = "leads_board", params(
        ("status" = Option<String>, Query, description = "One status or a comma list: only those columns"),
        ("priority" = Option<String>, Query, description = "One priority or a comma list"),
        ("assigned_to" = Option<String>, Query, description = "A user id, `me` or `none`"),
        ("created_by" = Option<i64>, Query),
        ("created_after" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (inclusive)"),
        ("created_before" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (inclusive: the whole day)"),
        ("min_value" = Option<String>, Query), ("max_value" = Option<String>, Query),
        ("search" = Option<String>, Query, description = "As the list's search"),
        ("no_next_step" = Option<bool>, Query, description = "As the list's"),
        ("next_reminder_before" = Option<String>, Query, description = "As the list's"),
        ("last_activity_before" = Option<String>, Query, description = "As the list's"),
        ("cards" = Option<u64>, Query, description = "0 to 100 (default 0): how many leads of each column to include, most valuable first"),
    ),
    responses((status = 200, body = Board), (status = 400, body = ValidationErrors)))]
pub async fn board(
    State(state): State<AppState>,
    caller: CurrentUser,
    mut params: Params,
) -> ApiResult<Json<Board>> {
    let filter = super::filter(&mut params, &caller);
    let cards = cards(&mut params);
    params.finish()?;
    let order: Vec<LeadStatus> = LeadStatus::FUNNEL
        .into_iter()
        .filter(|s| filter.statuses.is_empty() || filter.statuses.contains(s))
        .collect();
    // The figures and each column's cards are independent reads: run them side by side on
    // the pool (as a client's parallel requests would), so a costly filter such as a broad
    // search costs about one query's time, not six.
    let figures = db::leads::board::columns(&state.db, &filter, &order);
    let cards = futures_util::future::try_join_all(order.iter().map(|&status| {
        let (db, filter) = (&state.db, &filter);
        async move {
            if cards == 0 {
                return Ok(Vec::new());
            }
            db::leads::board::first_cards(db, filter, status, cards).await
        }
    }));
    let (figures, cards) = futures_util::future::try_join(figures, cards).await?;
    let columns = figures
        .into_iter()
        .zip(cards)
        .map(|(c, leads)| BoardColumn {
            status: c.status,
            count: c.count,
            total_value: format_cents_wide(c.total_cents),
            leads,
        })
        .collect();
    Ok(Json(Board { columns }))
}

/// `cards`: how many leads per column, 0 to the list's largest page.
fn cards(params: &mut Params) -> u64 {
    let Some(raw) = params.get("cards").map(str::to_string) else {
        return 0;
    };
    match raw.parse::<u64>() {
        Ok(n) if n <= MAX_PAGE_SIZE => n,
        _ => {
            params.error(
                "cards",
                format!("Enter a whole number from 0 to {MAX_PAGE_SIZE}."),
            );
            0
        }
    }
}
