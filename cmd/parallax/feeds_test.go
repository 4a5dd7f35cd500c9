package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
)

// newsSite serves an RSS, an Atom and a JSON feed of three summary-only
// items each, the HTML pages they link to, a page that links to the RSS
// feed, and a feed that always fails. Feeds answer 304 to a matching
// If-None-Match.
type newsSite struct {
	srv *httptest.Server

	mu          sync.Mutex
	conditional map[string]int // feed path -> 304s sent
	pages       map[string]int // page path -> fetches
}

func newNewsSite(t *testing.T) *newsSite {
	t.Helper()
	s := &newsSite{conditional: map[string]int{}, pages: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// newNewsSiteOn is newNewsSite listening on addr ("127.0.0.2:0").
func newNewsSiteOn(t *testing.T, addr string) *newsSite {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	s := &newsSite{conditional: map[string]int{}, pages: map[string]int{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Listener = ln
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	return s
}

var topics = []string{"harbour", "orchard", "glacier", "railway", "festival", "observatory", "vineyard", "lighthouse", "bridge"}

func (s *newsSite) page(i int) string {
	topic := topics[i]
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><title>The %s story</title></head><body><nav>Home | World | Sport</nav><article><h1>The %s story</h1>", topic, topic)
	for p := range 5 {
		fmt.Fprintf(&b, "<p>Paragraph %d about the %s: residents of the town gathered on Tuesday to discuss the future of the %s, which officials said would need repairs costing %d million before next winter.</p>", p+1, topic, topic, 3+p+i)
	}
	b.WriteString("</article><footer>Copyright Example News</footer></body></html>")
	return b.String()
}

func (s *newsSite) item(i int) (link, title, date string) {
	return fmt.Sprintf("%s/news/%s?utm_source=feed&id=%d", s.srv.URL, topics[i], i), "The " + topics[i] + " story",
		time.Date(2025, 11, 20+i%3, 8+i, 0, 0, 0, time.UTC).Format(time.RFC1123Z)
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	etag := `"` + r.URL.Path + `-v1"`
	feedBody := func(ct string, body string) {
		if r.Header.Get("If-None-Match") == etag {
			s.mu.Lock()
			s.conditional[r.URL.Path]++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", ct)
		fmt.Fprint(w, body)
	}
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case r.URL.Path == "/rss.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Example RSS</title><link>` + s.srv.URL + `/</link>`)
		for i := 0; i < 3; i++ {
			link, title, date := s.item(i)
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate><description>A short summary.</description></item>", title, strings.ReplaceAll(link, "&", "&amp;"), date)
		}
		b.WriteString("</channel></rss>")
		feedBody("application/rss+xml", b.String())
	case r.URL.Path == "/atom.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example:atom</id><updated>2025-11-23T00:00:00Z</updated>`)
		for i := 3; i < 6; i++ {
			link, title, _ := s.item(i)
			fmt.Fprintf(&b, `<entry><title>%s</title><id>urn:example:%d</id><link href="%s"/><updated>2025-11-2%dT10:00:00Z</updated><summary>A short summary.</summary></entry>`, title, i, strings.ReplaceAll(link, "&", "&amp;"), i-2)
		}
		b.WriteString("</feed>")
		feedBody("application/atom+xml", b.String())
	case r.URL.Path == "/feed.json":
		items := []map[string]string{}
		for i := 6; i < 9; i++ {
			link, title, _ := s.item(i)
			items = append(items, map[string]string{"id": link, "url": link, "title": title, "summary": "A short summary.", "date_published": fmt.Sprintf("2025-11-2%dT10:00:00Z", i-5)})
		}
		body, err := json.Marshal(map[string]any{"version": "https://jsonfeed.org/version/1.1", "title": "Example JSON", "items": items})
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		feedBody("application/feed+json", string(body))
	case r.URL.Path == "/loop.xml":
		http.Redirect(w, r, "/loop.xml", http.StatusFound)
	case r.URL.Path == "/huge.xml":
		chunk := bytes.Repeat([]byte("<!-- padding -->"), 4096)
		for range (50 << 20) / len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case r.URL.Path == "/slow.xml":
		for range 60 {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
				return
			}
		}
	case r.URL.Path == "/broken.xml":
		http.Error(w, "database on fire", http.StatusInternalServerError)
	case r.URL.Path == "/":
		fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml"></head><body>home</body></html>`)
	case strings.HasPrefix(r.URL.Path, "/news/"):
		for i, tp := range topics {
			if r.URL.Path == "/news/"+tp {
				s.mu.Lock()
				s.pages[r.URL.Path]++
				s.mu.Unlock()
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, s.page(i))
				return
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}

// fetchRun runs the command in-process with no delay between requests to
// one host (the test server), and fails the test on error.
func fetchRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := fetchRunErr(t, args...)
	if err != nil {
		t.Fatalf("parallax %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

func fetchRunErr(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	home := t.TempDir()
	getenv := func(k string) string {
		switch k {
		case "HOME":
			return home
		case "PARALLAX_FETCH_DELAY":
			return "0s"
		}
		return ""
	}
	err := run(context.Background(), args, getenv, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestIngestFeedURL(t *testing.T) {
	site := newNewsSite(t)
	db := filepath.Join(t.TempDir(), "p.db")
	out := fetchRun(t, "--db", db, "ingest", "--allow-private", site.srv.URL+"/rss.xml", site.srv.URL+"/feed.json")
	if !strings.Contains(out, "6 documents, 6 new articles, 0 already known, 0 failed") {
		t.Fatalf("ingest feeds: %s", out)
	}
	// Again, with the items' tracking parameters in another order: known.
	out = fetchRun(t, "--db", db, "ingest", "--allow-private", site.srv.URL+"/rss.xml")
	if !strings.Contains(out, "0 new articles, 3 already known") {
		t.Errorf("second ingest: %s", out)
	}
	out = fetchRun(t, "--db", db, "articles", "--json")
	var arts []struct {
		URL   string `json:"url"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(out), &arts); err != nil {
		t.Fatalf("articles --json: %v\n%s", err, out)
	}
	if len(arts) != 6 {
		t.Fatalf("%d articles, want 6", len(arts))
	}
	for _, a := range arts {
		if strings.Contains(a.URL, "utm_") || !strings.Contains(a.Title, "story") {
			t.Errorf("article %s %q: want a canonical URL and the page's title", a.URL, a.Title)
		}
	}
	// A page URL, and the refusal of loopback without the option.
	link, _, _ := site.item(8)
	out = fetchRun(t, "--db", db, "ingest", "--allow-private", strings.Replace(link, "?", "?utm_medium=x&", 1)+"#top")
	if !strings.Contains(out, "1 documents, 0 new articles, 1 already known") {
		t.Errorf("ingest page: %s", out)
	}
	out, _, err := fetchRunErr(t, "--db", db, "ingest", site.srv.URL+"/atom.xml")
	if err == nil || !strings.Contains(out, "loopback") || !strings.Contains(out, "/atom.xml") {
		t.Errorf("ingest loopback without --allow-private: err %v, out %s", err, out)
	}
	out = fetchRun(t, "extract", "--allow-private", site.srv.URL+"/news/glacier")
	if !strings.Contains(out, "The glacier story") {
		t.Errorf("extract URL: %s", out)
	}
}

func TestFeedsCommands(t *testing.T) {
	site := newNewsSite(t)
	db := filepath.Join(t.TempDir(), "p.db")
	for _, p := range []string{"/", "/atom.xml", "/feed.json", "/broken.xml"} {
		out, _, err := fetchRunErr(t, "--db", db, "feeds", "add", "--allow-private", site.srv.URL+p)
		if p == "/broken.xml" {
			if err == nil || !strings.Contains(err.Error(), "500") {
				t.Errorf("feeds add %s: %v, want an HTTP 500 error", p, err)
			}
			continue
		}
		if err != nil || !strings.Contains(out, "added feed") {
			t.Fatalf("feeds add %s: %v %s", p, err, out)
		}
	}
	// The page was resolved to its RSS feed.
	out := fetchRun(t, "--db", db, "feeds", "list", "--json")
	var feeds []parallax.Feed
	if err := json.Unmarshal([]byte(out), &feeds); err != nil {
		t.Fatalf("feeds list --json: %v", err)
	}
	if len(feeds) != 3 || feeds[0].URL != site.srv.URL+"/rss.xml" || feeds[0].Status != parallax.FeedNew {
		t.Fatalf("feeds after add: %+v", feeds)
	}
	// A broken feed, added through OPML, is polled with the others.
	opml := filepath.Join(t.TempDir(), "subs.opml")
	if err := os.WriteFile(opml, []byte(`<?xml version="1.0"?><opml version="2.0"><body><outline text="Broken" xmlUrl="`+site.srv.URL+`/broken.xml"/><outline text="Atom again" xmlUrl="`+site.srv.URL+`/atom.xml"/></body></opml>`), 0o600); err != nil {
		t.Fatal(err)
	}
	out = fetchRun(t, "--db", db, "feeds", "import", opml)
	if !strings.Contains(out, "imported 2 feeds: 1 new, 1 already subscribed, 0 failed") {
		t.Errorf("feeds import: %s", out)
	}
	out = fetchRun(t, "--db", db, "feeds", "poll", "--allow-private")
	if !strings.Contains(out, "polled 4 feeds") || !strings.Contains(out, "broken.xml: error") || !strings.Contains(out, "HTTP 500") {
		t.Errorf("feeds poll: %s", out)
	}
	if n := strings.Count(fetchRun(t, "--db", db, "articles"), "story"); n < 9 {
		t.Errorf("after the poll %d articles mention a story, want 9:\n%s", n, out)
	}

	// The second poll (a day later) is conditional: 304s, nothing new.
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f := fetch.New(fetch.Options{AllowPrivate: true, Delay: -1})
	n, err := pipeline.Poll(context.Background(), st, f, time.Now().Add(25*time.Hour))
	if err != nil || n != 4 {
		t.Fatalf("second poll: %d feeds, %v; want 4", n, err)
	}
	all, err := st.FindFeeds(context.Background(), parallax.FeedFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range all {
		switch {
		case strings.HasSuffix(fd.URL, "/broken.xml"):
			if fd.Status != parallax.FeedError || fd.Errors != 2 || !fd.NextPoll.After(fd.LastFetch.Add(fd.Interval)) {
				t.Errorf("broken feed: %+v, want error twice and backed off", fd.FeedState)
			}
		default:
			if fd.Status != parallax.FeedNotModified || fd.Items != 3 {
				t.Errorf("%s: status %s items %d, want not_modified and 3", fd.URL, fd.Status, fd.Items)
			}
			if fd.Interval < 15*time.Minute || fd.Interval > 24*time.Hour {
				t.Errorf("%s: interval %v outside 15m..24h", fd.URL, fd.Interval)
			}
		}
	}
	site.mu.Lock()
	if len(site.conditional) != 3 {
		t.Errorf("304s sent for %v, want the three good feeds", site.conditional)
	}
	for p, n := range site.pages {
		if n != 1 {
			t.Errorf("page %s fetched %d times, want once", p, n)
		}
	}
	site.mu.Unlock()

	out = fetchRun(t, "--db", db, "feeds", "export")
	for _, p := range []string{"/rss.xml", "/atom.xml", "/feed.json", "/broken.xml"} {
		if !strings.Contains(out, `xmlUrl="`+site.srv.URL+p+`"`) {
			t.Errorf("export lacks %s:\n%s", p, out)
		}
	}
	fetchRun(t, "--db", db, "feeds", "remove", fmt.Sprint(all[0].ID))
	if out := fetchRun(t, "--db", db, "feeds", "list"); strings.Contains(out, "/rss.xml") {
		t.Errorf("feed still listed after remove:\n%s", out)
	}
}

// TestPollRefusals polls good and bad feeds together: each bad one is
// refused or fails with a clear error and is backed off; the good one is
// ingested all the same.
func TestPollRefusals(t *testing.T) {
	site := newNewsSiteOn(t, "127.0.0.2:0")
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := map[string]string{
		site.srv.URL + "/rss.xml":                  "",
		site.srv.URL + "/loop.xml":                 "too many redirects",
		site.srv.URL + "/huge.xml":                 "larger than the size cap",
		site.srv.URL + "/slow.xml":                 "timed out",
		site.srv.URL + "/broken.xml":               "HTTP 500",
		"http://169.254.169.254/latest/meta-data/": "169.254.169.254 is a link-local address",
		"http://127.0.0.1:9/rss.xml":               "127.0.0.1 is a loopback address",
	}
	for u := range want {
		if err := st.CreateFeed(ctx, &parallax.Feed{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	// Only the test site's own address is let through.
	// A 1 MiB cap reaches the 50 MB body's limit long before the read
	// timeout, even on a loaded machine under -race.
	f := fetch.New(fetch.Options{Delay: -1, ReadTimeout: 2 * time.Second, MaxSize: 1 << 20,
		Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}})
	now := time.Now()
	n, err := pipeline.Poll(ctx, st, f, now)
	if err != nil || n != len(want) {
		t.Fatalf("Poll = %d, %v; want %d feeds polled", n, err, len(want))
	}
	feeds, err := st.FindFeeds(ctx, parallax.FeedFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range feeds {
		reason := want[fd.URL]
		if reason == "" {
			if fd.Status != parallax.FeedOK || fd.Items != 3 || fd.Error != "" {
				t.Errorf("%s: %+v, want ok with 3 items", fd.URL, fd.FeedState)
			}
			continue
		}
		if fd.Status != parallax.FeedError || !strings.Contains(fd.Error, reason) || !strings.Contains(fd.Error, fd.URL) {
			t.Errorf("%s: status %s error %q, want an error naming the URL and %q", fd.URL, fd.Status, fd.Error, reason)
		}
		if fd.Errors != 1 || !fd.NextPoll.After(now) {
			t.Errorf("%s: errors %d next poll %v, want one error and a later poll", fd.URL, fd.Errors, fd.NextPoll)
		}
	}
}

// BenchmarkPoll polls 10,000 feeds spread over 100 loopback hosts
// (127.0.0.1-100, each listening), with the default politeness (one request
// at a time per host, one second apart, robots.txt fetched once per host).
// Each feed holds one full-text item, so each poll extracts and stores one
// article. It reports feeds per second and the heap after the poll.
// Run it with -benchtime=1x: one iteration takes minutes.
func BenchmarkPoll(b *testing.B) {
	const feeds, hosts = 10000, 100
	var body strings.Builder
	for i := range 40 {
		fmt.Fprintf(&body, "Sentence %d of the article reports what the council decided about the new tram line and its budget. ", i)
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title><item><title>Story at %s%s</title><link>http://%s%s/story</link><pubDate>Mon, 24 Nov 2025 08:00:00 +0000</pubDate><description>%s</description></item></channel></rss>`,
			r.URL.Path, r.Host, r.URL.Path, r.Host, r.URL.Path, body.String())
	})
	var urls []string
	for h := 1; h <= hosts; h++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", h))
		if err != nil {
			b.Skipf("cannot listen on 127.0.0.%d: %v", h, err)
		}
		srv := httptest.NewUnstartedServer(handler)
		srv.Listener = ln
		srv.Start()
		b.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "p.db"))
		if err != nil {
			b.Fatal(err)
		}
		for i := range feeds {
			if err := st.CreateFeed(ctx, &parallax.Feed{URL: fmt.Sprintf("%s/feed/%d", urls[i%hosts], i)}); err != nil {
				b.Fatal(err)
			}
		}
		f := fetch.New(fetch.Options{AllowPrivate: true})
		b.StartTimer()
		start := time.Now()
		n, err := pipeline.PollWith(ctx, st, f, time.Now(), pipeline.PollOptions{Concurrency: 2 * hosts})
		el := time.Since(start)
		b.StopTimer()
		if err != nil || n != feeds {
			b.Fatalf("Poll = %d, %v; want %d", n, err, feeds)
		}
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(feeds)/el.Seconds(), "feeds/s")
		b.ReportMetric(el.Seconds(), "s/poll")
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
