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
	res, err := db.write.ExecContext(ctx, `INSERT INTO feeds (url, title, site_url, source, category, created_at, status)
VALUES (?, ?, ?, ?, ?, ?, ?)`, f.URL, f.Title, f.SiteURL, f.Source, f.Category, created, status)
	if err != nil {
		return fmt.Errorf("create feed %s: %w", f.URL, mapErr(err))
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create feed %s: %w", f.URL, err)
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
		ids, err := idList(f.IDs)
		if err != nil {
			return nil, fmt.Errorf("find feeds: %w", err)
		}
		where = append(where, `id IN (SELECT value FROM json_each(?))`)
		args = append(args, ids)
	}
	order := "id"
	if !f.DueBy.IsZero() {
		due, err := encodeTime(f.DueBy)
		if err != nil {
			return nil, fmt.Errorf("find feeds: %w", err)
		}
		where = append(where, `(next_poll IS NULL OR next_poll <= ?)`)
		args = append(args, due)
		order = "COALESCE(next_poll, ''), id"
	}
	q := `SELECT ` + feedColumns + ` FROM feeds`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY ` + order
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find feeds: %w", err)
	}
	var out []*parallax.Feed
	for rows.Next() {
		fd, err := scanFeed(rows)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("find feeds: %w", err), rows.Close())
		}
		out = append(out, fd)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find feeds: %w", err)
	}
	return out, nil
}

// UpdateFeed replaces a feed's poll state.
func (db *DB) UpdateFeed(ctx context.Context, id int64, s parallax.FeedState) error {
	last, err := encodeTime(s.LastFetch)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	next, err := encodeTime(s.NextPoll)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	status := s.Status
	if status == "" {
		status = parallax.FeedNew
	}
	res, err := db.write.ExecContext(ctx, `UPDATE feeds SET last_fetch = ?, status = ?, error = ?, errors = ?,
etag = ?, last_modified = ?, items = ?, interval_s = ?, next_poll = ? WHERE id = ?`,
		last, status, s.Error, s.Errors, s.ETag, s.LastModified, s.Items, int64(s.Interval/time.Second), next, id)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("update feed %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("update feed %d: %w", id, parallax.ErrNotFound)
	}
	return nil
}

// DeleteFeed removes a subscription.
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	res, err := db.write.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete feed %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete feed %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("delete feed %d: %w", id, parallax.ErrNotFound)
	}
	return nil
}

func scanFeed(row interface{ Scan(...any) error }) (*parallax.Feed, error) {
	var f parallax.Feed
	var created, last, next sql.NullString
	var interval int64
	if err := row.Scan(&f.ID, &f.URL, &f.Title, &f.SiteURL, &f.Source, &f.Category, &created, &last,
		&f.Status, &f.Error, &f.Errors, &f.ETag, &f.LastModified, &f.Items, &interval, &next); err != nil {
		return nil, err
	}
	var d timeDecoder
	f.CreatedAt, f.LastFetch, f.NextPoll = d.time(created), d.time(last), d.time(next)
	f.Interval = time.Duration(interval) * time.Second
	return &f, d.err
}

// KnownURLs reports which of urls are stored documents.
func (db *DB) KnownURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(urls) == 0 {
		return out, nil
	}
	list, err := encodeJSON(urls)
	if err != nil {
		return nil, fmt.Errorf("known urls: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT url FROM documents WHERE url IN (SELECT value FROM json_each(?))`, list)
	if err != nil {
		return nil, fmt.Errorf("known urls: %w", err)
	}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, errors.Join(fmt.Errorf("known urls: %w", err), rows.Close())
		}
		out[u] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("known urls: %w", err)
	}
	return out, nil
}
