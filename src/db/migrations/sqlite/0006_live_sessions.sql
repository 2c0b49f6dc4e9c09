-- Every authenticated request asks whether its session still holds a live refresh token
-- (see db/sessions.rs). Rotated and revoked tokens pile up in a long session; this index
-- holds only the live ones, so the question costs one index probe however long it lived.
CREATE INDEX refresh_tokens_live ON refresh_tokens (family_id)
    WHERE used_at IS NULL AND revoked_at IS NULL;
