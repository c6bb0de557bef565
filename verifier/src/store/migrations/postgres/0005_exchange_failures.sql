-- Refused answers counted per exchange: a junk or wrongly signed answer
-- leaves an exchange open, and after a bounded number of them it closes.
ALTER TABLE exchanges ADD COLUMN failures integer NOT NULL DEFAULT 0;
