package benchmark_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/benchmark"
	"github.com/parallax-news/parallax/internal/demo"
)

func TestRunOnDemo(t *testing.T) {
	rep, err := benchmark.Run(context.Background(), "demo", demo.Corpus(), 1, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Stages) != 6 {
		t.Fatalf("stages = %d, want 6", len(rep.Stages))
	}
	for _, s := range rep.Stages {
		if s.Items == 0 || s.PerSecond <= 0 {
			t.Errorf("stage %s: %+v", s.Name, s)
		}
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "whole pipeline") {
		t.Errorf("report:\n%s", b.String())
	}
}
