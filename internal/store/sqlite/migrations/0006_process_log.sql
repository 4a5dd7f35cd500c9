-- 0006: a log of the articles each SaveProcessed wrote or moved, so that a
-- processor taking over from another reads only what changed since its
-- last run instead of every assignment and derivation. process_seq counts
-- saves (one row); log rows at or below pruned have been deleted.
CREATE TABLE process_seq (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    seq    INTEGER NOT NULL,
    pruned INTEGER NOT NULL
) STRICT;

INSERT INTO process_seq (id, seq, pruned) VALUES (1, 0, 0);

CREATE TABLE process_log (
    seq        INTEGER NOT NULL,
    article_id INTEGER NOT NULL
) STRICT;

CREATE INDEX process_log_seq ON process_log (seq);

-- The story's updated_at a brief was built from (SaveBriefIfCurrent), so
-- that briefs older than their story are found with one query.
ALTER TABLE briefs ADD COLUMN story_updated_at TEXT;
