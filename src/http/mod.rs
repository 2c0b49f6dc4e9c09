//! HTTP handlers, one module per resource, and the list of every API route (from which the
//! OpenAPI document is generated).

pub mod audit;
pub mod auth;
pub mod docs;
pub mod extract;
pub mod leads;
pub mod meta;
pub mod pagination;
pub mod users;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

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
        .routes(routes!(users::list, users::create))
        .routes(routes!(
            users::retrieve,
            users::update,
            users::partial_update
        ))
        .routes(routes!(leads::list, leads::create))
        .routes(routes!(leads::export))
        .routes(routes!(
            leads::retrieve,
            leads::update,
            leads::partial_update,
            leads::destroy
        ))
        .routes(routes!(audit::list))
        .routes(routes!(audit::retrieve))
}
