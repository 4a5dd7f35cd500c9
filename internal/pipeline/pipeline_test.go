package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
)

func openStore(tb testing.TB) parallax.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "p.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Error(err)
		}
	})
	return st
}

// writeArticles writes n distinct plain-text articles of about 2.5 KB.
func writeArticles(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	words := strings.Fields("council harbour budget strike union minister ferry bridge river court judge school " +
		"hospital vote rail tunnel police fire market festival museum airport storm flood drought farm")
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d on the %s\n\n", i, words[i%len(words)])
		for p := 0; p < 6; p++ {
			for s := 0; s < 4; s++ {
				fmt.Fprintf(&b, "Officials said the %s and the %s in district %d would cost %d dollars this year. ",
					words[(i+p+s)%len(words)], words[(i*7+s)%len(words)], (i+p)%97, 1000+i*13+s)
			}
			b.WriteString("\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%06d.txt", i)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func TestIngestAndProcess(t *testing.T) {
	st := openStore(t)
	dir := writeArticles(t, 40)
	ctx := context.Background()
	in := &pipeline.Ingester{Store: st, BatchSize: 16}
	sum, err := in.Ingest(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 40 || sum.Known != 0 || len(sum.Failed) != 0 {
		t.Fatalf("summary %+v", sum)
	}
	p := &pipeline.Processor{Store: st}
	n, err := p.Process(ctx)
	if err != nil || n != 40 {
		t.Fatalf("Process = %d, %v; want 40", n, err)
	}
	// A second run finds nothing left to do.
	if n, err := p.Process(ctx); err != nil || n != 0 {
		t.Fatalf("second Process = %d, %v; want 0", n, err)
	}
	as, err := st.FindAssignments(ctx, nil)
	if err != nil || len(as) != 40 {
		t.Fatalf("assignments = %d, %v", len(as), err)
	}
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range stories {
		total += len(s.ArticleIDs)
		if s.Headline == "" || s.Sources < 1 {
			t.Errorf("story %d: headline %q sources %d", s.ID, s.Headline, s.Sources)
		}
	}
	if total != 40 {
		t.Errorf("stories hold %d articles, want 40", total)
	}
}

// BenchmarkIngestText measures reading, extracting and storing plain-text
// articles into SQLite (grouped transactions), without later stages.
func BenchmarkIngestText(b *testing.B) {
	const n = 2000
	dir := writeArticles(b, n)
	ctx := context.Background()
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := openStore(b)
		start := processCPU(b)
		b.StartTimer()
		in := &pipeline.Ingester{Store: st}
		sum, err := in.Ingest(ctx, []string{dir})
		if err != nil || sum.New != n {
			b.Fatalf("ingest: %+v %v", sum, err)
		}
		b.StopTimer()
		cpu += processCPU(b) - start
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	// On a shared machine the wall clock waits for cores; CPU time is the
	// rate one free core would give.
	b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "articles/cpu-s")
}

// processCPU is the CPU time (user and system) the process has used.
func processCPU(tb testing.TB) time.Duration {
	d, ok := cputime.Process()
	if !ok {
		tb.Skip("the process's CPU time cannot be read here")
	}
	return d
}

// pickyStore fails any batch holding a document whose URL contains "bad",
// as a store fails a batch with one invalid item.
type pickyStore struct{ parallax.Store }

func (p pickyStore) CreateDocuments(ctx context.Context, items []parallax.Ingested) ([]bool, error) {
	for _, it := range items {
		if strings.Contains(it.Document.URL, "bad") {
			return nil, fmt.Errorf("item %s: invalid", it.Document.URL)
		}
	}
	return p.Store.CreateDocuments(ctx, items)
}

func TestIngestBadItemDoesNotBlockBatch(t *testing.T) {
	dir := writeArticles(t, 6)
	if err := os.Rename(filepath.Join(dir, "a000003.txt"), filepath.Join(dir, "bad.txt")); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	sum, err := (&pipeline.Ingester{Store: pickyStore{st}}).Ingest(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 5 || len(sum.Failed) != 1 || !strings.HasSuffix(sum.Failed[0].Input, "bad.txt") {
		t.Fatalf("summary %+v, failures %v; want 5 new and bad.txt failed", sum, sum.Failed)
	}
}
