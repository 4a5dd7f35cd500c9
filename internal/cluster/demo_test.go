package cluster_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/demo"
)

var (
	scriptStyle = regexp.MustCompile(`(?is)<(script|style)[^>]*>.*?</(script|style)>`)
	anyTag      = regexp.MustCompile(`(?s)<[^>]*>`)
)

// crudeText reads one demo article without the extraction stage: tags are
// stripped and boilerplate kept, so clustering is tested on noisier input
// than the pipeline gives it.
func crudeText(t *testing.T, a demo.Article) string {
	t.Helper()
	b, err := fs.ReadFile(demo.Corpus(), a.File)
	if err != nil {
		t.Fatal(err)
	}
	if a.Gzip {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", a.File, err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatalf("%s: %v", a.File, err)
		}
	}
	s := string(b)
	switch a.Format {
	case "json", "jsonl":
		return jsonText(t, a, s)
	case "rss", "atom":
		s = feedItem(s, a.Item)
		// feeds escape their HTML content once more
		s = html.UnescapeString(anyTag.ReplaceAllString(s, " "))
	}
	s = scriptStyle.ReplaceAllString(s, " ")
	return html.UnescapeString(anyTag.ReplaceAllString(s, "\n"))
}

func jsonText(t *testing.T, a demo.Article, s string) string {
	t.Helper()
	for _, line := range strings.Split(s, "\n") {
		if a.Format == "json" {
			line = s
		}
		var rec struct {
			ID   string `json:"id"`
			Text string `json:"text"`
			HTML string `json:"html"`
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%s: %v", a.File, err)
		}
		if a.Format != "json" && rec.ID != a.Item {
			continue
		}
		if rec.Text == "" {
			return html.UnescapeString(anyTag.ReplaceAllString(rec.HTML, "\n"))
		}
		return rec.Text
	}
	t.Fatalf("%s: no record %q", a.File, a.Item)
	return ""
}

// feedItem cuts the <item> or <entry> that mentions id out of a feed.
func feedItem(s, id string) string {
	for _, tag := range []string{"item", "entry"} {
		for _, part := range strings.Split(s, "<"+tag+">")[1:] {
			part, _, _ = strings.Cut(part, "</"+tag+">")
			if strings.Contains(part, id) {
				return part
			}
		}
	}
	return ""
}

func TestDemoCorpusEvents(t *testing.T) {
	cat, err := demo.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for i, a := range cat.Articles {
		ids[a.Key] = int64(i + 1)
	}
	for _, provenance := range []bool{false, true} {
		name := "content only"
		if provenance {
			name = "with provenance"
		}
		t.Run(name, func(t *testing.T) {
			c := newClusterer()
			for _, a := range cat.Articles {
				d := cluster.Doc{ID: ids[a.Key], Title: a.Title, Text: crudeText(t, a)}
				if a.Published != "" {
					if d.Time, err = time.Parse(time.RFC3339, a.Published); err != nil {
						d.Time, err = time.Parse(time.DateOnly, a.Published)
					}
					if err != nil {
						t.Fatalf("%s: published %q: %v", a.Key, a.Published, err)
					}
				}
				if provenance && a.DerivedFrom() != "" {
					d.DerivedFrom = ids[a.DerivedFrom()]
				}
				r := c.Add(d)
				t.Logf("%s: %s", a.Key, r.Assignment.Reason)
			}
			for _, ev := range cat.Events {
				var want []int64
				for _, a := range cat.ArticlesOf(ev.Key) {
					want = append(want, ids[a.Key])
				}
				slices.Sort(want)
				story, _ := c.StoryOf(want[0])
				if got := c.Story(story); !slices.Equal(got, want) {
					t.Errorf("event %s: story %d holds %v, want %v", ev.Key, story, got, want)
				}
			}
			if got, want := len(c.Stories()), len(cat.Events); got != want {
				t.Errorf("%d stories, want %d (one per event)", got, want)
			}
		})
	}
}
