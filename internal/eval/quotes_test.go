package eval_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/shared"
)

// TestQuotesPolNeAR scores the dev split and holds floors well below the
// measured figures (see the report in the commit log).
func TestQuotesPolNeAR(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the PolNeAR archive")
	}
	dir := shared.TestDir(t, "bench-data/polnear")
	split := "dev"
	if s := os.Getenv("POLNEAR_SPLIT"); s != "" {
		split = s
	}
	r, err := eval.QuotesSplit(context.Background(), filepath.Join(dir, "polnear-data.tar.gz"), split)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if r.Articles < 50 {
		t.Errorf("Articles=%d, want the whole dev split", r.Articles)
	}
}
