package pipeline_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/demo"
	"github.com/parallax-news/parallax/internal/pipeline"
)

// TestDemoCorpus ingests the demo corpus into SQLite and checks the whole
// pipeline against its manifest: the stories are exactly its events, the
// planted derivations are found, independent sources are counted, and the
// planted disagreement shows in the brief.
func TestDemoCorpus(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	m, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	sum, err := (&pipeline.Ingester{Store: st}).IngestFS(ctx, demo.Corpus(), "demo:/")
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) > 0 || sum.New != len(m.Articles) {
		t.Fatalf("ingested %d new of %d, failures %v", sum.New, len(m.Articles), sum.Failed)
	}
	if _, err := (&pipeline.Processor{Store: st}).Process(ctx); err != nil {
		t.Fatal(err)
	}
	arts, err := st.FindArticles(ctx, parallax.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// Map stored articles to manifest keys by URL.
	byURL := map[string]string{}
	for _, a := range m.Articles {
		if a.Item == "" {
			byURL["demo:/"+a.File] = a.Key
		}
		if a.URL != "" {
			byURL[a.URL] = a.Key
		}
	}
	key := map[int64]string{}
	for _, a := range arts {
		k, ok := byURL[a.URL]
		if !ok {
			t.Fatalf("article %d (%s) is not in the manifest", a.ID, a.URL)
		}
		key[a.ID] = k
	}
	stories, err := st.FindStories(ctx, parallax.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("stories are the events", func(t *testing.T) {
		var got []string
		for _, s := range stories {
			events := map[string]bool{}
			var members []string
			for _, id := range s.ArticleIDs {
				a, _ := m.Article(key[id])
				events[a.Event] = true
				members = append(members, key[id])
			}
			if len(events) != 1 {
				t.Errorf("story %d mixes events: %v", s.ID, members)
			}
			for e := range events {
				got = append(got, e)
			}
		}
		sort.Strings(got)
		var want []string
		for _, e := range m.Events {
			want = append(want, e.Key)
		}
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("story events = %v, want each of %v once", got, want)
		}
	})
	derivs, err := st.FindDerivations(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]parallax.Derivation{}
	for _, d := range derivs {
		found[key[d.ArticleID]] = d
	}
	t.Run("planted derivations", func(t *testing.T) {
		for _, a := range m.Articles {
			orig, kind := a.Derivation()
			d, ok := found[a.Key]
			switch {
			case orig == "" && ok:
				t.Errorf("%s derives from %s (%s), want nothing", a.Key, key[d.SourceID], d.Kind)
			case orig != "" && !ok:
				t.Errorf("%s: no derivation, want %s of %s", a.Key, kind, orig)
			case orig != "" && key[d.SourceID] != orig:
				t.Errorf("%s derives from %s, want %s", a.Key, key[d.SourceID], orig)
			}
		}
	})
	t.Run("independent sources", func(t *testing.T) {
		for _, s := range stories {
			a, _ := m.Article(key[s.ArticleIDs[0]])
			if want := m.IndependentSources(a.Event); s.Sources != want {
				t.Errorf("story %d (%s): %d independent sources, want %d", s.ID, a.Event, s.Sources, want)
			}
		}
	})
	t.Run("planted disagreement", func(t *testing.T) {
		for _, dis := range m.Disagreements {
			var story *parallax.Story
			for _, s := range stories {
				if a, _ := m.Article(key[s.ArticleIDs[0]]); a.Event == dis.Event {
					story = s
				}
			}
			if story == nil {
				t.Fatalf("no story for %s", dis.Event)
			}
			b, err := st.FindBrief(ctx, story.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !hasConflict(b, dis) {
				t.Errorf("brief of %s does not show the disagreement on %s %s; claims: %+v", dis.Event, dis.Subject, dis.Attribute, b.Claims)
			}
		}
	})
}

// hasConflict reports whether a brief has a conflicting comparison that
// holds every value of the planted disagreement.
func hasConflict(b *parallax.Brief, dis demo.Disagreement) bool {
	for _, c := range b.Claims {
		if !c.Conflict {
			continue
		}
		all := true
		for _, v := range dis.Values {
			seen := false
			for _, cv := range c.Values {
				seen = seen || strings.Contains(cv.Value, v.Value)
			}
			all = all && seen
		}
		if all {
			return true
		}
	}
	return false
}
