//! API documentation: the OpenAPI document generated from the handlers, Swagger UI and
//! ReDoc, all served by this process (they work with no internet access).

use std::collections::BTreeMap;

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use serde::Serialize;
use utoipa::openapi::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, ToSchema};
use utoipa_swagger_ui::SwaggerUi;

use crate::app::AppState;

mod bodies;
mod contract;

/// `{"detail": "..."}`: every error that is not about particular fields.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    pub detail: String,
}

/// Field name → messages, every invalid field at once.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"email": ["Enter a valid email address."], "first_name": ["This field is required."]}))]
pub struct ValidationErrors(pub BTreeMap<String, Vec<String>>);

/// Declares the bearer-token scheme that secured operations refer to as `jwt`.
pub struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".into());
        components.add_security_scheme("jwt", SecurityScheme::Http(http));
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "CRM API",
        description = "Leads, contacts, notes, reminders, correspondence and the audit trail. \
                       Errors follow Django REST Framework's shapes.",
    ),
    modifiers(&BearerAuth),
    components(schemas(ErrorDetail, ValidationErrors)),
    tags(
        (name = "auth", description = "Login, tokens and the caller's account"),
        (name = "users", description = "Users and roles"),
        (name = "leads", description = "Leads, search and CSV export"),
        (name = "contacts", description = "Contacts of leads"),
        (name = "notes", description = "Notes on leads"),
        (name = "reminders", description = "Reminders emailed to their recipient"),
        (name = "correspondence", description = "Emails, calls and meetings"),
        (name = "dashboard", description = "Exact figures for the whole database"),
        (name = "audit", description = "The audit trail (managers)"),
        (name = "meta", description = "Installation facts and health"),
    )
)]
pub struct ApiDoc;

/// `/api/schema/`, `/swagger/` and `/redoc/`.
pub fn router(openapi: OpenApi) -> Router<AppState> {
    let openapi = contract::apply(openapi);
    Router::new()
        .merge(SwaggerUi::new("/swagger").url("/api/schema/", openapi))
        .route(
            "/redoc",
            get(|| async { axum::response::Redirect::permanent("/redoc/") }),
        )
        .route("/redoc/", get(redoc_page))
        .route("/redoc/redoc.standalone.js", get(crate::web::redoc_bundle))
}

async fn redoc_page() -> Html<&'static str> {
    Html(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>CRM API — ReDoc</title>
  <style>body { margin: 0; padding: 0; }</style>
</head>
<body>
  <redoc spec-url="/api/schema/"></redoc>
  <script src="/redoc/redoc.standalone.js"></script>
</body>
</html>
"#,
    )
}
