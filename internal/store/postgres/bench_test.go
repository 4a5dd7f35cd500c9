package postgres_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/cputime"
	"github.com/parallax-news/parallax/internal/pgtest"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// genText returns made-up text of about size bytes in paragraphs, its words
// drawn from a generated vocabulary with Zipf's law as in natural text (no
// real text is embedded).
func genText(r *rand.Rand, vocab []string, size int) (title string, paras []string) {
	z := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	sentence := func(n int) string {
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[z.Uint64()]
		}
		return strings.Join(words, " ")
	}
	title = sentence(8)
	for total := 0; total < size; {
		var p []string
		for range 3 + r.IntN(3) {
			p = append(p, sentence(8+r.IntN(16))+".")
		}
		para := strings.Join(p, " ")
		paras = append(paras, para)
		total += len(para)
	}
	return title, paras
}

func genVocabulary(r *rand.Rand, n int) []string {
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

// textItem is one plain-text file's document and article as ingest builds
// them.
func textItem(n int, title string, paras []string, fetched time.Time) parallax.Ingested {
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
// transaction per batch, into the local test database, and reports
// articles/s (wall clock of CreateDocuments: the server's work included,
// making the items excluded) and, when the server
// runs on this machine, articles per CPU-second of this process and the
// server's backends together (the rate on one free core, since the
// machine may be shared). The search index trails ingest: indexed/s and
// indexed/cpu-s are the same rates for indexing the stored articles
// afterwards (IndexSearch), untimed by the benchmark's clock.
func BenchmarkCreateDocuments(b *testing.B) {
	for _, batch := range []int{100, 500, 2000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			vocab := genVocabulary(r, 30000)
			type text struct {
				title string
				paras []string
			}
			pool := make([]text, 256)
			for i := range pool {
				pool[i].title, pool[i].paras = genText(r, vocab, 3000)
			}
			// Its own application name tells this benchmark's backends from
			// those of other tests using the same database.
			app := fmt.Sprintf("parallax_bench_%d_%d", os.Getpid(), batch)
			db, err := postgres.Open(context.Background(), pgtest.DSN(b)+"&application_name="+app)
			if err != nil {
				b.Fatalf("Open: %v", err)
			}
			defer db.Close()
			ctx := context.Background()
			fetched := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
			n := 0
			cpu0, cpuOK := cpuTime(ctx, db, app)
			b.ResetTimer()
			for b.Loop() {
				// Making the items (what ingest and extraction hand the
				// store) is not the store's work: untimed, though its CPU
				// is in articles/cpu-s.
				b.StopTimer()
				items := make([]parallax.Ingested, batch)
				for i := range items {
					t := pool[n%len(pool)]
					items[i] = textItem(n, t.title, t.paras, fetched)
					n++
				}
				b.StartTimer()
				if _, err := db.CreateDocuments(ctx, items); err != nil {
					b.Fatalf("CreateDocuments: %v", err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
			cpu1, ok := cpuTime(ctx, db, app)
			if ok && cpuOK && cpu1 > cpu0 {
				b.ReportMetric(float64(n)/(cpu1-cpu0).Seconds(), "articles/cpu-s")
			}
			start := time.Now()
			indexed, err := db.IndexSearch(ctx, 0)
			if err != nil {
				b.Fatalf("IndexSearch: %v", err)
			}
			b.ReportMetric(float64(indexed)/time.Since(start).Seconds(), "indexed/s")
			if cpu2, ok2 := cpuTime(ctx, db, app); ok && ok2 && cpu2 > cpu1 {
				b.ReportMetric(float64(indexed)/(cpu2-cpu1).Seconds(), "indexed/cpu-s")
			}
		})
	}
}

// cpuTime returns the CPU time used so far by this process and by the
// server backends of its connections named app; ok is false when either
// cannot be read.
func cpuTime(ctx context.Context, db *postgres.DB, app string) (time.Duration, bool) {
	self, ok1 := cputime.Process()
	server, ok2 := pgtest.BackendCPU(ctx, db.Pool(), app)
	return self + server, ok1 && ok2
}

// BenchmarkFindUnprocessed asks what an idle worker asks at every poll,
// under the process lock: is any article unprocessed? The store holds
// 200,000 articles, all assigned to stories, filled with SQL. "pending"
// is FindArticles(Unprocessed, Limit 1), which reads pending_articles
// (0008); "anti-join" is the query it replaced, run on the same data.
func BenchmarkFindUnprocessed(b *testing.B) {
	const n = 200_000
	db, err := postgres.Open(context.Background(), pgtest.DSN(b))
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO documents (id, url, content_type, body, hash, hints)
SELECT i, 'https://example.org/a/' || i, 'text/html', '\x00', md5(i::text), '{}' FROM generate_series(1, $1) i`,
		`INSERT INTO articles (id, document_id, url, source, title, byline, dateline_place, section, language, tags, body, removed)
SELECT i, i, 'https://example.org/a/' || i, 'Example', 'Title ' || i, '', '', '', 'en', '[]', '[]', '[]' FROM generate_series(1, $1) i`,
		`INSERT INTO stories (id, headline, sources) SELECT i, 'Story ' || i, 1 FROM generate_series(1, $1 / 10) i`,
		`INSERT INTO story_articles (article_id, story_id, similarity, threshold, reason, shared_terms, shared_names)
SELECT i, 1 + (i - 1) / 10, 1, 0.5, 'made up', '[]', '[]' FROM generate_series(1, $1) i`,
		`ANALYZE`,
	} {
		if _, err := db.Pool().Exec(ctx, q, n); err != nil && !strings.HasPrefix(q, "ANALYZE") {
			b.Fatalf("fill: %v\n%s", err, q)
		}
	}
	b.Run("pending", func(b *testing.B) {
		for b.Loop() {
			left, err := db.FindArticles(ctx, parallax.ArticleFilter{Unprocessed: true, Limit: 1})
			if err != nil || len(left) != 0 {
				b.Fatalf("FindArticles = %d articles, %v; want none", len(left), err)
			}
		}
	})
	b.Run("anti-join", func(b *testing.B) {
		for b.Loop() {
			var id int64
			err := db.Pool().QueryRow(ctx, `SELECT a.id FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM story_articles u WHERE u.article_id = a.id) ORDER BY a.id LIMIT 1`).Scan(&id)
			if err == nil {
				b.Fatalf("anti-join found article %d", id)
			}
		}
	})
}
