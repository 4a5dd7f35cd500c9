package sqlite

import (
	"context"
	"fmt"
)

// The search index (articles_fts) trails the articles: see the comment in
// migrations/0001_init.sql. These statements keep it consistent.
const (
	deleteSearch = `DELETE FROM articles_fts WHERE rowid = ?
    AND rowid <= (SELECT indexed_through FROM search_state WHERE id = 1)`
	reindexSearch = `INSERT INTO articles_fts (rowid, title, body)
SELECT id, title, body FROM article_text WHERE id = ?
    AND id <= (SELECT indexed_through FROM search_state WHERE id = 1)`
	indexedThrough   = `SELECT indexed_through FROM search_state WHERE id = 1`
	indexSearchBatch = `INSERT INTO articles_fts (rowid, title, body)
SELECT id, title, body FROM article_text WHERE id > ? AND id <= ? ORDER BY id`
	lastArticleAfter  = `SELECT MAX(id) FROM (SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?)`
	raiseIndexedUntil = `UPDATE search_state SET indexed_through = ? WHERE id = 1`
)

// indexSearch adds up to limit articles not yet in the search index, in one
// transaction, and returns how many it added. The search feature calls it
// after ingesting (or before searching); one statement per batch lets FTS5
// build few, large segments.
func (db *DB) indexSearch(ctx context.Context, limit int) (int, error) {
	var n int
	err := db.withStmts(ctx, func(s *stmts) error {
		st, err := s.get(ctx, indexedThrough)
		if err != nil {
			return err
		}
		var from int64
		if err := st.QueryRowContext(ctx).Scan(&from); err != nil {
			return err
		}
		if st, err = s.get(ctx, lastArticleAfter); err != nil {
			return err
		}
		var to *int64
		if err := st.QueryRowContext(ctx, from, limit).Scan(&to); err != nil || to == nil {
			return err
		}
		res, err := s.exec(ctx, indexSearchBatch, from, *to)
		if err != nil {
			return err
		}
		added, err := res.RowsAffected()
		if err != nil {
			return err
		}
		n = int(added)
		_, err = s.exec(ctx, raiseIndexedUntil, *to)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("index search: %w", err)
	}
	return n, nil
}
