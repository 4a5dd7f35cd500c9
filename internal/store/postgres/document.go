package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// searchVector is the search column's value from the title and the plain
// body text.
const searchVector = `setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')`

// The columns CreateDocuments copies into documents and articles, IDs
// first. An article is copied without its search vector (NULL): the
// search index trails ingest (see search.go).
var (
	documentCopyColumns = []string{"id", "url", "content_type", "body", "hash", "fetched_at", "hints"}
	articleCopyColumns  = []string{"id", "document_id", "url", "source", "title", "byline",
		"dateline_place", "dateline_date", "section", "published", "fetched", "language", "tags",
		"body", "removed"}
)

const (
	// storedURLs lists which of the URLs ($1) are stored already.
	storedURLs = `SELECT url FROM documents WHERE url = ANY($1::text[])`
	// nextDocumentIDs and nextArticleIDs allocate $1 IDs from the tables'
	// identity sequences in one round trip.
	nextDocumentIDs = `SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, $1::integer)`
	nextArticleIDs  = `SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, $1::integer)`
	// insertDocuments stores the documents given as arrays, in item order
	// (so that IDs follow it), except those whose URL is stored: ON
	// CONFLICT waits for a transaction storing the same URL at the same
	// time and then skips it, so that it cannot fail as a copy can.
	insertDocuments = `INSERT INTO documents (url, content_type, body, hash, fetched_at, hints)
SELECT url, content_type, body, hash, fetched_at, hints
FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[], $5::text[], $6::jsonb[])
    WITH ORDINALITY AS r(url, content_type, body, hash, fetched_at, hints, ord)
ORDER BY ord
ON CONFLICT (url) DO NOTHING
RETURNING id, url`
)

// ingestBatch is a batch encoded for storing: the documents (the first
// item of each URL) as columns, and each item's article columns after id
// and document_id (nil without an article or when the URL came earlier).
type ingestBatch struct {
	first                  map[string]int // url -> first item
	item                   []int          // document k's item
	url, contentType, hash []string
	body, hints            [][]byte
	fetchedAt              []*string
	arts                   [][]any
}

// CreateDocuments stores the items in one transaction, skipping those whose
// document URL is already stored or appears earlier in items. An item may
// have a nil Article (a document without article content). IDs are filled
// in only when the transaction commits.
//
// A batch costs a few round trips whatever its size: the batch's URLs that
// are stored already are read, IDs for the rest are allocated from the
// sequences (in item order), and the rows are copied (COPY) straight into
// documents and articles. A transaction storing one of the same URLs at
// the same time makes the copy fail on the unique URL index once it
// commits; the batch is then stored again with an INSERT that skips the
// URLs stored meanwhile (insertDocuments), which cannot fail that way.
func (db *DB) CreateDocuments(ctx context.Context, items []parallax.Ingested) ([]bool, error) {
	if len(items) == 0 {
		return []bool{}, nil
	}
	b := ingestBatch{first: make(map[string]int, len(items)), arts: make([][]any, len(items))}
	for i, it := range items {
		if err := b.add(i, it); err != nil {
			return nil, fmt.Errorf("create documents: item %d: %w", i, err)
		}
	}
	created := make([]bool, len(items))
	docIDs := make([]int64, len(items))
	artIDs := make([]int64, len(items))
	store := func(copyDocs bool) error {
		return db.inTxWith(ctx, db.bulkTx, func(tx pgx.Tx) error {
			clear(created)
			return db.createDocuments(ctx, tx, &b, copyDocs, created, docIDs, artIDs)
		})
	}
	err := store(true)
	if isCode(err, "23505") { // unique_violation: a URL stored meanwhile
		err = store(false)
	}
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

// createDocuments stores b's documents, copied (copyDocs) or inserted, and
// then copies their articles.
func (db *DB) createDocuments(ctx context.Context, tx pgx.Tx, b *ingestBatch, copyDocs bool, created []bool, docIDs, artIDs []int64) error {
	var (
		ids []int64 // article IDs, when allocated with the documents'
		err error
	)
	if copyDocs {
		ids, err = copyDocuments(ctx, tx, b, created, docIDs)
	} else {
		err = insertDocs(ctx, tx, b, created, docIDs)
	}
	if err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	withArticle := newArticles(b, created)
	if len(withArticle) == 0 {
		return nil
	}
	if ids == nil {
		if ids, err = allocateIDs(ctx, tx, nextArticleIDs, len(withArticle)); err != nil {
			return fmt.Errorf("articles: %w", err)
		}
	}
	rows := make([][]any, len(withArticle))
	for k, i := range withArticle {
		artIDs[i] = ids[k]
		rows[k] = append([]any{ids[k], docIDs[i]}, b.arts[i]...)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"articles"}, articleCopyColumns, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO pending_articles (article_id) SELECT unnest($1::bigint[])`, ids[:len(withArticle)]); err != nil {
		return fmt.Errorf("articles: pending: %w", err)
	}
	return nil
}

// newArticles returns the items whose documents are created and that have
// an article, in order.
func newArticles(b *ingestBatch, created []bool) []int {
	var out []int
	for i, ok := range created {
		if ok && b.arts[i] != nil {
			out = append(out, i)
		}
	}
	return out
}

// copyDocuments copies the documents of b whose URLs are not stored, with
// IDs allocated first, together with the IDs of their articles, which it
// returns.
func copyDocuments(ctx context.Context, tx pgx.Tx, b *ingestBatch, created []bool, docIDs []int64) ([]int64, error) {
	// Planned for each batch (no cached generic plan): a plan made while
	// the table was small scans all of it, comparing every row with every
	// URL, long after the table has grown (16 ms per batch of 100 at 20,000
	// documents).
	rows, err := tx.Query(ctx, storedURLs, pgx.QueryExecModeExec, b.url)
	if err != nil {
		return nil, err
	}
	stored, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	skip := make(map[string]bool, len(stored))
	for _, u := range stored {
		skip[u] = true
	}
	fresh := make([]int, 0, len(b.url)) // documents to store
	arts := 0
	for k, u := range b.url {
		if !skip[u] {
			fresh = append(fresh, k)
			if b.arts[b.item[k]] != nil {
				arts++
			}
		}
	}
	if len(fresh) == 0 {
		return nil, nil
	}
	ids, artIDs, err := allocateBoth(ctx, tx, len(fresh), arts)
	if err != nil {
		return nil, err
	}
	copied := make([][]any, len(fresh))
	for n, k := range fresh {
		i := b.item[k]
		created[i], docIDs[i] = true, ids[n]
		copied[n] = []any{ids[n], b.url[k], b.contentType[k], b.body[k], b.hash[k], b.fetchedAt[k], b.hints[k]}
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"documents"}, documentCopyColumns, pgx.CopyFromRows(copied))
	return artIDs, err
}

// insertDocs inserts the documents of b, skipping stored URLs.
func insertDocs(ctx context.Context, tx pgx.Tx, b *ingestBatch, created []bool, docIDs []int64) error {
	rows, err := tx.Query(ctx, insertDocuments, b.url, b.contentType, b.body, b.hash, b.fetchedAt, b.hints)
	if err != nil {
		return err
	}
	var (
		id  int64
		url string
	)
	_, err = pgx.ForEachRow(rows, []any{&id, &url}, func() error {
		i := b.first[url]
		created[i], docIDs[i] = true, id
		return nil
	})
	return err
}

// allocateIDs takes n IDs from a sequence with query, ascending.
func allocateIDs(ctx context.Context, tx pgx.Tx, query string, n int) ([]int64, error) {
	rows, err := tx.Query(ctx, query, n)
	if err != nil {
		return nil, fmt.Errorf("allocate ids: %w", err)
	}
	return collectIDs(rows, n)
}

// allocateBoth takes docs document IDs and arts article IDs in one round
// trip, each list ascending (nil when none).
func allocateBoth(ctx context.Context, tx pgx.Tx, docs, arts int) (docIDs, artIDs []int64, err error) {
	var b pgx.Batch
	b.Queue(nextDocumentIDs, docs)
	if arts > 0 {
		b.Queue(nextArticleIDs, arts)
	}
	want := [2]int{docs, arts}
	var lists [2][]int64
	err = readBatch(ctx, tx, &b, func(br pgx.BatchResults, i int) error {
		rows, err := br.Query()
		if err != nil {
			return err
		}
		lists[i], err = collectIDs(rows, want[i])
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("allocate ids: %w", err)
	}
	return lists[0], lists[1], nil
}

// collectIDs reads n IDs from rows and sorts them: another transaction may
// take IDs between ours, and a set-returning query need not keep the
// series' order, so sorting makes IDs follow the items.
func collectIDs(rows pgx.Rows, n int) ([]int64, error) {
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("got %d ids, want %d", len(ids), n)
	}
	slices.Sort(ids)
	return ids, nil
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

// add checks and encodes item i: unless its URL came earlier in the
// batch, its document and its article's columns.
func (b *ingestBatch) add(i int, it parallax.Ingested) error {
	d := it.Document
	if d == nil {
		return errors.New("nil document")
	}
	if d.URL == "" {
		return errors.New("document without url")
	}
	fetched, err := encodeTime(d.FetchedAt)
	if err != nil {
		return fmt.Errorf("document %s: fetched at: %w", d.URL, err)
	}
	hints, err := encodeJSON(d.Hints)
	if err != nil {
		return fmt.Errorf("document %s: hints: %w", d.URL, err)
	}
	var art []any
	if it.Article != nil {
		if art, err = articleValues(it.Article); err != nil {
			return err
		}
	}
	if _, dup := b.first[d.URL]; dup {
		return nil // checked, but not stored
	}
	body := d.Body
	if body == nil {
		body = []byte{}
	}
	b.first[d.URL] = i
	b.item = append(b.item, i)
	b.url = append(b.url, d.URL)
	b.contentType = append(b.contentType, d.ContentType)
	b.body = append(b.body, body)
	b.hash = append(b.hash, d.Hash)
	b.fetchedAt = append(b.fetchedAt, fetched)
	b.hints = append(b.hints, hints)
	b.arts[i] = art
	return nil
}

// articleValues returns a's columns from url to removed, in table order.
func articleValues(a *parallax.Article) ([]any, error) {
	times, err := encodeTimes(a.Dateline.Date, a.Published, a.Fetched)
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", a.URL, err)
	}
	return []any{a.URL, a.Source, a.Title, a.Byline, a.Dateline.Place, times[0],
		a.Section, times[1], times[2], a.Language, encodeStrings(a.Tags), encodeBlocks(a.Body),
		encodeRemoved(a.Removed)}, nil
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
