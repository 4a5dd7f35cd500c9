package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// overlapItem is item n of TestCreateDocumentsOverlapping: every caller
// builds its own copy, as separate workers would.
func overlapItem(n int) parallax.Ingested {
	url := fmt.Sprintf("https://wire.example/%d", n)
	it := parallax.Ingested{
		Document: &parallax.Document{URL: url, ContentType: "text/plain", Body: []byte(url), Hash: fmt.Sprint(n)},
		Article: &parallax.Article{URL: url, Title: fmt.Sprintf("Story %d", n),
			Body: []parallax.Block{{Kind: parallax.BlockParagraph, Text: fmt.Sprintf("overlap%d", n)}}},
	}
	if n%5 == 0 {
		it.Article = nil // a document without an article
	}
	return it
}

// TestCreateDocumentsOverlapping runs CreateDocuments from several
// goroutines at once on batches that share most of their URLs, in
// different orders: each URL is stored once, by exactly one caller, with
// the IDs that caller was given, and IDs follow item order in each batch.
func TestCreateDocumentsOverlapping(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx := context.Background()
	const (
		workers = 6
		rounds  = 4
		urls    = 120
		batch   = 60
	)
	type win struct {
		doc, art int64
	}
	var (
		mu   sync.Mutex
		wins = map[int][]win{}
		errs []error
		wg   sync.WaitGroup
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 9))
			for range rounds {
				ns := r.Perm(urls)[:batch]
				its := make([]parallax.Ingested, len(ns))
				for i, n := range ns {
					its[i] = overlapItem(n)
				}
				created, err := db.CreateDocuments(ctx, its)
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("worker %d: %w", w, err))
				}
				var last int64
				for i, ok := range created {
					if !ok {
						continue
					}
					d, a := its[i].Document, its[i].Article
					if d.ID <= last {
						errs = append(errs, fmt.Errorf("worker %d: item %d has document ID %d after %d", w, i, d.ID, last))
					}
					last = d.ID
					var artID int64
					if a != nil {
						artID = a.ID
					}
					wins[ns[i]] = append(wins[ns[i]], win{d.ID, artID})
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	for n := range urls {
		ws := wins[n]
		if len(ws) > 1 {
			t.Errorf("url %d created %d times: %v", n, len(ws), ws)
			continue
		}
		if len(ws) == 0 {
			continue // no batch drew it
		}
		d, err := db.FindDocumentByID(ctx, ws[0].doc)
		if err != nil || d.URL != overlapItem(n).Document.URL {
			t.Errorf("url %d: document %d = %v, %v", n, ws[0].doc, d, err)
		}
		if ws[0].art == 0 {
			continue
		}
		a, err := db.FindArticleByID(ctx, ws[0].art)
		if err != nil || a.DocumentID != ws[0].doc || a.URL != d.URL {
			t.Errorf("url %d: article %d = %+v, %v; want document %d", n, ws[0].art, a, err, ws[0].doc)
		}
	}
	var docs, distinct int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*), count(DISTINCT url) FROM documents`).Scan(&docs, &distinct); err != nil {
		t.Fatalf("count documents: %v", err)
	}
	if docs != len(wins) || distinct != docs {
		t.Errorf("documents: %d rows, %d URLs; want %d of each", docs, distinct, len(wins))
	}
	hits, err := db.SearchArticles(ctx, "overlap7", 0)
	if err != nil || len(hits) != 1 || hits[0].ArticleID != wins[7][0].art {
		t.Errorf("SearchArticles(overlap7) = %v, %v; want article %v", hits, err, wins[7])
	}
}

// TestIndexSearch checks that articles stored without their search vector
// get, from IndexSearch, the vector UpdateArticle would write (the same
// text: blocks joined by newlines), in bounded steps, and that a search
// finds articles no one indexed.
func TestIndexSearch(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx := context.Background()
	bodies := [][]parallax.Block{
		nil,
		{},
		{{Kind: parallax.BlockParagraph, Text: ""}, {Kind: parallax.BlockParagraph, Text: "after an empty block"}},
		{{Kind: parallax.BlockHeading, Text: "Überschrift"}, {Kind: parallax.BlockParagraph, Text: "Café naïve — «quoted» e-mail x@y.org 3.5%"}},
		{{Kind: parallax.BlockParagraph, Text: "line one\nline two"}, {Kind: parallax.BlockListItem, Text: "item"}},
	}
	its := make([]parallax.Ingested, len(bodies))
	for i, b := range bodies {
		its[i] = overlapItem(10*i + 1) // none is a multiple of 5: all have articles
		its[i].Article.Body = b
	}
	if _, err := db.CreateDocuments(ctx, its); err != nil {
		t.Fatalf("CreateDocuments: %v", err)
	}
	steps := []struct{ limit, want int }{{2, 2}, {2, 2}, {0, 1}, {0, 0}}
	for _, s := range steps {
		if n, err := db.IndexSearch(ctx, s.limit); err != nil || n != s.want {
			t.Fatalf("IndexSearch(%d) = %d, %v; want %d", s.limit, n, err, s.want)
		}
	}
	const same = `SELECT search = setweight(to_tsvector('simple', $1), 'A') || setweight(to_tsvector('simple', $2), 'B')
FROM articles WHERE id = $3`
	for i, it := range its {
		a := it.Article
		var ok bool
		if err := db.Pool().QueryRow(ctx, same, a.Title, a.Text(), a.ID).Scan(&ok); err != nil || !ok {
			t.Errorf("body %d: search vector is not that of %q (%v)", i, a.Text(), err)
		}
	}
	// A search indexes what nobody indexed before it.
	late := overlapItem(99)
	late.Article.Body = []parallax.Block{{Kind: parallax.BlockParagraph, Text: strings.Repeat("unindexed ", 3)}}
	if _, err := db.CreateDocuments(ctx, []parallax.Ingested{late}); err != nil {
		t.Fatalf("CreateDocuments: %v", err)
	}
	hits, err := db.SearchArticles(ctx, "unindexed", 0)
	if err != nil || len(hits) != 1 || hits[0].ArticleID != late.Article.ID {
		t.Errorf("SearchArticles(unindexed) = %v, %v; want article %d", hits, err, late.Article.ID)
	}
}

// TestCreateDocumentsLosesRace stores a batch while another transaction
// holds one of its URLs uncommitted: the batch's copy waits for it, fails
// on the unique index when it commits, and the batch is stored again
// without that URL.
func TestCreateDocumentsLosesRace(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx := context.Background()
	held, other := overlapItem(1), overlapItem(2)
	tx, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	defer func() {
		if err := tx.Rollback(ctx); err != nil && !errors.Is(err, pgx.ErrTxClosed) {
			t.Errorf("Rollback: %v", err)
		}
	}()
	_, err = tx.Exec(ctx, `INSERT INTO documents (url, content_type, body, hash, hints) VALUES ($1, 'text/plain', '', '', 'null')`, held.Document.URL)
	if err != nil {
		t.Fatalf("insert the held document: %v", err)
	}
	type result struct {
		created []bool
		err     error
	}
	done := make(chan result, 1)
	go func() {
		created, err := db.CreateDocuments(ctx, []parallax.Ingested{held, other})
		done <- result{created, err}
	}()
	// Wait until the batch's copy waits for the held row (a lock wait),
	// so that the commit below makes it fail.
	const waiting = `SELECT count(*) FROM pg_stat_activity
WHERE wait_event_type = 'Lock' AND query ILIKE 'copy "documents"%' AND datname = current_database()`
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var n int
		if err := db.Pool().QueryRow(ctx, waiting).Scan(&n); err != nil {
			t.Fatalf("pg_stat_activity: %v", err)
		}
		if n > 0 {
			break
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	r := <-done
	if r.err != nil {
		t.Fatalf("CreateDocuments: %v", r.err)
	}
	if !slices.Equal(r.created, []bool{false, true}) {
		t.Errorf("created = %v, want [false true]", r.created)
	}
	if held.Document.ID != 0 || other.Article.ID == 0 || other.Article.DocumentID != other.Document.ID {
		t.Errorf("IDs: held %d, other document %d, article %d of %d", held.Document.ID, other.Document.ID, other.Article.ID, other.Article.DocumentID)
	}
	if a, err := db.FindArticleByID(ctx, other.Article.ID); err != nil || a.URL != other.Document.URL {
		t.Errorf("FindArticleByID(%d) = %v, %v", other.Article.ID, a, err)
	}
}
