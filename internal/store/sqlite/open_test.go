package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/migrate"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parallax.db")
	ms, err := sqlite.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second open finds nothing to do
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		var got []int
		rows, err := db.Raw().QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if err := errors.Join(rows.Err(), rows.Close(), db.Close()); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(migrate.Versions(ms), got); diff != "" {
			t.Errorf("schema_migrations (-want +got):\n%s", diff)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parallax.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Raw().ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')`)
	if err := errors.Join(err, db.Close()); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path)
	if !errors.Is(err, migrate.ErrTooNew) {
		t.Errorf("Open of a newer schema: err=%v, want migrate.ErrTooNew", err)
	}
	if err == nil {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}
}

func TestOpenSettings(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	tests := []struct {
		pragma string
		want   string
	}{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
		{"page_size", "16384"},
	}
	for _, tt := range tests {
		var got string
		if err := db.Raw().QueryRowContext(ctx, "PRAGMA "+tt.pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", tt.pragma, err)
		}
		if got != tt.want {
			t.Errorf("PRAGMA %s = %q, want %q", tt.pragma, got, tt.want)
		}
	}
}

// TestTwoProcesses opens the file twice, as two processes would, and has
// both write the same URLs at once: the busy timeout serialises them and
// each document is stored once.
func TestTwoProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parallax.db")
	var dbs [2]*sqlite.DB
	for i := range dbs {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := db.Close(); err != nil {
				t.Error(err)
			}
		})
		dbs[i] = db
	}
	const workers, batches, size = 4, 5, 20
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		made int
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				items := make([]parallax.Ingested, size)
				for i := range items {
					items[i] = article(b*size+i, "shared")
				}
				created, err := dbs[w%2].CreateDocuments(ctx, items)
				if err != nil {
					t.Errorf("worker %d batch %d: %v", w, b, err)
					return
				}
				mu.Lock()
				for _, ok := range created {
					if ok {
						made++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if made != batches*size {
		t.Errorf("created %d, want %d", made, batches*size)
	}
	as, err := dbs[1].FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range as {
		if seen[a.URL] {
			t.Errorf("%s stored twice", a.URL)
		}
		seen[a.URL] = true
	}
	if len(seen) != batches*size {
		t.Errorf("stored %d URLs, want %d", len(seen), batches*size)
	}
}

// TestPendingBackfill upgrades a store from before migration 0008: the
// articles with no story assignment are listed as pending, the others
// not, and Unprocessed finds exactly those.
func TestPendingBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parallax.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var its []parallax.Ingested
	for i := range 3 {
		u := fmt.Sprintf("https://example.org/pending/%d", i)
		its = append(its, parallax.Ingested{
			Document: &parallax.Document{URL: u, ContentType: "text/plain", Body: []byte("body"), FetchedAt: time.Unix(1700000000, 0).UTC()},
			Article:  &parallax.Article{URL: u, Title: fmt.Sprintf("Article %d", i), Body: []parallax.Block{{Kind: parallax.BlockParagraph, Text: "Some text."}}},
		})
	}
	if _, err := db.CreateDocuments(ctx, its); err != nil {
		t.Fatalf("CreateDocuments: %v", err)
	}
	first := its[0].Article.ID
	done := parallax.Processed{ArticleID: first, Assignment: parallax.Assignment{ArticleID: first, StoryID: first, Reason: "new story"}}
	if err := db.SaveProcessed(ctx, []parallax.Processed{done}, []*parallax.Story{{ID: first, Headline: "Article 0"}}, nil); err != nil {
		t.Fatalf("SaveProcessed: %v", err)
	}
	// Back to the schema before 0008.
	_, err = db.Raw().ExecContext(ctx, `DROP TABLE pending_articles; DELETE FROM schema_migrations WHERE version = 8`)
	if err := errors.Join(err, db.Close()); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open after downgrade: %v", err)
	}
	defer db.Close()
	left, err := db.FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, a := range left {
		got = append(got, a.ID)
	}
	if want := []int64{its[1].Article.ID, its[2].Article.ID}; !cmp.Equal(got, want) {
		t.Errorf("unprocessed after upgrade = %v, want %v", got, want)
	}
}
