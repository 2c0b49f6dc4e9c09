//! The refresh token as an `HttpOnly` cookie, for the web app: the page's scripts never hold
//! it, and every tab of the browser shares the one session.
//!
//! Cross-site request forgery: the cookie is `SameSite=Strict` (a page of another site never
//! sends it), the requests that use it must be `application/json` (a form cannot send one, and
//! a script of another origin cannot without a CORS preflight that this server does not
//! grant with credentials), and a request that uses the cookie is refused when it carries an
//! `Origin` other than the server's own, `CRM_PUBLIC_URL`'s or one of `CRM_CORS_ORIGINS`
//! (a sibling site under the same domain is "same-site" to the browser).

use axum::http::header::{COOKIE, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderValue};

use crate::config::Config;
use crate::domain::fields::REQUIRED;
use crate::error::{ApiError, ApiResult};

pub const NAME: &str = "crm_refresh";

/// Only the session endpoints receive it.
const PATH: &str = "/api/auth/";

/// The refusal of a cookie sent from another origin (DRF's CSRF message).
pub fn foreign_origin(origin: &str) -> ApiError {
    ApiError::ForbiddenBecause(format!(
        "CSRF Failed: Origin checking failed - {origin} does not match any trusted origins."
    ))
}

/// A refresh token and where the request carried it.
pub struct Presented {
    pub token: String,
    pub from_cookie: bool,
}

/// The refresh token of a request: the body's, else the cookie's (only from an allowed
/// origin); neither is `{"refresh": ["This field is required."]}`.
pub fn presented(
    headers: &HeaderMap,
    config: &Config,
    in_body: Option<String>,
) -> ApiResult<Presented> {
    if let Some(token) = in_body {
        return Ok(Presented {
            token,
            from_cookie: false,
        });
    }
    let Some(token) = read(headers) else {
        return Err(ApiError::field("refresh", REQUIRED));
    };
    check_origin(headers, config)?;
    Ok(Presented {
        token,
        from_cookie: true,
    })
}

/// The `Set-Cookie` value that gives the browser `token` until the token expires
/// (`expires_at`, a Unix time: the refresh lifetime or the session's absolute end, whichever
/// comes first), so that the browser drops the cookie when it can no longer work.
pub fn set(config: &Config, token: &str, expires_at: i64) -> HeaderValue {
    let left = expires_at - chrono::Utc::now().timestamp();
    cookie(config, token, u64::try_from(left).unwrap_or(0))
}

/// The `Set-Cookie` value that removes the cookie.
pub fn clear(config: &Config) -> HeaderValue {
    cookie(config, "", 0)
}

fn cookie(config: &Config, value: &str, max_age: u64) -> HeaderValue {
    let secure = if is_https(&config.public_url) {
        "; Secure"
    } else {
        ""
    };
    let text = format!(
        "{NAME}={value}; Max-Age={max_age}; Path={PATH}; HttpOnly; SameSite=Strict{secure}"
    );
    // Tokens are base64url and dots, which a header value always accepts.
    HeaderValue::from_str(&text).expect("a valid cookie header")
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// The cookie's value in the request's `Cookie` headers, if any.
pub fn read(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NAME)
        .map(|(_, value)| value.trim().trim_matches('"').to_string())
        .filter(|value| !value.is_empty())
}

/// Refuses a request whose `Origin` is present and none of the allowed ones.
fn check_origin(headers: &HeaderMap, config: &Config) -> ApiResult<()> {
    let Some(origin) = headers.get(ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("").trim_end_matches('/');
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    if allowed_origin(origin, host, config) {
        return Ok(());
    }
    Err(foreign_origin(origin))
}

fn allowed_origin(origin: &str, host: Option<&str>, config: &Config) -> bool {
    let Some((_, authority)) = origin.split_once("://") else {
        return false; // "null" (a sandboxed frame, a file) or garbage
    };
    // The server's own origin: a browser names the server it sends to in `Host`, so a page
    // of another origin cannot make the two agree.
    if host.is_some_and(|h| h.eq_ignore_ascii_case(authority)) {
        return true;
    }
    origin.eq_ignore_ascii_case(origin_of(&config.public_url))
        || config
            .cors_origins
            .iter()
            .any(|o| o.eq_ignore_ascii_case(origin))
}

/// `scheme://host[:port]` of a URL (the public URL may have a path).
fn origin_of(url: &str) -> &str {
    let start = url.find("://").map_or(0, |i| i + 3);
    url[start..]
        .find('/')
        .map_or(url, |end| &url[..start + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn the_cookie_is_found_among_others_and_in_any_cookie_header() {
        let h = headers(&[("cookie", "a=1; crm_refresh=tok.en.x; b=2")]);
        assert_eq!(read(&h).as_deref(), Some("tok.en.x"));
        let h = headers(&[("cookie", "a=1"), ("cookie", "crm_refresh=t")]);
        assert_eq!(read(&h).as_deref(), Some("t"));
        assert_eq!(read(&headers(&[("cookie", "crm_refresh=")])), None);
        assert_eq!(read(&headers(&[("cookie", "xcrm_refresh=t")])), None);
        assert_eq!(read(&HeaderMap::new()), None);
    }

    #[test]
    fn origins_are_the_servers_own_the_public_urls_and_the_cors_ones() {
        let config = Config {
            public_url: "https://crm.example.com/app".into(),
            cors_origins: vec!["https://admin.example.com".into()],
            ..Config::default()
        };
        let allowed = |o: &str, host: Option<&str>| allowed_origin(o, host, &config);
        assert!(allowed("http://127.0.0.1:9000", Some("127.0.0.1:9000")));
        assert!(allowed("https://crm.example.com", Some("10.0.0.5:8080")));
        assert!(allowed("https://admin.example.com", None));
        assert!(!allowed(
            "https://evil.example.com",
            Some("crm.example.com:8080")
        ));
        assert!(!allowed("http://crm.example.com", None), "another scheme");
        assert!(!allowed("null", Some("null")));
    }

    #[test]
    fn the_cookie_is_secure_only_behind_an_https_public_url() {
        let plain = Config::default();
        let in_a_week = chrono::Utc::now().timestamp() + 604_800;
        let text = set(&plain, "t", in_a_week);
        let text = text.to_str().unwrap();
        assert!(
            [604_800, 604_799]
                .map(|age| format!(
                    "crm_refresh=t; Max-Age={age}; Path=/api/auth/; HttpOnly; SameSite=Strict"
                ))
                .contains(&text.to_string()),
            "{text}"
        );
        let past = set(&plain, "t", chrono::Utc::now().timestamp() - 5);
        assert!(
            past.to_str().unwrap().contains("; Max-Age=0;"),
            "an expired token is no cookie"
        );
        let https = Config {
            public_url: "HTTPS://crm.example.com".into(),
            ..Config::default()
        };
        assert!(clear(&https).to_str().unwrap().ends_with("; Secure"));
    }
}
