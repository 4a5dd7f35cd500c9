package eval_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/shared"
)

func TestRouge(t *testing.T) {
	tests := []struct {
		name       string
		cand, ref  string
		r1, r2, rl float64
	}{
		// The rouge-score package's example: P 6/8, R 6/9 for ROUGE-1; the
		// LCS "the quick brown jumps the" gives 5/8 and 5/9.
		{"readme", "The quick brown dog jumps on the log.", "The quick brown fox jumps over the lazy dog",
			2 * (6.0 / 8) * (6.0 / 9) / (6.0/8 + 6.0/9), 2 * (2.0 / 7) * (2.0 / 8) / (2.0/7 + 2.0/8), 2 * (5.0 / 8) * (5.0 / 9) / (5.0/8 + 5.0/9)},
		{"identical", "A b c.", "a B c", 1, 1, 1},
		{"nothing shared", "x y z", "a b c", 0, 0, 0},
		{"empty candidate", "", "a b c", 0, 0, 0},
		// The candidate is cut to the reference's 3 words: "a b c".
		{"cut to length", "a b c d e f", "a b c", 1, 1, 1},
		// Clipped counts: "the" twice in the candidate, once in the reference.
		{"clipping", "the the cat", "the cat sat", 2.0 / 3, 0.5, 2.0 / 3},
		{"punctuation splits words", "don't stop", "don t stop", 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := eval.Rouge(tt.cand, tt.ref)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"R1", got.R1, tt.r1}, {"R2", got.R2, tt.r2}, {"RL", got.RL, tt.rl}} {
				if math.Abs(c.got-c.want) > 1e-9 {
					t.Errorf("%s=%.6f, want %.6f", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestSummaryNeuS(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the NeuS/AllSides validation set")
	}
	dir := shared.TestDir(t, "bench-data/neus-allsides")
	rep, err := eval.Summary(context.Background(), filepath.Join(dir, "val"))
	if err != nil {
		t.Fatal(err)
	}
	r := rep.(*eval.SummaryReport)
	t.Logf("brief R1 %.4f R2 %.4f RL %.4f; lead-3 R2 %.4f; ratio %.3f (even %.3f, odd %.3f)",
		r.Brief.R1, r.Brief.R2, r.Brief.RL, r.Lead3.R2, r.Ratio, r.Halves[0].Ratio, r.Halves[1].Ratio)
	if r.Examples != 307 {
		t.Errorf("Examples = %d, want 307", r.Examples)
	}
	// Floors well below the measured figures (R2 about 0.195, 1.14 x lead-3).
	if r.Brief.R2 < 0.16 || r.Ratio < 1.0 {
		t.Errorf("brief ROUGE-2 %.4f (%.3f x lead-3), want >= 0.16 and >= 1.0 x", r.Brief.R2, r.Ratio)
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil || !strings.Contains(b.String(), "lead-3") {
		t.Errorf("WriteText = %q, %v", b.String(), err)
	}
}

func TestSummaryBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.source", "TITLE=> T. ARTICLE=> One sentence here is long enough to count.\nsecond line\n")
	write("a.target", "TITLE=> T. ARTICLE=> One sentence.\n")
	if _, err := eval.Summary(context.Background(), filepath.Join(dir, "a")); err == nil {
		t.Error("mismatched line counts: want an error")
	}
	if _, err := eval.Summary(context.Background(), filepath.Join(dir, "missing")); err == nil {
		t.Error("missing files: want an error")
	}
	write("b.source", "TITLE=> Bridge opens. ARTICLE=> The bridge opened on Monday after two years of work. [SEP] garbage without markers\n")
	write("b.target", "TITLE=> Bridge. ARTICLE=> The bridge opened on Monday.\n")
	rep, err := eval.Summary(context.Background(), filepath.Join(dir, "b.source"))
	if err != nil {
		t.Fatal(err)
	}
	if r := rep.(*eval.SummaryReport); r.Examples != 1 || r.Brief.R1 == 0 {
		t.Errorf("report %+v, want one scored example", r)
	}
}
