-- One row counting what the shares take, kept by a trigger on every insert
-- and delete (by any replica, by a purge, or by hand), so the size cap is
-- checked against one number inside the inserting transaction.
CREATE TABLE share_usage (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    shares bigint NOT NULL,
    bytes bigint NOT NULL
);
INSERT INTO share_usage (singleton, shares, bytes)
    SELECT true, count(*), coalesce(sum(size), 0) FROM shares;

CREATE FUNCTION om_count_share_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE share_usage SET shares = shares + 1, bytes = bytes + NEW.size;
        RETURN NEW;
    END IF;
    UPDATE share_usage SET shares = shares - 1, bytes = bytes - OLD.size;
    RETURN OLD;
END
$$;

CREATE TRIGGER shares_usage AFTER INSERT OR DELETE ON shares
    FOR EACH ROW EXECUTE FUNCTION om_count_share_usage();
