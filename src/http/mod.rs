//! HTTP handlers, one module per resource, and the list of every API route (from which the
//! OpenAPI document is generated).

pub mod audit;
pub mod auth;
pub mod body_guard;
pub mod calendar;
pub mod contacts;
pub mod correspondences;
pub mod dashboard;
pub mod docs;
pub mod extract;
pub mod leads;
pub mod meta;
pub mod middleware;
pub mod notes;
pub mod outbox;
pub mod pagination;
pub mod refresh_cookie;
pub mod reminders;
pub mod search;
pub mod timeline;
pub mod users;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db;
use crate::domain::fields::Fields;
use crate::error::ApiResult;
use crate::state::AppState;

/// Records an error on `field` unless user `id` may be chosen (`user::check_assignable`):
/// assignees and reminder recipients.
pub async fn check_active_user(
    state: &AppState,
    fields: &mut Fields<'_>,
    field: &str,
    id: i64,
) -> ApiResult<()> {
    let found = db::users::get(&state.db.conn, id)
        .await?
        .map(|u| u.to_user());
    if let Err(crate::domain::DomainError::Invalid(errors)) =
        crate::domain::user::check_assignable(field, id, found.as_ref())
    {
        fields.merge(errors);
    }
    Ok(())
}

/// Every API route, with its documentation.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(docs::ApiDoc::openapi())
        .routes(routes!(meta::meta))
        .routes(routes!(meta::healthz))
        .routes(routes!(meta::readyz))
        .routes(routes!(auth::login))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::change_password))
        .routes(routes!(calendar::rotate))
        .routes(routes!(calendar::feed))
        .routes(routes!(outbox::list))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::retrieve, users::update))
        // It never succeeds: it only puts 401 and 403 before the 405.
        .route("/api/users/{id}/", axum::routing::delete(users::destroy))
        .routes(routes!(leads::list, leads::create))
        .routes(routes!(leads::export))
        .routes(routes!(leads::board::board))
        .routes(routes!(leads::retrieve, leads::update, leads::destroy))
        .routes(routes!(timeline::timeline))
        .routes(routes!(contacts::list, contacts::create))
        .routes(routes!(
            contacts::retrieve,
            contacts::update,
            contacts::destroy
        ))
        .routes(routes!(notes::list, notes::create))
        .routes(routes!(notes::retrieve, notes::update, notes::destroy))
        .routes(routes!(reminders::list, reminders::create))
        .routes(routes!(
            reminders::retrieve,
            reminders::update,
            reminders::destroy
        ))
        .routes(routes!(correspondences::list, correspondences::create))
        .routes(routes!(
            correspondences::retrieve,
            correspondences::update,
            correspondences::destroy
        ))
        .routes(routes!(dashboard::stats))
        .routes(routes!(search::search))
        .routes(routes!(audit::list))
        .routes(routes!(audit::retrieve))
}
