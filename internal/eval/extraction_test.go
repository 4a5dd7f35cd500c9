package eval_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/shared"
)

func TestScoreExtractionSmall(t *testing.T) {
	tests := []struct {
		name              string
		gold, pred        string
		precision, recall float64
	}{
		{"equal", "one two three four five", "one two three four five", 1, 1},
		{"empty prediction", "one two three four five", "", 0, 0},
		{"half extra", "a b c d", "a b c d e f g h", 0.2, 1},
		{"short texts are one shingle", "a b", "a b", 1, 1},
		{"punctuation is not a token", "a, b; c! d", "a b c d", 1, 1},
		{"unicode words", "café über naïve straße", "café über naïve straße", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := eval.ScoreExtraction(map[string]string{"x": tt.gold}, map[string]string{"x": tt.pred}, []string{"x"}, 0)
			if math.Abs(s.Precision-tt.precision) > 1e-9 || math.Abs(s.Recall-tt.recall) > 1e-9 {
				t.Fatalf("P=%v R=%v, want %v %v", s.Precision, s.Recall, tt.precision, tt.recall)
			}
		})
	}
}

// TestExtractionReproducesPublished proves the scorer: each stored
// reference output must score what the benchmark publishes for it.
func TestExtractionReproducesPublished(t *testing.T) {
	dir := shared.TestDir(t, filepath.Join("bench-data", "article-extraction-benchmark"))
	tests := []struct {
		system string
		want   string // F1 P R as published; "-" where not published
	}{
		{"go_trafilatura", "0.960 0.940 0.980"},
		{"trafilatura", "0.958 0.938 0.978"},
		{"readability_js", "0.947 - -"},
		{"go_readability", "0.934 - -"},
	}
	for _, tt := range tests {
		t.Run(tt.system, func(t *testing.T) {
			s, err := eval.ScoreStoredExtraction(dir, tt.system)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("%.3f %.3f %.3f", s.F1, s.Precision, s.Recall)
			for i, w := range strings.Fields(tt.want) {
				if g := strings.Fields(got)[i]; w != "-" && g != w {
					t.Fatalf("F1 P R = %s, want %s (published)", got, tt.want)
				}
			}
		})
	}
}

// TestExtractionSubset runs Parallax and go-trafilatura on a few pages.
// The floor sits well below the measured figure (see the commit log); it
// catches a broken pipeline, not a small regression.
func TestExtractionSubset(t *testing.T) {
	if testing.Short() {
		t.Skip("runs extraction on benchmark pages")
	}
	dir := shared.TestDir(t, filepath.Join("bench-data", "article-extraction-benchmark"))
	rep, err := eval.ExtractionWith(context.Background(), dir, eval.ExtractionOptions{Limit: 10, Passes: 1, Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	t.Log(b.String())
	for _, s := range rep.Systems {
		if s.System == "parallax" && s.F1 < 0.9 {
			t.Errorf("parallax F1=%.3f on 10 pages, want >= 0.9", s.F1)
		}
	}
}
