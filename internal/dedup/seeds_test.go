package dedup_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/shared"
)

// seedBody reads a seed as a crude body: blank lines and lines starting
// with '#' (hashtags) dropped.
func seedBody(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

func seedDocs(t *testing.T) []dedup.Doc {
	t.Helper()
	dir := shared.TestDir(t, "seeds")
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []dedup.Doc
	for i, p := range paths {
		docs = append(docs, dedup.Doc{ID: int64(i), Text: seedBody(t, p)})
	}
	if len(docs) != 5 {
		t.Fatalf("%d seeds, want 5", len(docs))
	}
	return docs
}

func TestSeedsDump(t *testing.T) {
	docs := seedDocs(t)
	ix := dedup.NewIndex(dedup.Config{})
	var all []parallax.Derivation
	for _, d := range docs {
		for _, dv := range ix.Add(d) {
			t.Logf("%d <- %d %s %.2f (%d pairs)", dv.ArticleID, dv.SourceID, dv.Kind, dv.Coverage, len(dv.Pairs))
			for _, p := range dv.Pairs {
				t.Logf("   %.2f %q\n        %q", p.Score, p.SourceText, p.DerivedText)
			}
			all = append(all, dv)
		}
	}
	t.Logf("independent: %d", dedup.Independent([]int64{0, 1, 2, 3, 4}, all))
}
