package postgres

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

var (
	_ parallax.ArticleSearcher = (*DB)(nil)
	_ parallax.Browser         = (*DB)(nil)
	_ parallax.TokenStore      = (*DB)(nil)
)

// SearchArticles indexes the articles stored since the last search (the
// index trails ingest: see search.go), then ranks the articles whose search
// vector holds every word of q (ts_rank: the title weighs A, the body B).
func (db *DB) SearchArticles(ctx context.Context, q string, limit int) ([]parallax.SearchHit, error) {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(words) == 0 {
		return nil, nil
	}
	if _, err := db.IndexSearch(ctx, 0); err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	rows, err := db.pool.Query(ctx, `SELECT a.id, ts_rank(a.search, q)::float8 AS score
FROM articles AS a, plainto_tsquery('simple', $1) AS q
WHERE a.search @@ q ORDER BY score DESC, a.id LIMIT $2`, strings.Join(words, " "), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (parallax.SearchHit, error) {
		var h parallax.SearchHit
		return h, r.Scan(&h.ArticleID, &h.Score)
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	return out, nil
}

// FindEntities lists the entities named in analysed articles, grouped by
// canonical name (the name as written when unresolved) and kind.
func (db *DB) FindEntities(ctx context.Context, f parallax.NameFilter) ([]parallax.EntityRef, error) {
	where := ""
	args := []any{limitArg(f.Limit)}
	if f.Name != "" {
		where = `WHERE m.canonical = $2 OR (m.canonical = '' AND m.text = $2)`
		args = append(args, f.Name)
	}
	rows, err := db.pool.Query(ctx, `SELECT name, kind, COUNT(DISTINCT article_id),
    COALESCE(array_agg(DISTINCT story_id ORDER BY story_id) FILTER (WHERE story_id IS NOT NULL), '{}')
FROM (SELECT CASE WHEN m.canonical <> '' THEN m.canonical ELSE m.text END AS name, m.kind AS kind,
        m.article_id AS article_id, sa.story_id AS story_id
    FROM mentions AS m LEFT JOIN story_articles AS sa ON sa.article_id = m.article_id `+where+`) AS e
GROUP BY name, kind ORDER BY COUNT(DISTINCT story_id) DESC, name COLLATE "C", kind COLLATE "C" LIMIT $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (parallax.EntityRef, error) {
		var e parallax.EntityRef
		return e, r.Scan(&e.Name, &e.Kind, &e.Articles, &e.StoryIDs)
	})
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	return out, nil
}

// FindSources lists the publishers of stored articles.
func (db *DB) FindSources(ctx context.Context, f parallax.NameFilter) ([]parallax.SourceRef, error) {
	rows, err := db.pool.Query(ctx, `SELECT a.source, COUNT(DISTINCT a.id),
    COALESCE(array_agg(DISTINCT sa.story_id ORDER BY sa.story_id) FILTER (WHERE sa.story_id IS NOT NULL), '{}')
FROM articles AS a LEFT JOIN story_articles AS sa ON sa.article_id = a.id
WHERE a.source <> '' AND ($1 = '' OR a.source = $1)
GROUP BY a.source ORDER BY 2 DESC, a.source COLLATE "C" LIMIT $2`, f.Name, limitArg(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (parallax.SourceRef, error) {
		var s parallax.SourceRef
		return s, r.Scan(&s.Name, &s.Articles, &s.StoryIDs)
	})
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	return out, nil
}

// limitArg is the LIMIT for n: NULL (no limit) when n <= 0.
func limitArg(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}
