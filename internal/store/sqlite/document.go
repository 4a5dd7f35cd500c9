package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/parallax-news/parallax"
)

const (
	insertDocument = `INSERT INTO documents (url, content_type, body, hash, fetched_at, hints)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (url) DO NOTHING`
	listPending   = `INSERT INTO pending_articles (article_id) VALUES (?)`
	insertArticle = `INSERT INTO articles (document_id, url, source, title, byline, dateline_place,
    dateline_date, section, published, fetched, language, tags, body, removed)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// CreateDocuments stores the items in one transaction, skipping those whose
// document URL is already stored or appears earlier in items. An item may
// have a nil Article (a document without article content). IDs are filled
// in only when the transaction commits.
func (db *DB) CreateDocuments(ctx context.Context, items []parallax.Ingested) ([]bool, error) {
	created := make([]bool, len(items))
	docIDs := make([]int64, len(items))
	artIDs := make([]int64, len(items))
	err := db.withStmts(ctx, func(s *stmts) error {
		for i, it := range items {
			docID, err := createDocument(ctx, s, it.Document)
			if errors.Is(err, sql.ErrNoRows) {
				continue // already stored
			}
			if err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
			created[i], docIDs[i] = true, docID
			if it.Article == nil {
				continue
			}
			if artIDs[i], err = createArticle(ctx, s, docID, it.Article); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("create documents: %w", err)
	}
	for i, it := range items {
		if !created[i] {
			continue
		}
		it.Document.ID = docIDs[i]
		if it.Article != nil {
			it.Article.ID, it.Article.DocumentID = artIDs[i], docIDs[i]
		}
	}
	return created, nil
}

// createDocument inserts d and returns its id, or sql.ErrNoRows when its URL
// is already stored.
func createDocument(ctx context.Context, s *stmts, d *parallax.Document) (int64, error) {
	if d == nil {
		return 0, errors.New("nil document")
	}
	if d.URL == "" {
		return 0, errors.New("document without url")
	}
	fetched, err := encodeTime(d.FetchedAt)
	if err != nil {
		return 0, fmt.Errorf("document %s: fetched at: %w", d.URL, err)
	}
	hints, err := encodeJSON(d.Hints)
	if err != nil {
		return 0, fmt.Errorf("document %s: hints: %w", d.URL, err)
	}
	body := d.Body
	if body == nil {
		body = []byte{}
	}
	return s.insert(ctx, insertDocument, d.URL, d.ContentType, body, d.Hash, fetched, hints)
}

func createArticle(ctx context.Context, s *stmts, docID int64, a *parallax.Article) (int64, error) {
	cols, err := articleValues(a)
	if err != nil {
		return 0, err
	}
	id, err := s.insert(ctx, insertArticle, append([]any{docID}, cols...)...)
	if err != nil {
		return 0, fmt.Errorf("article %s: %w", a.URL, err)
	}
	if _, err := s.exec(ctx, listPending, id); err != nil {
		return 0, fmt.Errorf("article %s: %w", a.URL, err)
	}
	return id, nil
}

// articleValues returns a's columns from url to removed, in table order.
func articleValues(a *parallax.Article) ([]any, error) {
	var (
		times [3]any
		err   error
	)
	if times[0], err = encodeTime(a.Dateline.Date); err != nil {
		return nil, fmt.Errorf("article %s: dateline: %w", a.URL, err)
	}
	if times[1], err = encodeTime(a.Published); err != nil {
		return nil, fmt.Errorf("article %s: published: %w", a.URL, err)
	}
	if times[2], err = encodeTime(a.Fetched); err != nil {
		return nil, fmt.Errorf("article %s: fetched: %w", a.URL, err)
	}
	tags, err := encodeJSON(a.Tags)
	if err != nil {
		return nil, fmt.Errorf("article %s: tags: %w", a.URL, err)
	}
	body, err := encodeJSON(a.Body)
	if err != nil {
		return nil, fmt.Errorf("article %s: body: %w", a.URL, err)
	}
	removed, err := encodeJSON(a.Removed)
	if err != nil {
		return nil, fmt.Errorf("article %s: removed: %w", a.URL, err)
	}
	return []any{a.URL, a.Source, a.Title, a.Byline, a.Dateline.Place, times[0],
		a.Section, times[1], times[2], a.Language, tags, body, removed}, nil
}

// FindDocumentByID returns the document with the given id.
func (db *DB) FindDocumentByID(ctx context.Context, id int64) (*parallax.Document, error) {
	const q = `SELECT id, url, content_type, body, hash, fetched_at, hints FROM documents WHERE id = ?`
	var (
		d       parallax.Document
		fetched sql.NullString
		hints   string
	)
	err := db.read.QueryRowContext(ctx, q, id).Scan(&d.ID, &d.URL, &d.ContentType, &d.Body, &d.Hash, &fetched, &hints)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find document %d: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find document %d: %w", id, err)
	}
	if d.FetchedAt, err = decodeTime(fetched); err != nil {
		return nil, fmt.Errorf("find document %d: %w", id, err)
	}
	if err := decodeJSON(hints, &d.Hints); err != nil {
		return nil, fmt.Errorf("find document %d: hints: %w", id, err)
	}
	return &d, nil
}
