//! `/api/meta/`, `/healthz` and `/readyz`: what the installation is, and whether it is up.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::docs::ErrorDetail;
use crate::domain::lead::{LeadStatus, Priority};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct Meta {
    pub version: &'static str,
    pub currency: String,
    pub statuses: Vec<Choice>,
    pub priorities: Vec<Choice>,
    pub correspondence_types: Vec<Choice>,
}

/// Version, currency and the choices of the enumerated fields (no authentication).
#[utoipa::path(get, path = "/api/meta/", tag = "meta",
    operation_id = "meta", responses((status = 200, body = Meta)))]
pub async fn meta(State(state): State<AppState>) -> Json<Meta> {
    Json(Meta {
        version: env!("CARGO_PKG_VERSION"),
        currency: state.config.currency.clone(),
        statuses: LeadStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str(),
                label: s.label(),
            })
            .collect(),
        priorities: Priority::ALL
            .iter()
            .map(|p| Choice {
                value: p.as_str(),
                label: p.label(),
            })
            .collect(),
        correspondence_types: vec![
            Choice {
                value: "email",
                label: "Email",
            },
            Choice {
                value: "call",
                label: "Call",
            },
            Choice {
                value: "meeting",
                label: "Meeting",
            },
        ],
    })
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "meta",
    operation_id = "healthz", responses((status = 200, body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The database answers.
#[utoipa::path(get, path = "/readyz", tag = "meta",
    operation_id = "readyz", responses((status = 200, body = Health),
        (status = 503, body = ErrorDetail)))]
pub async fn readyz(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    if state.db.ping().await {
        Ok(Json(Health { status: "ready" }))
    } else {
        Err(ApiError::Unavailable)
    }
}
