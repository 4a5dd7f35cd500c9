package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

func openStore(ctx context.Context, e *env) (parallax.Store, error) {
	st, err := store.Open(ctx, e.cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", e.cfg.DB, err)
	}
	return st, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print the summary as JSON")
	allowPrivate := fs.Bool("allow-private", false, "let URLs reach loopback, private and link-local addresses (env PARALLAX_ALLOW_PRIVATE=1)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return errors.New("ingest: give at least one PATH or URL")
	}
	var paths, urls []string
	for _, p := range pos {
		if pipeline.IsURL(p) {
			urls = append(urls, p)
			continue
		}
		paths = append(paths, p)
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	fetched, err := ingestURLs(ctx, e, st, urls, *allowPrivate)
	if err != nil {
		return err
	}
	sum, err := ingestPaths(ctx, e, st, paths)
	sum.Files, sum.Documents = sum.Files+fetched.Files, sum.Documents+fetched.Documents
	sum.New, sum.Known = sum.New+fetched.New, sum.Known+fetched.Known
	sum.Failed = append(fetched.Failed, sum.Failed...)
	if err != nil {
		return err
	}
	if err := printSummary(e.stdout, sum, *jsonOut); err != nil {
		return err
	}
	if len(sum.Failed) > 0 {
		return errReported
	}
	return nil
}

// ingestPaths stores the paths' documents and processes the new articles,
// with a progress bar on a terminal and log lines otherwise.
func ingestPaths(ctx context.Context, e *env, st parallax.Store, paths []string) (pipeline.Summary, error) {
	ing := &pipeline.Ingester{Store: st, Read: ingest.Options{MaxSize: e.cfg.MaxSize}}
	var bar *progressbar.ProgressBar
	switch {
	case e.cfg.Quiet:
	case isTerminal(e.stderr):
		ing.Progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
					progressbar.OptionSetDescription("ingesting"), progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(done) // a progress bar that cannot draw is not an error
		}
	default:
		ing.Log = slog.New(slog.NewTextHandler(e.stderr, nil))
	}
	sum, err := ing.Ingest(ctx, paths)
	if bar != nil {
		_ = bar.Finish() // as above
	}
	if err != nil {
		return sum, err
	}
	proc := &pipeline.Processor{Store: st}
	if _, err := proc.Process(ctx); err != nil {
		return sum, err
	}
	return sum, nil
}

type failureView struct {
	Input  string `json:"input"`
	Reason string `json:"reason"`
}

func printSummary(w io.Writer, sum pipeline.Summary, asJSON bool) error {
	fails := make([]failureView, 0, len(sum.Failed))
	for _, f := range sum.Failed {
		fails = append(fails, failureView{Input: f.Input, Reason: f.Err.Error()})
	}
	if asJSON {
		return writeJSON(w, struct {
			pipeline.Summary
			Failed []failureView `json:"failed"`
		}{sum, fails})
	}
	fmt.Fprintf(w, "read %d files: %d documents, %d new articles, %d already known, %d failed\n",
		sum.Files, sum.Documents, sum.New, sum.Known, len(fails))
	for _, f := range fails {
		fmt.Fprintf(w, "failed: %s: %s\n", f.Input, f.Reason)
	}
	return nil
}
