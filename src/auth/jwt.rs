//! JSON Web Tokens, HS256 only. Access tokens are checked on every request; refresh tokens
//! are also recorded in the database so that they can be rotated and revoked.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::error::AuthError;

pub const ACCESS: &str = "access";
pub const REFRESH: &str = "refresh";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string.
    pub sub: String,
    pub role: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    /// `access` or `refresh`: one kind is never accepted as the other.
    pub token_type: String,
    /// The login session the token descends from (the refresh-token family).
    pub sid: String,
}

impl Claims {
    pub fn user_id(&self) -> Option<i64> {
        self.sub.parse().ok()
    }
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys(***)")
    }
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(&self, claims: &Claims) -> anyhow::Result<String> {
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            claims,
            &self.encoding,
        )?)
    }

    /// Checks signature, algorithm, expiry and kind; any failure is the same 401.
    pub fn verify(&self, token: &str, kind: &str) -> Result<Claims, AuthError> {
        let invalid = || {
            AuthError::Unauthorized(if kind == ACCESS {
                "Given token not valid for any token type".into()
            } else {
                "Token is invalid or expired".into()
            })
        };
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| invalid())?;
        if data.claims.token_type != kind || data.claims.user_id().is_none() {
            return Err(invalid());
        }
        Ok(data.claims)
    }
}

/// Builds the claims of a new token.
pub fn claims(
    user_id: i64,
    role: &str,
    kind: &str,
    session: &str,
    jti: String,
    issued: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> Claims {
    Claims {
        sub: user_id.to_string(),
        role: role.to_string(),
        iat: issued.timestamp(),
        exp: expires.timestamp(),
        jti,
        token_type: kind.to_string(),
        sid: session.to_string(),
    }
}
