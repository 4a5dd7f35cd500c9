-- 0003: feed subscriptions and the state of their last poll. Times are
-- fixed-width UTC text as elsewhere, so that next_poll sorts as text;
-- interval_s is the current poll interval in seconds.
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL DEFAULT '',
    site_url      TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    created_at    TEXT,
    last_fetch    TEXT,
    status        TEXT NOT NULL DEFAULT 'new',
    error         TEXT NOT NULL DEFAULT '',
    errors        INTEGER NOT NULL DEFAULT 0,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    items         INTEGER NOT NULL DEFAULT 0,
    interval_s    INTEGER NOT NULL DEFAULT 0,
    next_poll     TEXT
) STRICT;
CREATE INDEX feeds_next_poll ON feeds (next_poll);
