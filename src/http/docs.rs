//! API documentation: the OpenAPI document generated from the handlers, Swagger UI and
//! ReDoc, all served by this process (they work with no internet access).

use std::collections::BTreeMap;

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use serde::Serialize;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{OpenApi, Ref, ResponseBuilder};
use utoipa::{Modify, ToSchema};
use utoipa_swagger_ui::SwaggerUi;

use crate::state::AppState;

mod bodies;
mod contract;
mod schemas;

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

/// Operations that need no token: logging in, refreshing, the calendar feed (its token is in
/// the URL), installation facts and health. Every other operation is protected.
const PUBLIC: &[&str] = &[
    "auth_login",
    "auth_refresh",
    "calendar_feed",
    "meta",
    "healthz",
    "readyz",
];

/// What every protected operation shares, stated once: the bearer token, and the 401 that
/// the authentication extractors answer without one. And one handler serves `PUT` and
/// `PATCH` of a resource: its `PATCH` operation gets its own id, `<resource>_partial_update`.
pub struct Protected;

impl Modify for Protected {
    fn modify(&self, openapi: &mut OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            if let Some(patch) = item.patch.as_mut()
                && let Some(id) = patch.operation_id.as_mut()
                && let Some(resource) = id.strip_suffix("_update")
            {
                *id = format!("{resource}_partial_update");
            }
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                protect(operation);
            }
        }
    }
}

fn protect(operation: &mut Operation) {
    if PUBLIC.contains(&operation.operation_id.as_deref().unwrap_or_default()) {
        return;
    }
    operation
        .security
        .get_or_insert_with(|| vec![SecurityRequirement::new("jwt", Vec::<String>::new())]);
    let unauthorized = ResponseBuilder::new()
        .description("No valid token")
        .content(
            "application/json",
            utoipa::openapi::ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorDetail")))
                .build(),
        )
        .build();
    operation
        .responses
        .responses
        .entry("401".to_string())
        .or_insert_with(|| unauthorized.into());
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
        (name = "search", description = "The global search over leads, contacts and notes"),
        (name = "meta", description = "Installation facts and health"),
    )
)]
pub struct ApiDoc;

/// `/api/schema/`, `/swagger/` and `/redoc/`.
pub fn router(mut openapi: OpenApi) -> Router<AppState> {
    // The operations come from the routes, after `ApiDoc`'s own modifiers have run.
    Protected.modify(&mut openapi);
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
