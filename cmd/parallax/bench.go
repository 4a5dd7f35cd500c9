package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/benchmark"
	"github.com/parallax-news/parallax/internal/demo"
)

func runBench(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	jsonOut := fs.Bool("json", false, "print JSON")
	rounds := fs.Int("rounds", 5, "rounds per stage (the median is reported)")
	dir := fs.String("dir", "", "corpus folder (default: the built-in demo corpus)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "parallax-bench-")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer os.RemoveAll(tmp)
	fsys, name := demo.Corpus(), "demo"
	if *dir != "" {
		fsys, name = os.DirFS(*dir), *dir
	}
	rep, err := benchmark.Run(ctx, name, fsys, *rounds, tmp)
	if err != nil {
		return err
	}
	if *jsonOut {
		return writeJSON(e.stdout, rep)
	}
	return rep.WriteText(e.stdout)
}
