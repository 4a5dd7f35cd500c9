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
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// BenchmarkWorkers runs the HTML pipeline (read, extract, analyse and
// store; then provenance and stories under the process lock, and briefs
// after it) over the article-extraction benchmark's pages with 1 and 4
// workers, each on its own connection pool and taking every n-th page,
// into a fresh schema of the local PostgreSQL per round; it reports
// pages/s, the CPU time per page of this process (the workers) and of the
// rounds' PostgreSQL backends (server-cpu-ms, read from /proc: the local
// server), and the cores both kept busy on average (cores: their CPU time
// over the wall time, which a 2-core machine bounds at 2). Processors yield, as `parallax worker`'s
// do: one that finds the lock held returns, and the holder takes what was
// stored meanwhile; a round fails if any article is left unprocessed.
//
// In "once", each worker stores all its pages and then processes once
// with a new Processor. In "chunks", each worker is long-lived (one
// Processor for the round) and processes after every 8 pages it stores,
// as a worker does after each poll: a worker that processes after another
// must first take over what that one processed.
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
	for _, mode := range []struct {
		name  string
		chunk int
	}{{"once", 0}, {"chunks", 8}} {
		for _, workers := range []int{1, 4} {
			b.Run(fmt.Sprintf("%s/workers=%d", mode.name, workers), func(b *testing.B) {
				total := 0
				var server time.Duration // CPU of the rounds' server backends
				serverOK := true
				app := fmt.Sprintf("parallax_workers_%d", os.Getpid())
				cpu0, cpuOK := cputime.Process()
				for b.Loop() {
					b.StopTimer()
					dsn := pgtest.DSN(b) + "&application_name=" + app
					dbs := make([]*postgres.DB, workers)
					for i := range dbs {
						if dbs[i], err = postgres.Open(context.Background(), dsn); err != nil {
							b.Fatalf("Open: %v", err)
						}
					}
					b.StartTimer()
					if err := runWorkers(dbs, pages, mode.chunk); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					// Read before the pools close: backends exit with them.
					d, ok := pgtest.BackendCPU(context.Background(), dbs[0].Pool(), app)
					server, serverOK = server+d, serverOK && ok
					for _, db := range dbs {
						if err := db.Close(); err != nil {
							b.Fatalf("Close: %v", err)
						}
					}
					total += len(pages)
					b.StartTimer()
				}
				b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "pages/s")
				// CPU includes the untimed schema set-up, a few ms a round.
				if cpu1, ok := cputime.Process(); ok && cpuOK && total > 0 {
					b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(total), "cpu-ms/page")
					if serverOK {
						b.ReportMetric(float64(server.Milliseconds())/float64(total), "server-cpu-ms/page")
						// Cores busy on average: what the machine's cores
						// bound (a 2-core machine gives at most 2).
						b.ReportMetric((cpu1-cpu0+server).Seconds()/b.Elapsed().Seconds(), "cores")
					}
				}
			})
		}
	}
}

// runWorkers has worker i store pages i, i+n, … and process under the
// lock, all at once: after storing all its pages when chunk is 0, else
// after every chunk pages with one Processor.
func runWorkers(dbs []*postgres.DB, pages []string, chunk int) error {
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
			step := len(mine)
			if chunk > 0 {
				step = chunk
			}
			in := &pipeline.Ingester{Store: db, Read: ingest.Options{MaxSize: 10 << 20}, BatchSize: 16}
			proc := &pipeline.Processor{Store: db, Yield: true} // as parallax worker runs it
			for start := 0; start < len(mine); start += step {
				if _, err := in.Ingest(ctx, mine[start:min(start+step, len(mine))]); err != nil {
					errs[i] = err
					return
				}
				if _, err := proc.Process(ctx); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	left, err := dbs[0].FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true})
	if err != nil {
		return err
	}
	if len(left) > 0 {
		return fmt.Errorf("%d articles left unprocessed", len(left))
	}
	return nil
}
