package eval_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/shared"
)

// TestEntitiesDev scores the embedded model on the CoNLL-2003 dev split. The
// floor sits well below the measured figure (see the package report).
func TestEntitiesDev(t *testing.T) {
	if testing.Short() {
		t.Skip("scores 51,000 words")
	}
	dir := shared.TestDir(t, "bench-data/conll2003")
	rep, err := eval.Entities(context.Background(), filepath.Join(dir, "eng.testa"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	r, ok := rep.(*eval.EntitiesReport)
	if !ok {
		t.Fatalf("report is %T", rep)
	}
	if r.Words != 51362 {
		t.Errorf("Words=%d, want 51362", r.Words)
	}
	if r.Overall.F1 < 0.85 {
		t.Errorf("overall F1=%.4f, want >= 0.85", r.Overall.F1)
	}
}
