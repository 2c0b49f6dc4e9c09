//! The middleware around every route: request ids and tracing, CORS, compression, the
//! handler timeout, body limits, security headers; and the answers for unmatched requests.

use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use super::body_guard::{self, BodyLimits};
use crate::config::Config;
use crate::error::ApiError;

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request ids: random, so ids from several processes do not collide.
#[derive(Clone, Default)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&crate::auth::random_hex(8))
            .ok()
            .map(RequestId::new)
    }
}

/// Wraps the routes in the middleware stack that `config` sets up.
pub fn wrap(routes: Router, config: &Config) -> Router {
    let limits = BodyLimits {
        max: config.body_limit,
        timeout: config.body_timeout,
    };
    // A handler still busy this long after its body arrived is answered 503.
    let handler_timeout = config.body_timeout + Duration::from_secs(30);
    routes
        .layer(axum::extract::DefaultBodyLimit::max(config.body_limit))
        .layer(middleware::from_fn_with_state(limits, body_guard::guard))
        .layer(middleware::from_fn(security_headers))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), RandomRequestId))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get(&REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    let path = loggable_path(req.uri().path());
                    tracing::info_span!("request", id, method = %req.method(), path = %path)
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
                .layer(cors_layer(&config.cors_origins))
                .layer(CompressionLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    axum::http::StatusCode::SERVICE_UNAVAILABLE,
                    handler_timeout,
                )),
        )
}

/// The request path as it may be logged: the calendar feed's path is its secret, so it is
/// replaced (the trace layer's own events log no URI; they sit in this span).
fn loggable_path(path: &str) -> &str {
    match path.strip_prefix("/calendar/") {
        Some(rest) if rest.ends_with(".ics") => "/calendar/***.ics",
        Some(_) => "/calendar/***",
        None => path,
    }
}

/// Collection URLs work with or without their trailing slash: the path is given one
/// before routing, so API clients get the same answer without a redirect.
pub fn normalize_path(mut req: Request) -> Request {
    let path = req.uri().path();
    if path.starts_with("/api/") && !path.ends_with('/') {
        let mut new = format!("{path}/");
        if let Some(q) = req.uri().query() {
            new.push('?');
            new.push_str(q);
        }
        if let Ok(uri) = new.parse() {
            *req.uri_mut() = uri;
        }
    }
    req
}

fn cors_layer(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|o| o.parse().ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .allow_credentials(false)
        .max_age(Duration::from_secs(600))
}

async fn security_headers(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        );
    }
    if is_api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.remove(header::SERVER);
    response
}

/// Unmatched GET and HEAD requests outside the server's own paths are the web app's
/// (client-side routes get its `index.html`); anything else is the API's JSON 404.
pub async fn not_found(method: Method, uri: axum::http::Uri) -> Response {
    if crate::web::is_web_request(&method, uri.path()) {
        return crate::web::web_response(uri.path());
    }
    ApiError::not_found().into_response()
}

pub async fn method_not_allowed(method: Method) -> Response {
    ApiError::MethodNotAllowed(method.to_string()).into_response()
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn the_calendar_feed_token_is_redacted_from_logged_paths() {
        let token = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            loggable_path(&format!("/calendar/{token}.ics")),
            "/calendar/***.ics"
        );
        assert_eq!(
            loggable_path(&format!("/calendar/{token}")),
            "/calendar/***"
        );
        assert_eq!(
            loggable_path(&format!("/calendar/{token}.ics/more")),
            "/calendar/***"
        );
        assert_eq!(loggable_path("/api/leads/12/"), "/api/leads/12/");
        assert_eq!(loggable_path("/calendar"), "/calendar");
    }
}
