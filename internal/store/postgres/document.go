package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

const (
	insertDocument = `INSERT INTO documents (url, content_type, body, hash, fetched_at, hints)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (url) DO NOTHING
RETURNING id`
	// searchVector is the search column's value from the title ($a) and
	// the plain body text ($b).
	searchVector = `setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')`
)

var insertArticle = `INSERT INTO articles (document_id, url, source, title, byline, dateline_place,
    dateline_date, section, published, fetched, language, tags, body, removed, search)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, ` +
	fmt.Sprintf(searchVector, "$15::text", "$16::text") + `)
RETURNING id`

// docRow is one item's document columns, encoded before the transaction so
// that bad input fails the batch without touching the database.
type docRow struct {
	args    []any
	article []any // nil when the item has no article
}

// CreateDocuments stores the items in one transaction, skipping those whose
// document URL is already stored or appears earlier in items. An item may
// have a nil Article (a document without article content). IDs are filled
// in only when the transaction commits. Statements are pipelined: one
// round trip for the documents, one for the articles.
func (db *DB) CreateDocuments(ctx context.Context, items []parallax.Ingested) ([]bool, error) {
	rows := make([]docRow, len(items))
	for i, it := range items {
		r, err := encodeItem(it)
		if err != nil {
			return nil, fmt.Errorf("create documents: item %d: %w", i, err)
		}
		rows[i] = r
	}
	created := make([]bool, len(items))
	docIDs := make([]int64, len(items))
	artIDs := make([]int64, len(items))
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		clear(created)
		return createDocuments(ctx, tx, rows, created, docIDs, artIDs)
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

func createDocuments(ctx context.Context, tx pgx.Tx, rows []docRow, created []bool, docIDs, artIDs []int64) error {
	if len(rows) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, r := range rows {
		b.Queue(insertDocument, r.args...)
	}
	err := readBatch(ctx, tx, b, func(br pgx.BatchResults, i int) error {
		err := br.QueryRow().Scan(&docIDs[i])
		if errors.Is(err, pgx.ErrNoRows) {
			return nil // already stored
		}
		if err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		created[i] = true
		return nil
	})
	if err != nil {
		return err
	}
	b = &pgx.Batch{}
	var which []int
	for i, r := range rows {
		if !created[i] || r.article == nil {
			continue
		}
		b.Queue(insertArticle, append([]any{docIDs[i]}, r.article...)...)
		which = append(which, i)
	}
	return readBatch(ctx, tx, b, func(br pgx.BatchResults, j int) error {
		i := which[j]
		if err := br.QueryRow().Scan(&artIDs[i]); err != nil {
			return fmt.Errorf("item %d: article: %w", i, err)
		}
		return nil
	})
}

// readBatch sends b in tx and calls read for each queued statement in
// order; the first error stops it.
func readBatch(ctx context.Context, tx pgx.Tx, b *pgx.Batch, read func(br pgx.BatchResults, i int) error) (err error) {
	n := b.Len()
	if n == 0 {
		return nil
	}
	br := tx.SendBatch(ctx, b)
	defer func() { err = errors.Join(err, br.Close()) }()
	for i := range n {
		if err := read(br, i); err != nil {
			return err
		}
	}
	return nil
}

// encodeItem checks and encodes one item's columns.
func encodeItem(it parallax.Ingested) (docRow, error) {
	d := it.Document
	if d == nil {
		return docRow{}, errors.New("nil document")
	}
	if d.URL == "" {
		return docRow{}, errors.New("document without url")
	}
	fetched, err := encodeTime(d.FetchedAt)
	if err != nil {
		return docRow{}, fmt.Errorf("document %s: fetched at: %w", d.URL, err)
	}
	hints, err := encodeJSON(d.Hints)
	if err != nil {
		return docRow{}, fmt.Errorf("document %s: hints: %w", d.URL, err)
	}
	body := d.Body
	if body == nil {
		body = []byte{}
	}
	r := docRow{args: []any{d.URL, d.ContentType, body, d.Hash, fetched, hints}}
	if it.Article == nil {
		return r, nil
	}
	cols, err := articleValues(it.Article)
	if err != nil {
		return docRow{}, err
	}
	r.article = append(cols, it.Article.Title, searchText(it.Article.Text()))
	return r, nil
}

// articleValues returns a's columns from url to removed, in table order.
func articleValues(a *parallax.Article) ([]any, error) {
	times, err := encodeTimes(a.Dateline.Date, a.Published, a.Fetched)
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", a.URL, err)
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
	const q = `SELECT id, url, content_type, body, hash, fetched_at, hints FROM documents WHERE id = $1`
	var (
		d       parallax.Document
		fetched *string
		hints   []byte
	)
	err := db.pool.QueryRow(ctx, q, id).Scan(&d.ID, &d.URL, &d.ContentType, &d.Body, &d.Hash, &fetched, &hints)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("find document %d: %w", id, parallax.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find document %d: %w", id, err)
	}
	var td timeDecoder
	d.FetchedAt = td.time(fetched)
	if td.err != nil {
		return nil, fmt.Errorf("find document %d: %w", id, td.err)
	}
	if err := decodeJSON(hints, &d.Hints); err != nil {
		return nil, fmt.Errorf("find document %d: hints: %w", id, err)
	}
	return &d, nil
}
