package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/profiles"
)

var _ parallax.ReaderStore = (*DB)(nil)

// foldKey is the stored key of a case-insensitive name or value (users.
// name_key, interests.value_key). It is computed here rather than with
// SQLite's lower(), which folds ASCII only, so that both stores agree.
func foldKey(s string) string { return strings.ToLower(s) }

// CreateUser stores u with its password hash and fills in its ID.
func (db *DB) CreateUser(ctx context.Context, u *parallax.User, passwordHash string) error {
	at, err := encodeTime(u.CreatedAt)
	if err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	res, err := db.write.ExecContext(ctx, `INSERT INTO users (name, name_key, password_hash, preferred_source, created_at)
VALUES (?, ?, ?, ?, ?)`, u.Name, foldKey(u.Name), passwordHash, u.PreferredSource, at)
	if err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, mapErr(err))
	}
	if u.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	return nil
}

const userColumns = `id, name, preferred_source, created_at`

// FindUserByName returns the user whose name matches case-insensitively,
// with their password hash.
func (db *DB) FindUserByName(ctx context.Context, name string) (*parallax.User, string, error) {
	var hash string
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE name_key = ?`,
		foldKey(name)), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", fmt.Errorf("find user %q: %w", name, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, "", fmt.Errorf("find user %q: %w", name, err)
	}
	return u, hash, nil
}

// FindUserByID returns one user.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*parallax.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find user %d: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	return u, nil
}

// FindUsers returns every user by ID.
func (db *DB) FindUsers(ctx context.Context) ([]*parallax.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	var out []*parallax.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("find users: %w", err), rows.Close())
		}
		out = append(out, u)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	return out, nil
}

// scanUser scans userColumns, then extra.
func scanUser(row interface{ Scan(...any) error }, extra ...any) (*parallax.User, error) {
	var u parallax.User
	var created sql.NullString
	if err := row.Scan(append([]any{&u.ID, &u.Name, &u.PreferredSource, &created}, extra...)...); err != nil {
		return nil, err
	}
	var d timeDecoder
	u.CreatedAt = d.time(created)
	return &u, d.err
}

// SetPassword replaces a user's password hash.
func (db *DB) SetPassword(ctx context.Context, userID int64, passwordHash string) error {
	if err := db.updateUser(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, userID); err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	return nil
}

// SetPreferredSource sets or clears a user's preferred source.
func (db *DB) SetPreferredSource(ctx context.Context, userID int64, source string) error {
	if err := db.updateUser(ctx, `UPDATE users SET preferred_source = ? WHERE id = ?`, source, userID); err != nil {
		return fmt.Errorf("set preferred source of user %d: %w", userID, err)
	}
	return nil
}

// updateUser runs an update of one user, ErrNotFound when none changed.
func (db *DB) updateUser(ctx context.Context, q string, args ...any) error {
	res, err := db.write.ExecContext(ctx, q, args...)
	if err != nil {
		return mapErr(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return parallax.ErrNotFound
	}
	return nil
}

// CreateSession stores s under hash. A session must expire.
func (db *DB) CreateSession(ctx context.Context, hash string, s parallax.Session) error {
	if s.ExpiresAt.IsZero() {
		return fmt.Errorf("create session of user %d: no expiry time", s.UserID)
	}
	created, err := encodeTime(s.CreatedAt)
	if err != nil {
		return fmt.Errorf("create session of user %d: %w", s.UserID, err)
	}
	expires, err := encodeTime(s.ExpiresAt)
	if err != nil {
		return fmt.Errorf("create session of user %d: %w", s.UserID, err)
	}
	err = inTx(ctx, db.write, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, created); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			hash, s.UserID, created, expires)
		return err
	})
	if err != nil {
		return fmt.Errorf("create session of user %d: %w", s.UserID, mapErr(err))
	}
	return nil
}

// FindSession returns the session stored under hash unless it has expired
// at now (expires_at <= now).
func (db *DB) FindSession(ctx context.Context, hash string, now time.Time) (*parallax.Session, error) {
	at, err := encodeTime(now)
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	var s parallax.Session
	var created, expires sql.NullString
	err = db.read.QueryRowContext(ctx, `SELECT user_id, created_at, expires_at FROM sessions WHERE hash = ? AND expires_at > ?`,
		hash, at).Scan(&s.UserID, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find session: %w", parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	var d timeDecoder
	s.CreatedAt, s.ExpiresAt = d.time(created), d.time(expires)
	if d.err != nil {
		return nil, fmt.Errorf("find session: %w", d.err)
	}
	return &s, nil
}

// DeleteSession removes one session.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE hash = ?`, hash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteSessions removes every session of a user.
func (db *DB) DeleteSessions(ctx context.Context, userID int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	return nil
}

// AddInterest stores a follow or mute, keeping one already held as it is.
func (db *DB) AddInterest(ctx context.Context, userID int64, in parallax.Interest) error {
	at, err := encodeTime(in.CreatedAt)
	if err != nil {
		return fmt.Errorf("add interest %s %q of user %d: %w", in.Kind, in.Value, userID, err)
	}
	_, err = db.write.ExecContext(ctx, `INSERT INTO interests (user_id, kind, value, value_key, mute, created_at)
VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, userID, in.Kind, in.Value, foldKey(in.Value), in.Mute, at)
	if err != nil {
		return fmt.Errorf("add interest %s %q of user %d: %w", in.Kind, in.Value, userID, mapErr(err))
	}
	return nil
}

// RemoveInterest removes a follow or mute.
func (db *DB) RemoveInterest(ctx context.Context, userID int64, in parallax.Interest) error {
	_, err := db.write.ExecContext(ctx, `DELETE FROM interests WHERE user_id = ? AND kind = ? AND value_key = ? AND mute = ?`,
		userID, in.Kind, foldKey(in.Value), in.Mute)
	if err != nil {
		return fmt.Errorf("remove interest %s %q of user %d: %w", in.Kind, in.Value, userID, err)
	}
	return nil
}

// FindInterests returns a user's follows and mutes by kind, then value
// (case-insensitively), follows before mutes.
func (db *DB) FindInterests(ctx context.Context, userID int64) ([]parallax.Interest, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT kind, value, mute, created_at FROM interests
WHERE user_id = ? ORDER BY kind, value_key, mute`, userID)
	if err != nil {
		return nil, fmt.Errorf("find interests of user %d: %w", userID, err)
	}
	var out []parallax.Interest
	for rows.Next() {
		var in parallax.Interest
		var created sql.NullString
		if err := rows.Scan(&in.Kind, &in.Value, &in.Mute, &created); err != nil {
			return nil, errors.Join(fmt.Errorf("find interests of user %d: %w", userID, err), rows.Close())
		}
		if in.CreatedAt, err = decodeTime(created); err != nil {
			return nil, errors.Join(fmt.Errorf("find interests of user %d: %w", userID, err), rows.Close())
		}
		out = append(out, in)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find interests of user %d: %w", userID, err)
	}
	return out, nil
}

// markTime encodes the time of a read or saved mark, which must be set.
func markTime(at time.Time) (any, error) {
	if at.IsZero() {
		return nil, errors.New("no time")
	}
	return encodeTime(at)
}

// MarkRead records a read, keeping the later of the stored and given times.
func (db *DB) MarkRead(ctx context.Context, userID, storyID int64, at time.Time) error {
	t, err := markTime(at)
	if err != nil {
		return fmt.Errorf("mark story %d read by user %d: %w", storyID, userID, err)
	}
	_, err = db.write.ExecContext(ctx, `INSERT INTO story_reads (user_id, story_id, read_at) VALUES (?, ?, ?)
ON CONFLICT (user_id, story_id) DO UPDATE SET read_at = max(read_at, excluded.read_at)`, userID, storyID, t)
	if err != nil {
		return fmt.Errorf("mark story %d read by user %d: %w", storyID, userID, mapErr(err))
	}
	return nil
}

// FindReads returns when the user last read each of ids (every read story
// when ids is empty).
func (db *DB) FindReads(ctx context.Context, userID int64, ids []int64) (map[int64]time.Time, error) {
	q := `SELECT story_id, read_at FROM story_reads WHERE user_id = ?`
	args := []any{userID}
	if len(ids) > 0 {
		list, err := idList(ids)
		if err != nil {
			return nil, fmt.Errorf("find reads of user %d: %w", userID, err)
		}
		q += ` AND story_id IN (SELECT value FROM json_each(?))`
		args = append(args, list)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find reads of user %d: %w", userID, err)
	}
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var at sql.NullString
		if err := rows.Scan(&id, &at); err != nil {
			return nil, errors.Join(fmt.Errorf("find reads of user %d: %w", userID, err), rows.Close())
		}
		if out[id], err = decodeTime(at); err != nil {
			return nil, errors.Join(fmt.Errorf("find reads of user %d: %w", userID, err), rows.Close())
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find reads of user %d: %w", userID, err)
	}
	return out, nil
}

// SaveStory adds a story to the user's saved list; saving it again keeps
// the first time.
func (db *DB) SaveStory(ctx context.Context, userID, storyID int64, at time.Time) error {
	t, err := markTime(at)
	if err != nil {
		return fmt.Errorf("save story %d for user %d: %w", storyID, userID, err)
	}
	_, err = db.write.ExecContext(ctx, `INSERT INTO saved_stories (user_id, story_id, saved_at) VALUES (?, ?, ?)
ON CONFLICT (user_id, story_id) DO NOTHING`, userID, storyID, t)
	if err != nil {
		return fmt.Errorf("save story %d for user %d: %w", storyID, userID, mapErr(err))
	}
	return nil
}

// UnsaveStory drops a story from the user's saved list.
func (db *DB) UnsaveStory(ctx context.Context, userID, storyID int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM saved_stories WHERE user_id = ? AND story_id = ?`, userID, storyID); err != nil {
		return fmt.Errorf("unsave story %d for user %d: %w", storyID, userID, err)
	}
	return nil
}

// FindSaved returns the user's saved stories, most recent first (then by
// story ID, descending).
func (db *DB) FindSaved(ctx context.Context, userID int64) ([]parallax.StoryMark, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT story_id, saved_at FROM saved_stories
WHERE user_id = ? ORDER BY saved_at DESC, story_id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("find saved of user %d: %w", userID, err)
	}
	var out []parallax.StoryMark
	for rows.Next() {
		var m parallax.StoryMark
		var at sql.NullString
		if err := rows.Scan(&m.StoryID, &at); err != nil {
			return nil, errors.Join(fmt.Errorf("find saved of user %d: %w", userID, err), rows.Close())
		}
		if m.At, err = decodeTime(at); err != nil {
			return nil, errors.Join(fmt.Errorf("find saved of user %d: %w", userID, err), rows.Close())
		}
		out = append(out, m)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find saved of user %d: %w", userID, err)
	}
	return out, nil
}

// Subscribe adds a feed to the user's subscriptions.
func (db *DB) Subscribe(ctx context.Context, userID, feedID int64) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO user_feeds (user_id, feed_id) VALUES (?, ?)
ON CONFLICT (user_id, feed_id) DO NOTHING`, userID, feedID)
	if err != nil {
		return fmt.Errorf("subscribe user %d to feed %d: %w", userID, feedID, mapErr(err))
	}
	return nil
}

// Unsubscribe removes a feed from the user's subscriptions.
func (db *DB) Unsubscribe(ctx context.Context, userID, feedID int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM user_feeds WHERE user_id = ? AND feed_id = ?`, userID, feedID); err != nil {
		return fmt.Errorf("unsubscribe user %d from feed %d: %w", userID, feedID, err)
	}
	return nil
}

// FindSubscriptions returns the user's feeds by ID.
func (db *DB) FindSubscriptions(ctx context.Context, userID int64) ([]*parallax.Feed, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds
WHERE id IN (SELECT feed_id FROM user_feeds WHERE user_id = ?) ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("find subscriptions of user %d: %w", userID, err)
	}
	var out []*parallax.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("find subscriptions of user %d: %w", userID, err), rows.Close())
		}
		out = append(out, f)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find subscriptions of user %d: %w", userID, err)
	}
	return out, nil
}

// FindStoryProfiles returns the profiles of the stories of ids that exist,
// in the order of ids, in four set-based queries. A story's entities are
// those of the entities table, or, when it holds none for the story, the
// names its articles mention (canonical, or as written when unresolved,
// as FindEntities lists them).
func (db *DB) FindStoryProfiles(ctx context.Context, ids []int64) ([]parallax.StoryProfile, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := idList(ids)
	if err != nil {
		return nil, fmt.Errorf("find story profiles: %w", err)
	}
	var ps profiles.Collector
	err = db.inReadTx(ctx, func(tx *sql.Tx) error {
		if err := eachRow(ctx, tx, `SELECT id FROM stories WHERE id IN (SELECT value FROM json_each(?))`,
			[]any{list}, func(r *sql.Rows) error {
				var id int64
				if err := r.Scan(&id); err != nil {
					return err
				}
				ps.Story(id)
				return nil
			}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT story_id, name FROM entities WHERE story_id IN (SELECT value FROM json_each(?))
UNION
SELECT sa.story_id, CASE WHEN m.canonical <> '' THEN m.canonical ELSE m.text END
FROM story_articles AS sa JOIN mentions AS m ON m.article_id = sa.article_id
WHERE sa.story_id IN (SELECT value FROM json_each(?))
    AND NOT EXISTS (SELECT 1 FROM entities AS e WHERE e.story_id = sa.story_id)`,
			[]any{list, list}, func(r *sql.Rows) error {
				var id int64
				var name string
				if err := r.Scan(&id, &name); err != nil {
					return err
				}
				ps.Entity(id, name)
				return nil
			}); err != nil {
			return err
		}
		return eachRow(ctx, tx, `SELECT sa.story_id, a.source, a.title, a.tags, a.fetched
FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id
WHERE sa.story_id IN (SELECT value FROM json_each(?))`, []any{list}, func(r *sql.Rows) error {
			var id int64
			var source, title, tags string
			var fetched sql.NullString
			if err := r.Scan(&id, &source, &title, &tags, &fetched); err != nil {
				return err
			}
			at, err := decodeTime(fetched)
			if err != nil {
				return err
			}
			var ts []string
			if err := decodeJSON(tags, &ts); err != nil {
				return fmt.Errorf("tags of an article of story %d: %w", id, err)
			}
			ps.Article(id, source, title, ts, at)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("find story profiles: %w", err)
	}
	return ps.InOrder(ids), nil
}

// eachRow runs q and calls fn on each of its rows.
func eachRow(ctx context.Context, tx *sql.Tx, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := fn(rows); err != nil {
			return errors.Join(err, rows.Close())
		}
	}
	return errors.Join(rows.Err(), rows.Close())
}

// FindTags lists the tags of stored articles with the stories that carry
// them. Tags are grouped as written; f.Name selects the tags equal to it
// case-insensitively (Unicode simple folding, as strings.EqualFold), which
// is applied here rather than in SQL so that both stores agree.
func (db *DB) FindTags(ctx context.Context, f parallax.NameFilter) ([]parallax.TagRef, error) {
	where, limit := "", limitArg(f.Limit)
	args := []any{}
	if f.Name != "" {
		// A cheap superset in SQL (simple case folding keeps the number of
		// characters); the limit applies after the exact match below.
		where = `AND length(t.value) = length(?)`
		args = append(args, f.Name)
		limit = -1
	}
	args = append(args, limit)
	rows, err := db.read.QueryContext(ctx, `SELECT t.value, COALESCE(group_concat(DISTINCT sa.story_id), '')
FROM articles AS a JOIN json_each(CASE WHEN json_type(a.tags) = 'array' THEN a.tags ELSE '[]' END) AS t
LEFT JOIN story_articles AS sa ON sa.article_id = a.id
WHERE t.type = 'text' AND t.value <> '' `+where+`
GROUP BY t.value ORDER BY COUNT(DISTINCT sa.story_id) DESC, t.value LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("find tags: %w", err)
	}
	var out []parallax.TagRef
	for rows.Next() {
		var tg parallax.TagRef
		var ids string
		if err := rows.Scan(&tg.Name, &ids); err != nil {
			return nil, errors.Join(fmt.Errorf("find tags: %w", err), rows.Close())
		}
		if f.Name != "" && !strings.EqualFold(tg.Name, f.Name) {
			continue
		}
		if tg.StoryIDs, err = parseIDs(ids); err != nil {
			return nil, errors.Join(fmt.Errorf("find tags: %w", err), rows.Close())
		}
		out = append(out, tg)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find tags: %w", err)
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}
