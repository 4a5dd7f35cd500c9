package httpserver_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/parallax-news/parallax"
	"golang.org/x/net/html"
)

// page GETs an HTML page, wants status code, and returns its parsed tree
// and text.
func page(t *testing.T, h http.Handler, target string, want int) (*html.Node, string) {
	t.Helper()
	code, ct, body := get(t, h, target)
	if code != want || !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s: %d %s, want %d HTML", target, code, ct, want)
	}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: parse: %v", target, err)
	}
	return doc, textOf(doc)
}

// textOf returns the text of n's subtree with whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// find returns the elements of n's subtree for which ok holds.
func find(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return strings.Contains(" "+attr(n, "class")+" ", " "+class+" ") }
}

func TestPages(t *testing.T) {
	st := sharedDemo(t)
	h := newServer(t, st, httpserverOptions()).Handler()
	ctx := context.Background()
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	home, text := page(t, h, "/", http.StatusOK)
	cards := find(home, hasClass("story-card"))
	if len(cards) != len(stories) {
		t.Errorf("home page: %d story cards, want %d", len(cards), len(stories))
	}
	for i, s := range stories {
		if !strings.Contains(text, s.Headline) {
			t.Errorf("home page lacks headline %q", s.Headline)
		}
		if i < len(cards) && !strings.Contains(textOf(cards[i]), s.Headline) {
			t.Errorf("card %d is %q, want story %d (%s) in rank order", i, textOf(cards[i]), s.ID, s.Headline)
		}
	}
	// A story page shows the brief: summary sentences with source markers
	// linking to articles, the derivation tree and the chart.
	s := stories[0]
	b, err := st.FindBrief(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	doc, text := page(t, h, fmt.Sprintf("/stories/%d", s.ID), http.StatusOK)
	for _, c := range b.Summary {
		if !strings.Contains(text, strings.Join(strings.Fields(c.Text), " ")) {
			t.Errorf("story %d page lacks summary sentence %q", s.ID, c.Text)
		}
	}
	marks := find(doc, hasClass("mark"))
	if len(marks) == 0 || !strings.HasPrefix(attr(marks[0], "href"), "/articles/") {
		t.Errorf("story %d page: %d source markers, want links to articles", s.ID, len(marks))
	}
	if tree := find(doc, hasClass("tree")); len(tree) == 0 {
		t.Errorf("story %d page has no source tree", s.ID)
	}
	// An article page shows the aligned sentences with shared words marked.
	d := derivedArticle(t, st)
	doc, text = page(t, h, fmt.Sprintf("/articles/%d", d.ArticleID), http.StatusOK)
	if rows := find(doc, func(n *html.Node) bool { return n.Data == "tr" }); len(rows) != len(d.Pairs)+1 {
		t.Errorf("article %d page: %d table rows, want %d aligned pairs and a header", d.ArticleID, len(rows), len(d.Pairs))
	}
	if len(find(doc, func(n *html.Node) bool { return n.Data == "mark" })) == 0 {
		t.Errorf("article %d page highlights nothing", d.ArticleID)
	}
	if !strings.Contains(text, string(d.Kind)) {
		t.Errorf("article %d page does not say it is a %s", d.ArticleID, d.Kind)
	}
	// Search and entity pages.
	word := longestWord(s.Headline)
	_, text = page(t, h, "/search?q="+url.QueryEscape(word), http.StatusOK)
	if !strings.Contains(text, "result") || strings.Contains(text, "0 results") {
		t.Errorf("search page for %q: %q", word, text)
	}
	for _, e := range b.Entities { // every entity link of the brief leads somewhere
		if code, _, _ := get(t, h, "/entities/"+url.PathEscape(e.Name)); code != http.StatusOK {
			t.Errorf("entity %q of story %d: page %d", e.Name, s.ID, code)
		}
	}
	if len(b.Entities) > 0 {
		_, text = page(t, h, "/entities/"+url.PathEscape(b.Entities[0].Name), http.StatusOK)
		if !strings.Contains(text, s.Headline) {
			t.Errorf("entity %s page lacks story %q", b.Entities[0].Name, s.Headline)
		}
	}
	page(t, h, "/stories/999999", http.StatusNotFound)
	page(t, h, "/no/such/page", http.StatusNotFound)
}

// TestDisagreementSideBySide saves a brief with a conflict and checks that
// the story page shows each value in a column of its own with its sources.
func TestDisagreementSideBySide(t *testing.T) {
	st := freshDemo(t)
	ctx := context.Background()
	stories, err := st.FindStories(ctx, parallax.StoryFilter{Limit: 1})
	if err != nil || len(stories) == 0 {
		t.Fatalf("FindStories: %v", err)
	}
	s := stories[0]
	b, err := st.FindBrief(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	a1, a2 := s.ArticleIDs[0], s.ArticleIDs[len(s.ArticleIDs)-1]
	b.Claims = append(b.Claims, parallax.Comparison{
		Subject: "the bridge", Attribute: "injured", Conflict: true, Note: "two counts",
		Values: []parallax.ClaimValue{{Value: "14", ArticleIDs: []int64{a1}, Sources: 1}, {Value: "41", ArticleIDs: []int64{a2}, Sources: 1}},
	})
	if err := st.SaveBrief(ctx, b); err != nil {
		t.Fatal(err)
	}
	h := newServer(t, st, httpserverOptions()).Handler()
	doc, _ := page(t, h, fmt.Sprintf("/stories/%d", s.ID), http.StatusOK)
	var found bool
	for _, dis := range find(doc, hasClass("disagreement")) {
		sides := find(dis, hasClass("side"))
		if len(sides) == 2 && strings.Contains(textOf(sides[0]), "14") && strings.Contains(textOf(sides[1]), "41") &&
			strings.Contains(textOf(dis), "two counts") {
			found = true
			links := find(sides[1], hasClass("mark"))
			if len(links) != 1 || attr(links[0], "href") != fmt.Sprintf("/articles/%d", a2) {
				t.Errorf("second side's source links: %d, want one to article %d", len(links), a2)
			}
		}
	}
	if !found {
		t.Errorf("story %d page does not show the disagreement side by side", s.ID)
	}
}

func TestFeeds(t *testing.T) {
	st := sharedDemo(t)
	h := newServer(t, st, httpserverOptions()).Handler()
	stories, err := st.FindStories(context.Background(), parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	feed := parseFeed(t, h, "/feeds/stories.atom")
	if feed.FeedType != "atom" || feed.Title == "" || feed.UpdatedParsed == nil || len(feed.Links) == 0 {
		t.Errorf("feed: type %q, title %q, updated %v, links %v", feed.FeedType, feed.Title, feed.UpdatedParsed, feed.Links)
	}
	if len(feed.Items) != min(len(stories), 50) {
		t.Fatalf("feed: %d entries, want %d", len(feed.Items), len(stories))
	}
	for i, it := range feed.Items {
		if it.Title != stories[i].Headline || it.GUID == "" || it.UpdatedParsed == nil || it.Link == "" {
			t.Errorf("entry %d: title %q id %q updated %v link %q; want story %q", i, it.Title, it.GUID, it.UpdatedParsed, it.Link, stories[i].Headline)
		}
		if !strings.Contains(it.Content, "/articles/") {
			t.Errorf("entry %d: content has no source links: %.200s", i, it.Content)
		}
	}
	var ents []parallax.EntityRef
	getJSON(t, h, "/api/v1/entities?limit=1", &ents)
	ef := parseFeed(t, h, "/feeds/entities/"+url.PathEscape(ents[0].Name)+".atom")
	if len(ef.Items) != len(ents[0].StoryIDs) {
		t.Errorf("entity feed of %s: %d entries, want %d", ents[0].Name, len(ef.Items), len(ents[0].StoryIDs))
	}
	if code, _, _ := get(t, h, "/feeds/entities/Nobody.atom"); code != http.StatusNotFound {
		t.Errorf("feed of an unknown entity: %d, want 404", code)
	}
}

func parseFeed(t *testing.T, h http.Handler, target string) *gofeed.Feed {
	t.Helper()
	code, ct, body := get(t, h, target)
	if code != http.StatusOK || !strings.HasPrefix(ct, "application/atom+xml") {
		t.Fatalf("GET %s: %d %s", target, code, ct)
	}
	f, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	return f
}

func TestMetricsAndHealth(t *testing.T) {
	h := newServer(t, sharedDemo(t), httpserverOptions()).Handler()
	var health map[string]string
	getJSON(t, h, "/healthz", &health)
	if health["status"] != "ok" {
		t.Errorf("healthz: %v", health)
	}
	get(t, h, "/api/v1/stories")
	get(t, h, "/api/v1/stories/999999")
	code, _, body := get(t, h, "/metrics")
	if code != http.StatusOK {
		t.Fatalf("metrics: %d", code)
	}
	for _, want := range []string{
		`parallax_http_requests_total{code="200",method="GET",route="GET /api/v1/stories"} 1`,
		`parallax_http_requests_total{code="404",method="GET",route="GET /api/v1/stories/{id}"} 1`,
		`parallax_http_request_duration_seconds_bucket{route="GET /healthz",le="+Inf"} 1`,
		`go_goroutines`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestServeShutsDown(t *testing.T) {
	srv := newServer(t, sharedDemo(t), httpserverOptions())
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Body.Close(); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %d, %v", res.StatusCode, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}

// TestSubscriptionsPage shows each feed with the state of its last poll.
func TestSubscriptionsPage(t *testing.T) {
	st := freshDemo(t)
	ctx := context.Background()
	h := newServer(t, st, httpserverOptions()).Handler()
	_, text := page(t, h, "/subscriptions", http.StatusOK)
	if !strings.Contains(text, "No subscriptions yet") {
		t.Errorf("empty subscriptions page: %q", text)
	}
	f := &parallax.Feed{URL: "https://news.example/feed.xml", Title: "Example News"}
	if err := st.CreateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	state := parallax.FeedState{Status: parallax.FeedError, Error: "HTTP 500 from https://news.example/feed.xml", Errors: 1,
		LastFetch: fixedNow, NextPoll: fixedNow.Add(time.Hour)}
	if err := st.UpdateFeed(ctx, f.ID, state); err != nil {
		t.Fatal(err)
	}
	doc, text := page(t, h, "/subscriptions", http.StatusOK)
	if len(find(doc, hasClass("subscriptions"))) != 1 {
		t.Fatalf("no subscriptions table: %q", text)
	}
	for _, want := range []string{"Example News", "HTTP 500 from https://news.example/feed.xml", string(parallax.FeedError)} {
		if !strings.Contains(text, want) {
			t.Errorf("subscriptions page lacks %q: %q", want, text)
		}
	}
}
