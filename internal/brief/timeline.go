package brief

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/discrepancy"
)

// dateLayouts are the forms a claim's normalised date may take.
var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02", "2006-01"}

// timeline lists the claims that carry a date, each with its evidence,
// the same statement in several articles merged, oldest first.
func (st *story) timeline() []parallax.TimelineEntry {
	type entry struct {
		e     parallax.TimelineEntry
		words []string
		about string // subject and attribute
	}
	var entries []*entry
	for a, an := range st.analyses {
		if an == nil {
			continue
		}
		id := st.articles[a].ID
		for _, c := range an.Claims {
			d, ok := parseDate(c.Normalized)
			if !ok {
				continue
			}
			txt := strings.TrimSpace(c.Evidence)
			if txt == "" {
				txt = strings.TrimSpace(c.Subject + " " + c.Attribute + " " + c.Value)
			}
			about := discrepancy.NameSkeleton(c.Subject) + "\x00" + strings.ToLower(strings.TrimSpace(c.Attribute))
			merged := false
			var words []string
			for _, e := range entries {
				if !e.e.Date.Equal(d) {
					continue
				}
				if e.about != about && words == nil {
					words = st.words([]string{txt})[0]
				}
				if e.about == about || sameWords(e.words, words) {
					e.e.ArticleIDs = addID(e.e.ArticleIDs, id)
					merged = true
					break
				}
			}
			if !merged {
				if words == nil {
					words = st.words([]string{txt})[0]
				}
				entries = append(entries, &entry{e: parallax.TimelineEntry{Date: d, Text: txt, ArticleIDs: []int64{id}}, words: words, about: about})
			}
		}
	}
	out := make([]parallax.TimelineEntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.e)
	}
	slices.SortStableFunc(out, func(a, b parallax.TimelineEntry) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(len(b.ArticleIDs), len(a.ArticleIDs)))
	})
	return out
}

func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 7 || s[4] != '-' {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if len(l) != len(s) && l != time.RFC3339 {
			continue // a layout without zone or seconds matches its length
		}
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
