package httpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/demo"
	"github.com/parallax-news/parallax/internal/httpserver"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// fixedNow is the clock of test servers.
var fixedNow = time.Date(2026, time.June, 30, 12, 0, 0, 0, time.UTC)

// demoStore opens a new SQLite store in dir filled by the pipeline with the
// demo corpus, as `parallax demo` does.
func demoStore(ctx context.Context, dir string) (*sqlite.DB, error) {
	st, err := sqlite.Open(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		return nil, err
	}
	if _, err := (&pipeline.Ingester{Store: st}).IngestFS(ctx, demo.Corpus(), "demo:/"); err != nil {
		return nil, fmt.Errorf("ingest demo: %w (close: %v)", err, st.Close())
	}
	if _, err := (&pipeline.Processor{Store: st}).Process(ctx); err != nil {
		return nil, fmt.Errorf("process demo: %w (close: %v)", err, st.Close())
	}
	return st, nil
}

// shared is one read-only demo store for the tests that only read.
var shared struct {
	once sync.Once
	dir  string
	st   *sqlite.DB
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.st != nil {
		if err := shared.st.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close demo store:", err)
			code = 1
		}
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// sharedDemo returns the shared demo store, made on first use.
func sharedDemo(t testing.TB) *sqlite.DB {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "httpserver-demo-")
		if shared.err == nil {
			shared.st, shared.err = demoStore(context.Background(), shared.dir)
		}
	})
	if shared.err != nil {
		t.Fatalf("demo store: %v", shared.err)
	}
	return shared.st
}

// freshDemo returns a demo store of t's own, for tests that write.
func freshDemo(t testing.TB) *sqlite.DB {
	t.Helper()
	st, err := demoStore(context.Background(), t.TempDir())
	if err != nil {
		t.Fatalf("demo store: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return st
}

func newServer(t testing.TB, st httpserver.Store, opt httpserver.Options) *httpserver.Server {
	t.Helper()
	if opt.Now == nil {
		opt.Now = func() time.Time { return fixedNow }
	}
	s, err := httpserver.New(st, opt)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// get serves a GET of target and returns the status, content type and body.
func get(t testing.TB, h http.Handler, target string) (int, string, []byte) {
	t.Helper()
	return do(t, h, httptest.NewRequest(http.MethodGet, target, nil))
}

func do(t testing.TB, h http.Handler, r *http.Request) (int, string, []byte) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", r.Method, r.URL, err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), body
}

// getJSON GETs target, wants 200 with JSON and decodes it into v.
func getJSON(t testing.TB, h http.Handler, target string, v any) {
	t.Helper()
	code, ct, body := get(t, h, target)
	if code != http.StatusOK || !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: %d %s: %s", target, code, ct, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
}

// conflictStory returns a story of st whose brief shows a disagreement,
// and that disagreement; ok is false when no brief shows one (the demo
// corpus plants one, so internal/pipeline's TestDemoCorpus fails too).
func conflictStory(t testing.TB, st parallax.Store) (story *parallax.Story, c parallax.Comparison, ok bool) {
	t.Helper()
	ctx := context.Background()
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		b, err := st.FindBrief(ctx, s.ID)
		if err != nil {
			continue
		}
		for _, c := range b.Claims {
			if c.Conflict && len(c.Values) >= 2 {
				return s, c, true
			}
		}
	}
	return stories[0], parallax.Comparison{}, false
}

// derivedArticle returns an article of st that derives from another, with
// its alignment.
func derivedArticle(t testing.TB, st parallax.Store) parallax.Derivation {
	t.Helper()
	ds, err := st.FindDerivations(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if len(d.Pairs) > 0 {
			return d
		}
	}
	t.Fatal("no derived article with aligned sentences in the demo corpus")
	return parallax.Derivation{}
}
