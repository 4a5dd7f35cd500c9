package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
)

var (
	_ parallax.ArticleSearcher = (*DB)(nil)
	_ parallax.Browser         = (*DB)(nil)
	_ parallax.TokenStore      = (*DB)(nil)
)

// searchCatchUp is how many articles indexSearch adds per transaction when
// a search finds the index behind.
const searchCatchUp = 5000

// SearchArticles brings the search index up to date with the articles
// (it trails ingest on purpose), then ranks the matches by BM25 with the
// title weighted ten times the body.
func (db *DB) SearchArticles(ctx context.Context, q string, limit int) ([]parallax.SearchHit, error) {
	match := ftsQuery(q)
	if match == "" {
		return nil, nil
	}
	if err := db.catchUpSearch(ctx); err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.read.QueryContext(ctx, `SELECT rowid, -bm25(articles_fts, 10.0, 1.0) AS score
FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score DESC, rowid LIMIT ?`, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	var out []parallax.SearchHit
	for rows.Next() {
		var h parallax.SearchHit
		if err := rows.Scan(&h.ArticleID, &h.Score); err != nil {
			return nil, errors.Join(fmt.Errorf("search %q: %w", q, err), rows.Close())
		}
		out = append(out, h)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	return out, nil
}

// catchUpSearch indexes the articles past the watermark, checking first on
// a read connection so that an index already current costs no write lock.
func (db *DB) catchUpSearch(ctx context.Context) error {
	var through int64
	var last sql.NullInt64
	err := db.read.QueryRowContext(ctx, `SELECT (SELECT indexed_through FROM search_state WHERE id = 1), (SELECT MAX(id) FROM articles)`).Scan(&through, &last)
	if err != nil {
		return err
	}
	if !last.Valid || last.Int64 <= through {
		return nil
	}
	for {
		n, err := db.indexSearch(ctx, searchCatchUp)
		if err != nil || n < searchCatchUp {
			return err
		}
	}
}

// ftsQuery turns plain text into an FTS5 query that matches every word:
// each word is quoted, so no character of q is FTS5 syntax.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}

// FindEntities lists the entities named in analysed articles, grouped by
// canonical name (the name as written when unresolved) and kind.
func (db *DB) FindEntities(ctx context.Context, f parallax.NameFilter) ([]parallax.EntityRef, error) {
	where := ""
	args := []any{}
	if f.Name != "" {
		where = `WHERE m.canonical = ? OR (m.canonical = '' AND m.text = ?)`
		args = append(args, f.Name, f.Name)
	}
	args = append(args, limitArg(f.Limit))
	rows, err := db.read.QueryContext(ctx, `SELECT name, kind, COUNT(DISTINCT article_id), COUNT(DISTINCT story_id),
    COALESCE(group_concat(DISTINCT story_id), '')
FROM (SELECT CASE WHEN m.canonical <> '' THEN m.canonical ELSE m.text END AS name, m.kind AS kind,
        m.article_id AS article_id, sa.story_id AS story_id
    FROM mentions AS m LEFT JOIN story_articles AS sa ON sa.article_id = m.article_id `+where+`)
GROUP BY name, kind ORDER BY 4 DESC, name, kind LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	var out []parallax.EntityRef
	for rows.Next() {
		var e parallax.EntityRef
		var stories int
		var ids string
		if err := rows.Scan(&e.Name, &e.Kind, &e.Articles, &stories, &ids); err != nil {
			return nil, errors.Join(fmt.Errorf("find entities: %w", err), rows.Close())
		}
		if e.StoryIDs, err = parseIDs(ids); err != nil {
			return nil, errors.Join(fmt.Errorf("find entities: %w", err), rows.Close())
		}
		out = append(out, e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	return out, nil
}

// FindSources lists the publishers of stored articles.
func (db *DB) FindSources(ctx context.Context, f parallax.NameFilter) ([]parallax.SourceRef, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.source, COUNT(DISTINCT a.id), COALESCE(group_concat(DISTINCT sa.story_id), '')
FROM articles AS a LEFT JOIN story_articles AS sa ON sa.article_id = a.id
WHERE a.source <> '' AND (? = '' OR a.source = ?)
GROUP BY a.source ORDER BY 2 DESC, 1 LIMIT ?`, f.Name, f.Name, limitArg(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	var out []parallax.SourceRef
	for rows.Next() {
		var s parallax.SourceRef
		var ids string
		if err := rows.Scan(&s.Name, &s.Articles, &ids); err != nil {
			return nil, errors.Join(fmt.Errorf("find sources: %w", err), rows.Close())
		}
		if s.StoryIDs, err = parseIDs(ids); err != nil {
			return nil, errors.Join(fmt.Errorf("find sources: %w", err), rows.Close())
		}
		out = append(out, s)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	return out, nil
}

// limitArg is SQLite's LIMIT for n, where n <= 0 means no limit.
func limitArg(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// parseIDs parses group_concat's comma-separated ids, sorted.
func parseIDs(s string) ([]int64, error) {
	out := []int64{}
	if s == "" {
		return out, nil
	}
	for p := range strings.SplitSeq(s, ",") {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("stored id list %q: %w", s, err)
		}
		out = append(out, id)
	}
	slices.Sort(out)
	return out, nil
}
