package httpserver_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/parallax-news/parallax"
)

// BenchmarkStory measures one story's JSON and page over the demo corpus
// in SQLite, through the whole handler chain (metrics, limits, headers).
func BenchmarkStory(b *testing.B) {
	st := sharedDemo(b)
	h := newServer(b, st, httpserverOptions()).Handler()
	stories, err := st.FindStories(context.Background(), parallax.StoryFilter{Limit: 1})
	if err != nil || len(stories) == 0 {
		b.Fatalf("FindStories: %v", err)
	}
	id := stories[0].ID
	for _, bm := range []struct{ name, target string }{
		{"API", fmt.Sprintf("/api/v1/stories/%d", id)},
		{"Page", fmt.Sprintf("/stories/%d", id)},
		{"List", "/api/v1/stories"},
		{"Home", "/"},
		{"Search", "/api/v1/search?q=strike"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bm.target, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", bm.target, w.Code)
				}
			}
		})
	}
}
