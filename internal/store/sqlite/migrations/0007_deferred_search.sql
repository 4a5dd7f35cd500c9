-- 0007: nothing changes here. PostgreSQL's search vector now trails ingest
-- (see internal/store/postgres/migrations/0007_deferred_search.sql) as
-- this store's FTS index already did (search_state, 0001); the version
-- keeps both directories in lockstep.

SELECT 1;
