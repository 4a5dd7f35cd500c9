-- 0005: what the analysis finds and 0001 did not keep: a split quote's
-- parts (JSON list of spans, null when whole) and the spans of its speaker
-- and cue as written, and a claim's unit and the span of its value.
ALTER TABLE quotes ADD COLUMN parts JSONB NOT NULL DEFAULT 'null';
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quotes ADD COLUMN cue_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quotes ADD COLUMN cue_end INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN value_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN value_end INTEGER NOT NULL DEFAULT 0;
