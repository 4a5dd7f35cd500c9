package sqlite_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cputime"
)

// vocabulary returns n made-up words (no real text is embedded).
func vocabulary(r *rand.Rand, n int) []string {
	const letters = "etaoinshrdlucmfwypvbgkjqxz"
	words := make([]string, n)
	for i := range words {
		b := make([]byte, 2+r.IntN(9))
		for j := range b {
			b[j] = letters[min(r.IntN(len(letters)), r.IntN(len(letters)))]
		}
		words[i] = string(b)
	}
	return words
}

// plainArticle returns a generated plain-text article of about size bytes,
// its words drawn from vocab with Zipf's law as in natural text.
func plainArticle(r *rand.Rand, vocab []string, size int) (title string, paras []string) {
	z := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	sentence := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[z.Uint64()])
		}
		return b.String()
	}
	title = sentence(8)
	total := 0
	for total < size {
		var p strings.Builder
		for range 3 + r.IntN(3) {
			p.WriteString(sentence(8 + r.IntN(16)))
			p.WriteString(". ")
		}
		paras = append(paras, strings.TrimSpace(p.String()))
		total += p.Len()
	}
	return title, paras
}

// plainItem is one .txt file's document and article as ingest builds them.
func plainItem(n int, title string, paras []string, fetched time.Time) parallax.Ingested {
	text := title + "\n\n" + strings.Join(paras, "\n\n")
	sum := sha256.Sum256([]byte(text))
	url := fmt.Sprintf("file:///corpus/%08d.txt", n)
	body := make([]parallax.Block, len(paras))
	for i, p := range paras {
		body[i] = parallax.Block{Kind: parallax.BlockParagraph, Text: p}
	}
	return parallax.Ingested{
		Document: &parallax.Document{
			URL: url, ContentType: "text/plain", Body: []byte(text),
			Hash: hex.EncodeToString(sum[:]), FetchedAt: fetched,
		},
		Article: &parallax.Article{
			URL: url, Title: title, Fetched: fetched, Language: "en",
			Tags: []string{"world"}, Body: body,
		},
	}
}

// BenchmarkCreateDocuments stores batches of ~3 KB plain-text articles, one
// transaction per batch, and reports articles/s and, since the machine may
// be shared, articles per second of CPU time (the rate on one free core;
// the process's whole CPU time, garbage collection and SQLite included).
func BenchmarkCreateDocuments(b *testing.B) {
	for _, batch := range []int{100, 500} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			type text struct {
				title string
				paras []string
			}
			vocab := vocabulary(r, 30000)
			pool := make([]text, 256)
			for i := range pool {
				pool[i].title, pool[i].paras = plainArticle(r, vocab, 3000)
			}
			db := openTemp(b)
			ctx := context.Background()
			fetched := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
			n := 0
			cpu0, cpuOK := cputime.Process()
			b.ResetTimer()
			for b.Loop() {
				items := make([]parallax.Ingested, batch)
				for i := range items {
					t := pool[n%len(pool)]
					items[i] = plainItem(n, t.title, t.paras, fetched)
					n++
				}
				if _, err := db.CreateDocuments(ctx, items); err != nil {
					b.Fatalf("CreateDocuments: %v", err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
			if cpu1, ok := cputime.Process(); ok && cpuOK && cpu1 > cpu0 {
				b.ReportMetric(float64(n)/(cpu1-cpu0).Seconds(), "articles/cpu-s")
			}
		})
	}
}

// BenchmarkIndexSearch adds batches of 500 stored ~3 KB articles to the
// search index (the work CreateDocuments leaves to the search feature) and
// reports articles per second of CPU time.
func BenchmarkIndexSearch(b *testing.B) {
	const batch = 500
	r := rand.New(rand.NewPCG(3, 4))
	vocab := vocabulary(r, 30000)
	db := openTemp(b)
	ctx := context.Background()
	fetched := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
	var (
		n   int
		cpu time.Duration
	)
	for b.Loop() {
		b.StopTimer()
		items := make([]parallax.Ingested, batch)
		for i := range items {
			title, paras := plainArticle(r, vocab, 3000)
			items[i] = plainItem(n+i, title, paras, fetched)
		}
		if _, err := db.CreateDocuments(ctx, items); err != nil {
			b.Fatalf("CreateDocuments: %v", err)
		}
		cpu0, _ := cputime.Process()
		b.StartTimer()
		added, err := db.IndexSearch(ctx, batch)
		if err != nil || added != batch {
			b.Fatalf("IndexSearch = %d, %v; want %d", added, err, batch)
		}
		cpu1, _ := cputime.Process()
		cpu += cpu1 - cpu0
		n += batch
	}
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkSaveProcessed saves, in batches of 500, what the later stages
// find for an article: an assignment, a derivation for one article in four,
// and an analysis of 12 mentions, 3 quotes and 4 claims; it reports
// articles per second of CPU time.
func BenchmarkSaveProcessed(b *testing.B) {
	const batch = 500
	r := rand.New(rand.NewPCG(5, 6))
	vocab := vocabulary(r, 30000)
	db := openTemp(b)
	ctx := context.Background()
	fetched := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
	var (
		n   int
		cpu time.Duration
	)
	for b.Loop() {
		b.StopTimer()
		items := make([]parallax.Ingested, batch)
		for i := range items {
			title, paras := plainArticle(r, vocab, 3000)
			items[i] = plainItem(n+i, title, paras, fetched)
		}
		if _, err := db.CreateDocuments(ctx, items); err != nil {
			b.Fatalf("CreateDocuments: %v", err)
		}
		results, stories := processedBatch(items, vocab)
		cpu0, _ := cputime.Process()
		b.StartTimer()
		if err := db.SaveProcessed(ctx, results, stories, nil); err != nil {
			b.Fatalf("SaveProcessed: %v", err)
		}
		cpu1, _ := cputime.Process()
		cpu += cpu1 - cpu0
		n += batch
	}
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

// processedBatch makes the stages' results for stored items: stories of
// five articles each.
func processedBatch(items []parallax.Ingested, vocab []string) ([]parallax.Processed, []*parallax.Story) {
	var (
		results []parallax.Processed
		stories []*parallax.Story
	)
	for i, it := range items {
		a := it.Article
		story := items[i-i%5].Article.ID
		if i%5 == 0 {
			stories = append(stories, &parallax.Story{ID: a.ID, Headline: a.Title, Sources: 5, FirstSeen: a.Fetched, LastSeen: a.Fetched, UpdatedAt: a.Fetched})
		}
		p := parallax.Processed{
			ArticleID: a.ID,
			Assignment: parallax.Assignment{
				ArticleID: a.ID, StoryID: story, Similarity: 0.5, Threshold: 0.3,
				Reason: "shares terms", SharedTerms: vocab[:5], SharedNames: vocab[5:7],
			},
			Analysis: &parallax.Analysis{ArticleID: a.ID},
		}
		if i%4 == 3 {
			p.Derivation = &parallax.Derivation{ArticleID: a.ID, SourceID: story, Kind: parallax.DerivedRewrite, Coverage: 0.7,
				Pairs: []parallax.AlignedPair{{SourceIndex: 1, DerivedIndex: 1, SourceText: vocab[10], DerivedText: vocab[11], Score: 0.8}}}
		}
		for j := range 12 {
			p.Analysis.Mentions = append(p.Analysis.Mentions, parallax.Mention{Text: vocab[j], Kind: parallax.EntityPerson, Start: j * 10, End: j*10 + 5, Sentence: j, Canonical: vocab[j]})
		}
		for j := range 3 {
			p.Analysis.Quotes = append(p.Analysis.Quotes, parallax.Quote{Speaker: vocab[j], Text: a.Body[0].Text[:80], Kind: parallax.QuoteDirect, Cue: "said", Start: j, End: j + 80})
		}
		for j := range 4 {
			p.Analysis.Claims = append(p.Analysis.Claims, parallax.Claim{Subject: vocab[j], Attribute: "count", Value: "28", Normalized: "28", Evidence: a.Body[0].Text[:60], Sentence: j})
		}
		results = append(results, p)
	}
	return results, stories
}
