-- Status lists hosted for their issuers: one signed Bitstring Status List
-- credential per (issuer DID, list name), stored exactly as uploaded. A row
-- is only ever replaced by a strictly newer list of the same issuer (its
-- validFrom, in microseconds since 1970, is kept to compare); never edited,
-- never deleted through the service.
CREATE TABLE status_lists (
    did text NOT NULL,
    name text NOT NULL,
    body text NOT NULL,
    body_sha256 text NOT NULL,
    valid_from_us bigint NOT NULL,
    updated timestamptz NOT NULL,
    PRIMARY KEY (did, name)
);
