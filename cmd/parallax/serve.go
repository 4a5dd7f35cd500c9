package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fetch"
	"github.com/parallax-news/parallax/internal/httpserver"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
)

// defaultAddr is loopback: exposing the server is a deliberate choice.
const defaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", defaultAddr, "address to listen on (HOST:PORT)")
	allowPrivate := fs.Bool("allow-private", false, "let fetches reach loopback and private addresses (env PARALLAX_ALLOW_PRIVATE=1)")
	withWorker := fs.Bool("with-worker", false, "also poll due feeds and process new articles in this process (a single-machine install)")
	every := fs.Duration("poll-every", time.Minute, "with --with-worker: how often due feeds are polled")
	var so serveOptions
	noSignIn := fs.Bool("no-sign-in", false, "a single-reader install: no accounts, every visitor acts as --reader (loopback only unless --listen-anywhere)")
	fs.StringVar(&so.reader, "reader", "reader", "with --no-sign-in: the name of the one reader")
	fs.BoolVar(&so.anywhere, "listen-anywhere", false, "with --no-sign-in: allow a non-loopback --addr (anyone who reaches it acts as the reader)")
	fs.BoolVar(&so.secureCookies, "secure-cookies", false, "mark cookies Secure on plain HTTP too (behind a proxy that terminates TLS)")
	fs.Func("trusted-proxy", "a reverse proxy (address or CIDR, repeatable) whose X-Forwarded-For and X-Forwarded-Proto are believed", func(v string) error {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if !strings.Contains(part, "/") {
				ip, err := netip.ParseAddr(part)
				if err != nil {
					return fmt.Errorf("%q is not an address or CIDR", part)
				}
				part = netip.PrefixFrom(ip, ip.BitLen()).String()
			}
			p, err := netip.ParsePrefix(part)
			if err != nil {
				return fmt.Errorf("%q is not an address or CIDR", part)
			}
			so.trustedProxies = append(so.trustedProxies, p.Masked())
		}
		return nil
	})
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("serve: unexpected argument %q", pos[0])
	}
	if !*noSignIn {
		so.reader = ""
	}
	if err := so.check(*addr); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	st, err := store.Open(ctx, e.cfg.DB)
	if err != nil {
		return fmt.Errorf("serve: open store %s: %w", e.cfg.DB, err)
	}
	defer st.Close()
	f, err := newFetcher(e, *allowPrivate)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// One processor for the uploads and the in-process worker: it keeps
	// its state between runs.
	so.processor = &pipeline.Processor{Store: st}
	if !*withWorker {
		return serveStore(ctx, e, st, *addr, f, so)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	done := make(chan error, 1)
	wctx, cancel := context.WithCancel(ctx)
	go func() { done <- inlineWorker(wctx, st, so.processor, f, *every, log) }()
	err = serveStore(ctx, e, st, *addr, f, so)
	cancel()
	return errors.Join(err, <-done)
}

// inlineWorker is `parallax worker` for one machine without a job queue:
// every period it polls the feeds that are due (their next poll times are
// stored, so a restart carries on) and processes what arrived, until ctx
// ends. Failures are logged and retried on the next tick.
func inlineWorker(ctx context.Context, st parallax.Store, proc *pipeline.Processor, f *fetch.Fetcher, every time.Duration, log *slog.Logger) error {
	if every <= 0 {
		every = time.Minute
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		n, err := pipeline.PollWith(ctx, st, f, time.Now(), pipeline.PollOptions{Limit: 500})
		if err == nil {
			var processed int
			processed, err = proc.Process(ctx)
			if n > 0 || processed > 0 {
				log.Info("worker", slog.Int("feeds_polled", n), slog.Int("articles_processed", processed))
			}
		}
		if err != nil && ctx.Err() == nil {
			log.Error("worker", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// serveOptions are the readers' settings of serve.
type serveOptions struct {
	// reader is the one reader when sign-in is off ("" when on).
	reader        string
	anywhere      bool
	secureCookies bool
	// processor is shared by the server's uploads and an in-process
	// worker (nil: the server makes its own).
	processor      *pipeline.Processor
	trustedProxies []netip.Prefix
}

// check refuses to serve a sign-in-less site beyond loopback unless told
// to: anyone who reaches it would act as the reader.
func (so serveOptions) check(addr string) error {
	if so.reader == "" || so.anywhere {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--no-sign-in serves on loopback only (--addr %s is not): add --listen-anywhere to expose a site where every visitor acts as %q", addr, so.reader)
}

// serveStore serves st on addr until ctx is done (SIGINT or SIGTERM), then
// shuts down gracefully.
func serveStore(ctx context.Context, e *env, st parallax.Store, addr string, f *fetch.Fetcher, so serveOptions) error {
	hs, ok := st.(httpserver.Store)
	if !ok {
		return fmt.Errorf("serve: the %T store cannot serve HTTP (no search or tokens): %w", st, parallax.ErrUnsupported)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv, err := httpserver.New(hs, httpserver.Options{Log: log, Read: ingest.Options{MaxSize: e.cfg.MaxSize}, Fetcher: f,
		LocalReader: so.reader, LocalAnyHost: so.anywhere, SecureCookies: so.secureCookies, Processor: so.processor,
		TrustedProxies: so.trustedProxies})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintf(e.stdout, "Parallax is serving on http://%s/ (API under /api/v1/, Ctrl-C to stop)\n", ln.Addr())
	return srv.Serve(ctx, ln)
}
