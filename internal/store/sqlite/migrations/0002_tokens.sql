-- 0002: API tokens for the HTTP server's write endpoints. Only the hex
-- SHA-256 of a token's secret is stored; revoked tokens are kept (with the
-- time) so that a log line naming a token ID stays explainable.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at TEXT,
    revoked_at TEXT
) STRICT;
