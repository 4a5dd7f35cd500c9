package dedup_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/dedup"
)

// TestWrittenEvents checks the article rules on invented events
// (testdata/events, see its README), each told by an original report, a
// paraphrased rewrite of it and an independent report: the rewrite
// derives from the original as a rewrite, the independent report derives
// from nothing and is no one's source. The events' articles are indexed
// together, so each is also a candidate for the others' stories.
func TestWrittenEvents(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "events", "*"))
	if err != nil {
		t.Fatal(err)
	}
	roles := []string{"original", "independent", "rewrite"} // in publication order
	ix := dedup.NewIndex(dedup.Config{})
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	role := map[int64]string{}
	var all []parallax.Derivation
	var ids []int64
	events := 0
	for e, dir := range dirs {
		info, err := os.Stat(dir)
		if err != nil || !info.IsDir() {
			continue
		}
		events++
		for r, name := range roles {
			path := filepath.Join(dir, name+".txt")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read %s: %v", path, err)
			}
			id := int64(10*e + r)
			role[id] = filepath.Base(dir) + "/" + name
			ids = append(ids, id)
			all = append(all, ix.Add(dedup.Doc{ID: id, Published: t0.Add(time.Duration(e*24+r) * time.Hour), Text: string(b)})...)
		}
	}
	if events == 0 {
		t.Fatal("no events under testdata/events")
	}
	best := map[int64]parallax.Derivation{}
	for _, d := range all {
		best[d.ArticleID] = d // later entries replace earlier ones
		t.Logf("%s <- %s: %s, coverage %.2f", role[d.ArticleID], role[d.SourceID], d.Kind, d.Coverage)
	}
	for id, name := range role {
		d, ok := best[id]
		switch id % 10 {
		case 2: // rewrite
			if !ok || d.SourceID != id-2 || d.Kind != parallax.DerivedRewrite {
				t.Errorf("%s: derivation %+v, want a rewrite of %s", name, d, role[id-2])
			}
		default:
			if ok {
				t.Errorf("%s derives from %s (%s), want nothing", name, role[d.SourceID], d.Kind)
			}
		}
		if id%10 == 1 {
			for _, d := range all {
				if d.SourceID == id {
					t.Errorf("%s is the source of %s (%s), want no one's", name, role[d.ArticleID], d.Kind)
				}
			}
		}
	}
	if n, want := dedup.Independent(ids, all), 2*events; n != want {
		t.Errorf("Independent = %d, want %d (an original and an independent report per event)", n, want)
	}
}
