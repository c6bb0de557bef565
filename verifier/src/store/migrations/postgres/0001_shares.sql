-- Shares: a presentation stored as received, found by its random id,
-- withdrawn with a token of which only the SHA-256 is kept.
CREATE TABLE shares (
    id text PRIMARY KEY,
    vp text NOT NULL,
    created timestamptz NOT NULL,
    expires timestamptz NOT NULL,
    delete_token_sha256 text NOT NULL,
    holder text,
    -- What the share counts against the store's size cap.
    size bigint GENERATED ALWAYS AS (octet_length(vp) + 256) STORED
);
CREATE INDEX shares_expires ON shares (expires);
CREATE INDEX shares_holder_expires ON shares (holder, expires);
