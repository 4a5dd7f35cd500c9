package httpserver

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/microcosm-cc/bluemonday"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/reader"
	"github.com/prometheus/client_golang/prometheus"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPI []byte

// Store is what the server reads and writes.
type Store interface {
	parallax.Store
	parallax.ArticleSearcher
	parallax.Browser
	parallax.TokenStore
	parallax.ReaderStore
}

// Options configures a Server. Zero fields take the defaults.
type Options struct {
	// Log receives request errors and ingest summaries (never secrets).
	Log *slog.Logger
	// Now is the clock (feeds' updated times).
	Now func() time.Time
	// MaxBody caps a request body in bytes (default 32 MiB).
	MaxBody int64
	// Read configures how uploaded documents are read (size cap, clock).
	Read ingest.Options
	// Fetcher fetches the URLs posted to /api/v1/ingest; without one,
	// URLs are refused as not supported.
	Fetcher *fetch.Fetcher
	// Registry receives the server's metrics; a fresh one when nil.
	Registry *prometheus.Registry
	// Title names the site in pages and feeds (default "Parallax").
	Title string
	// LocalReader, when set, turns sign-in off: every request acts for
	// the reader of that name (created when missing). Serve such a server
	// on loopback only.
	LocalReader string
	// LocalAnyHost lets a server with sign-in off answer under any host
	// name (serve --listen-anywhere); by default only loopback names get
	// the reader, against DNS rebinding.
	LocalAnyHost bool
	// SecureCookies marks cookies Secure even on plain HTTP (behind a
	// proxy that terminates TLS); they are Secure on TLS anyway.
	SecureCookies bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto headers are believed (sign-in throttling counts
	// the reader's address, not the proxy's).
	TrustedProxies []netip.Prefix
	// Processor processes what POST /api/v1/ingest stores; one that
	// lives as long as the server (it keeps its state between runs) when
	// nil. Share it with an in-process worker.
	Processor *pipeline.Processor
}

// Default limits.
const (
	DefaultMaxBody = 32 << 20
	maxListLimit   = 500
	defaultLimit   = 50
)

// Server serves one store.
type Server struct {
	st       Store
	opt      Options
	pages    map[string]*template.Template
	feedTmpl *template.Template
	ugc      *bluemonday.Policy
	metrics  *metrics
	handler  http.Handler
	ingestMu sync.Mutex // one ingest-and-process at a time per server

	throttle     *reader.Throttle // failed sign-ins per name and address
	addrThrottle *reader.Throttle // failed sign-ins per address
	nameThrottle *reader.Throttle // failed sign-ins per name, any address
	// dummyHash is checked against when a name is unknown, so that a
	// sign-in takes as long either way; made on first use.
	dummyHash func() string
	// local is the one reader when sign-in is off; localSecret keys their
	// CSRF tokens.
	local       *parallax.User
	localSecret string
}

// New returns a server over st.
func New(st Store, opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Registry == nil {
		opt.Registry = prometheus.NewRegistry()
	}
	if opt.Title == "" {
		opt.Title = "Parallax"
	}
	s := &Server{st: st, opt: opt, ugc: bluemonday.UGCPolicy()}
	var err error
	if s.pages, err = parseTemplates(); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	if s.feedTmpl, err = parseFeedTemplate(); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	if s.metrics, err = newMetrics(opt.Registry); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	if opt.Processor == nil {
		s.opt.Processor = &pipeline.Processor{Store: st, Now: opt.Now}
	}
	s.dummyHash = sync.OnceValue(func() string {
		h, err := reader.HashPassword("parallax-no-such-reader")
		if err != nil {
			return "" // CheckPassword then fails fast; the sign-in still fails
		}
		return h
	})
	s.throttle = reader.NewThrottle(throttlePerName, throttleWindow, opt.Now)
	s.addrThrottle = reader.NewThrottle(throttlePerAddr, throttleWindow, opt.Now)
	s.nameThrottle = reader.NewThrottle(throttlePerNameOnly, throttleWindow, opt.Now)
	if opt.LocalReader != "" {
		if s.local, err = ensureLocalReader(context.Background(), st, opt.LocalReader, opt.Now()); err != nil {
			return nil, fmt.Errorf("new server: local reader %q: %w", opt.LocalReader, err)
		}
		if s.localSecret, err = reader.NewSecret(); err != nil {
			return nil, fmt.Errorf("new server: %w", err)
		}
	}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, err := fs.Sub(staticFS, "static")
	if err == nil {
		mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(time.Hour, http.FileServerFS(static))))
	}
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metrics.handler())

	mux.HandleFunc("GET /api/v1/openapi.json", s.openAPI)
	mux.HandleFunc("GET /api/v1/stories", s.api(s.apiStories))
	mux.HandleFunc("GET /api/v1/stories/{id}", s.api(s.apiStory))
	mux.HandleFunc("GET /api/v1/articles", s.api(s.apiArticles))
	mux.HandleFunc("GET /api/v1/articles/{id}", s.api(s.apiArticle))
	mux.HandleFunc("GET /api/v1/entities", s.api(s.apiEntities))
	mux.HandleFunc("GET /api/v1/entities/{name}", s.api(s.apiEntity))
	mux.HandleFunc("GET /api/v1/sources", s.api(s.apiSources))
	mux.HandleFunc("GET /api/v1/search", s.api(s.apiSearch))
	mux.HandleFunc("POST /api/v1/ingest", s.api(s.apiIngest))
	mux.HandleFunc("GET /api/v1/stories/{id}/related", s.api(s.apiRelated))
	mux.HandleFunc("GET /api/v1/topics", s.api(s.apiTopics))
	mux.HandleFunc("GET /api/v1/me", s.me(s.apiMe))
	mux.HandleFunc("GET /api/v1/me/front", s.me(s.apiFront))
	mux.HandleFunc("GET /api/v1/me/interests", s.me(s.apiInterests))
	mux.HandleFunc("POST /api/v1/me/interests", s.me(s.apiAddInterest))
	mux.HandleFunc("DELETE /api/v1/me/interests", s.me(s.apiRemoveInterest))
	mux.HandleFunc("GET /api/v1/me/saved", s.me(s.apiSaved))
	mux.HandleFunc("PUT /api/v1/me/saved/{id}", s.me(s.apiSave))
	mux.HandleFunc("DELETE /api/v1/me/saved/{id}", s.me(s.apiSave))
	mux.HandleFunc("PUT /api/v1/me/read/{id}", s.me(s.apiRead))
	mux.HandleFunc("GET /api/v1/me/export", s.me(s.apiExport))
	mux.HandleFunc("POST /api/v1/me/import", s.me(s.apiImport))
	mux.HandleFunc("GET /api/", s.api(func(*http.Request) (any, error) { return nil, errNoRoute }))

	mux.HandleFunc("GET /{$}", s.page(s.homePage))
	mux.HandleFunc("GET /stories/{id}", s.page(s.storyPage))
	mux.HandleFunc("GET /articles/{id}", s.page(s.articlePage))
	mux.HandleFunc("GET /search", s.page(s.searchPage))
	mux.HandleFunc("GET /entities/{name}", s.page(s.entityPage))
	mux.HandleFunc("GET /subscriptions", s.page(s.subscriptionsPage))
	mux.HandleFunc("POST /subscriptions/{id}", s.action(s.subscribe))
	mux.HandleFunc("GET /signin", s.signinForm)
	mux.HandleFunc("POST /signin", s.signin)
	mux.HandleFunc("POST /signout", s.action(s.signout))
	mux.HandleFunc("GET /for-you", s.page(s.forYouPage))
	mux.HandleFunc("GET /following", s.page(s.followingPage))
	mux.HandleFunc("POST /following", s.action(s.addInterest))
	mux.HandleFunc("POST /following/remove", s.action(s.removeInterest))
	mux.HandleFunc("POST /following/source", s.action(s.setPreferred))
	mux.HandleFunc("GET /saved", s.page(s.savedPage))
	mux.HandleFunc("POST /stories/{id}/save", s.action(s.saveStory))
	mux.HandleFunc("GET /topics", s.page(s.topicsPage))
	mux.HandleFunc("GET /topics/{name}", s.page(s.topicPage))
	mux.HandleFunc("GET /account", s.page(s.accountPage))
	mux.HandleFunc("POST /account/password", s.action(s.changePassword))
	mux.HandleFunc("POST /account/import", s.action(s.importForm))
	mux.HandleFunc("GET /account/export.json", s.exportJSON)
	mux.HandleFunc("GET /account/export.opml", s.exportOPML)
	mux.HandleFunc("GET /feeds/stories.atom", s.storiesFeed)
	mux.HandleFunc("GET /feeds/entities/{file}", s.entityFeed)
	mux.HandleFunc("GET /", s.page(func(*http.Request) (string, any, error) { return "", nil, errNoRoute }))

	cop := http.NewCrossOriginProtection()
	// The metrics middleware wraps the mux itself: the mux sets the route
	// pattern on the request it is given, which the middleware reads.
	return securityHeaders(cop.Handler(http.MaxBytesHandler(s.identify(s.metrics.middleware(mux)), s.opt.MaxBody)))
}

// securityHeaders sets headers that every response carries: no framing,
// no sniffing, and a content policy that allows only the server's own
// scripts, styles and images.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}

func cacheFor(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		next.ServeHTTP(w, r)
	})
}

// Timeouts of the HTTP server: slow clients cannot hold connections, and a
// large ingest still has time to finish.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = time.Minute
	writeTimeout      = 5 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 30 * time.Second
	maxHeaderBytes    = 64 << 10
)

// Serve serves on ln until ctx is done, then shuts down gracefully: it
// stops accepting, lets requests in flight finish (up to 30 s) and returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.opt.Log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	if err != nil {
		return fmt.Errorf("shut down %s: %w", ln.Addr(), err)
	}
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.st.FindStories(r.Context(), parallax.StoryFilter{Limit: 1}); err != nil {
		s.opt.Log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write(openAPI); err != nil {
		return // the client went away
	}
}
