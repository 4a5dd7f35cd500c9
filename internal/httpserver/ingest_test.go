package httpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/httpserver"
	"github.com/parallax-news/parallax/internal/view"
	"golang.org/x/net/html"
)

// newToken stores a token and returns its secret.
func newToken(t *testing.T, st parallax.TokenStore) string {
	t.Helper()
	secret, err := parallax.NewTokenSecret()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateToken(context.Background(), &parallax.Token{Name: "test", CreatedAt: fixedNow}, parallax.HashToken(secret)); err != nil {
		t.Fatal(err)
	}
	return secret
}

func post(t *testing.T, h http.Handler, token, ct string, body []byte) (int, []byte) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/api/v1/ingest", bytes.NewReader(body))
	r.Header.Set("Content-Type", ct)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	code, _, out := do(t, h, r)
	return code, out
}

func TestIngest(t *testing.T) {
	st := freshDemo(t)
	var logs bytes.Buffer
	h := newServer(t, st, httpserver.Options{Log: slog.New(slog.NewTextHandler(&logs, nil)), MaxBody: 1 << 20}).Handler()
	secret := newToken(t, st)
	doc := `{"documents":[{"id":"n1","url":"https://news.example/ferry","source":"Example News","title":"Ferry service resumes after storm",` +
		`"published":"2026-06-01","text":"The ferry between Osterholm and Vessa resumed on Monday after a storm closed the route for three days. The operator said 4 sailings a day would run."}]}`
	tests := []struct {
		name, token, ct, body string
		want                  int
	}{
		{"no token", "", "application/json", doc, http.StatusUnauthorized},
		{"wrong token", "plx_0000", "application/json", doc, http.StatusUnauthorized},
		{"urls", secret, "application/json", `{"urls":["https://news.example/a"]}`, http.StatusNotImplemented},
		{"bad json", secret, "application/json", `{"documents":`, http.StatusBadRequest},
		{"no documents", secret, "application/json", `{}`, http.StatusBadRequest},
		{"other type", secret, "text/plain", "hello", http.StatusBadRequest},
		{"too large", secret, "application/jsonl", strings.Repeat("x", 2<<20), http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		code, body := post(t, h, tt.token, tt.ct, []byte(tt.body))
		if code != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.name, code, tt.want, body)
		}
	}
	code, body := post(t, h, secret, "application/json", []byte(doc))
	if code != http.StatusOK {
		t.Fatalf("ingest: %d: %s", code, body)
	}
	var res view.IngestResult
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if res.New != 1 || res.Processed != 1 || len(res.Failed) != 0 {
		t.Errorf("ingest: %+v, want 1 new and processed", res)
	}
	// A document without text is reported by the name it was sent under.
	_, body = post(t, h, secret, "application/json", []byte(`{"documents":[{"url":"https://news.example/empty","html":"<p></p>"}]}`))
	if !strings.Contains(string(body), `"input":"documents.jsonl`) {
		t.Errorf("empty document: %s, want a failure naming documents.jsonl", body)
	}
	// Again: already known, nothing to process.
	if _, body = post(t, h, secret, "application/json", []byte(doc)); !strings.Contains(string(body), `"already_known":1`) {
		t.Errorf("second ingest: %s, want already known", body)
	}
	var stories []view.Story
	getJSON(t, h, "/api/v1/stories?q=ferry", &stories)
	if len(stories) != 1 || stories[0].Headline != "Ferry service resumes after storm" {
		t.Errorf("stories about the ferry: %+v", stories)
	}
	// Multipart: a supported file and an unsupported one.
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	for name, content := range map[string]string{
		"../../etc/tram.txt": "Tram drivers strike in Lakeside\n\nTram drivers in Lakeside stopped work on Tuesday over a pay offer the union called too low.",
		"notes.exe":          "MZ",
	} {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	code, body = post(t, h, secret, mw.FormDataContentType(), mp.Bytes())
	if code != http.StatusOK {
		t.Fatalf("multipart ingest: %d: %s", code, body)
	}
	res = view.IngestResult{}
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if res.New != 1 || len(res.Failed) != 1 || res.Failed[0].Input != "notes.exe" {
		t.Errorf("multipart ingest: %+v, want the text file stored and notes.exe refused", res)
	}
	if strings.Contains(logs.String(), secret) || strings.Contains(logs.String(), parallax.HashToken(secret)) {
		t.Errorf("the log holds the token:\n%s", logs.String())
	}
	// Browsers' cross-site posts are refused even with a token.
	r := httptest.NewRequest(http.MethodPost, "/api/v1/ingest", strings.NewReader(doc))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+secret)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	if code, _, _ := do(t, h, r); code != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", code)
	}
}

// TestHostileArticle ingests an article full of active content and checks
// that none of it reaches a page, a feed or the JSON as live markup.
func TestHostileArticle(t *testing.T) {
	st := freshDemo(t)
	h := newServer(t, st, httpserverOptions()).Handler()
	secret := newToken(t, st)
	hostile := `<html><head><title>Harbour council <script>alert(1)</script> vote</title></head><body><article>` +
		`<h1 onmouseover="alert(2)">Harbour council votes on the quay plan</h1>` +
		`<p>The harbour council voted on Thursday on the quay plan. <a href="javascript:alert(3)">Read more</a> ` +
		`<img src=x onerror="alert(4)"> The vote was 7 to 4, the clerk said.</p>` +
		`<p>"We will build it," said Mayor Ilse Varga. &lt;script&gt;alert(5)&lt;/script&gt; <iframe src="javascript:alert(6)"></iframe></p>` +
		`<p>The plan costs 12 million euros and will take two years, officials said on Thursday.</p>` +
		`<p><svg onload="alert(7)"></svg>Critics said the plan ignores the fishing fleet.</p>` +
		strings.Repeat(`<p>The quay plan would move the ferry berth north, widen the harbour mouth and add a cargo shed, according to the council papers published this week.</p>`, 4) +
		`</article></body></html>`
	body, err := json.Marshal(map[string]any{"documents": []map[string]string{{
		"url": "https://news.example/hostile", "source": `Evil <b onclick="alert(8)">Wire</b>`,
		"title": `Harbour council <script>alert(9)</script> votes`, "html": hostile, "published": "2026-06-02",
	}}})
	if err != nil {
		t.Fatal(err)
	}
	code, out := post(t, h, secret, "application/json", body)
	if code != http.StatusOK || !strings.Contains(string(out), `"new":1`) {
		t.Fatalf("ingest: %d %s", code, out)
	}
	arts, err := st.FindArticles(context.Background(), parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	a := arts[len(arts)-1]
	as, err := st.FindAssignments(context.Background(), []int64{a.ID})
	if err != nil || len(as) != 1 {
		t.Fatalf("assignment of the hostile article: %v %v", as, err)
	}
	pages := []string{"/", fmt.Sprintf("/articles/%d", a.ID), fmt.Sprintf("/stories/%d", as[0].StoryID), "/search?q=harbour+council"}
	for _, p := range pages {
		doc, _ := page(t, h, p, http.StatusOK)
		checkInert(t, p, doc)
	}
	// The hostile text did reach the article page, as text.
	if _, text := page(t, h, pages[1], http.StatusOK); !strings.Contains(text, "alert(") {
		t.Errorf("article page shows none of the hostile text: %.300s", text)
	}
	f := parseFeed(t, h, "/feeds/stories.atom")
	for _, it := range f.Items {
		checkFeedItem(t, it)
	}
}

// checkInert fails when n holds active content other than the server's own
// script: a script element, an event-handler attribute, a javascript: URL,
// an iframe, object or embed.
func checkInert(t *testing.T, where string, n *html.Node) {
	t.Helper()
	for _, el := range find(n, func(*html.Node) bool { return true }) {
		switch el.Data {
		case "script":
			if attr(el, "src") != "/static/app.js" || el.FirstChild != nil {
				t.Errorf("%s: a script element: %v", where, el.Attr)
			}
		case "iframe", "object", "embed":
			t.Errorf("%s: an %s element", where, el.Data)
		}
		for _, at := range el.Attr {
			v := strings.ToLower(strings.TrimSpace(at.Val))
			if strings.HasPrefix(strings.ToLower(at.Key), "on") {
				t.Errorf("%s: event handler %s=%q on <%s>", where, at.Key, at.Val, el.Data)
			}
			if (at.Key == "href" || at.Key == "src" || at.Key == "action") && strings.HasPrefix(v, "javascript:") {
				t.Errorf("%s: %s=%q on <%s>", where, at.Key, at.Val, el.Data)
			}
		}
	}
}

func checkFeedItem(t *testing.T, it *gofeed.Item) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(it.Content))
	if err != nil {
		t.Fatalf("feed entry %s: %v", it.GUID, err)
	}
	checkInert(t, "feed entry "+it.GUID, doc)
	for _, el := range find(doc, func(n *html.Node) bool { return n.Data == "script" }) {
		t.Errorf("feed entry %s: script %v", it.GUID, el.Attr)
	}
}

// TestIngestURLs posts a URL to a server with a fetcher allowed to reach
// loopback, where a page waits.
func TestIngestURLs(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Lock gates replaced on the Oster Canal</title></head><body><article><h1>Lock gates replaced on the Oster Canal</h1>`+
			strings.Repeat(`<p>Engineers replaced the upper lock gates on the Oster Canal at Vessa over the weekend, the waterways board said on Monday, ahead of the summer boating season.</p>`, 4)+
			`</article></body></html>`)
	}))
	t.Cleanup(site.Close)
	st := freshDemo(t)
	f := fetch.New(fetch.Options{AllowPrivate: true, Delay: -1})
	h := newServer(t, st, httpserver.Options{Fetcher: f}).Handler()
	secret := newToken(t, st)
	tests := []struct {
		body string
		want int
	}{
		{`{"urls":["ftp://example.com/x"]}`, http.StatusBadRequest},
		{`{"urls":["` + site.URL + `/lock-gates"]}`, http.StatusOK},
	}
	for _, tt := range tests {
		code, out := post(t, h, secret, "application/json", []byte(tt.body))
		if code != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.body, code, tt.want, out)
		}
		if code == http.StatusOK && !strings.Contains(string(out), `"new":1`) {
			t.Errorf("%s: %s, want one new article", tt.body, out)
		}
	}
	var stories []view.Story
	getJSON(t, h, "/api/v1/stories?q=lock+gates", &stories)
	if len(stories) != 1 {
		t.Errorf("stories about the lock gates: %d, want 1", len(stories))
	}
}
