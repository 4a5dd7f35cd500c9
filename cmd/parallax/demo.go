package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/demo"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
)

// demoURLPrefix names the embedded corpus's documents.
const demoURLPrefix = "demo:/"

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print the stories as JSON")
	serve := fs.Bool("serve", false, "serve the demo store over HTTP instead of printing it")
	addr := fs.String("addr", defaultAddr, "address to listen on with --serve")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	dsn := e.cfg.DB
	if !e.cfg.DBExplicit {
		dir, err := os.MkdirTemp("", "parallax-demo-")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "demo.db")
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return fmt.Errorf("demo: open store %s: %w", dsn, err)
	}
	defer st.Close()
	in := &pipeline.Ingester{Store: st, Read: ingest.Options{MaxSize: e.cfg.MaxSize}}
	sum, err := in.IngestFS(ctx, demo.Corpus(), demoURLPrefix)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if _, err := (&pipeline.Processor{Store: st}).Process(ctx); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if *serve {
		f, err := newFetcher(e, false)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		// The demo is one person trying Parallax: no accounts, on loopback.
		so := serveOptions{reader: "reader"}
		if err := so.check(*addr); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		return serveStore(ctx, e, st, *addr, f, so)
	}
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if *jsonOut {
		return writeStories(e.stdout, stories, true)
	}
	fmt.Fprintf(e.stdout, "Parallax demo: %d fictional articles from the built-in corpus, %d stories.\n\n", sum.New+sum.Known, len(stories))
	for _, f := range sum.Failed {
		fmt.Fprintf(e.stdout, "failed: %s: %v\n", f.Input, f.Err)
	}
	for i, s := range stories {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		b, err := st.FindBrief(ctx, s.ID)
		if errors.Is(err, parallax.ErrNotFound) {
			b, err = nil, nil // a story without a brief yet still prints its headline
		}
		if err != nil {
			return fmt.Errorf("demo: story %d: %w", s.ID, err)
		}
		if err := writeBriefText(e.stdout, s, b, e.width()); err != nil {
			return err
		}
	}
	return nil
}
