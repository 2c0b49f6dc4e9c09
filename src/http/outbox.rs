//! `/api/outbox/`: messages recorded instead of sent (no `CRM_SMTP_URL`), for managers.

use axum::Json;
use axum::extract::State;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::Params;
use super::pagination::{ListUrl, Page, paged};
use crate::app::AppState;
use crate::auth::extract::Manager;
use crate::db::{self, outbox::OutboxMessage};
use crate::error::ApiResult;

/// Messages kept in the outbox, newest first (managers).
#[utoipa::path(get, path = "/api/outbox/", tag = "reminders", security(("jwt" = [])),
    params(("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query)),
    responses((status = 200, body = Page<OutboxMessage>), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 403, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    _manager: Manager,
    url: ListUrl,
    params: Params,
) -> ApiResult<Json<Page<OutboxMessage>>> {
    paged(&params, &url, |limit, offset| async move {
        Ok(db::outbox::list(&state.db, limit, offset).await?)
    })
    .await
}
