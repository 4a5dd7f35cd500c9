package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/httpserver"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

// defaultAddr is loopback: exposing the server is a deliberate choice.
const defaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", defaultAddr, "address to listen on (HOST:PORT)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("serve: unexpected argument %q", pos[0])
	}
	st, err := store.Open(ctx, e.cfg.DB)
	if err != nil {
		return fmt.Errorf("serve: open store %s: %w", e.cfg.DB, err)
	}
	defer st.Close()
	return serveStore(ctx, e, st, *addr)
}

// serveStore serves st on addr until ctx is done (SIGINT or SIGTERM), then
// shuts down gracefully.
func serveStore(ctx context.Context, e *env, st parallax.Store, addr string) error {
	hs, ok := st.(httpserver.Store)
	if !ok {
		return fmt.Errorf("serve: the %T store cannot serve HTTP (no search or tokens): %w", st, parallax.ErrUnsupported)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	f, err := newFetcher(e, false)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv, err := httpserver.New(hs, httpserver.Options{Log: log, Read: ingest.Options{MaxSize: e.cfg.MaxSize}, Fetcher: f})
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
