package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// The search vector trails ingest, as SQLite's FTS index does: it costs
// six times the rest of storing a ~3 KB article (to_tsvector and the GIN
// index), so CreateDocuments stores articles with search NULL (a partial
// index lists them, migration 0007) and IndexSearch fills it in later, in
// bounded transactions. SearchArticles catches up first, so that a search
// finds every stored article; a worker that calls IndexSearch after its
// ingest keeps that catch-up short. UpdateArticle writes the vector itself.

// searchBatch is how many articles one IndexSearch transaction indexes.
const searchBatch = 1000

// bodyText is the plain text of an article's body as Article.Text joins it
// (block texts, newline-separated), cut to maxSearchText characters as
// searchText cuts it.
const bodyText = `left((SELECT COALESCE(string_agg(b.v->>'text', E'\n' ORDER BY b.n), '')
    FROM jsonb_array_elements(CASE jsonb_typeof(body) WHEN 'array' THEN body ELSE '[]' END)
        WITH ORDINALITY AS b(v, n)), %d)`

// indexPending fills the search vector of up to $1 unindexed articles with
// IDs up to $2, lowest first. The rows are locked in ID order, so that two
// sessions catching up at once neither deadlock nor index an article
// twice: the second waits for the first and skips what it indexed.
var indexPending = `UPDATE articles SET search = ` +
	fmt.Sprintf(searchVector, "title", fmt.Sprintf(bodyText, maxSearchText)) + `
WHERE id IN (SELECT id FROM articles WHERE search IS NULL AND id <= $2 ORDER BY id LIMIT $1 FOR UPDATE)`

const (
	// lastPending is the highest ID of an unindexed article, NULL when
	// search is up to date.
	lastPending = `SELECT MAX(id) FROM articles WHERE search IS NULL`
	// anyPending reports whether an article with an ID up to $1 is
	// unindexed.
	anyPending = `SELECT EXISTS (SELECT 1 FROM articles WHERE search IS NULL AND id <= $1)`
)

// IndexSearch makes up to limit stored articles that search does not find
// yet findable (all of those stored when it starts when limit <= 0), in
// transactions of at most 1,000 articles, lowest IDs first, and returns how
// many it indexed: 0 when search was up to date. It is safe to call from
// any number of processes at once. Searches call it themselves; a worker
// calls it after ingesting so that they seldom have to.
func (db *DB) IndexSearch(ctx context.Context, limit int) (int, error) {
	var last *int64
	if err := db.pool.QueryRow(ctx, lastPending).Scan(&last); err != nil {
		return 0, fmt.Errorf("index search: %w", err)
	}
	total := 0
	for last != nil && (limit <= 0 || total < limit) {
		n := searchBatch
		if limit > 0 {
			n = min(n, limit-total)
		}
		var done int64
		err := db.inTxWith(ctx, db.bulkTx, func(tx pgx.Tx) error {
			tag, err := tx.Exec(ctx, indexPending, n, *last)
			done = tag.RowsAffected()
			return err
		})
		if err != nil {
			return total, fmt.Errorf("index search: %w", err)
		}
		total += int(done)
		if done > 0 {
			continue
		}
		// Every article the batch picked was indexed meanwhile by another
		// session; stop when none is left.
		var more bool
		if err := db.pool.QueryRow(ctx, anyPending, *last).Scan(&more); err != nil {
			return total, fmt.Errorf("index search: %w", err)
		}
		if !more {
			break
		}
	}
	return total, nil
}
