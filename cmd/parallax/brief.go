package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/view"
)

func runBrief(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("brief", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	markdown := fs.Bool("markdown", false, "print Markdown")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return errors.New("brief: give at least one PATH")
	}
	res, err := pipeline.RunInMemory(ctx, pos, ingest.Options{MaxSize: e.cfg.MaxSize}, nil)
	if err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	for _, f := range res.Summary.Failed {
		fmt.Fprintf(e.stderr, "failed: %s: %v\n", f.Input, f.Err)
	}
	switch {
	case *jsonOut:
		out := make([]view.StoryDetail, 0, len(res.Stories))
		for _, s := range res.Stories {
			out = append(out, view.NewStoryDetail(s, res.Briefs[s.ID]))
		}
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	default:
		for i, s := range res.Stories {
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			if *markdown {
				err = writeBriefMarkdown(e.stdout, s, res.Briefs[s.ID])
			} else {
				err = writeBriefText(e.stdout, s, res.Briefs[s.ID], e.width())
			}
			if err != nil {
				return err
			}
		}
	}
	if len(res.Summary.Failed) > 0 {
		return errReported
	}
	return nil
}
