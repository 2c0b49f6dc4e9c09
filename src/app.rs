//! The application: every route (the API with its documentation, and the web app), wrapped
//! in the middleware stack of `http::middleware`.

use axum::Router;

use crate::http::{self, docs, middleware};
// The state has its own module; this name is kept for the code that built it from here.
pub use crate::state::AppState;

/// The complete HTTP application.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = http::api_router().split_for_parts();
    let config = state.config.clone();
    let routes = api
        .merge(docs::router(openapi))
        .merge(crate::web::router())
        .fallback(middleware::not_found)
        .method_not_allowed_fallback(middleware::method_not_allowed)
        .with_state(state);
    middleware::wrap(routes, &config)
}
