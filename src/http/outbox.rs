//! `/api/outbox/`: messages recorded instead of sent (no `CRM_SMTP_URL`), for managers.

use axum::Json;
use axum::extract::State;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::Params;
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::Manager;
use crate::db::{self, outbox::OutboxMessage};
use crate::error::ApiResult;
use crate::state::AppState;

/// Messages kept in the outbox, newest first (managers).
#[utoipa::path(get, path = "/api/outbox/", tag = "reminders",
    operation_id = "outbox_list", params(PageRequest,
        ),
    responses((status = 200, body = Page<OutboxMessage>), (status = 400, body = ValidationErrors),
        (status = 403, body = ErrorDetail)))]
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
