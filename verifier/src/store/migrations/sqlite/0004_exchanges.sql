-- VC-API exchanges: letters waiting for delivery (payload, erased when
-- released) and employers' requests waiting for an answer (result).
-- Only the SHA-256 of an exchange's bearer token is kept.
CREATE TABLE IF NOT EXISTS exchanges (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    challenge TEXT NOT NULL,
    token_sha256 TEXT NOT NULL,
    owner TEXT,
    subject TEXT,
    payload TEXT,
    result TEXT,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS exchanges_expires ON exchanges (expires);
CREATE INDEX IF NOT EXISTS exchanges_owner ON exchanges (owner);
CREATE UNIQUE INDEX IF NOT EXISTS exchanges_token ON exchanges (token_sha256);
