-- Nothing: PostgreSQL's version 2 kept a usage row, while SQLite counted its
-- pages then. Kept so that both backends number their versions alike (both
-- count usage the same way since version 6).
SELECT 1;
