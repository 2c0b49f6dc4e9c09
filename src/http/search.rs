//! `/api/search/`: the global search box over leads, contacts and notes.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::docs::ValidationErrors;
use super::extract::Params;
use crate::auth::extract::CurrentUser;
use crate::db;
use crate::domain::contact::Contact;
use crate::domain::lead::Lead;
use crate::domain::note::Note;
use crate::error::ApiResult;
use crate::state::AppState;

/// How many of each kind the search box shows.
const BEST: u64 = 5;

/// The best matches of each kind, as their lists show them.
#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    pub leads: Vec<Lead>,
    pub contacts: Vec<Contact>,
    pub notes: Vec<Note>,
}

/// Search leads (also by their contacts' names, emails and phones), contacts and notes at
/// once: the newest 5 matches of each.
#[utoipa::path(get, path = "/api/search/", tag = "search",
    operation_id = "search_list", params(
        ("q" = String, Query, description = "Every word must match a word by prefix; digit groups \
            separated by spaces, dashes or dots are one number (`0712 345 678`)"),
    ),
    responses((status = 200, body = SearchResults),
        (status = 400, body = ValidationErrors, description = "`q` missing or blank")))]
pub async fn search(
    State(state): State<AppState>,
    _caller: CurrentUser,
    mut params: Params,
) -> ApiResult<Json<SearchResults>> {
    let text = params.get("q").map(str::to_string);
    if text.is_none() {
        params.error("q", "This field is required.");
    }
    params.finish()?;
    let found = db::global_search::search(&state.db, &text.unwrap_or_default(), BEST).await?;
    Ok(Json(SearchResults {
        leads: found.leads,
        contacts: found.contacts,
        notes: found.notes,
    }))
}
