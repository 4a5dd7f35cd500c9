package dedup_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/text"
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

// TestSeeds checks the derivations among the five seeds: 000 rewrites 001,
// 002 and 003 share a source, 001 and 004 derive from nothing, every other
// pair is unrelated, so there are three independent sources.
func TestSeeds(t *testing.T) {
	docs := seedDocs(t)
	ix := dedup.NewIndex(dedup.Config{})
	var all []parallax.Derivation
	for _, d := range docs {
		all = append(all, ix.Add(d)...)
	}
	best := map[int64]parallax.Derivation{}
	for _, d := range all {
		best[d.ArticleID] = d // later entries replace earlier ones
	}
	if len(best) != 2 {
		t.Errorf("%d articles derive from another, want 2 (000 and one of 002/003): %v", len(best), summary(best))
	}
	rw, ok := best[0]
	switch {
	case !ok:
		t.Errorf("000 derives from nothing, want a rewrite of 001")
	case rw.SourceID != 1 || rw.Kind != parallax.DerivedRewrite:
		t.Errorf("000 derives from %d (%s), want 001 (rewrite)", rw.SourceID, rw.Kind)
	case rw.Coverage < 0.5 || rw.Coverage > 0.9:
		t.Errorf("000 coverage %.2f, want about 0.6-0.8", rw.Coverage)
	}
	for _, id := range []int64{1, 4} {
		if d, ok := best[id]; ok {
			t.Errorf("%03d derives from %d (%s), want nothing", id, d.SourceID, d.Kind)
		}
	}
	ss, ok := best[2]
	if !ok {
		ss, ok = best[3]
	}
	if !ok || ss.Kind != parallax.DerivedSharedSource || ss.SourceID+ss.ArticleID != 5 {
		t.Errorf("002/003 derivation %+v, want shared_source between them", summary(best))
	} else {
		checkShared(t, docs[2].Text, ss)
	}
	if n := dedup.Independent([]int64{0, 1, 2, 3, 4}, all); n != 3 {
		t.Errorf("Independent = %d, want 3", n)
	}
}

// checkShared wants a third of 002's sentences aligned in order, the plan's
// points among them.
func checkShared(t *testing.T, body002 string, d parallax.Derivation) {
	t.Helper()
	n := len(text.Sentences(body002))
	if 3*len(d.Pairs) < n {
		t.Errorf("002~003: %d of 002's %d sentences aligned, want >= 1/3", len(d.Pairs), n)
	}
	points := 0
	for k, p := range d.Pairs {
		if k > 0 && (p.SourceIndex <= d.Pairs[k-1].SourceIndex || p.DerivedIndex <= d.Pairs[k-1].DerivedIndex) {
			t.Errorf("pair %d out of order: %+v after %+v", k, p, d.Pairs[k-1])
		}
		if strings.Contains(p.SourceText+p.DerivedText, "Kherson") || strings.Contains(p.SourceText+p.DerivedText, "Luhansk") {
			points++
		}
	}
	if points < 2 {
		t.Errorf("002~003: %d of the plan's points aligned, want them among the pairs", points)
	}
}

func summary(m map[int64]parallax.Derivation) []string {
	var out []string
	for id, d := range m {
		out = append(out, fmt.Sprintf("%d<-%d %s %.2f", id, d.SourceID, d.Kind, d.Coverage))
	}
	slices.Sort(out)
	return out
}
