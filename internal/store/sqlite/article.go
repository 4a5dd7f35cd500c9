package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/parallax-news/parallax"
)

const articleColumns = `a.id, a.document_id, a.url, a.source, a.title, a.byline, a.dateline_place,
    a.dateline_date, a.section, a.published, a.fetched, a.language, a.tags, a.body, a.removed`

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

func scanArticle(sc scanner) (*parallax.Article, error) {
	var (
		a                      parallax.Article
		dateline, pub, fetched sql.NullString
		tags, body, removed    string
	)
	err := sc.Scan(&a.ID, &a.DocumentID, &a.URL, &a.Source, &a.Title, &a.Byline, &a.Dateline.Place,
		&dateline, &a.Section, &pub, &fetched, &a.Language, &tags, &body, &removed)
	if err != nil {
		return nil, err
	}
	var td timeDecoder
	a.Dateline.Date, a.Published, a.Fetched = td.time(dateline), td.time(pub), td.time(fetched)
	if td.err != nil {
		return nil, fmt.Errorf("article %d: %w", a.ID, td.err)
	}
	for _, c := range []struct {
		s string
		v any
	}{{tags, &a.Tags}, {body, &a.Body}, {removed, &a.Removed}} {
		if err := decodeJSON(c.s, c.v); err != nil {
			return nil, fmt.Errorf("article %d: %w", a.ID, err)
		}
	}
	return &a, nil
}

// FindArticleByID returns the article with the given id.
func (db *DB) FindArticleByID(ctx context.Context, id int64) (*parallax.Article, error) {
	q := `SELECT ` + articleColumns + ` FROM articles a WHERE a.id = ?`
	a, err := scanArticle(db.read.QueryRowContext(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find article %d: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find article %d: %w", id, err)
	}
	return a, nil
}

// FindArticles returns the articles matching f, ordered by id.
func (db *DB) FindArticles(ctx context.Context, f parallax.ArticleFilter) ([]*parallax.Article, error) {
	var (
		b    strings.Builder
		args []any
	)
	b.WriteString(`SELECT ` + articleColumns + ` FROM articles a`)
	if f.StoryID != 0 {
		b.WriteString(` JOIN story_articles sa ON sa.article_id = a.id AND sa.story_id = ?`)
		args = append(args, f.StoryID)
	}
	b.WriteString(` WHERE a.id > ?`)
	args = append(args, f.AfterID)
	if len(f.IDs) > 0 {
		ids, err := idList(f.IDs)
		if err != nil {
			return nil, fmt.Errorf("find articles: %w", err)
		}
		b.WriteString(` AND a.id IN (SELECT value FROM json_each(?))`)
		args = append(args, ids)
	}
	if f.Unprocessed {
		b.WriteString(` AND a.id IN (SELECT article_id FROM pending_articles)`)
	}
	b.WriteString(` ORDER BY a.id`)
	if f.Limit > 0 {
		b.WriteString(` LIMIT ?`)
		args = append(args, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("find articles: %w", err)
	}
	defer rows.Close()
	var out []*parallax.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("find articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find articles: %w", err)
	}
	return out, nil
}

// UpdateArticle replaces the extracted fields of the stored article a.ID
// (everything but ID and DocumentID) and, when it is indexed already, its
// search entry.
func (db *DB) UpdateArticle(ctx context.Context, a *parallax.Article) error {
	const q = `UPDATE articles SET url = ?, source = ?, title = ?, byline = ?, dateline_place = ?,
    dateline_date = ?, section = ?, published = ?, fetched = ?, language = ?, tags = ?, body = ?,
    removed = ?
WHERE id = ?`
	if a == nil {
		return errors.New("update article: nil article")
	}
	cols, err := articleValues(a)
	if err != nil {
		return fmt.Errorf("update article %d: %w", a.ID, err)
	}
	err = db.withStmts(ctx, func(s *stmts) error {
		res, err := s.exec(ctx, q, append(cols, a.ID)...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return parallax.ErrNotFound
		}
		if _, err := s.exec(ctx, deleteSearch, a.ID); err != nil {
			return err
		}
		_, err = s.exec(ctx, reindexSearch, a.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("update article %d: %w", a.ID, err)
	}
	return nil
}
