-- 0005: what the analysis finds and 0001 did not keep: a split quote's
-- parts (JSON list of spans, null when whole), and a claim's unit and the
-- span of its value as written.
ALTER TABLE quotes ADD COLUMN parts JSONB NOT NULL DEFAULT 'null';
ALTER TABLE claims ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN value_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN value_end INTEGER NOT NULL DEFAULT 0;
