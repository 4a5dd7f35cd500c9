-- 0004: readers. Accounts, signed-in sessions, follows and mutes, read and
-- saved marks, feed subscriptions; API tokens may belong to a reader.
--   * name_key and value_key hold the Go lower-case form of name and value
--     (strings.ToLower, set by the store), so that case-insensitive
--     uniqueness and matching are the same in SQLite (whose lower() and
--     NOCASE fold ASCII only) and PostgreSQL;
--   * story_reads and saved_stories have no foreign key to stories: the
--     pipeline deletes a story merged into another (SaveProcessed), and a
--     mark must neither block that nor vanish with it; a mark on a story
--     that no longer exists is ignored by whoever reads it;
--   * every per-reader row goes with its user (ON DELETE CASCADE); a token
--     does not (deleting a user who holds tokens fails until the tokens are
--     dealt with, rather than turning them into install tokens).

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL UNIQUE,
    password_hash    TEXT NOT NULL,
    preferred_source TEXT NOT NULL DEFAULT '',
    created_at       TEXT
) STRICT;

CREATE TABLE sessions (
    hash       TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT,
    expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE interests (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    value_key  TEXT NOT NULL,
    mute       INTEGER NOT NULL CHECK (mute IN (0, 1)),
    created_at TEXT,
    PRIMARY KEY (user_id, kind, value_key, mute)
) STRICT;

CREATE TABLE story_reads (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    read_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, story_id)
) STRICT;

CREATE TABLE saved_stories (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, story_id)
) STRICT;

CREATE TABLE user_feeds (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, feed_id)
) STRICT;

-- For the cascade when a feed is deleted.
CREATE INDEX user_feeds_feed_id ON user_feeds (feed_id);

ALTER TABLE api_tokens ADD COLUMN user_id INTEGER REFERENCES users (id);

CREATE INDEX api_tokens_user_id ON api_tokens (user_id);
