package httpserver_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/httpserver"
	"github.com/parallax-news/parallax/internal/view"
)

func TestAPIStories(t *testing.T) {
	st := sharedDemo(t)
	h := newServer(t, st, httpserverOptions()).Handler()
	var stories []view.Story
	getJSON(t, h, "/api/v1/stories", &stories)
	want, err := st.FindStories(context.Background(), parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) == 0 || len(stories) != min(len(want), 50) {
		t.Fatalf("GET /api/v1/stories: %d stories, want %d", len(stories), min(len(want), 50))
	}
	for i, s := range stories {
		if s.ID != want[i].ID {
			t.Errorf("story %d is %d, want %d (the store's ranking)", i, s.ID, want[i].ID)
		}
	}
	// The filters narrow the ranked list to the stories that match.
	top := stories[0]
	var detail view.StoryDetail
	getJSON(t, h, fmt.Sprintf("/api/v1/stories/%d", top.ID), &detail)
	if detail.ID != top.ID || detail.BuiltAt == nil || len(detail.Summary) == 0 || len(detail.SourceList) == 0 {
		t.Errorf("GET story %d: id %d, built %v, %d summary sentences, %d sources; want the story with its brief",
			top.ID, detail.ID, detail.BuiltAt, len(detail.Summary), len(detail.SourceList))
	}
	word := longestWord(top.Headline)
	src := detail.SourceList[0].Source
	ent := ""
	if len(detail.Entities) > 0 {
		ent = detail.Entities[0].Name
	}
	for _, q := range []string{
		"q=" + url.QueryEscape(word),
		"source=" + url.QueryEscape(src),
		"entity=" + url.QueryEscape(ent),
		"q=" + url.QueryEscape(word) + "&source=" + url.QueryEscape(src),
	} {
		var got []view.Story
		getJSON(t, h, "/api/v1/stories?"+q, &got)
		if !slices.ContainsFunc(got, func(s view.Story) bool { return s.ID == top.ID }) {
			t.Errorf("GET /api/v1/stories?%s: %d stories, want story %d among them", q, len(got), top.ID)
		}
		if len(got) > len(stories) {
			t.Errorf("GET /api/v1/stories?%s: %d stories, more than unfiltered", q, len(got))
		}
	}
	var none []view.Story
	getJSON(t, h, "/api/v1/stories?q=zzzqqqxxx", &none)
	getJSON(t, h, "/api/v1/stories?since=2999-01-01", &none)
	if len(none) != 0 {
		t.Errorf("stories since 2999: %d, want none", len(none))
	}
	var limited []view.Story
	getJSON(t, h, "/api/v1/stories?limit=1", &limited)
	if len(limited) != 1 {
		t.Errorf("limit=1: %d stories", len(limited))
	}
}

// longestWord returns the longest word of s.
func longestWord(s string) string {
	best := ""
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,:;!?'\"")
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

func TestAPIArticles(t *testing.T) {
	st := sharedDemo(t)
	h := newServer(t, st, httpserverOptions()).Handler()
	d := derivedArticle(t, st)
	var a view.ArticleDetail
	getJSON(t, h, fmt.Sprintf("/api/v1/articles/%d", d.ArticleID), &a)
	if a.ID != d.ArticleID || a.DerivedFrom == nil || a.DerivedFrom.ID != d.SourceID || len(a.Alignment) != len(d.Pairs) {
		t.Errorf("article %d: derived from %+v with %d aligned pairs, want %d with %d", d.ArticleID, a.DerivedFrom, len(a.Alignment), d.SourceID, len(d.Pairs))
	}
	if a.StoryReason == nil || a.StoryReason.Reason == "" || len(a.Body) == 0 {
		t.Errorf("article %d: story reason %+v, %d blocks; want both", d.ArticleID, a.StoryReason, len(a.Body))
	}
	var list []view.Article
	getJSON(t, h, fmt.Sprintf("/api/v1/articles?story=%d", *a.StoryID), &list)
	if !slices.ContainsFunc(list, func(v view.Article) bool { return v.ID == a.ID }) {
		t.Errorf("articles of story %d: %d, want article %d among them", *a.StoryID, len(list), a.ID)
	}
	var page []view.Article
	getJSON(t, h, "/api/v1/articles?after=1&limit=2", &page)
	if len(page) != 2 || page[0].ID <= 1 {
		t.Errorf("articles after 1, limit 2: %+v", page)
	}
	var hits []view.SearchHit
	getJSON(t, h, "/api/v1/search?q="+url.QueryEscape(longestWord(a.Title)), &hits)
	if !slices.ContainsFunc(hits, func(h view.SearchHit) bool { return h.Article.ID == a.ID && h.Snippet != "" }) {
		t.Errorf("search for %q: %d hits, want article %d with a snippet", longestWord(a.Title), len(hits), a.ID)
	}
	var srcs []parallax.SourceRef
	getJSON(t, h, "/api/v1/sources", &srcs)
	if !slices.ContainsFunc(srcs, func(s parallax.SourceRef) bool { return s.Name == a.Source }) && a.Source != "" {
		t.Errorf("sources %+v lack %q", srcs, a.Source)
	}
	var ents []parallax.EntityRef
	getJSON(t, h, "/api/v1/entities", &ents)
	if len(ents) == 0 {
		t.Fatal("no entities")
	}
	var e view.EntityDetail
	getJSON(t, h, "/api/v1/entities/"+url.PathEscape(ents[0].Name), &e)
	if e.Name != ents[0].Name || len(e.Stories) != len(ents[0].StoryIDs) {
		t.Errorf("entity %s: %d stories, want %d", e.Name, len(e.Stories), len(ents[0].StoryIDs))
	}
}

func TestAPIErrors(t *testing.T) {
	h := newServer(t, sharedDemo(t), httpserverOptions()).Handler()
	tests := []struct {
		method, target string
		want           int
	}{
		{"GET", "/api/v1/stories/999999", http.StatusNotFound},
		{"GET", "/api/v1/stories/abc", http.StatusNotFound},
		{"GET", "/api/v1/articles/999999", http.StatusNotFound},
		{"GET", "/api/v1/entities/Nobody%20At%20All", http.StatusNotFound},
		{"GET", "/api/v1/stories?limit=-3", http.StatusBadRequest},
		{"GET", "/api/v1/stories?since=yesterday", http.StatusBadRequest},
		{"GET", "/api/v1/nothing", http.StatusNotFound},
		{"DELETE", "/api/v1/stories/1", http.StatusMethodNotAllowed},
		{"POST", "/api/v1/ingest", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		code, ct, body := do(t, h, httptest.NewRequest(tt.method, tt.target, nil))
		if code != tt.want {
			t.Errorf("%s %s: %d, want %d: %s", tt.method, tt.target, code, tt.want, body)
		}
		if tt.want != http.StatusMethodNotAllowed && !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s %s: content type %q, want JSON", tt.method, tt.target, ct)
		}
	}
}

// TestOpenAPI validates the embedded document and real responses of every
// read endpoint (successes and errors) against it.
func TestOpenAPI(t *testing.T) {
	st := sharedDemo(t)
	h := newServer(t, st, httpserverOptions()).Handler()
	ctx := context.Background()
	router := openAPIRouter(t, h)
	story, _, _ := conflictStory(t, st)
	d := derivedArticle(t, st)
	var ents []parallax.EntityRef
	getJSON(t, h, "/api/v1/entities?limit=1", &ents)
	if len(ents) == 0 {
		t.Fatal("no entities")
	}
	targets := []string{
		"/healthz",
		"/api/v1/stories", "/api/v1/stories?limit=2&since=2026-01-01", "/api/v1/stories?q=strike",
		fmt.Sprintf("/api/v1/stories/%d", story.ID), "/api/v1/stories/999999",
		"/api/v1/articles", fmt.Sprintf("/api/v1/articles/%d", d.ArticleID), fmt.Sprintf("/api/v1/articles/%d", d.SourceID),
		"/api/v1/articles/999999",
		"/api/v1/entities", "/api/v1/entities/" + url.PathEscape(ents[0].Name), "/api/v1/sources",
		"/api/v1/search?q=strike", "/api/v1/search?q=zzzqqq", "/api/v1/stories?limit=0",
		fmt.Sprintf("/api/v1/stories/%d/related", story.ID), "/api/v1/stories/999999/related", "/api/v1/topics",
		"/api/v1/me",
	}
	// Every story and article too: the shapes vary with what was found.
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		targets = append(targets, fmt.Sprintf("/api/v1/stories/%d", s.ID))
		for _, id := range s.ArticleIDs {
			targets = append(targets, fmt.Sprintf("/api/v1/articles/%d", id))
		}
	}
	for _, target := range targets {
		req := httptest.NewRequest(http.MethodGet, "http://localhost"+target, nil)
		code, ct, body := do(t, h, req)
		validate(t, router, req, code, ct, body)
	}
	// The write endpoint's refusals.
	for _, c := range []struct{ ct, body string }{
		{"application/json", `{"urls":["https://example.com/"]}`},
		{"application/json", `{"documents":[{"text":"x"}]}`},
	} {
		req := httptest.NewRequest(http.MethodPost, "http://localhost/api/v1/ingest", strings.NewReader(c.body))
		req.Header.Set("Content-Type", c.ct)
		code, ct, body := do(t, h, req)
		req.Body = io.NopCloser(strings.NewReader(c.body))
		validate(t, router, req, code, ct, body)
	}
}

// openAPIRouter loads and validates the server's OpenAPI document.
func openAPIRouter(t *testing.T, h http.Handler) routers.Router {
	t.Helper()
	code, _, spec := get(t, h, "/api/v1/openapi.json")
	if code != http.StatusOK {
		t.Fatalf("GET openapi.json: %d", code)
	}
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		t.Fatalf("load OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("OpenAPI document: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	return router
}

func validate(t *testing.T, router routers.Router, req *http.Request, code int, ct string, body []byte) {
	t.Helper()
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s: no route in the OpenAPI document: %v", req.Method, req.URL, err)
		return
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	hdr := http.Header{}
	hdr.Set("Content-Type", ct)
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: code, Header: hdr,
		Body: io.NopCloser(bytes.NewReader(body)), Options: opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: %d response does not match the OpenAPI document: %v", req.Method, req.URL, code, err)
	}
}

func httpserverOptions() httpserver.Options { return httpserver.Options{} }
