package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/brief"
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

// writeBriefMarkdown prints a story's brief as Markdown, or its headline
// when no brief has been built yet.
func writeBriefMarkdown(w io.Writer, s *parallax.Story, b *parallax.Brief) error {
	if b == nil {
		fmt.Fprintf(w, "# %s\n\n%d articles, %d independent sources; no brief yet.\n", s.Headline, len(s.ArticleIDs), s.Sources)
		return nil
	}
	return brief.WriteMarkdown(w, b)
}

// writeBriefText prints a story's brief for a terminal, wrapped to width.
func writeBriefText(w io.Writer, s *parallax.Story, b *parallax.Brief, width int) error {
	if b == nil {
		fmt.Fprintf(w, "%s\n%d articles, %d independent sources; no brief yet.\n", s.Headline, len(s.ArticleIDs), s.Sources)
		return nil
	}
	return brief.WriteText(w, b, width)
}
