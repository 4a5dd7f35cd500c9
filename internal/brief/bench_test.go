package brief_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
	"github.com/parallax-news/parallax/internal/cputime"
)

// storyGen makes articles about one generated event: a shared topic
// vocabulary drawn Zipf-like, numbers, names with roles, quotes, and every
// fifth article a rewrite of an earlier one.
type storyGen struct {
	rng   *rand.Rand
	words []string
	names []string
}

func newStoryGen(seed uint64) *storyGen {
	g := &storyGen{rng: rand.New(rand.NewPCG(seed, 7))}
	for i := range 3000 {
		g.words = append(g.words, fmt.Sprintf("w%03dx", i))
	}
	for i := range 20 {
		g.names = append(g.names, fmt.Sprintf("Person%c Name%c", 'A'+i, 'a'+i))
	}
	return g
}

func (g *storyGen) word() string {
	// Zipf-like: small indexes are frequent.
	f := g.rng.Float64()
	return g.words[int(f*f*f*float64(len(g.words)))]
}

func (g *storyGen) sentence() string {
	n := 12 + g.rng.IntN(16)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	if g.rng.IntN(4) == 0 {
		ws[g.rng.IntN(n)] = fmt.Sprintf("%d,000 troops", 100+g.rng.IntN(5))
	}
	return "The " + strings.Join(ws, " ") + "."
}

func (g *storyGen) article(id int64, base *parallax.Article) (*parallax.Article, parallax.Analysis, *parallax.Derivation) {
	a := &parallax.Article{ID: id, Source: fmt.Sprintf("Outlet %d", id%37), Title: "Title " + g.word() + " " + g.word(),
		Published: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(id) * time.Minute)}
	var d *parallax.Derivation
	if base != nil {
		d = &parallax.Derivation{ArticleID: id, SourceID: base.ID, Kind: parallax.DerivedRewrite, Coverage: 0.7}
		for i, b := range base.Body {
			if i%3 != 2 {
				a.Body = append(a.Body, b)
				d.Pairs = append(d.Pairs, parallax.AlignedPair{SourceIndex: i, DerivedIndex: len(a.Body) - 1, Score: 1})
			}
		}
	}
	for len(a.Body) < 28 {
		kind := parallax.BlockParagraph
		if len(a.Body) > 20 {
			kind = parallax.BlockListItem
		}
		a.Body = append(a.Body, parallax.Block{Kind: kind, Text: g.sentence()})
	}
	an := parallax.Analysis{ArticleID: id}
	for k := range 4 {
		name := g.names[g.rng.IntN(len(g.names))]
		role := []string{"President", "former President", "Minister", "US President"}[g.rng.IntN(4)]
		an.Claims = append(an.Claims,
			parallax.Claim{Subject: name, Attribute: "title", Value: role, Evidence: a.Body[k].Text, Sentence: k},
			parallax.Claim{Subject: "army", Attribute: "personnel", Value: fmt.Sprintf("%d,000", 600+g.rng.IntN(3)), Evidence: a.Body[k+4].Text, Sentence: k + 4},
			parallax.Claim{Subject: "deadline", Attribute: "date", Value: "Thursday", Normalized: fmt.Sprintf("2025-11-%02d", 20+g.rng.IntN(5)), Evidence: a.Body[k+8].Text})
		an.Quotes = append(an.Quotes, parallax.Quote{Speaker: name, Text: a.Body[k+12].Text, Kind: parallax.QuoteDirect})
		an.Mentions = append(an.Mentions, parallax.Mention{Text: name, Kind: parallax.EntityPerson, Role: role, Canonical: name})
	}
	return a, an, d
}

func (g *storyGen) story(n int) brief.Input {
	in := brief.Input{StoryID: 1}
	for i := range n {
		var base *parallax.Article
		if i%5 == 4 {
			base = in.Articles[g.rng.IntN(len(in.Articles))]
		}
		a, an, d := g.article(int64(i+1), base)
		in.Articles = append(in.Articles, a)
		in.Analyses = append(in.Analyses, an)
		if d != nil {
			in.Derivations = append(in.Derivations, *d)
		}
	}
	for _, name := range g.names {
		in.Entities = append(in.Entities, parallax.Entity{Name: name, Kind: parallax.EntityPerson, Aliases: []string{strings.Fields(name)[1]}})
	}
	return in
}

// BenchmarkRebuildAfterNewArticle rebuilds the brief of a 200-article
// story after one new article arrives: the 199 others come from the
// Builder's cache. It reports the median and 99th percentile.
func BenchmarkRebuildAfterNewArticle(b *testing.B) {
	g := newStoryGen(1)
	in := g.story(199)
	builder := brief.NewBuilder()
	builder.Build(in)
	var times, cpu []time.Duration
	next := int64(1000)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for b.Loop() {
		b.StopTimer()
		a, an, _ := g.article(next, nil)
		next++
		cur := in
		cur.Articles = append(slices.Clip(in.Articles), a)
		cur.Analyses = append(slices.Clip(in.Analyses), an)
		b.StartTimer()
		start, startCPU := time.Now(), threadCPU()
		builder.Build(cur)
		times = append(times, time.Since(start))
		cpu = append(cpu, threadCPU()-startCPU)
	}
	reportPercentiles(b, "", times)
	reportPercentiles(b, "cpu-", cpu)
}

// BenchmarkBuildCold builds the same story with an empty cache.
func BenchmarkBuildCold(b *testing.B) {
	in := newStoryGen(1).story(200)
	var times, cpu []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for b.Loop() {
		start, startCPU := time.Now(), threadCPU()
		brief.Build(in)
		times = append(times, time.Since(start))
		cpu = append(cpu, threadCPU()-startCPU)
	}
	reportPercentiles(b, "", times)
	reportPercentiles(b, "cpu-", cpu)
}

// reportPercentiles reports the median and 99th percentile of the times
// (wall clock, or CPU time of the building thread with prefix "cpu-").
func reportPercentiles(b *testing.B, prefix string, times []time.Duration) {
	if len(times) == 0 || times[len(times)-1] == 0 && prefix != "" {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, prefix+"p50-ms")
	b.ReportMetric(float64(times[min(len(times)-1, len(times)*99/100)].Microseconds())/1000, prefix+"p99-ms")
}

// threadCPU is the CPU time of the calling thread (the benchmarks lock
// their goroutine to it), 0 where it cannot be read.
func threadCPU() time.Duration {
	d, _ := cputime.Thread()
	return d
}
