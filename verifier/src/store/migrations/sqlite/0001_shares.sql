-- Shares: a presentation stored as received, found by its random id,
-- withdrawn with a token of which only the SHA-256 is kept. (Databases from
-- before versioning are adopted at this version: see `legacy_holder.sql`.)
CREATE TABLE IF NOT EXISTS shares (
    id TEXT PRIMARY KEY,
    vp TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL,
    delete_token_sha256 TEXT NOT NULL,
    holder TEXT
);
CREATE INDEX IF NOT EXISTS shares_expires ON shares (expires);
CREATE INDEX IF NOT EXISTS shares_holder ON shares (holder);
