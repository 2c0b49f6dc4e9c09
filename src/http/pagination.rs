//! Page-number pagination, as DRF's PageNumberPagination: `?page=N&page_size=N`, with
//! absolute `next`/`previous` links.

use std::convert::Infallible;

use axum::Json;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::extract::Params;
use crate::error::ApiError;
use crate::state::AppState;

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub count: i64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
}

/// `?page=N&page_size=N`, read by every list; documented with the list's own parameters.
#[derive(Debug, Clone, Copy, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageRequest {
    #[param(value_type = Option<u64>, required = false)]
    pub page: u64,
    /// Default 20, at most 100.
    #[param(rename = "page_size", value_type = Option<u64>, required = false)]
    pub size: u64,
}

impl PageRequest {
    /// A page that is not a positive number is 404 "Invalid page.", as in DRF; a bad page
    /// size falls back to the default, a large one is clamped.
    pub fn from_params(params: &Params) -> Result<Self, ApiError> {
        let page = match params.get("page") {
            None => 1,
            Some(raw) => raw
                .parse::<u64>()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(invalid_page)?,
        };
        let size = params
            .get("page_size")
            .and_then(|raw| raw.parse::<u64>().ok())
            .filter(|s| *s >= 1)
            .map_or(DEFAULT_PAGE_SIZE, |s| s.min(MAX_PAGE_SIZE));
        // Databases take OFFSET as a signed 64-bit number: a page beyond that is past the
        // end of any list, not an error of the database.
        if (page - 1).saturating_mul(size) > i64::MAX as u64 {
            return Err(invalid_page());
        }
        Ok(PageRequest { page, size })
    }

    pub fn limit(&self) -> u64 {
        self.size
    }

    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.size)
    }
}

fn invalid_page() -> ApiError {
    ApiError::NotFound("Invalid page.")
}

/// The address of the list being read, for its `next`/`previous` links. It starts with the
/// configured public URL, never with the request's `Host` header: a client (or anyone
/// between it and the server) chooses that header, and links must not point elsewhere.
pub struct ListUrl {
    base: String,
    query: String,
}

impl FromRequestParts<AppState> for ListUrl {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let OriginalUri(uri) = OriginalUri::from_request_parts(parts, state).await?;
        Ok(ListUrl {
            base: format!(
                "{}{}",
                state.config.public_url.trim_end_matches('/'),
                uri.path()
            ),
            query: uri.query().unwrap_or("").to_string(),
        })
    }
}

impl ListUrl {
    /// The current URL with `page` replaced (dropped for page 1, as DRF does).
    fn page(&self, page: u64) -> String {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(&self.query).unwrap_or_default();
        pairs.retain(|(k, _)| k != "page");
        if page > 1 {
            pairs.push(("page".into(), page.to_string()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            self.base.clone()
        } else {
            format!("{}?{query}", self.base)
        }
    }
}

/// Runs a paged query: the closure gets (limit, offset) and returns (count, rows). A page
/// past the end is 404, except page 1 of an empty list.
pub async fn paged<T, F, Fut>(
    params: &Params,
    url: &ListUrl,
    query: F,
) -> Result<Json<Page<T>>, ApiError>
where
    F: FnOnce(u64, u64) -> Fut,
    Fut: Future<Output = Result<(i64, Vec<T>), ApiError>>,
{
    let request = PageRequest::from_params(params)?;
    let (count, results) = query(request.limit(), request.offset()).await?;
    let count_u = count.max(0) as u64;
    if request.page > 1 && request.offset() >= count_u {
        return Err(invalid_page());
    }
    let next = (request.offset() + request.size < count_u).then(|| url.page(request.page + 1));
    let previous = (request.page > 1).then(|| url.page(request.page - 1));
    Ok(Json(Page {
        count,
        next,
        previous,
        results,
    }))
}
