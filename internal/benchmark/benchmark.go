// Package benchmark measures the throughput and memory of each pipeline
// stage over a corpus (the embedded demo corpus by default), for `parallax
// bench`. Each stage runs over the same articles several rounds; the figure
// reported is the median round. It is a tool for people, not a test: nothing
// here asserts a timing.
package benchmark

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/claim"
	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/store"
)

// Stage is one stage's figures.
type Stage struct {
	Name string `json:"stage"`
	// Items is the number of articles (or documents) per round.
	Items int `json:"items"`
	// PerSecond is items per second in the median round.
	PerSecond float64 `json:"per_second"`
	// MedianRound is the median round's wall time.
	MedianRound time.Duration `json:"median_round_ns"`
	// AllocPerItem is bytes allocated per item in the median round.
	AllocPerItem float64 `json:"alloc_bytes_per_item"`
}

// Report is the result of a run.
type Report struct {
	Corpus     string  `json:"corpus"`
	Documents  int     `json:"documents"`
	Rounds     int     `json:"rounds"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	Stages     []Stage `json:"stages"`
}

// WriteText prints the report as a table.
func (r *Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "corpus %s: %d documents, median of %d rounds, GOMAXPROCS=%d\n\n", r.Corpus, r.Documents, r.Rounds, r.GOMAXPROCS)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\titems\titems/s\tround\tKiB alloc/item\t")
	for _, s := range r.Stages {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%.1f\t\n", s.Name, s.Items, s.PerSecond, s.MedianRound.Round(time.Microsecond), s.AllocPerItem/1024)
	}
	return tw.Flush()
}

// Run measures every stage over the documents of fsys, rounds times each.
// dir holds the temporary SQLite store of the storage stage.
func Run(ctx context.Context, name string, fsys fs.FS, rounds int, dir string) (*Report, error) {
	if rounds < 1 {
		rounds = 1
	}
	docs, err := readAll(fsys)
	if err != nil {
		return nil, err
	}
	items, fails := pipeline.Extract(name, docs)
	if len(items) == 0 {
		return nil, fmt.Errorf("bench %s: no article could be extracted (%d failures)", name, len(fails))
	}
	arts := make([]*parallax.Article, len(items))
	for i, it := range items {
		arts[i] = it.Article
		arts[i].ID = int64(i + 1)
	}
	rep := &Report{Corpus: name, Documents: len(docs), Rounds: rounds, GOMAXPROCS: runtime.GOMAXPROCS(0)}
	stages := []struct {
		name string
		n    int
		fn   func() error
	}{
		{"extract", len(docs), func() error { pipeline.Extract(name, docs); return nil }},
		{"dedup", len(arts), func() error { runDedup(arts); return nil }},
		{"cluster", len(arts), func() error { runCluster(arts); return nil }},
		{"analysis", len(arts), func() error { runAnalysis(arts); return nil }},
		{"whole pipeline (memory)", len(arts), func() error { runEngine(arts); return nil }},
		{"store (sqlite, one transaction)", len(items), func() error { return runStore(ctx, dir, items) }},
	}
	for _, s := range stages {
		st, err := measure(s.name, s.n, rounds, s.fn)
		if err != nil {
			return nil, fmt.Errorf("bench %s: %w", s.name, err)
		}
		rep.Stages = append(rep.Stages, st)
	}
	return rep, nil
}

func readAll(fsys fs.FS) ([]*parallax.Document, error) {
	var docs []*parallax.Document
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !ingest.Supported(p) {
			return err
		}
		got, fails := ingest.ReadFS(fsys, p, "bench:/"+p, ingest.Options{})
		if len(got) == 0 && len(fails) > 0 {
			return fails[0] // a corpus that cannot be read is not worth timing
		}
		docs = append(docs, got...)
		return nil
	})
	return docs, err
}

func measure(name string, n, rounds int, fn func() error) (Stage, error) {
	type round struct {
		d     time.Duration
		alloc uint64
	}
	var rs []round
	var ms runtime.MemStats
	for i := 0; i < rounds; i++ {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		start := time.Now()
		if err := fn(); err != nil {
			return Stage{}, err
		}
		d := time.Since(start)
		runtime.ReadMemStats(&ms)
		rs = append(rs, round{d, ms.TotalAlloc - before})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].d < rs[j].d })
	med := rs[len(rs)/2]
	return Stage{Name: name, Items: n, MedianRound: med.d, PerSecond: float64(n) / med.d.Seconds(),
		AllocPerItem: float64(med.alloc) / float64(n)}, nil
}

func runDedup(arts []*parallax.Article) {
	ix := dedup.NewIndex(dedup.Config{})
	for _, a := range arts {
		ix.Add(dedup.Doc{ID: a.ID, Published: a.Published, Text: a.Text()})
	}
}

func runCluster(arts []*parallax.Article) {
	c := cluster.New(cluster.Config{})
	for _, a := range arts {
		c.Add(cluster.Doc{ID: a.ID, Title: a.Title, Text: a.Text(), Time: a.When()})
	}
}

func runAnalysis(arts []*parallax.Article) {
	for _, a := range arts {
		body := a.Text()
		m := entity.Recognize(body)
		quote.Extract(body, m)
		claim.Extract(body, m, a.Published)
	}
}

func runEngine(arts []*parallax.Article) {
	eng := pipeline.NewEngine(nil)
	touched := map[int64]bool{}
	for _, a := range arts {
		for _, s := range eng.Add(a).Stories {
			touched[s] = true
		}
	}
	for id := range touched {
		eng.Brief(id, time.Time{})
	}
}

func runStore(ctx context.Context, dir string, items []parallax.Ingested) error {
	path := filepath.Join(dir, fmt.Sprintf("bench-%d.db", time.Now().UnixNano()))
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	fresh := make([]parallax.Ingested, len(items))
	for i, it := range items {
		d, a := *it.Document, *it.Article
		fresh[i] = parallax.Ingested{Document: &d, Article: &a}
	}
	_, err = st.CreateDocuments(ctx, fresh)
	return err
}
