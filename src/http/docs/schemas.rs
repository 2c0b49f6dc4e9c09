//! The schema of each request body type, derived from the reader that parses it (see
//! `bodies`): the annotations name the type the handler parses (`request_body =
//! LeadChanges`), and the document shows what that type's reader accepts.

use std::borrow::Cow;

use serde_json::{Value, json};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

use super::bodies::derive;
use crate::domain::contact::ContactChanges;
use crate::domain::correspondence::CorrespondenceChanges;
use crate::domain::lead::LeadChanges;
use crate::domain::note::NoteChanges;
use crate::domain::reminder::ReminderChanges;
use crate::domain::user::UserChanges;
use crate::http::auth::{ChangePasswordRequest, LoginRequest, RefreshRequest};

fn schema(value: Value) -> RefOr<Schema> {
    RefOr::T(serde_json::from_value(value).unwrap_or_default())
}

/// Implements the document's schema of a body type from its reader.
fn body_schema<F: FnOnce()>(name: &str, description: &str, read: F) -> RefOr<Schema> {
    schema(derive(name, description, read))
}

fn empty() -> Value {
    json!({})
}

impl PartialSchema for LeadChanges {
    fn schema() -> RefOr<Schema> {
        body_schema("LeadWrite", "A lead's fields.", || {
            let _ = LeadChanges::parse(&empty(), false);
        })
    }
}

impl ToSchema for LeadChanges {
    fn name() -> Cow<'static, str> {
        "LeadWrite".into()
    }
}

impl PartialSchema for ContactChanges {
    fn schema() -> RefOr<Schema> {
        body_schema("ContactWrite", "A contact's fields.", || {
            let _ = ContactChanges::parse(&empty(), false);
        })
    }
}

impl ToSchema for ContactChanges {
    fn name() -> Cow<'static, str> {
        "ContactWrite".into()
    }
}

impl PartialSchema for NoteChanges {
    fn schema() -> RefOr<Schema> {
        body_schema("NoteWrite", "A note's fields.", || {
            let _ = NoteChanges::parse(&empty(), false);
        })
    }
}

impl ToSchema for NoteChanges {
    fn name() -> Cow<'static, str> {
        "NoteWrite".into()
    }
}

impl PartialSchema for ReminderChanges {
    fn schema() -> RefOr<Schema> {
        body_schema("ReminderWrite", "A reminder's fields.", || {
            let _ = ReminderChanges::parse(&empty(), false);
        })
    }
}

impl ToSchema for ReminderChanges {
    fn name() -> Cow<'static, str> {
        "ReminderWrite".into()
    }
}

impl PartialSchema for CorrespondenceChanges {
    fn schema() -> RefOr<Schema> {
        body_schema(
            "CorrespondenceWrite",
            "A correspondence entry's fields.",
            || {
                let _ = CorrespondenceChanges::parse(&empty(), false);
            },
        )
    }
}

impl ToSchema for CorrespondenceChanges {
    fn name() -> Cow<'static, str> {
        "CorrespondenceWrite".into()
    }
}

/// A user's fields as an update reads them; `user_create` is the create's reading.
impl PartialSchema for UserChanges {
    fn schema() -> RefOr<Schema> {
        body_schema("UserWrite", "A user's fields.", || {
            let _ = UserChanges::parse(&empty(), false, false);
        })
    }
}

impl ToSchema for UserChanges {
    fn name() -> Cow<'static, str> {
        "UserWrite".into()
    }
}

impl PartialSchema for LoginRequest {
    fn schema() -> RefOr<Schema> {
        body_schema("LoginRequest", "A username and its password.", || {
            let _ = LoginRequest::read(&empty());
        })
    }
}

impl ToSchema for LoginRequest {}

impl PartialSchema for RefreshRequest {
    fn schema() -> RefOr<Schema> {
        body_schema(
            "RefreshRequest",
            "A refresh token: required unless the `crm_refresh` cookie is sent, whose token is then used.",
            || {
                let _ = RefreshRequest::read(&empty());
            },
        )
    }
}

impl ToSchema for RefreshRequest {}

impl PartialSchema for ChangePasswordRequest {
    fn schema() -> RefOr<Schema> {
        body_schema(
            "ChangePasswordRequest",
            "The current password and the new one.",
            || {
                let _ = ChangePasswordRequest::read(&empty());
            },
        )
    }
}

impl ToSchema for ChangePasswordRequest {}

pub(super) fn user_create() -> Value {
    derive(
        "UserCreate",
        "A new user: `username` and `password` are required.",
        || {
            let _ = UserChanges::parse(&empty(), true, false);
        },
    )
}
