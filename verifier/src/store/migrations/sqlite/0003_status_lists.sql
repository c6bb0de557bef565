-- Status lists hosted for their issuers (see the PostgreSQL migration of the
-- same number): one signed list per (issuer DID, list name), stored exactly as
-- uploaded, only ever replaced by a strictly newer list of the same issuer.
CREATE TABLE IF NOT EXISTS status_lists (
    did TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    valid_from_us INTEGER NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (did, name)
);
