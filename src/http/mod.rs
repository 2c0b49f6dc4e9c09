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
pub mod notes;
pub mod outbox;
pub mod pagination;
pub mod reminders;
pub mod users;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::db;
use crate::domain::fields::Fields;
use crate::error::ApiResult;

/// Records an error on `field` unless user `id` exists and is active (assignees and
/// reminder recipients).
pub async fn check_active_user(
    state: &AppState,
    fields: &mut Fields<'_>,
    field: &str,
    id: i64,
) -> ApiResult<()> {
    match db::users::get(&state.db.conn, id).await? {
        None => fields.error(
            field,
            format!("Invalid pk \"{id}\" - object does not exist."),
        ),
        Some(user) if !user.is_active => fields.error(
            field,
            format!(
                "User \"{}\" is inactive and cannot be chosen.",
                user.username
            ),
        ),
        Some(_) => {}
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
        .routes(routes!(
            users::retrieve,
            users::update,
            users::partial_update
        ))
        // It never succeeds: it only puts 401 and 403 before the 405.
        .route("/api/users/{id}/", axum::routing::delete(users::destroy))
        .routes(routes!(leads::list, leads::create))
        .routes(routes!(leads::export))
        .routes(routes!(
            leads::retrieve,
            leads::update,
            leads::partial_update,
            leads::destroy
        ))
        .routes(routes!(contacts::list, contacts::create))
        .routes(routes!(
            contacts::retrieve,
            contacts::update,
            contacts::partial_update,
            contacts::destroy
        ))
        .routes(routes!(notes::list, notes::create))
        .routes(routes!(
            notes::retrieve,
            notes::update,
            notes::partial_update,
            notes::destroy
        ))
        .routes(routes!(reminders::list, reminders::create))
        .routes(routes!(
            reminders::retrieve,
            reminders::update,
            reminders::partial_update,
            reminders::destroy
        ))
        .routes(routes!(correspondences::list, correspondences::create))
        .routes(routes!(
            correspondences::retrieve,
            correspondences::update,
            correspondences::partial_update,
            correspondences::destroy
        ))
        .routes(routes!(dashboard::stats))
        .routes(routes!(audit::list))
        .routes(routes!(audit::retrieve))
}
