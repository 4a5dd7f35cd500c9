package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/pipeline"
)

// BenchmarkFullRestore measures a new Processor's first run over a store
// holding processed articles and one new article unrelated to them:
// reading everything stored and restoring it into an engine dominate.
// "generated" holds 1,000 articles of writeArticles (one template: each
// shares much with many others), "corpus" the seeds and extraction pages
// of turnsCorpus.
func BenchmarkFullRestore(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		benchmarkFullRestore(b, []string{writeArticles(b, 1000)})
	})
	b.Run("corpus", func(b *testing.B) {
		benchmarkFullRestore(b, turnsCorpus(b))
	})
}

func benchmarkFullRestore(b *testing.B, inputs []string) {
	ctx := context.Background()
	st := openStore(b)
	if _, err := (&pipeline.Ingester{Store: st}).Ingest(ctx, inputs); err != nil {
		b.Fatal(err)
	}
	n, err := (&pipeline.Processor{Store: st}).Process(ctx)
	if err != nil || n == 0 {
		b.Fatalf("Process = %d, %v", n, err)
	}
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		var body strings.Builder
		for s := range 6 {
			fmt.Fprintf(&body, "Item%dx%d item%dy%d said item%dz%d and item%dw%d.\n", i, s, i, s, i, s, i, s)
		}
		if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte(body.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		if sum, err := (&pipeline.Ingester{Store: st}).Ingest(ctx, []string{dir}); err != nil || sum.New != 1 {
			b.Fatalf("ingest: %+v %v", sum, err)
		}
		start := processCPU(b)
		b.StartTimer()
		p := &pipeline.Processor{Store: st}
		if got, err := p.Process(ctx); err != nil || got != 1 || p.FullRestores() != 1 {
			b.Fatalf("Process = %d, %v (%d full restores); want 1 after a full restore", got, err, p.FullRestores())
		}
		b.StopTimer()
		cpu += processCPU(b) - start
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/restore")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*(n+1)), "cpu-µs/article")
}

// BenchmarkTakeOver measures a kept Processor's run after another one
// processed an article: it takes over the other's results (catch-up) and
// processes a new unrelated article, over a store of 1,000 processed
// generated articles.
func BenchmarkTakeOver(b *testing.B) {
	ctx := context.Background()
	st := openStore(b)
	if _, err := (&pipeline.Ingester{Store: st}).Ingest(ctx, []string{writeArticles(b, 1000)}); err != nil {
		b.Fatal(err)
	}
	mine, other := &pipeline.Processor{Store: st}, &pipeline.Processor{Store: st}
	if _, err := mine.Process(ctx); err != nil {
		b.Fatal(err)
	}
	newArticle := func(tag string, i int) {
		dir := b.TempDir()
		var body strings.Builder
		for s := range 6 {
			fmt.Fprintf(&body, "Item%s%dx%d item%dy%d said item%dz%d and item%dw%d.\n", tag, i, s, i, s, i, s, i, s)
		}
		if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte(body.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		if sum, err := (&pipeline.Ingester{Store: st}).Ingest(ctx, []string{dir}); err != nil || sum.New != 1 {
			b.Fatalf("ingest: %+v %v", sum, err)
		}
	}
	newArticle("o", -1)
	if _, err := other.Process(ctx); err != nil { // its first run: a full restore
		b.Fatal(err)
	}
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		newArticle("o", i)
		if n, err := other.Process(ctx); err != nil || n != 1 {
			b.Fatalf("other: Process = %d, %v", n, err)
		}
		newArticle("m", i)
		start := processCPU(b)
		b.StartTimer()
		if n, err := mine.Process(ctx); err != nil || n != 1 {
			b.Fatalf("Process = %d, %v", n, err)
		}
		b.StopTimer()
		cpu += processCPU(b) - start
		b.StartTimer()
	}
	if n := mine.FullRestores(); n != 1 {
		b.Fatalf("%d full restores, want 1 (the first run)", n)
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/run")
}
