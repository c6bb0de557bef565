-- Not a numbered migration: applied once to a database made before schema
-- versions were kept whose shares table predates the per-holder cap, before
-- that database is recorded at version 1 (the shape `0001_shares.sql` makes).
ALTER TABLE shares ADD COLUMN holder TEXT;
CREATE INDEX IF NOT EXISTS shares_holder ON shares (holder);
