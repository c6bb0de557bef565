-- What the store holds, counted as `store::rules` says: rows holding
-- documents and the bytes of those documents (shares' presentations,
-- exchanges' letters and outcomes, hosted status lists), in one row kept by
-- triggers, so the size cap is checked against one number inside the
-- writing transaction. Same shape as PostgreSQL's version 6.
CREATE TABLE store_usage (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    row_count INTEGER NOT NULL,
    document_bytes INTEGER NOT NULL
);
INSERT INTO store_usage (singleton, row_count, document_bytes) SELECT 1,
    (SELECT count(*) FROM shares) + (SELECT count(*) FROM exchanges)
        + (SELECT count(*) FROM status_lists),
    (SELECT coalesce(sum(length(CAST(vp AS BLOB))), 0) FROM shares)
        + (SELECT coalesce(sum(coalesce(length(CAST(payload AS BLOB)), 0)
            + coalesce(length(CAST(result AS BLOB)), 0)), 0) FROM exchanges)
        + (SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM status_lists);

CREATE TRIGGER shares_usage_insert AFTER INSERT ON shares BEGIN
    UPDATE store_usage SET row_count = row_count + 1,
        document_bytes = document_bytes + length(CAST(NEW.vp AS BLOB));
END;
CREATE TRIGGER shares_usage_delete AFTER DELETE ON shares BEGIN
    UPDATE store_usage SET row_count = row_count - 1,
        document_bytes = document_bytes - length(CAST(OLD.vp AS BLOB));
END;
CREATE TRIGGER shares_usage_update AFTER UPDATE OF vp ON shares BEGIN
    UPDATE store_usage SET document_bytes = document_bytes
        + length(CAST(NEW.vp AS BLOB)) - length(CAST(OLD.vp AS BLOB));
END;

CREATE TRIGGER exchanges_usage_insert AFTER INSERT ON exchanges BEGIN
    UPDATE store_usage SET row_count = row_count + 1,
        document_bytes = document_bytes + coalesce(length(CAST(NEW.payload AS BLOB)), 0)
            + coalesce(length(CAST(NEW.result AS BLOB)), 0);
END;
CREATE TRIGGER exchanges_usage_delete AFTER DELETE ON exchanges BEGIN
    UPDATE store_usage SET row_count = row_count - 1,
        document_bytes = document_bytes - coalesce(length(CAST(OLD.payload AS BLOB)), 0)
            - coalesce(length(CAST(OLD.result AS BLOB)), 0);
END;
CREATE TRIGGER exchanges_usage_update AFTER UPDATE OF payload, result ON exchanges BEGIN
    UPDATE store_usage SET document_bytes = document_bytes
        + coalesce(length(CAST(NEW.payload AS BLOB)), 0) + coalesce(length(CAST(NEW.result AS BLOB)), 0)
        - coalesce(length(CAST(OLD.payload AS BLOB)), 0) - coalesce(length(CAST(OLD.result AS BLOB)), 0);
END;

CREATE TRIGGER status_lists_usage_insert AFTER INSERT ON status_lists BEGIN
    UPDATE store_usage SET row_count = row_count + 1,
        document_bytes = document_bytes + length(CAST(NEW.body AS BLOB));
END;
CREATE TRIGGER status_lists_usage_delete AFTER DELETE ON status_lists BEGIN
    UPDATE store_usage SET row_count = row_count - 1,
        document_bytes = document_bytes - length(CAST(OLD.body AS BLOB));
END;
CREATE TRIGGER status_lists_usage_update AFTER UPDATE OF body ON status_lists BEGIN
    UPDATE store_usage SET document_bytes = document_bytes
        + length(CAST(NEW.body AS BLOB)) - length(CAST(OLD.body AS BLOB));
END;
