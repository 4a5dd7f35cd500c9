package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// BenchmarkWorkers runs the HTML pipeline (read, extract, store, then
// provenance, stories, analysis and briefs under the process lock) over
// the article-extraction benchmark's pages with 1 and 4 workers, each on
// its own connection pool and taking every n-th page, into a fresh schema
// of the local PostgreSQL per round; it reports pages/s. Extraction runs in
// parallel, processing one worker at a time.
func BenchmarkWorkers(b *testing.B) {
	dir := filepath.Join(shared.TestDir(b, "bench-data"), "article-extraction-benchmark", "html")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatalf("read %s: %v", dir, err)
	}
	var pages []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".html") {
			pages = append(pages, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(pages)
	if len(pages) > 120 {
		pages = pages[:120]
	}
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			total := 0
			for b.Loop() {
				b.StopTimer()
				dsn := pgtest.DSN(b)
				dbs := make([]*postgres.DB, workers)
				for i := range dbs {
					if dbs[i], err = postgres.Open(context.Background(), dsn); err != nil {
						b.Fatalf("Open: %v", err)
					}
				}
				b.StartTimer()
				if err := runWorkers(dbs, pages); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				for _, db := range dbs {
					if err := db.Close(); err != nil {
						b.Fatalf("Close: %v", err)
					}
				}
				total += len(pages)
				b.StartTimer()
			}
			b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// runWorkers has worker i store pages i, i+n, … and then process under
// the lock, all at once.
func runWorkers(dbs []*postgres.DB, pages []string) error {
	ctx := context.Background()
	errs := make([]error, len(dbs))
	var wg sync.WaitGroup
	for i, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []string
			for j := i; j < len(pages); j += len(dbs) {
				mine = append(mine, pages[j])
			}
			in := &pipeline.Ingester{Store: db, Read: ingest.Options{MaxSize: 10 << 20}, BatchSize: 16}
			if _, err := in.Ingest(ctx, mine); err != nil {
				errs[i] = err
				return
			}
			proc := &pipeline.Processor{Store: db}
			_, errs[i] = proc.Process(ctx)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
