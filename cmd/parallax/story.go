package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/view"
)

func runStory(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("story", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	markdown := fs.Bool("markdown", false, "print Markdown")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	id, err := parseID("story", pos)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.FindStoryByID(ctx, id)
	if err != nil {
		return fmt.Errorf("story %d: %w", id, err)
	}
	b, err := st.FindBrief(ctx, id)
	if errors.Is(err, parallax.ErrNotFound) {
		b, err = nil, nil
	}
	if err != nil {
		return fmt.Errorf("story %d brief: %w", id, err)
	}
	switch {
	case *jsonOut:
		return writeJSON(e.stdout, view.NewStoryDetail(s, b))
	case *markdown:
		return writeBriefMarkdown(e.stdout, s, b)
	}
	return writeBriefText(e.stdout, s, b, e.width())
}

func writeBriefMarkdown(w io.Writer, s *parallax.Story, b *parallax.Brief) error {
	fmt.Fprintf(w, "# %s\n\n", s.Headline)
	fmt.Fprintf(w, "%d articles, %d independent sources\n", len(s.ArticleIDs), s.Sources)
	return nil
}

func writeBriefText(w io.Writer, s *parallax.Story, b *parallax.Brief, width int) error {
	fmt.Fprintf(w, "%s\n", s.Headline)
	fmt.Fprintf(w, "%d articles, %d independent sources\n", len(s.ArticleIDs), s.Sources)
	return nil
}
