//! The application: shared state, the router with every route, and the middleware stack.

use std::sync::Arc;
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

use crate::auth::alert::AccountMail;
use crate::auth::jwt::JwtKeys;
use crate::auth::throttle::LoginThrottle;
use crate::config::{Config, Secret};
use crate::db::{self, Db};
use crate::error::ApiError;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub jwt: Arc<JwtKeys>,
    pub throttle: Arc<LoginThrottle>,
    /// Mail sent on behalf of requests (sign-in alerts); the outbox unless `with_mailer`.
    pub mail: Arc<AccountMail>,
}

impl AppState {
    /// Resolves the signing secret: the configured one, or the one generated for this
    /// installation and kept in its database.
    pub async fn new(db: Db, config: Config, jwt_secret: Option<Secret>) -> anyhow::Result<Self> {
        let secret = match jwt_secret {
            Some(secret) if secret.expose().len() >= 32 => secret,
            Some(_) => anyhow::bail!("CRM_JWT_SECRET must be at least 32 characters"),
            None => Secret::new(
                db::settings::get_or_insert(&db.conn, "jwt_secret", || crate::auth::random_hex(32))
                    .await?,
            ),
        };
        Ok(AppState {
            jwt: Arc::new(JwtKeys::new(secret.expose().as_bytes())),
            throttle: Arc::new(LoginThrottle::new(config.throttle)),
            mail: Arc::new(AccountMail::new(crate::jobs::mailer::Mailer::Outbox)),
            config: Arc::new(config),
            db,
        })
    }

    /// Sends request mail through `mailer` (the configured SMTP server).
    pub fn with_mailer(mut self, mailer: crate::jobs::mailer::Mailer) -> Self {
        self.mail = Arc::new(AccountMail::new(mailer));
        self
    }
}

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

/// The complete HTTP application: routes, docs, and middleware.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = crate::http::api_router().split_for_parts();
    let cors = cors_layer(&state.config.cors_origins);
    let body_limit = state.config.body_limit;
    let limits = crate::http::body_guard::BodyLimits {
        max: body_limit,
        timeout: state.config.body_timeout,
    };
    // A handler still busy this long after its body arrived is answered 503.
    let handler_timeout = state.config.body_timeout + Duration::from_secs(30);
    api.merge(crate::http::docs::router(openapi))
        .merge(crate::web::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(
            limits,
            crate::http::body_guard::guard,
        ))
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
                    tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
                .layer(cors)
                .layer(CompressionLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    axum::http::StatusCode::SERVICE_UNAVAILABLE,
                    handler_timeout,
                )),
        )
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
async fn not_found(method: Method, uri: axum::http::Uri) -> Response {
    if crate::web::is_web_request(&method, uri.path()) {
        return crate::web::web_response(uri.path());
    }
    ApiError::not_found().into_response()
}

async fn method_not_allowed(method: Method) -> Response {
    ApiError::MethodNotAllowed(method.to_string()).into_response()
}
