//! What the server shows a browser outside the API: the web app (built into `web/dist` and
//! embedded in the binary) and the static bundles of the docs.

use axum::Router;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::RustEmbed;

use crate::state::AppState;

/// The web app as `npm run build` leaves it. Missing before the first web build: the
/// server then says how to build it instead.
#[derive(RustEmbed)]
#[folder = "web/dist/"]
#[allow_missing = true]
struct WebApp;

/// ReDoc's standalone bundle, from the `redoc` npm package installed by `make`.
#[derive(RustEmbed)]
#[folder = "web/node_modules/redoc/bundles/"]
#[include = "redoc.standalone.js"]
#[allow_missing = true]
struct RedocBundle;

/// The page's policy: only this origin's scripts, styles, images and API. Vue's scoped
/// styles and chart.js set `style` attributes, hence `'unsafe-inline'` for styles only.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Paths that belong to the server, never to the web app's client-side routes.
const SERVER_PREFIXES: [&str; 6] = [
    "/api/",
    "/swagger/",
    "/redoc/",
    "/calendar/",
    "/healthz",
    "/readyz",
];

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(index))
}

async fn index() -> Response {
    app_page()
}

/// Whether a request that matched no route is the web app's: a GET or HEAD outside the
/// server's own paths (a client-side route such as `/leads/5`, or a built asset).
pub fn is_web_request(method: &Method, path: &str) -> bool {
    (method == Method::GET || method == Method::HEAD)
        && !SERVER_PREFIXES
            .iter()
            .any(|prefix| path == prefix.trim_end_matches('/') || path.starts_with(prefix))
}

/// A built file when `path` names one, else `index.html`, so that the client-side router
/// shows the page (or its own "not found").
pub fn web_response(path: &str) -> Response {
    let file = path.trim_start_matches('/');
    if !file.is_empty() && file != "index.html" {
        if let Some(content) = WebApp::get(file) {
            let cache = if file.starts_with("assets/") {
                // Vite puts a content hash in every name under assets/.
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            return with_headers(content.data.into_owned(), content_type(file), cache);
        }
        if file.starts_with("assets/") {
            // A missing hashed asset is a stale page's; index.html would be the wrong type.
            return (StatusCode::NOT_FOUND, "Not found.").into_response();
        }
    }
    app_page()
}

fn app_page() -> Response {
    let body = match WebApp::get("index.html") {
        Some(content) => content.data.into_owned(),
        None => NOT_BUILT.as_bytes().to_vec(),
    };
    let mut response = with_headers(body, "text/html; charset=utf-8", "no-cache");
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    response
}

fn with_headers(body: Vec<u8>, content_type: &'static str, cache: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Served at `/` when the binary was built before the web app.
const NOT_BUILT: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>CRM</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>CRM</h1>
<p>The web app was not built into this binary. Build it with <code>make build</code>
(or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, then <code>cargo build</code>).</p>
<p>The API is running: see <a href="/swagger/">Swagger UI</a>, <a href="/redoc/">ReDoc</a>
and <a href="/api/schema/">the OpenAPI document</a>.</p>
</body>
</html>
"#;

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
