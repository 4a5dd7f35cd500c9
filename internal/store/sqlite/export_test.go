package sqlite

import (
	"context"
	"database/sql"
)

// IndexSearch exposes indexSearch to the package's external tests.
func (db *DB) IndexSearch(ctx context.Context, limit int) (int, error) {
	return db.indexSearch(ctx, limit)
}

// Match returns the ids of the articles the search index matches with q.
func (db *DB) Match(ctx context.Context, q string) ([]int64, error) {
	var ids []int64
	err := queryEach(ctx, db.read, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid`, []any{q}, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	return ids, err
}

// ArticleText returns the article's text as the search index reads it.
func (db *DB) ArticleText(ctx context.Context, id int64) (string, error) {
	var s string
	err := db.read.QueryRowContext(ctx, `SELECT body FROM article_text WHERE id = ?`, id).Scan(&s)
	return s, err
}

// Raw returns the write pool, for tests that tamper with the file.
func (db *DB) Raw() *sql.DB { return db.write }

// SetKeepSaves sets how many saves the process log reaches back, for a
// test, and returns a func that restores it.
func SetKeepSaves(n int64) func() {
	old := keepSaves
	keepSaves = n
	return func() { keepSaves = old }
}
