package fetch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/parallax-news/parallax/internal/fetch"
)

// local returns a fetcher allowed to reach httptest servers, with no delay
// between requests unless the test sets one.
func local(opt fetch.Options) *fetch.Fetcher {
	opt.AllowPrivate = true
	if opt.Delay == 0 {
		opt.Delay = -1
	}
	return fetch.New(opt)
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestConditionalGet(t *testing.T) {
	const etag = `"v1"`
	const modified = "Mon, 24 Nov 2025 08:00:00 GMT"
	var conditional atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == modified {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "hello")
	})
	f := local(fetch.Options{})
	ctx := context.Background()
	first, err := f.Get(ctx, srv.URL+"/page")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if first.NotModified || string(first.Body) != "hello" || first.ETag != etag || first.LastModified != modified {
		t.Fatalf("first fetch = %+v, want body hello with validators", first)
	}
	second, err := f.Fetch(ctx, fetch.Request{URL: srv.URL + "/page", ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatalf("conditional Fetch: %v", err)
	}
	if !second.NotModified || len(second.Body) != 0 || second.ETag != etag {
		t.Errorf("conditional fetch = %+v, want NotModified with the ETag kept", second)
	}
	if conditional.Load() != 1 {
		t.Errorf("server saw %d conditional requests, want 1", conditional.Load())
	}
}

func TestDecoding(t *testing.T) {
	text := strings.Repeat("Parallax decodes compressed bodies. ", 200)
	var gz, br bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	bw := brotli.NewWriter(&br)
	if _, err := bw.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := bw.Close(); err != nil {
		t.Fatal(err)
	}
	latin := []byte("<html><body><p>Caf\xe9 cr\xe8me</p></body></html>")
	tests := []struct {
		name, encoding, contentType string
		body                        []byte
		want                        string
		charset                     string
	}{
		{"identity", "", "text/plain", []byte(text), text, "utf-8"},
		{"gzip", "gzip", "text/plain", gz.Bytes(), text, "utf-8"},
		{"brotli", "br", "text/plain", br.Bytes(), text, "utf-8"},
		{"charset header", "", "text/html; charset=windows-1252", latin, "<html><body><p>Café crème</p></body></html>", "windows-1252"},
		{"charset meta", "", "text/html", append([]byte(`<meta charset="iso-8859-1">`), latin...), `<meta charset="iso-8859-1"><html><body><p>Café crème</p></body></html>`, "windows-1252"},
		{"invalid utf-8 defaults to windows-1252", "", "text/html", latin, "<html><body><p>Café crème</p></body></html>", "windows-1252"},
		{"xml left alone", "", "application/rss+xml", latin, string(latin), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.encoding != "" && !strings.Contains(r.Header.Get("Accept-Encoding"), tt.encoding) {
					t.Errorf("Accept-Encoding %q lacks %q", r.Header.Get("Accept-Encoding"), tt.encoding)
				}
				w.Header().Set("Content-Type", tt.contentType)
				if tt.encoding != "" {
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				if _, err := w.Write(tt.body); err != nil {
					t.Error(err)
				}
			})
			got, err := local(fetch.Options{}).Get(context.Background(), srv.URL)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if string(got.Body) != tt.want {
				t.Errorf("body = %.80q…, want %.80q…", got.Body, tt.want)
			}
			if got.Charset != tt.charset {
				t.Errorf("charset = %q, want %q", got.Charset, tt.charset)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	var srv *httptest.Server
	srv = serve(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); err == nil {
			if n > 0 {
				http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
				return
			}
			fmt.Fprint(w, "arrived")
			return
		}
		http.Redirect(w, r, r.URL.Path, http.StatusMovedPermanently) // a loop
	})
	f := local(fetch.Options{})
	ctx := context.Background()
	got, err := f.Get(ctx, srv.URL+"/hop/10")
	if err != nil {
		t.Fatalf("10 redirects: %v", err)
	}
	if string(got.Body) != "arrived" || got.URL != srv.URL+"/hop/0" {
		t.Errorf("after 10 redirects: url %s body %q", got.URL, got.Body)
	}
	for _, u := range []string{srv.URL + "/hop/11", srv.URL + "/loop"} {
		_, err := f.Get(ctx, u)
		if !errors.Is(err, fetch.ErrTooManyHops) || !strings.Contains(err.Error(), u) {
			t.Errorf("Get(%s) = %v, want ErrTooManyHops naming the URL", u, err)
		}
	}
}

func TestSizeCap(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 64<<10)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	for range 16 {
		if _, err := zw.Write(big); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			_, _ = w.Write(big) // the client hangs up early
		case "/streamed":
			for range 4 {
				_, _ = w.Write(big[:16<<10])
				w.(http.Flusher).Flush()
			}
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz.Bytes())
		case "/fits":
			_, _ = w.Write(big[:32<<10])
		}
	})
	f := local(fetch.Options{MaxSize: 32 << 10})
	for _, p := range []string{"/declared", "/streamed", "/bomb"} {
		_, err := f.Get(context.Background(), srv.URL+p)
		if !errors.Is(err, fetch.ErrTooLarge) {
			t.Errorf("Get(%s) = %v, want ErrTooLarge", p, err)
		}
	}
	got, err := f.Get(context.Background(), srv.URL+"/fits")
	if err != nil || len(got.Body) != 32<<10 {
		t.Errorf("Get(/fits) = %v, want exactly the cap", err)
	}
}

func TestSlowServer(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		for range 50 {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(50 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	})
	_, err := local(fetch.Options{ReadTimeout: 300 * time.Millisecond}).Get(context.Background(), srv.URL+"/trickle")
	if !errors.Is(err, fetch.ErrTimeout) || !strings.Contains(err.Error(), "/trickle") {
		t.Errorf("trickling server: %v, want ErrTimeout naming the URL", err)
	}
}

func TestStatus(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	_, err := local(fetch.Options{IgnoreRobots: true}).Get(context.Background(), srv.URL)
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Code != 503 || se.RetryAfter != 2*time.Minute || !errors.Is(err, fetch.ErrStatus) {
		t.Errorf("Get = %v, want a StatusError 503 with Retry-After 2m", err)
	}
}

func TestRobots(t *testing.T) {
	var robots atomic.Int32
	var ua atomic.Value
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.Header.Get("User-Agent"))
		if r.URL.Path == "/robots.txt" {
			robots.Add(1)
			fmt.Fprint(w, "User-agent: *\nDisallow: /private\n\nUser-agent: Parallax\nDisallow: /no-parallax\nAllow: /\n")
			return
		}
		fmt.Fprint(w, "ok")
	})
	f := local(fetch.Options{Contact: "https://example.org/contact"})
	ctx := context.Background()
	for _, tt := range []struct {
		path string
		ok   bool
	}{{"/public", true}, {"/private", true}, {"/no-parallax/page", false}, {"/public?x=1", true}} {
		_, err := f.Get(ctx, srv.URL+tt.path)
		if tt.ok && err != nil {
			t.Errorf("Get(%s): %v", tt.path, err)
		}
		if !tt.ok && (!errors.Is(err, fetch.ErrDisallowed) || !strings.Contains(err.Error(), tt.path)) {
			t.Errorf("Get(%s) = %v, want ErrDisallowed naming the URL", tt.path, err)
		}
	}
	if robots.Load() != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached)", robots.Load())
	}
	if got := ua.Load().(string); !strings.Contains(got, "Parallax") || !strings.Contains(got, "https://example.org/contact") {
		t.Errorf("User-Agent %q lacks Parallax and the contact URL", got)
	}
}

func TestOneRequestPerHost(t *testing.T) {
	var inFlight, most, total atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		total.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(10 * time.Millisecond)
		fmt.Fprint(w, "ok")
	})
	const delay = 20 * time.Millisecond
	f := local(fetch.Options{Delay: delay, IgnoreRobots: true})
	start := time.Now()
	var wg sync.WaitGroup
	const n = 6
	for i := range n {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i)); err != nil {
				t.Errorf("Get: %v", err)
			}
		})
	}
	wg.Wait()
	if most.Load() != 1 || total.Load() != n {
		t.Errorf("%d requests, at most %d at once; want %d, one at a time", total.Load(), most.Load(), n)
	}
	if el := time.Since(start); el < (n-1)*delay {
		t.Errorf("%d requests took %v, less than %d delays of %v", n, el, n-1, delay)
	}
}

func TestRefusals(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "secret")
	})
	f := fetch.New(fetch.Options{}) // the default: no private addresses
	tests := []struct {
		name, url string
		want      string
	}{
		{"loopback", srv.URL + "/admin", "loopback"},
		{"metadata", "http://169.254.169.254/latest/meta-data/", "link-local"},
		{"private", "http://10.1.2.3/", "private"},
		{"unspecified", "http://0.0.0.0:8080/", "unspecified"},
		{"multicast", "http://[ff02::1]/", "multicast"},
		{"mapped loopback", "http://[::ffff:127.0.0.1]/", "loopback"},
		{"localhost", "http://localhost:1/", "loopback"},
		{"scheme", "file:///etc/passwd", "scheme"},
		{"ftp", "ftp://example.org/x", "scheme"},
		{"credentials", "http://user:pw@example.org/", "credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.Get(context.Background(), tt.url)
			if !errors.Is(err, fetch.ErrBlocked) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.url) {
				t.Errorf("Get(%s) = %v, want ErrBlocked naming the URL and %q", tt.url, err, tt.want)
			}
		})
	}
	if hits.Load() != 0 {
		t.Errorf("the loopback server was reached %d times", hits.Load())
	}
}

// TestDialTimeCheck proves that the address is checked when dialling: a
// host name that resolves to loopback, and a redirect from an allowed
// server to 127.0.0.1, are refused without the server being reached.
func TestDialTimeCheck(t *testing.T) {
	var hits atomic.Int32
	inner := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "internal")
	})
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2 to listen on: %v", err)
	}
	outer := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, inner.URL+"/secret", http.StatusFound)
	}))
	outer.Listener = ln
	outer.Start()
	t.Cleanup(outer.Close)
	f := fetch.NewDialChecked(fetch.Options{Delay: -1, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(inner.URL, "http://"))
	for _, u := range []string{outer.URL + "/go", "http://localhost:" + port + "/secret"} {
		_, err := f.Get(context.Background(), u)
		var be *fetch.BlockedError
		if !errors.As(err, &be) || !strings.Contains(err.Error(), u) {
			t.Errorf("Get(%s) = %v, want a BlockedError naming the URL", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the loopback server was reached %d times", hits.Load())
	}
}

// TestAllowRanges lets one non-public range through and keeps the rest
// refused.
func TestAllowRanges(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "intranet") })
	f := fetch.New(fetch.Options{Delay: -1, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	got, err := f.Get(context.Background(), srv.URL)
	if err != nil || string(got.Body) != "intranet" {
		t.Errorf("Get(allowed %s) = %v", srv.URL, err)
	}
	if _, err := f.Get(context.Background(), "http://10.0.0.1/"); !errors.Is(err, fetch.ErrBlocked) {
		t.Errorf("Get(10.0.0.1) = %v, want ErrBlocked", err)
	}
}
