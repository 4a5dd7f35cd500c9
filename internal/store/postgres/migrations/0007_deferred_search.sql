-- 0007: the search vector trails ingest. CreateDocuments copies articles
-- with search NULL and the store fills it in later in bulk (IndexSearch,
-- and before each search), as the SQLite store does with its FTS index:
-- computing it and updating the GIN index cost six times the rest of an
-- insert. The partial index lists the articles still to index.

ALTER TABLE articles ALTER COLUMN search DROP NOT NULL;

CREATE INDEX articles_unsearched ON articles (id) WHERE search IS NULL;
