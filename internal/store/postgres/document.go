package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// searchVector is the search column's value from the title and the plain
// body text.
const searchVector = `setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')`

// ingestColumns are the columns of the temporary table a batch is copied
// into: the item's position, its document, and its article (NULLs when it
// has none) with the text to index.
var ingestColumns = []string{"ord", "url", "content_type", "body", "hash", "fetched_at", "hints",
	"has_article", "a_url", "source", "title", "byline", "dateline_place", "dateline_date", "section",
	"published", "fetched", "language", "tags", "a_body", "removed", "search_text"}

const (
	createIngest = `CREATE TEMPORARY TABLE ingest_rows (
    ord INTEGER NOT NULL, url TEXT NOT NULL, content_type TEXT NOT NULL, body BYTEA NOT NULL,
    hash TEXT NOT NULL, fetched_at TEXT, hints JSONB NOT NULL, has_article BOOLEAN NOT NULL,
    a_url TEXT, source TEXT, title TEXT, byline TEXT, dateline_place TEXT, dateline_date TEXT,
    section TEXT, published TEXT, fetched TEXT, language TEXT, tags JSONB, a_body JSONB,
    removed JSONB, search_text TEXT
) ON COMMIT DROP`
	// insertDocuments stores the items (the first of each URL: the rest
	// are not copied) whose URL is not stored yet, in item order (so that
	// IDs follow it).
	insertDocuments = `INSERT INTO documents (url, content_type, body, hash, fetched_at, hints)
SELECT url, content_type, body, hash, fetched_at, hints FROM ingest_rows
ORDER BY ord
ON CONFLICT (url) DO NOTHING
RETURNING id, url`
)

// insertArticles stores the articles of the items given by position ($1)
// with their new documents, in item order.
var insertArticles = `INSERT INTO articles (document_id, url, source, title, byline, dateline_place,
    dateline_date, section, published, fetched, language, tags, body, removed, search)
SELECT d.id, r.a_url, r.source, r.title, r.byline, r.dateline_place, r.dateline_date, r.section,
    r.published, r.fetched, r.language, r.tags, r.a_body, r.removed, ` +
	fmt.Sprintf(searchVector, "r.title", "r.search_text") + `
FROM ingest_rows r JOIN documents d ON d.url = r.url
WHERE r.ord = ANY($1::integer[])
ORDER BY r.ord
RETURNING id, document_id`

// CreateDocuments stores the items in one transaction, skipping those whose
// document URL is already stored or appears earlier in items. An item may
// have a nil Article (a document without article content). IDs are filled
// in only when the transaction commits. The batch is copied (COPY) into a
// temporary table and moved with two statements, so that its size costs
// few round trips.
func (db *DB) CreateDocuments(ctx context.Context, items []parallax.Ingested) ([]bool, error) {
	if len(items) == 0 {
		return []bool{}, nil
	}
	rows := make([][]any, len(items))
	for i, it := range items {
		r, err := encodeItem(i, it)
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
		return createDocuments(ctx, tx, items, rows, created, docIDs, artIDs)
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

func createDocuments(ctx context.Context, tx pgx.Tx, items []parallax.Ingested, rows [][]any, created []bool, docIDs, artIDs []int64) error {
	if _, err := tx.Exec(ctx, createIngest); err != nil {
		return err
	}
	first := make(map[string]int, len(items)) // url -> first item
	unique := make([][]any, 0, len(rows))
	for i, it := range items {
		if _, dup := first[it.Document.URL]; !dup {
			first[it.Document.URL] = i
			unique = append(unique, rows[i])
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"ingest_rows"}, ingestColumns, pgx.CopyFromRows(unique)); err != nil {
		return err
	}
	err := queryEach(ctx, tx, insertDocuments, nil, func(r pgx.Rows) error {
		var (
			id  int64
			url string
		)
		if err := r.Scan(&id, &url); err != nil {
			return err
		}
		i := first[url]
		created[i], docIDs[i] = true, id
		return nil
	})
	if err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	var ords []int32
	byDoc := map[int64]int{}
	for i, it := range items {
		if created[i] && it.Article != nil {
			ords = append(ords, int32(i))
			byDoc[docIDs[i]] = i
		}
	}
	if len(ords) == 0 {
		return nil
	}
	err = queryEach(ctx, tx, insertArticles, args{ords}, func(r pgx.Rows) error {
		var id, docID int64
		if err := r.Scan(&id, &docID); err != nil {
			return err
		}
		artIDs[byDoc[docID]] = id
		return nil
	})
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	return nil
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

// encodeItem checks and encodes item i's row of ingest_rows.
func encodeItem(i int, it parallax.Ingested) ([]any, error) {
	d := it.Document
	if d == nil {
		return nil, errors.New("nil document")
	}
	if d.URL == "" {
		return nil, errors.New("document without url")
	}
	fetched, err := encodeTime(d.FetchedAt)
	if err != nil {
		return nil, fmt.Errorf("document %s: fetched at: %w", d.URL, err)
	}
	hints, err := encodeJSON(d.Hints)
	if err != nil {
		return nil, fmt.Errorf("document %s: hints: %w", d.URL, err)
	}
	body := d.Body
	if body == nil {
		body = []byte{}
	}
	row := []any{int32(i), d.URL, d.ContentType, body, d.Hash, fetched, hints, it.Article != nil}
	if it.Article == nil {
		return append(row, make([]any, len(ingestColumns)-len(row))...), nil
	}
	cols, err := articleValues(it.Article)
	if err != nil {
		return nil, err
	}
	row = append(row, cols...)
	return append(row, searchText(it.Article.Text())), nil
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
