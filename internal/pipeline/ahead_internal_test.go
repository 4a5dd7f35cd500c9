package pipeline

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/shared"
	"github.com/parallax-news/parallax/internal/store"
)

// noAhead hides a store's SaveAnalyses, so that nothing is analysed at
// ingest and processing analyses every article, as before.
type noAhead struct{ parallax.DocumentStore }

// TestAnalyseAhead checks that the analyses stored at ingest are what
// processing would compute from the stored articles, that processing uses
// them as they are, and that stories, derivations and analyses come out
// the same as when processing analyses everything itself.
func TestAnalyseAhead(t *testing.T) {
	inputs := []string{shared.TestDir(t, "seeds"), filepath.Join("..", "demo", "corpus")}
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	run := func(ahead bool) (parallax.Store, []*parallax.Article) {
		st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		in := &Ingester{Store: st, Read: ingest.Options{Now: now}}
		if !ahead {
			in.Store = noAhead{st}
		}
		if _, err := in.Ingest(ctx, inputs); err != nil {
			t.Fatal(err)
		}
		articles, err := st.FindArticles(ctx, parallax.ArticleFilter{})
		if err != nil || len(articles) < 10 {
			t.Fatalf("articles %d, %v", len(articles), err)
		}
		return st, articles
	}
	st, articles := run(true)
	before, err := st.FindAnalyses(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != len(articles) {
		t.Fatalf("%d analyses stored at ingest, want one per article (%d)", len(before), len(articles))
	}
	for i, a := range articles {
		if diff := cmp.Diff(*analyse(a), before[i], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("article %d (%s): analysis at ingest differs from the stored article's (-stored article +ingest):\n%s", a.ID, a.URL, diff)
		}
	}
	if _, err := (&Processor{Store: st, Now: now}).Process(ctx); err != nil {
		t.Fatal(err)
	}
	plain, _ := run(false)
	if got, err := plain.FindAnalyses(ctx, nil); err != nil || len(got) != 0 {
		t.Fatalf("without SaveAnalyses: %d analyses stored at ingest, %v; want 0", len(got), err)
	}
	if _, err := (&Processor{Store: plain, Now: now}).Process(ctx); err != nil {
		t.Fatal(err)
	}
	for _, get := range []struct {
		name string
		fn   func(parallax.Store) (any, error)
	}{
		{"analyses", func(s parallax.Store) (any, error) { return s.FindAnalyses(ctx, nil) }},
		{"assignments", func(s parallax.Store) (any, error) { return s.FindAssignments(ctx, nil) }},
		{"derivations", func(s parallax.Store) (any, error) { return s.FindDerivations(ctx, nil) }},
		{"stories", func(s parallax.Store) (any, error) { return s.FindStories(ctx, parallax.StoryFilter{}) }},
		{"briefs", func(s parallax.Store) (any, error) {
			stories, err := s.FindStories(ctx, parallax.StoryFilter{})
			var briefs []*parallax.Brief
			for _, st := range stories {
				b, err := s.FindBrief(ctx, st.ID)
				if err != nil {
					return nil, err
				}
				briefs = append(briefs, b)
			}
			return briefs, err
		}},
	} {
		want, err := get.fn(plain)
		if err != nil {
			t.Fatal(err)
		}
		got, err := get.fn(st)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s with analysis at ingest differ (-without +with):\n%s", get.name, diff)
		}
	}
	after, err := st.FindAnalyses(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("processing changed analyses stored at ingest:\n%s", diff)
	}
}
