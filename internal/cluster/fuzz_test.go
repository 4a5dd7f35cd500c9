package cluster_test

import (
	"slices"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
)

// FuzzAdd feeds arbitrary titles, texts and times and checks the
// invariants: every article lands in exactly one story that holds it, and
// the reason is never empty.
func FuzzAdd(f *testing.F) {
	f.Add(quakeTitle, quakeText, int64(0), int64(0))
	f.Add(rehabTitle, rehabText, now.Unix(), int64(1))
	f.Add("", "", int64(-1), int64(2))
	f.Add("ÉÉ — «»", "Ünïcödé Šefčovič’s 28-point plan, 880,000 troops.\n\n\n", now.Unix()*1000, int64(-3))
	f.Fuzz(func(t *testing.T, title, text string, unix, derived int64) {
		c := newClusterer()
		c.Add(cluster.Doc{ID: 1, Title: quakeTitle, Text: quakeText, Time: now})
		for id := int64(2); id <= 4; id++ {
			r := c.Add(cluster.Doc{ID: id, Title: title, Text: text, Time: time.Unix(unix, 0), DerivedFrom: derived})
			if r.Assignment.Reason == "" || r.Assignment.ArticleID != id {
				t.Fatalf("Add(%d): %+v", id, r.Assignment)
			}
			story, ok := c.StoryOf(id)
			if !ok || story != r.Assignment.StoryID {
				t.Fatalf("StoryOf(%d)=%d,%v, want %d", id, story, ok, r.Assignment.StoryID)
			}
			if !slices.Contains(c.Story(story), id) {
				t.Fatalf("Story(%d)=%v lacks %d", story, c.Story(story), id)
			}
		}
		total := 0
		for _, s := range c.Stories() {
			total += len(c.Story(s))
		}
		if total != 4 {
			t.Fatalf("stories hold %d articles, want 4", total)
		}
	})
}
