package reader_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/demo"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/reader"
)

// demoStories runs the whole pipeline in memory over the demo corpus and
// returns a candidate per story, with its profile built from the brief
// (entities) and the articles (sources, tags, titles), and the manifest
// event of each story (the event most of its articles cover).
func demoStories(t *testing.T) ([]reader.Candidate, map[int64]string, demo.Catalog) {
	t.Helper()
	cat, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	fixed := func() time.Time { return time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) }
	res, err := pipeline.RunInMemory(context.Background(), []string{"../demo/corpus"}, ingest.Options{Now: fixed}, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stories) < len(cat.Events) {
		t.Fatalf("%d stories from %d events", len(res.Stories), len(cat.Events))
	}
	byID := map[int64]*parallax.Article{}
	for _, a := range res.Articles {
		byID[a.ID] = a
	}
	eventOf := func(a *parallax.Article) string {
		for _, m := range cat.Articles {
			if (m.URL != "" && a.URL == m.URL) || strings.HasSuffix(a.URL, "/"+m.File) || (m.Title != "" && a.Title == m.Title) {
				return m.Event
			}
		}
		return ""
	}
	var cands []reader.Candidate
	events := map[int64]string{}
	for _, s := range res.Stories {
		p := parallax.StoryProfile{StoryID: s.ID}
		for _, e := range res.Briefs[s.ID].Entities {
			p.Entities = append(p.Entities, e.Name)
		}
		votes := map[string]int{}
		for _, id := range s.ArticleIDs {
			a := byID[id]
			if a.Source != "" && !slices.Contains(p.Sources, a.Source) {
				p.Sources = append(p.Sources, a.Source)
			}
			p.Tags = append(p.Tags, a.Tags...)
			p.Titles = append(p.Titles, a.Title)
			votes[eventOf(a)]++
		}
		best := ""
		for ev, n := range votes {
			if ev != "" && (best == "" || n > votes[best] || (n == votes[best] && ev < best)) {
				best = ev
			}
		}
		events[s.ID] = best
		cands = append(cands, reader.Candidate{Story: s, Profile: p})
	}
	return cands, events, cat
}

// TestDemoRelated checks on real stories that Related ranks the story of an
// event of the same kind (the corpus has two port strikes) above every
// unrelated story: one of an event of another kind that shares no name
// with the target in either's headlines. (The Port Ellis strike and the
// trapped ship share Port Ellis, the crew's home port, in a headline: that
// is a real link, not noise, and either order is fine.)
func TestDemoRelated(t *testing.T) {
	cands, events, cat := demoStories(t)
	kind := map[string]string{}
	for _, e := range cat.Events {
		kind[e.Key] = e.Kind
	}
	pairs := 0
	for _, target := range cands {
		ev := events[target.Story.ID]
		got := reader.Related(target.Profile, cands, 0)
		rank := map[int64]int{}
		for i, r := range got {
			rank[r.Story.ID] = i + 1
			if r.Story.ID == target.Story.ID {
				t.Errorf("Related(%d) includes the target", target.Story.ID)
			}
		}
		for _, same := range cands {
			if same.Story.ID == target.Story.ID || events[same.Story.ID] == ev || kind[events[same.Story.ID]] != kind[ev] {
				continue
			}
			pairs++
			if rank[same.Story.ID] == 0 {
				t.Errorf("Related(%q) leaves out %q, of the same kind %q", target.Story.Headline, same.Story.Headline, kind[ev])
				continue
			}
			for _, other := range cands {
				if kind[events[other.Story.ID]] == kind[ev] || headlinesShareName(target.Profile, other.Profile) {
					continue
				}
				if r := rank[other.Story.ID]; r != 0 && r < rank[same.Story.ID] {
					for _, r := range got {
						t.Logf("  %d (%s) %.3f %q", r.Story.ID, events[r.Story.ID], r.Score, r.Shared)
					}
					t.Errorf("Related(%q): unrelated %q (%s) ranks %d, above %q (same kind) at %d",
						target.Story.Headline, other.Story.Headline, events[other.Story.ID], r, same.Story.Headline, rank[same.Story.ID])
				}
			}
			t.Logf("Related(%q): %q at %d of %d", target.Story.Headline, same.Story.Headline, rank[same.Story.ID], len(got))
		}
	}
	if pairs < 2 {
		t.Fatalf("only %d same-kind pairs; the manifest promises two port strikes", pairs)
	}
}

// headlinesShareName reports whether a name of one story appears, as whole
// words, in a title of the other.
func headlinesShareName(a, b parallax.StoryProfile) bool {
	named := func(p, q parallax.StoryProfile) bool {
		for _, e := range p.Entities {
			re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(e) + `\b`)
			for _, title := range q.Titles {
				if re.MatchString(title) {
					return true
				}
			}
		}
		return false
	}
	return named(a, b) || named(b, a)
}

// TestDemoFollowPerson follows, by surname, each person the manifest gives a
// role in one event and whom the brief of that event's story names, and
// checks that the story comes first with a reason naming them.
func TestDemoFollowPerson(t *testing.T) {
	cands, events, cat := demoStories(t)
	now := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	checked := 0
	for _, role := range cat.Roles {
		var story *reader.Candidate
		for i, c := range cands {
			if events[c.Story.ID] == role.Event && slices.Contains(c.Profile.Entities, role.Person) {
				story = &cands[i]
			}
		}
		if story == nil {
			continue // the entity stage missed the name: not this package's concern
		}
		checked++
		surname := role.Person[strings.LastIndex(role.Person, " ")+1:]
		got := reader.FrontPage(cands, []parallax.Interest{{Kind: parallax.InterestEntity, Value: surname}}, nil, now, 0)
		if len(got) == 0 || got[0].Story.ID != story.Story.ID {
			t.Errorf("follow %q (%s): first story %v, want %d %q", surname, role.Person, ids(got), story.Story.ID, story.Story.Headline)
			continue
		}
		if !strings.Contains(got[0].Reason, role.Person) {
			t.Errorf("follow %q: Reason=%q, want it to name %s", surname, got[0].Reason, role.Person)
		}
		for _, p := range got[1:] {
			if events[p.Story.ID] != role.Event && len(p.Reasons) > 0 {
				t.Errorf("follow %q also matched %q: %q", surname, p.Story.Headline, p.Reason)
			}
		}
	}
	if checked < 3 {
		t.Fatalf("only %d of %d manifest roles are named in their story's brief", checked, len(cat.Roles))
	}
	t.Logf("%d of %d roles checked", checked, len(cat.Roles))
}
