package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

const articleColumns = `a.id, a.document_id, a.url, a.source, a.title, a.byline, a.dateline_place,
    a.dateline_date, a.section, a.published, a.fetched, a.language, a.tags, a.body, a.removed`

func scanArticle(row pgx.Row) (*parallax.Article, error) {
	var (
		a                      parallax.Article
		dateline, pub, fetched *string
		tags, body, removed    []byte
	)
	err := row.Scan(&a.ID, &a.DocumentID, &a.URL, &a.Source, &a.Title, &a.Byline, &a.Dateline.Place,
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
		b []byte
		v any
	}{{tags, &a.Tags}, {body, &a.Body}, {removed, &a.Removed}} {
		if err := decodeJSON(c.b, c.v); err != nil {
			return nil, fmt.Errorf("article %d: %w", a.ID, err)
		}
	}
	return &a, nil
}

// FindArticleByID returns the article with the given id.
func (db *DB) FindArticleByID(ctx context.Context, id int64) (*parallax.Article, error) {
	q := `SELECT ` + articleColumns + ` FROM articles a WHERE a.id = $1`
	a, err := scanArticle(db.pool.QueryRow(ctx, q, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("find article %d: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find article %d: %w", id, err)
	}
	return a, nil
}

// args numbers query parameters as they are added.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// FindArticles returns the articles matching f, ordered by id.
func (db *DB) FindArticles(ctx context.Context, f parallax.ArticleFilter) ([]*parallax.Article, error) {
	var (
		b  strings.Builder
		as args
	)
	b.WriteString(`SELECT ` + articleColumns + ` FROM articles a`)
	if f.StoryID != 0 {
		b.WriteString(` JOIN story_articles sa ON sa.article_id = a.id AND sa.story_id = ` + as.add(f.StoryID))
	}
	b.WriteString(` WHERE a.id > ` + as.add(f.AfterID))
	if len(f.IDs) > 0 {
		b.WriteString(` AND a.id = ANY(` + as.add(f.IDs) + `::bigint[])`)
	}
	if f.Unprocessed {
		b.WriteString(` AND a.id IN (SELECT article_id FROM pending_articles)`)
	}
	b.WriteString(` ORDER BY a.id`)
	if f.Limit > 0 {
		b.WriteString(` LIMIT ` + as.add(f.Limit))
	}
	rows, err := db.pool.Query(ctx, b.String(), as...)
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
// (everything but ID and DocumentID) and its search entry.
func (db *DB) UpdateArticle(ctx context.Context, a *parallax.Article) error {
	q := `UPDATE articles SET url = $1, source = $2, title = $3, byline = $4, dateline_place = $5,
    dateline_date = $6, section = $7, published = $8, fetched = $9, language = $10, tags = $11,
    body = $12, removed = $13, search = ` + fmt.Sprintf(searchVector, "$14::text", "$15::text") + `
WHERE id = $16`
	cols, err := articleValues(a)
	if err != nil {
		return fmt.Errorf("update article %d: %w", a.ID, err)
	}
	cols = append(cols, a.Title, searchText(a.Text()), a.ID)
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, q, cols...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return parallax.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("update article %d: %w", a.ID, err)
	}
	return nil
}
