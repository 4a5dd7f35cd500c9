package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

const feedColumns = `id, url, title, site_url, source, category, created_at, last_fetch, status, error,
errors, etag, last_modified, items, interval_s, next_poll`

// CreateFeed stores f and fills in its ID.
func (db *DB) CreateFeed(ctx context.Context, f *parallax.Feed) error {
	created, err := encodeTime(f.CreatedAt)
	if err != nil {
		return fmt.Errorf("create feed %s: %w", f.URL, err)
	}
	status := f.Status
	if status == "" {
		status = parallax.FeedNew
	}
	err = db.pool.QueryRow(ctx, `INSERT INTO feeds (url, title, site_url, source, category, created_at, status)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, f.URL, f.Title, f.SiteURL, f.Source, f.Category, created, status).Scan(&f.ID)
	if err != nil {
		return fmt.Errorf("create feed %s: %w", f.URL, mapErr(err))
	}
	f.Status = status
	if err := db.UpdateFeed(ctx, f.ID, f.FeedState); err != nil {
		return fmt.Errorf("create feed %s: %w", f.URL, err)
	}
	return nil
}

// FindFeedByID returns one feed.
func (db *DB) FindFeedByID(ctx context.Context, id int64) (*parallax.Feed, error) {
	fs, err := db.FindFeeds(ctx, parallax.FeedFilter{IDs: []int64{id}})
	if err != nil {
		return nil, fmt.Errorf("find feed %d: %w", id, err)
	}
	if len(fs) == 0 {
		return nil, fmt.Errorf("find feed %d: %w", id, parallax.ErrNotFound)
	}
	return fs[0], nil
}

// FindFeeds returns the feeds f selects.
func (db *DB) FindFeeds(ctx context.Context, f parallax.FeedFilter) ([]*parallax.Feed, error) {
	var where []string
	var args []any
	if f.IDs != nil {
		args = append(args, f.IDs)
		where = append(where, fmt.Sprintf(`id = ANY($%d)`, len(args)))
	}
	order := "id"
	if !f.DueBy.IsZero() {
		due, err := encodeTime(f.DueBy)
		if err != nil {
			return nil, fmt.Errorf("find feeds: %w", err)
		}
		args = append(args, due)
		where = append(where, fmt.Sprintf(`(next_poll IS NULL OR next_poll <= $%d)`, len(args)))
		order = "COALESCE(next_poll, ''), id"
	}
	q := `SELECT ` + feedColumns + ` FROM feeds`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY ` + order
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += fmt.Sprintf(` LIMIT $%d`, len(args))
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find feeds: %w", err)
	}
	defer rows.Close()
	var out []*parallax.Feed
	for rows.Next() {
		fd, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("find feeds: %w", err)
		}
		out = append(out, fd)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find feeds: %w", err)
	}
	return out, nil
}

// UpdateFeed replaces a feed's poll state.
func (db *DB) UpdateFeed(ctx context.Context, id int64, s parallax.FeedState) error {
	ts, err := encodeTimes(s.LastFetch, s.NextPoll)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	status := s.Status
	if status == "" {
		status = parallax.FeedNew
	}
	tag, err := db.pool.Exec(ctx, `UPDATE feeds SET last_fetch = $1, status = $2, error = $3, errors = $4,
etag = $5, last_modified = $6, items = $7, interval_s = $8, next_poll = $9 WHERE id = $10`,
		ts[0], status, s.Error, s.Errors, s.ETag, s.LastModified, s.Items, int64(s.Interval/time.Second), ts[1], id)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("update feed %d: %w", id, parallax.ErrNotFound)
	}
	return nil
}

// DeleteFeed removes a subscription.
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM feeds WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete feed %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete feed %d: %w", id, parallax.ErrNotFound)
	}
	return nil
}

func scanFeed(row pgx.Row) (*parallax.Feed, error) {
	var f parallax.Feed
	var created, last, next *string
	var interval, items int64
	var errs int32
	if err := row.Scan(&f.ID, &f.URL, &f.Title, &f.SiteURL, &f.Source, &f.Category, &created, &last,
		&f.Status, &f.Error, &errs, &f.ETag, &f.LastModified, &items, &interval, &next); err != nil {
		return nil, err
	}
	var d timeDecoder
	f.CreatedAt, f.LastFetch, f.NextPoll = d.time(created), d.time(last), d.time(next)
	f.Interval = time.Duration(interval) * time.Second
	f.Errors, f.Items = int(errs), int(items)
	if d.err != nil {
		return nil, d.err
	}
	return &f, nil
}

// KnownURLs reports which of urls are stored documents.
func (db *DB) KnownURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(urls) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT url FROM documents WHERE url = ANY($1)`, urls)
	if err != nil {
		return nil, fmt.Errorf("known urls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("known urls: %w", err)
		}
		out[u] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("known urls: %w", err)
	}
	return out, nil
}
