package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
)

func testCreateDocumentsRoundTrip(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	zero := parallax.Ingested{
		Document: &parallax.Document{URL: "urn:sha256:00", ContentType: "text/plain", Body: []byte("x")},
		Article:  &parallax.Article{URL: "urn:sha256:00"},
	}
	empty := item(2)
	empty.Document.URL = "file:///tmp/empty%20lists.txt"
	empty.Article.Tags, empty.Article.Body, empty.Article.Removed = []string{}, []parallax.Block{}, []parallax.Removed{}
	utc := item(3)
	utc.Article.Published = time.Date(1969, time.July, 20, 20, 17, 40, 1, time.UTC)
	utc.Article.Dateline.Date = time.Date(9999, time.December, 31, 23, 59, 59, 999999999, time.UTC)
	tests := []struct {
		name string
		in   parallax.Ingested
	}{
		{"every field", item(1)},
		{"zero times and nil slices", zero},
		{"empty slices", empty},
		{"extreme times", utc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.in
			created, err := s.CreateDocuments(ctx, []parallax.Ingested{tt.in})
			if err != nil {
				t.Fatalf("CreateDocuments: %v", err)
			}
			if diff := cmp.Diff([]bool{true}, created); diff != "" {
				t.Fatalf("created (-want +got):\n%s", diff)
			}
			d, a := want.Document, want.Article
			if d.ID == 0 || a.ID == 0 || a.DocumentID != d.ID {
				t.Fatalf("IDs: document %d, article %d with document %d", d.ID, a.ID, a.DocumentID)
			}
			gotDoc, err := s.FindDocumentByID(ctx, d.ID)
			if err != nil {
				t.Fatalf("FindDocumentByID: %v", err)
			}
			if diff := cmp.Diff(d, gotDoc); diff != "" {
				t.Errorf("document (-want +got):\n%s", diff)
			}
			gotArt, err := s.FindArticleByID(ctx, a.ID)
			if err != nil {
				t.Fatalf("FindArticleByID: %v", err)
			}
			if diff := cmp.Diff(a, gotArt); diff != "" {
				t.Errorf("article (-want +got):\n%s", diff)
			}
			if !gotArt.Published.IsZero() && gotArt.Published.Location() != time.UTC {
				t.Errorf("Published location = %v, want UTC", gotArt.Published.Location())
			}
		})
	}
}

func testCreateDocumentsIdempotent(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	first := create(t, s, items(1, 3))
	again := items(1, 3)
	again[1].Article.Title = "changed" // same URL: still skipped
	created, err := s.CreateDocuments(ctx, again)
	if err != nil {
		t.Fatalf("CreateDocuments again: %v", err)
	}
	if diff := cmp.Diff([]bool{false, false, false}, created); diff != "" {
		t.Errorf("created again (-want +got):\n%s", diff)
	}
	for i, it := range again {
		if it.Document.ID != 0 || it.Article.ID != 0 {
			t.Errorf("skipped item %d got IDs %d/%d, want 0", i, it.Document.ID, it.Article.ID)
		}
	}
	if n := countArticles(t, s); n != 3 {
		t.Errorf("articles = %d, want 3", n)
	}
	got, err := s.FindArticleByID(ctx, first[1].ID)
	if err != nil {
		t.Fatalf("FindArticleByID: %v", err)
	}
	if got.Title != first[1].Title {
		t.Errorf("Title = %q, want the first %q", got.Title, first[1].Title)
	}
}

func testCreateDocumentsDuplicateInBatch(t *testing.T, s parallax.Store) {
	batch := []parallax.Ingested{item(1), item(2), item(1), item(3), item(2)}
	created, err := s.CreateDocuments(context.Background(), batch)
	if err != nil {
		t.Fatalf("CreateDocuments: %v", err)
	}
	if diff := cmp.Diff([]bool{true, true, false, true, false}, created); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}
	if batch[2].Document.ID != 0 || batch[4].Article.ID != 0 {
		t.Errorf("duplicates got IDs %d and %d, want 0", batch[2].Document.ID, batch[4].Article.ID)
	}
	if n := countArticles(t, s); n != 3 {
		t.Errorf("articles = %d, want 3", n)
	}
}

func testCreateDocumentsWithoutArticle(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	it := item(1)
	it.Article = nil
	created, err := s.CreateDocuments(ctx, []parallax.Ingested{it})
	if err != nil {
		t.Fatalf("CreateDocuments: %v", err)
	}
	if !created[0] || it.Document.ID == 0 {
		t.Fatalf("created %v, document ID %d", created, it.Document.ID)
	}
	if _, err := s.FindDocumentByID(ctx, it.Document.ID); err != nil {
		t.Errorf("FindDocumentByID: %v", err)
	}
	if n := countArticles(t, s); n != 0 {
		t.Errorf("articles = %d, want 0", n)
	}
	// The URL is known now, even though it gave no article.
	again := item(1)
	created, err = s.CreateDocuments(ctx, []parallax.Ingested{again})
	if err != nil {
		t.Fatalf("CreateDocuments again: %v", err)
	}
	if created[0] {
		t.Errorf("created again = true, want false")
	}
}

func testCreateDocumentsAllOrNothing(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	tests := []struct {
		name string
		bad  func(it *parallax.Ingested)
	}{
		{"nil document", func(it *parallax.Ingested) { it.Document = nil }},
		{"document without url", func(it *parallax.Ingested) { it.Document.URL = "" }},
		{"time out of range", func(it *parallax.Ingested) {
			it.Article.Published = time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC)
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := countArticles(t, s)
			batch := items(10*i, 4)
			tt.bad(&batch[3])
			created, err := s.CreateDocuments(ctx, batch)
			if err == nil {
				t.Fatalf("CreateDocuments = %v, nil error; want an error", created)
			}
			for j, it := range batch[:3] {
				if it.Document.ID != 0 || it.Article.ID != 0 {
					t.Errorf("item %d got IDs %d/%d after a failed batch, want 0", j, it.Document.ID, it.Article.ID)
				}
			}
			if n := countArticles(t, s); n != before {
				t.Errorf("articles = %d after a failed batch, want %d", n, before)
			}
			create(t, s, batch[:3]) // nothing of the failed batch was kept
			if n := countArticles(t, s); n != before+3 {
				t.Errorf("articles = %d, want %d", n, before+3)
			}
		})
	}
}

func testCreateDocumentsCancelled(t *testing.T, s parallax.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.CreateDocuments(ctx, items(1, 5))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("CreateDocuments with a cancelled context: err=%v, want context.Canceled", err)
	}
	if n := countArticles(t, s); n != 0 {
		t.Errorf("articles = %d, want 0", n)
	}
}

func testCreateDocumentsConcurrent(t *testing.T, s parallax.Store) {
	const workers = 8
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		winners int
		errs    []error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			batch := []parallax.Ingested{item(1000 + w), item(1), item(2000 + w)}
			created, err := s.CreateDocuments(context.Background(), batch)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("worker %d: %w", w, err))
				return
			}
			if !created[0] || !created[2] {
				errs = append(errs, fmt.Errorf("worker %d: created %v, want its own items created", w, created))
			}
			if created[1] {
				winners++
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	if winners != 1 {
		t.Errorf("the shared URL was created %d times, want 1", winners)
	}
	if n := countArticles(t, s); n != 1+2*workers {
		t.Errorf("articles = %d, want %d", n, 1+2*workers)
	}
}

func testNotFound(t *testing.T, s parallax.Store) {
	ctx := context.Background()
	as := create(t, s, items(1, 1))
	missing := as[0].ID + 1000
	tests := []struct {
		name string
		call func() error
	}{
		{"FindDocumentByID", func() error { _, err := s.FindDocumentByID(ctx, missing); return err }},
		{"FindArticleByID", func() error { _, err := s.FindArticleByID(ctx, missing); return err }},
		{"UpdateArticle", func() error { a := *as[0]; a.ID = missing; return s.UpdateArticle(ctx, &a) }},
		{"FindStoryByID", func() error { _, err := s.FindStoryByID(ctx, missing); return err }},
		{"FindBrief", func() error { _, err := s.FindBrief(ctx, missing); return err }},
		{"SaveBrief of a missing story", func() error {
			return s.SaveBrief(ctx, &parallax.Brief{StoryID: missing, Headline: "x"})
		}},
		{"assignment to a missing story", func() error {
			return s.SaveProcessed(ctx, []parallax.Processed{{
				ArticleID: as[0].ID, Assignment: parallax.Assignment{StoryID: missing},
			}}, nil, nil)
		}},
		{"derivation from a missing article", func() error {
			return s.SaveProcessed(ctx, []parallax.Processed{{
				ArticleID:  as[0].ID,
				Derivation: &parallax.Derivation{SourceID: missing, Kind: parallax.DerivedExact},
			}}, nil, nil)
		}},
		{"result of a missing article", func() error {
			return s.SaveProcessed(ctx, []parallax.Processed{{
				ArticleID: missing, Analysis: &parallax.Analysis{},
			}}, nil, nil)
		}},
		{"merge into a missing story", func() error {
			st := &parallax.Story{ID: as[0].ID, Headline: "h"}
			return s.SaveProcessed(ctx, nil, []*parallax.Story{st}, map[int64]int64{as[0].ID: missing})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, parallax.ErrNotFound) {
				t.Errorf("err = %v, want parallax.ErrNotFound", err)
			}
		})
	}
}
