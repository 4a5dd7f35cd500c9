package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// Defaults of Options.
const (
	DefaultContact        = "https://github.com/parallax-news/parallax"
	DefaultDelay          = time.Second
	DefaultMaxSize        = 10 << 20
	DefaultConnectTimeout = 10 * time.Second
	DefaultReadTimeout    = 30 * time.Second
	DefaultMaxRedirects   = 10
	DefaultRobotsTTL      = 24 * time.Hour
)

// Errors a fetch can fail with, besides ErrBlocked; each is wrapped with the
// URL.
var (
	ErrTooLarge      = errors.New("response larger than the size cap")
	ErrTooManyHops   = errors.New("too many redirects")
	ErrDisallowed    = errors.New("disallowed by robots.txt")
	ErrStatus        = errors.New("unexpected HTTP status")
	ErrEncoding      = errors.New("unsupported content encoding")
	ErrTimeout       = errors.New("timed out")
	errRedirectNoLoc = errors.New("redirect without a Location")
)

// Options configure a Fetcher; zero fields take the defaults.
type Options struct {
	// Contact is a URL (or mailto:) in the User-Agent for site owners.
	Contact string
	// Delay is the pause between two requests to one host.
	Delay time.Duration
	// MaxSize caps a response body, after decoding, in bytes.
	MaxSize int64
	// ConnectTimeout bounds dialling and the TLS handshake.
	ConnectTimeout time.Duration
	// ReadTimeout bounds a whole exchange, from sending the request to the
	// last byte of the body (a server that trickles bytes is cut off).
	ReadTimeout time.Duration
	// MaxRedirects caps the redirects followed per fetch.
	MaxRedirects int
	// RobotsTTL is how long a host's robots.txt is kept.
	RobotsTTL time.Duration
	// AllowPrivate lifts the refusal of loopback, private, link-local,
	// multicast and unspecified addresses (for tests and intranets).
	AllowPrivate bool
	// Allow lists non-public ranges that may be reached all the same (an
	// intranet's news server, say) while the rest stay refused.
	Allow []netip.Prefix
	// IgnoreRobots skips robots.txt (for an explicit one-off fetch by a
	// person, never for polling).
	IgnoreRobots bool
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Fetcher gets URLs. It is safe for concurrent use; requests to one host
// are serialised.
type Fetcher struct {
	opt    Options
	client *http.Client
	ua     string

	// noPrecheck is a test hook (export_test.go): skipping the checks made
	// before dialling so that the dial-time check is exercised alone.
	noPrecheck bool

	mu     sync.Mutex
	hosts  map[string]*host
	robots map[string]*robotsEntry
}

// New returns a Fetcher with its own connection pool.
func New(opt Options) *Fetcher {
	if opt.Contact == "" {
		opt.Contact = DefaultContact
	}
	if opt.Delay < 0 {
		opt.Delay = 0
	} else if opt.Delay == 0 {
		opt.Delay = DefaultDelay
	}
	if opt.MaxSize <= 0 {
		opt.MaxSize = DefaultMaxSize
	}
	if opt.ConnectTimeout <= 0 {
		opt.ConnectTimeout = DefaultConnectTimeout
	}
	if opt.ReadTimeout <= 0 {
		opt.ReadTimeout = DefaultReadTimeout
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = DefaultMaxRedirects
	}
	if opt.RobotsTTL <= 0 {
		opt.RobotsTTL = DefaultRobotsTTL
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	f := &Fetcher{opt: opt, ua: "Parallax/1 (+" + opt.Contact + ")", hosts: map[string]*host{}, robots: map[string]*robotsEntry{}}
	dialer := &net.Dialer{Timeout: opt.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !opt.AllowPrivate {
		dialer.Control = f.dialControl
	}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the address check
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opt.ConnectTimeout,
		ResponseHeaderTimeout: opt.ReadTimeout,
		DisableCompression:    true, // we ask for gzip and br and decode ourselves
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	f.client = &http.Client{
		Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // followed by hand, one host lock per hop
		},
	}
	return f
}

// UserAgent is the User-Agent header the fetcher sends.
func (f *Fetcher) UserAgent() string { return f.ua }

// Request is one fetch; ETag and LastModified, when set, make it
// conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is what a fetch got.
type Response struct {
	// URL is the final address, after redirects.
	URL    string
	Status int
	// NotModified is true on 304: Body is empty and the caller's copy is
	// current.
	NotModified  bool
	ETag         string
	LastModified string
	// ContentType is the media type without parameters ("text/html").
	ContentType string
	// Charset is the character set the body was sent in; text bodies
	// (HTML, plain text) have been converted to UTF-8 from it.
	Charset   string
	Body      []byte
	FetchedAt time.Time
}

// Get fetches rawURL unconditionally.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*Response, error) {
	return f.Fetch(ctx, Request{URL: rawURL})
}

// Fetch gets req.URL, following up to MaxRedirects redirects. Any status
// but 2xx and 304 is an error wrapping ErrStatus (with the status in a
// StatusError). Errors name the URL.
func (f *Fetcher) Fetch(ctx context.Context, req Request) (*Response, error) {
	cur := req.URL
	for hop := 0; ; hop++ {
		resp, next, err := f.once(ctx, cur, req)
		if err != nil {
			if cur != req.URL {
				return nil, fmt.Errorf("fetch %s (redirected to %s): %w", req.URL, cur, err)
			}
			return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
		}
		if next == "" {
			return resp, nil
		}
		if hop >= f.opt.MaxRedirects {
			return nil, fmt.Errorf("fetch %s: %w (more than %d)", req.URL, ErrTooManyHops, f.opt.MaxRedirects)
		}
		cur = next
	}
}

// StatusError is an HTTP status other than 2xx, 3xx redirects and 304.
type StatusError struct {
	Code int
	// RetryAfter is the server's Retry-After, when it gave one in seconds.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

func (e *StatusError) Unwrap() error { return ErrStatus }

// once makes one request. It returns the response, or the next URL when
// the server redirects.
func (f *Fetcher) once(ctx context.Context, rawURL string, req Request) (*Response, string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrBlocked, err)
	}
	if err := checkURL(u, f.opt.AllowPrivate || f.noPrecheck, f.opt.Allow); err != nil {
		return nil, "", err
	}
	if !f.opt.IgnoreRobots && u.Path != "/robots.txt" {
		ok, err := f.allowed(ctx, u)
		if err != nil {
			return nil, "", err
		}
		if !ok {
			return nil, "", ErrDisallowed
		}
	}
	release, err := f.acquire(ctx, u.Host)
	if err != nil {
		return nil, "", err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, f.opt.ReadTimeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", err
	}
	hr.Header.Set("User-Agent", f.ua)
	hr.Header.Set("Accept-Encoding", "gzip, br")
	hr.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/*;q=0.8, */*;q=0.5")
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := f.client.Do(hr)
	if err != nil {
		return nil, "", transportErr(ctx, err)
	}
	defer resp.Body.Close()
	now := f.opt.Now()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &Response{URL: u.String(), Status: resp.StatusCode, NotModified: true,
			ETag: pick(resp.Header.Get("ETag"), req.ETag), LastModified: pick(resp.Header.Get("Last-Modified"), req.LastModified),
			FetchedAt: now}, "", nil
	case resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.StatusCode != http.StatusMultipleChoices:
		loc := resp.Header.Get("Location")
		if loc == "" {
			return nil, "", errRedirectNoLoc
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, "", fmt.Errorf("redirect to %q: %w", loc, err)
		}
		next.Fragment = ""
		return nil, next.String(), nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, "", &StatusError{Code: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	}
	if resp.ContentLength > f.opt.MaxSize {
		return nil, "", fmt.Errorf("%w (%d bytes, cap %d)", ErrTooLarge, resp.ContentLength, f.opt.MaxSize)
	}
	body, err := f.readBody(ctx, resp)
	if err != nil {
		return nil, "", err
	}
	ct := resp.Header.Get("Content-Type")
	mediaType, params, _ := mime.ParseMediaType(ct) // an unparsable type leaves mediaType empty: sniffed below
	if mediaType == "" {
		mediaType, params, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	out := &Response{URL: u.String(), Status: resp.StatusCode, ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), ContentType: mediaType, FetchedAt: now}
	out.Body, out.Charset = toUTF8(body, mediaType, params["charset"])
	return out, "", nil
}

func pick(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func retryAfter(v string) time.Duration {
	var secs int
	if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d", &secs); err != nil || secs <= 0 {
		return 0
	}
	return time.Duration(secs) * time.Second
}

// transportErr names timeouts plainly and drops net/http's repetition of
// the method and URL (the caller names the URL).
func transportErr(ctx context.Context, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	var be *BlockedError
	if errors.As(err, &be) {
		return be
	}
	return err
}

// readBody decodes the content encoding and reads at most MaxSize bytes.
func (f *Fetcher) readBody(ctx context.Context, resp *http.Response) ([]byte, error) {
	raw := &countingReader{r: io.LimitReader(resp.Body, f.opt.MaxSize+1)}
	var r io.Reader = raw
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", transportErr(ctx, err))
		}
		defer zr.Close()
		r = zr
	case "br":
		r = brotli.NewReader(raw)
	default:
		return nil, fmt.Errorf("%w %q", ErrEncoding, enc)
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, f.opt.MaxSize+1))
	if n > f.opt.MaxSize || raw.n > f.opt.MaxSize {
		return nil, fmt.Errorf("%w (cap %d bytes)", ErrTooLarge, f.opt.MaxSize)
	}
	if err != nil {
		return nil, fmt.Errorf("read body: %w", transportErr(ctx, err))
	}
	return buf.Bytes(), nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
