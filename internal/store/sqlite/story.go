package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// FindStoryByID returns the story with the given id and its article ids.
func (db *DB) FindStoryByID(ctx context.Context, id int64) (*parallax.Story, error) {
	ss, err := db.findStories(ctx, parallax.StoryFilter{IDs: []int64{id}})
	if err != nil {
		return nil, fmt.Errorf("find story %d: %w", id, err)
	}
	if len(ss) == 0 {
		return nil, fmt.Errorf("find story %d: %w", id, parallax.ErrNotFound)
	}
	return ss[0], nil
}

// FindStories returns the stories matching f ranked by independent sources,
// then last seen (most recent first), then id. Since keeps stories last seen
// at or after it.
func (db *DB) FindStories(ctx context.Context, f parallax.StoryFilter) ([]*parallax.Story, error) {
	ss, err := db.findStories(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("find stories: %w", err)
	}
	return ss, nil
}

func (db *DB) findStories(ctx context.Context, f parallax.StoryFilter) ([]*parallax.Story, error) {
	var (
		b    strings.Builder
		args []any
	)
	b.WriteString(`SELECT id, headline, sources, first_seen, last_seen, updated_at FROM stories WHERE 1 = 1`)
	if len(f.IDs) > 0 {
		ids, err := idList(f.IDs)
		if err != nil {
			return nil, err
		}
		b.WriteString(` AND id IN (SELECT value FROM json_each(?))`)
		args = append(args, ids)
	}
	if !f.Since.IsZero() {
		since, err := encodeTime(f.Since)
		if err != nil {
			return nil, err
		}
		b.WriteString(` AND last_seen >= ?`)
		args = append(args, since)
	}
	b.WriteString(` ORDER BY sources DESC, last_seen DESC NULLS LAST, id`)
	if f.Limit > 0 {
		b.WriteString(` LIMIT ?`)
		args = append(args, f.Limit)
	}
	var out []*parallax.Story
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = readStories(ctx, tx, b.String(), args)
		return err
	})
	return out, err
}

// readStories reads the stories q selects and their article ids in tx.
func readStories(ctx context.Context, tx *sql.Tx, q string, args []any) ([]*parallax.Story, error) {
	var (
		out   []*parallax.Story
		index = map[int64]*parallax.Story{}
		ids   []int64
	)
	err := queryEach(ctx, tx, q, args, func(rows *sql.Rows) error {
		var (
			s       parallax.Story
			t       [3]sql.NullString
			decoder timeDecoder
		)
		if err := rows.Scan(&s.ID, &s.Headline, &s.Sources, &t[0], &t[1], &t[2]); err != nil {
			return err
		}
		s.FirstSeen, s.LastSeen, s.UpdatedAt = decoder.time(t[0]), decoder.time(t[1]), decoder.time(t[2])
		if decoder.err != nil {
			return fmt.Errorf("story %d: %w", s.ID, decoder.err)
		}
		out = append(out, &s)
		index[s.ID] = &s
		ids = append(ids, s.ID)
		return nil
	})
	if err != nil || len(out) == 0 {
		return nil, err
	}
	where, args, err := byArticle("story_id", ids)
	if err != nil {
		return nil, err
	}
	q = `SELECT story_id, article_id FROM story_articles` + where + ` ORDER BY story_id, article_id`
	err = queryEach(ctx, tx, q, args, func(rows *sql.Rows) error {
		var storyID, articleID int64
		if err := rows.Scan(&storyID, &articleID); err != nil {
			return err
		}
		s := index[storyID]
		s.ArticleIDs = append(s.ArticleIDs, articleID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("story articles: %w", err)
	}
	return out, nil
}

// SaveBrief stores b as the brief of story b.StoryID, replacing any other.
// The story must exist.
func (db *DB) SaveBrief(ctx context.Context, b *parallax.Brief) error {
	_, err := db.saveBrief(ctx, b, nil)
	return err
}

// SaveBriefIfCurrent saves b only while its story is stored with the given
// UpdatedAt (compared as stored text, to the nanosecond), and reports
// whether it did.
func (db *DB) SaveBriefIfCurrent(ctx context.Context, b *parallax.Brief, storyUpdatedAt time.Time) (bool, error) {
	at, err := encodeTime(storyUpdatedAt)
	if err != nil {
		return false, fmt.Errorf("save brief: %w", err)
	}
	return db.saveBrief(ctx, b, &at)
}

// saveBrief upserts b; when at is not nil, only while b's story is stored
// with updated_at *at (NULL when *at is nil).
func (db *DB) saveBrief(ctx context.Context, b *parallax.Brief, at *any) (bool, error) {
	const always = `INSERT INTO briefs (story_id, brief, built_at, story_updated_at) VALUES (?, ?, ?, NULL)
ON CONFLICT (story_id) DO UPDATE SET brief = excluded.brief, built_at = excluded.built_at,
    story_updated_at = NULL`
	const current = `INSERT INTO briefs (story_id, brief, built_at, story_updated_at)
SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM stories WHERE id = ?1 AND updated_at IS ?4)
ON CONFLICT (story_id) DO UPDATE SET brief = excluded.brief, built_at = excluded.built_at,
    story_updated_at = excluded.story_updated_at`
	if b == nil {
		return false, errors.New("save brief: nil brief")
	}
	body, err := encodeJSON(b)
	if err != nil {
		return false, fmt.Errorf("save brief %d: %w", b.StoryID, err)
	}
	built, err := encodeTime(b.BuiltAt)
	if err != nil {
		return false, fmt.Errorf("save brief %d: %w", b.StoryID, err)
	}
	saved := false
	err = inTx(ctx, db.write, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		if at == nil {
			res, err = tx.ExecContext(ctx, always, b.StoryID, body, built)
		} else {
			res, err = tx.ExecContext(ctx, current, b.StoryID, body, built, *at)
		}
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		saved = n > 0
		return err
	})
	if err != nil {
		return false, fmt.Errorf("save brief %d: %w", b.StoryID, err)
	}
	return saved, nil
}

// FindStaleBriefs returns the stories with no brief or one not saved for
// the story's current updated_at, in ascending order.
func (db *DB) FindStaleBriefs(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := queryEach(ctx, db.read, `SELECT s.id FROM stories s LEFT JOIN briefs b ON b.story_id = s.id
WHERE b.story_id IS NULL OR b.story_updated_at IS NOT s.updated_at ORDER BY s.id`, nil, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find stale briefs: %w", err)
	}
	return ids, nil
}

// FindBrief returns the brief of the given story.
func (db *DB) FindBrief(ctx context.Context, storyID int64) (*parallax.Brief, error) {
	var body string
	err := db.read.QueryRowContext(ctx, `SELECT brief FROM briefs WHERE story_id = ?`, storyID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find brief %d: %w", storyID, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find brief %d: %w", storyID, err)
	}
	var b parallax.Brief
	if err := decodeJSON(body, &b); err != nil {
		return nil, fmt.Errorf("find brief %d: %w", storyID, err)
	}
	return &b, nil
}
