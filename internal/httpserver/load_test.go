package httpserver_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// BenchmarkLoad is the bounded load test of the issue: a SQLite store with
// $PARALLAX_LOAD_ARTICLES articles (skipped when unset; the issue asks for
// 100000) in stories of ten, each with a brief shaped like the demo's
// biggest, then 200 requests/s for 10 s each to story pages and to the
// API's story list over loopback. It reports latency percentiles, not a
// pass/fail: run with -benchtime=1x.
func BenchmarkLoad(b *testing.B) {
	n, err := strconv.Atoi(os.Getenv("PARALLAX_LOAD_ARTICLES"))
	if err != nil || n <= 0 {
		b.Skip("set PARALLAX_LOAD_ARTICLES (e.g. 100000) to run the load test")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, b.TempDir()+"/load.db")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := st.Close(); err != nil {
			b.Error(err)
		}
	})
	template := biggestBrief(b, sharedDemo(b))
	const perStory = 10
	var storyIDs []int64
	start := time.Now()
	for from := 0; from < n; from += 1000 {
		var items []parallax.Ingested
		for i := from; i < min(from+1000, n); i++ {
			url := fmt.Sprintf("https://load.example/%d", i)
			body := fmt.Sprintf("Article %d about event %d. The council met on Tuesday and voted on the plan; officials said %d people attended.", i, i/perStory, i%500)
			items = append(items, parallax.Ingested{
				Document: &parallax.Document{URL: url, ContentType: "text/plain", Body: []byte(body)},
				Article: &parallax.Article{URL: url, Source: fmt.Sprintf("Outlet %d", i%40), Title: fmt.Sprintf("Event %d report %d", i/perStory, i),
					Published: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
					Body:      []parallax.Block{{Kind: parallax.BlockParagraph, Text: body}}},
			})
		}
		if _, err := st.CreateDocuments(ctx, items); err != nil {
			b.Fatal(err)
		}
		var results []parallax.Processed
		var stories []*parallax.Story
		for i := 0; i < len(items); i += perStory {
			group := items[i:min(i+perStory, len(items))]
			s := &parallax.Story{ID: group[0].Article.ID, Headline: group[0].Article.Title, Sources: len(group),
				FirstSeen: group[0].Article.Published, LastSeen: group[len(group)-1].Article.Published}
			for _, it := range group {
				s.ArticleIDs = append(s.ArticleIDs, it.Article.ID)
				results = append(results, parallax.Processed{ArticleID: it.Article.ID,
					Assignment: parallax.Assignment{ArticleID: it.Article.ID, StoryID: s.ID, Similarity: 0.5, Threshold: 0.3, Reason: "load test"}})
			}
			stories = append(stories, s)
		}
		if err := st.SaveProcessed(ctx, results, stories, nil); err != nil {
			b.Fatal(err)
		}
		for _, s := range stories {
			br := *template
			br.StoryID, br.Headline = s.ID, s.Headline
			if err := st.SaveBrief(ctx, &br); err != nil {
				b.Fatal(err)
			}
			storyIDs = append(storyIDs, s.ID)
		}
	}
	b.Logf("stored %d articles in %d stories in %s", n, len(storyIDs), time.Since(start).Round(time.Second))
	srv := httptest.NewServer(newServer(b, st, httpserverOptions()).Handler())
	b.Cleanup(srv.Close)
	client := srv.Client()
	for _, target := range []struct {
		name string
		path func(i int) string
	}{
		{"StoryPage", func(i int) string { return fmt.Sprintf("/stories/%d", storyIDs[(i*7919)%len(storyIDs)]) }},
		{"StoryList", func(int) string { return "/api/v1/stories" }},
	} {
		b.Run(target.name, func(b *testing.B) {
			for b.Loop() {
				lat := load(b, client, srv.URL, 200, 10*time.Second, target.path)
				slices.Sort(lat)
				pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
				b.ReportMetric(pct(0.5), "p50-ms")
				b.ReportMetric(pct(0.99), "p99-ms")
				b.ReportMetric(float64(len(lat)), "requests")
			}
		})
	}
}

// biggestBrief returns the demo brief with the most sources.
func biggestBrief(b *testing.B, st parallax.Store) *parallax.Brief {
	ctx := context.Background()
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var best *parallax.Brief
	for _, s := range stories {
		br, err := st.FindBrief(ctx, s.ID)
		if err == nil && (best == nil || len(br.Sources) > len(best.Sources)) {
			best = br
		}
	}
	if best == nil {
		b.Fatal("no demo brief")
	}
	return best
}

// load sends rate requests per second for d (open loop: each on its own
// schedule, whatever the latency of the others) and returns the latencies.
func load(b *testing.B, c *http.Client, base string, rate int, d time.Duration, path func(int) string) []time.Duration {
	var (
		mu  sync.Mutex
		lat []time.Duration
		wg  sync.WaitGroup
	)
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		<-tick.C
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			t0 := time.Now()
			res, err := c.Get(base + path(i))
			if err != nil {
				b.Error(err)
				return
			}
			_, err = io.Copy(io.Discard, res.Body)
			if cerr := res.Body.Close(); err == nil {
				err = cerr
			}
			if err != nil || res.StatusCode != http.StatusOK {
				b.Errorf("GET %s: %d %v", path(i), res.StatusCode, err)
				return
			}
			mu.Lock()
			lat = append(lat, time.Since(t0))
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	return lat
}
