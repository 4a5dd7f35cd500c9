package dedup_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/internal/dedup"
)

// corpus generates news-like articles: sentences of Zipf-distributed
// synthetic words with capitalised names and numbers, deterministic by seed.
type corpus struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	words []string
	names []string
}

func newCorpus(seed uint64) *corpus {
	rng := rand.New(rand.NewPCG(seed, 1))
	c := &corpus{rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, 49999)}
	syll := []string{"ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "su", "nor", "ba", "zen", "fi", "gar", "tu", "mes"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		return b.String()
	}
	for range 50000 {
		c.words = append(c.words, word(2+rng.IntN(3)))
	}
	for range 5000 {
		w := word(2 + rng.IntN(2))
		c.names = append(c.names, strings.ToUpper(w[:1])+w[1:])
	}
	return c
}

func (c *corpus) sentence() string {
	n := 10 + c.rng.IntN(15)
	parts := make([]string, 0, n+3)
	parts = append(parts, "The")
	for i := range n {
		switch r := c.rng.IntN(20); {
		case r == 0:
			parts = append(parts, fmt.Sprint(c.rng.IntN(100000)))
		case r < 3:
			parts = append(parts, c.names[c.rng.IntN(len(c.names))], c.names[c.rng.IntN(len(c.names))])
		default:
			parts = append(parts, c.words[c.zipf.Uint64()])
		}
		if i == n/2 {
			parts = append(parts, "said")
		}
	}
	return strings.Join(parts, " ") + "."
}

func (c *corpus) article(sentences int) string {
	lines := make([]string, sentences)
	for i := range lines {
		lines[i] = c.sentence()
	}
	return strings.Join(lines, "\n")
}

// rewrite keeps most sentences in order, dropping a few and replacing
// about a fifth of the words.
func (c *corpus) rewrite(body string) string {
	var out []string
	for _, line := range strings.Split(body, "\n") {
		if c.rng.IntN(5) == 0 {
			continue
		}
		ws := strings.Fields(line)
		for i := 1; i < len(ws)-1; i++ {
			if c.rng.IntN(5) == 0 {
				ws[i] = c.words[c.zipf.Uint64()]
			}
		}
		out = append(out, strings.Join(ws, " "))
	}
	return strings.Join(out, "\n")
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkFingerprintLookup measures exact + near-duplicate lookups in a
// fingerprint index holding 1M articles, and its memory per article.
func BenchmarkFingerprintLookup(b *testing.B) {
	const n = 1_000_000
	rng := rand.New(rand.NewPCG(7, 7))
	fps := make([]dedup.Fingerprint, n)
	for i := range fps {
		fps[i].Exact = rng.Uint64()
		for b := range fps[i].Bands {
			fps[i].Bands[b] = rng.Uint32() | 1
		}
	}
	before := heapInUse()
	ix := dedup.NewFingerprintIndex()
	for _, fp := range fps {
		ix.Add(fp)
	}
	perArticle := float64(heapInUse()-before) / n
	queries := make([]dedup.Fingerprint, 1024)
	for i := range queries {
		q := fps[rng.IntN(n)]
		for b := range q.Bands { // a near-duplicate: a third of the bands agree
			if b%3 != 0 {
				q.Bands[b] = rng.Uint32() | 1
			}
		}
		q.Exact = rng.Uint64()
		queries[i] = q
	}
	var dst []uint32
	found := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		ix.Exact(q)
		dst = ix.Near(q, 1, dst[:0])
		found += len(dst)
	}
	if found == 0 {
		b.Fatal("no near-duplicate found")
	}
	b.ReportMetric(perArticle, "bytes/article")
	runtime.KeepAlive(ix)
}

// BenchmarkAdd measures candidate lookup plus alignment for each new
// article against an index of 100k generated articles (10-20 sentences),
// a quarter of the new articles being rewrites of indexed ones.
func BenchmarkAdd(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	c := newCorpus(1)
	ix := dedup.NewIndex(dedup.Config{})
	bodies := make([]string, 0, n)
	for i := range n {
		body := c.article(10 + c.rng.IntN(11))
		bodies = append(bodies, body)
		ix.Add(dedup.Doc{ID: int64(i), Text: body})
	}
	docs := make([]dedup.Doc, 4096)
	for i := range docs {
		body := c.article(10 + c.rng.IntN(11))
		if i%4 == 0 {
			body = c.rewrite(bodies[c.rng.IntN(n)])
		}
		docs[i] = dedup.Doc{ID: int64(n + i), Text: body}
	}
	linked := 0
	var cpu0 time.Duration
	for i := 0; b.Loop(); i++ {
		if i == 0 {
			cpu0, _ = cputime.Process()
		}
		d := docs[i%len(docs)]
		d.ID = int64(n + i)
		linked += len(ix.Add(d))
	}
	if now, ok := cputime.Process(); ok && now > cpu0 {
		cpu := now - cpu0
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(linked)/float64(b.N), "links/article")
}
