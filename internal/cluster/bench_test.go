package cluster_test

import (
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/cputime"
)

// benchArticles is the index size of BenchmarkAdd: 20,000 by default. For
// the 1M figure run
//
//	PARALLAX_BENCH_ARTICLES=1000000 go test -run XXX -bench Add -benchtime 20000x ./internal/cluster
//
// which fills the index with about 8 CPU-minutes of work and 1.1 GiB of
// memory before timing anything.
func benchArticles(b *testing.B) int {
	s := os.Getenv("PARALLAX_BENCH_ARTICLES")
	if s == "" {
		return 20000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("PARALLAX_BENCH_ARTICLES=%q: want a positive number", s)
	}
	return n
}

// newsGen generates a stream of made-up news: events of about five
// articles each, overlapping in time, with their own words and names,
// written among common words (Zipf-distributed).
type newsGen struct {
	rng  *rand.Rand
	zipf *rand.Zipf
	next int64
	base time.Time
}

const (
	genCommon     = 20000  // common words
	genTopicWords = 200000 // words events draw their topic from
	genNames      = 100000 // capitalised names
)

func newNewsGen(seed uint64) *newsGen {
	rng := rand.New(rand.NewPCG(seed, 1))
	return &newsGen{rng: rng, zipf: rand.NewZipf(rng, 1.1, 1, genCommon-1),
		base: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// doc returns the next article; event ~ article number / 5, give or take 2.
func (g *newsGen) doc() cluster.Doc {
	g.next++
	i := g.next
	event := max(i/5+int64(g.rng.IntN(5))-2, 0)
	ev := rand.New(rand.NewPCG(uint64(event), 2))
	topic := make([]string, 10)
	for k := range topic {
		topic[k] = word(genCommon + ev.IntN(genTopicWords))
	}
	names := []string{capital(word(ev.IntN(genNames))) + " " + capital(word(ev.IntN(genNames))), capital(word(ev.IntN(genNames)))}
	var title, body strings.Builder
	for k := range 6 {
		switch {
		case k < 3:
			title.WriteString(topic[g.rng.IntN(len(topic))])
		case k == 3:
			title.WriteString(names[g.rng.IntN(len(names))])
		default:
			title.WriteString(word(int(g.zipf.Uint64())))
		}
		title.WriteByte(' ')
	}
	for k := range 90 {
		switch {
		case k%12 == 0:
			body.WriteString(". ")
			body.WriteString(names[g.rng.IntN(len(names))])
		case g.rng.IntN(4) == 0:
			body.WriteString(topic[g.rng.IntN(len(topic))])
		default:
			body.WriteString(word(int(g.zipf.Uint64())))
		}
		body.WriteByte(' ')
	}
	return cluster.Doc{ID: i, Title: title.String(), Text: body.String(), Time: g.base.Add(time.Duration(i) * 30 * time.Second)}
}

func capital(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

func BenchmarkAdd(b *testing.B) {
	n := benchArticles(b)
	g := newNewsGen(1)
	cfg := cluster.Config{Now: func() time.Time { return g.base.AddDate(10, 0, 0) }}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c := cluster.New(cfg)
	for range n {
		c.Add(g.doc())
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	pool := make([]cluster.Doc, 4096)
	for i := range pool {
		pool[i] = g.doc()
	}
	// Wall time per Add, and the CPU time of the thread doing it (which
	// leaves out waiting for a core when the machine is shared).
	var wall, cpu []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		d := pool[i%len(pool)]
		d.ID = int64(n + 1 + i)
		c0, cpuOK := cputime.Thread()
		start := time.Now()
		c.Add(d)
		wall = append(wall, time.Since(start))
		if c1, ok := cputime.Thread(); ok && cpuOK {
			cpu = append(cpu, c1-c0)
		}
		i++
	}
	b.StopTimer()
	reportQuantiles(b, wall, "")
	reportQuantiles(b, cpu, "cpu-")
	b.ReportMetric(float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc))/float64(n), "heap-B/article")
	b.ReportMetric(float64(c.Stats().Stories), "stories")
	runtime.KeepAlive(c)
}

// reportQuantiles reports the median, p90 and p99 of ds as metrics.
func reportQuantiles(b *testing.B, ds []time.Duration, prefix string) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), prefix+"p50-ns")
	b.ReportMetric(float64(ds[len(ds)*9/10].Nanoseconds()), prefix+"p90-ns")
	b.ReportMetric(float64(ds[len(ds)*99/100].Nanoseconds()), prefix+"p99-ns")
}
