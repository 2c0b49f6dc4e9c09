//! What the server shows a browser outside the API: the home page and static bundles.

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use rust_embed::RustEmbed;

use crate::app::AppState;

/// ReDoc's standalone bundle, from the `redoc` npm package installed by `make`.
#[derive(RustEmbed)]
#[folder = "web/node_modules/redoc/bundles/"]
#[include = "redoc.standalone.js"]
#[allow_missing = true]
struct RedocBundle;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

async fn home() -> Html<&'static str> {
    Html(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>CRM</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>CRM</h1>
<p>The API is running. Explore it in <a href="/swagger/">Swagger UI</a> or
<a href="/redoc/">ReDoc</a>; the OpenAPI document is at <a href="/api/schema/">/api/schema/</a>.</p>
<p>Demo logins: <code>manager</code> / <code>password123</code> and <code>agent</code> / <code>password123</code>.</p>
</body>
</html>
"#,
    )
}

pub async fn redoc_bundle() -> Response {
    match RedocBundle::get("redoc.standalone.js") {
        Some(file) => {
            let mut response = file.data.into_owned().into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            );
            response
        }
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "ReDoc's bundle was not installed with this build: run `make build`.",
        )
            .into_response(),
    }
}
