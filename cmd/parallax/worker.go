package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/parallax-news/parallax/internal/jobs"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store/postgres"
)

// runWorker runs background jobs against a PostgreSQL store until
// interrupted: any number of workers, on any number of machines, share the
// queue, and the process lock keeps story assignment to one at a time.
func runWorker(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	concurrency := fs.Int("concurrency", 4, "jobs run at once by this worker")
	every := fs.Duration("process-every", time.Minute, "period of the safety-net process job (0: none)")
	pollEvery := fs.Duration("poll-every", time.Minute, "how often due feeds are polled (0: this worker does not poll)")
	allowPrivate := fs.Bool("allow-private", false, "let feeds reach loopback and private addresses (env PARALLAX_ALLOW_PRIVATE=1)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("worker: unexpected argument %q", pos[0])
	}
	if *every == 0 {
		*every = -1
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	pg, ok := st.(*postgres.DB)
	if !ok {
		return errors.New("worker: background jobs need a PostgreSQL store (--db postgres://…); with SQLite, ingest processes inline")
	}
	if err := jobs.Migrate(ctx, pg.Pool()); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	// A worker yields the process lock: while another worker processes, its
	// process job ends at once and that worker takes what was stored.
	proc := &pipeline.Processor{Store: st, Yield: true}
	cfg := jobs.Config{
		Process:      proc.Process, // Process holds the store's process lock itself
		RebuildBrief: func(ctx context.Context, id int64) error { return pipeline.RebuildBrief(ctx, st, id, nil) },
		Concurrency:  *concurrency,
		ProcessEvery: *every,
		Logger:       log,
	}
	if *pollEvery > 0 {
		// One fetcher for the worker's life: it holds the per-host delays
		// and the robots.txt cache.
		f, err := newFetcher(e, *allowPrivate)
		if err != nil {
			return err
		}
		cfg.PollEvery = *pollEvery
		cfg.Poll = func(ctx context.Context) (int, error) {
			return pipeline.PollWith(ctx, st, f, time.Now(), pipeline.PollOptions{Limit: 500})
		}
	}
	w, err := jobs.NewWorker(pg.Pool(), cfg)
	if err != nil {
		return err
	}
	log.Info("worker started", slog.Int("concurrency", *concurrency))
	return w.Run(ctx)
}
