package eval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
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

func TestEntitiesSample(t *testing.T) {
	rep, err := eval.Entities(context.Background(), filepath.Join("testdata", "conll-entities-sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r, ok := rep.(*eval.EntitiesReport)
	if !ok {
		t.Fatalf("report is %T", rep)
	}
	if r.Documents != 1 || r.Sentences != 2 || r.Words != 19 || r.Overall.Gold != 5 {
		t.Errorf("counts: %d documents, %d sentences, %d words, %d gold entities; want 1, 2, 19, 5",
			r.Documents, r.Sentences, r.Words, r.Overall.Gold)
	}
	if r.Overall.Correct > r.Overall.Predicted || r.Overall.F1 < 0 || r.Overall.F1 > 1 {
		t.Errorf("overall %+v is not a score", r.Overall)
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"overall"`, `"types"`, `"f1"`, `"words_per_second"`} {
		if !strings.Contains(string(raw), key) {
			t.Errorf("JSON %s lacks %s", raw, key)
		}
	}
}

func TestEntitiesMissing(t *testing.T) {
	if _, err := eval.Entities(context.Background(), filepath.Join("testdata", "no-such-file")); err == nil {
		t.Fatal("no error for a missing file")
	}
}
