-- VC-API exchanges: letters waiting for delivery (payload, erased when
-- released) and employers' requests waiting for an answer (result).
-- Only the SHA-256 of an exchange's bearer token is kept.
CREATE TABLE exchanges (
    id text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('delivery', 'check')),
    complete boolean NOT NULL DEFAULT false,
    challenge text NOT NULL,
    token_sha256 text NOT NULL UNIQUE,
    owner text,
    subject text,
    payload text,
    result text,
    created timestamptz NOT NULL DEFAULT now(),
    expires timestamptz NOT NULL
);
CREATE INDEX exchanges_expires ON exchanges (expires);
CREATE INDEX exchanges_owner_expires ON exchanges (owner, expires);
