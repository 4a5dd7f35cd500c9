package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/view"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	allowPrivate := fs.Bool("allow-private", false, "let a URL reach loopback, private and link-local addresses (env PARALLAX_ALLOW_PRIVATE=1)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("extract: give exactly one FILE or URL")
	}
	var docs []*parallax.Document
	var fails []ingest.Failure
	if pipeline.IsURL(pos[0]) {
		f, err := newFetcher(e, *allowPrivate)
		if err != nil {
			return err
		}
		docs, fails = pipeline.FetchDocuments(ctx, f, pos[0], nil)
	} else {
		docs, fails = ingest.ReadFile(pos[0], ingest.Options{MaxSize: e.cfg.MaxSize})
	}
	items, more := pipeline.Extract(pos[0], docs)
	fails = append(fails, more...)
	if len(fails) > 0 {
		return fails[0]
	}
	if len(items) == 0 {
		return fmt.Errorf("extract %s: no article", pos[0])
	}
	var out []view.ArticleDetail
	for _, it := range items {
		out = append(out, view.NewArticleDetail(it.Article, nil, nil, nil))
	}
	if *jsonOut {
		if len(out) == 1 {
			return writeJSON(e.stdout, out[0])
		}
		return writeJSON(e.stdout, out)
	}
	for i, v := range out {
		if i > 0 {
			fmt.Fprintln(e.stdout, "\n----")
		}
		if err := writeArticleText(e.stdout, v); err != nil {
			return err
		}
	}
	return nil
}
