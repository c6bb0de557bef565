-- What the store holds, counted as `store::rules` says: rows holding
-- documents and the bytes of those documents (shares' presentations,
-- exchanges' letters and outcomes, hosted status lists), in one row kept by
-- triggers on every insert, update and delete (by any replica, by a purge,
-- or by hand). The overhead per row is added by the service, not stored.
-- Replaces version 2's `share_usage` (shares only, 256 bytes per row).
CREATE TABLE store_usage (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    row_count bigint NOT NULL,
    document_bytes bigint NOT NULL
);
INSERT INTO store_usage (singleton, row_count, document_bytes) SELECT true,
    (SELECT count(*) FROM shares) + (SELECT count(*) FROM exchanges)
        + (SELECT count(*) FROM status_lists),
    (SELECT coalesce(sum(octet_length(vp)), 0) FROM shares)
        + (SELECT coalesce(sum(coalesce(octet_length(payload), 0)
            + coalesce(octet_length(result), 0)), 0) FROM exchanges)
        + (SELECT coalesce(sum(octet_length(body)), 0) FROM status_lists);

-- One function for the three tables: a row's document bytes.
CREATE FUNCTION om_document_bytes(tab name, r record) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    IF tab = 'shares' THEN
        RETURN octet_length(r.vp);
    ELSIF tab = 'exchanges' THEN
        RETURN coalesce(octet_length(r.payload), 0) + coalesce(octet_length(r.result), 0);
    END IF;
    RETURN octet_length(r.body);
END
$$;

CREATE FUNCTION om_count_store_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE store_usage SET row_count = row_count + 1,
            document_bytes = document_bytes + om_document_bytes(TG_TABLE_NAME, NEW);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE store_usage SET row_count = row_count - 1,
            document_bytes = document_bytes - om_document_bytes(TG_TABLE_NAME, OLD);
    ELSE
        UPDATE store_usage SET document_bytes = document_bytes
            + om_document_bytes(TG_TABLE_NAME, NEW) - om_document_bytes(TG_TABLE_NAME, OLD);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER shares_store_usage AFTER INSERT OR DELETE OR UPDATE OF vp ON shares
    FOR EACH ROW EXECUTE FUNCTION om_count_store_usage();
CREATE TRIGGER exchanges_store_usage AFTER INSERT OR DELETE OR UPDATE OF payload, result ON exchanges
    FOR EACH ROW EXECUTE FUNCTION om_count_store_usage();
CREATE TRIGGER status_lists_store_usage AFTER INSERT OR DELETE OR UPDATE OF body ON status_lists
    FOR EACH ROW EXECUTE FUNCTION om_count_store_usage();

DROP TRIGGER shares_usage ON shares;
DROP FUNCTION om_count_share_usage();
DROP TABLE share_usage;
ALTER TABLE shares DROP COLUMN size;
