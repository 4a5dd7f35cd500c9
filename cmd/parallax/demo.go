package main

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	return fmt.Errorf("demo: %w", parallax.ErrUnsupported)
}

func runBrief(ctx context.Context, e *env, args []string) error {
	return fmt.Errorf("brief: %w", parallax.ErrUnsupported)
}
