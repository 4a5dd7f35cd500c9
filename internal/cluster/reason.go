package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// Number of shared terms and names quoted in a reason.
const (
	reasonTerms = 6
	reasonNames = 4
)

// assignment explains an article's fit to a candidate story in words.
func (c *Clusterer) assignment(articleID int64, cand candidate, f features, verb string) parallax.Assignment {
	s := &c.stories[cand.si]
	as := parallax.Assignment{
		ArticleID:  articleID,
		StoryID:    s.id,
		Similarity: round(cand.sim),
		Threshold:  c.cfg.Threshold,
	}
	as.SharedTerms, as.SharedNames = c.shared(f, s.centroid)
	if verb != "" {
		as.Reason = fmt.Sprintf("%s story %d: similarity %.2f ≥ threshold %.2f%s%s",
			verb, s.id, cand.sim, c.cfg.Threshold, timeText(cand), sharedText(as))
	}
	return as
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

func timeText(cand candidate) string {
	switch {
	case cand.time > 1:
		return fmt.Sprintf(" (content %.2f × time %.2f: published close to the story)", cand.cos, cand.time)
	case cand.time < 1:
		return fmt.Sprintf(" (content %.2f × time %.2f: published far from the story)", cand.cos, cand.time)
	}
	return ""
}

func sharedText(as parallax.Assignment) string {
	var b strings.Builder
	if len(as.SharedNames) > 0 {
		fmt.Fprintf(&b, "; shared names: %s", strings.Join(as.SharedNames, ", "))
	}
	if len(as.SharedTerms) > 0 {
		fmt.Fprintf(&b, "; shared terms: %s", strings.Join(as.SharedTerms, ", "))
	}
	return b.String()
}

// shared lists the features an article shares with a centroid, in the
// article's own words, by their contribution to the similarity.
func (c *Clusterer) shared(f features, centroid []entry) (terms, names []string) {
	type contrib struct {
		id   uint32
		word string
		x    float64
	}
	var all []contrib
	i, j := 0, 0
	for i < len(f.vec) && j < len(centroid) {
		switch {
		case f.vec[i].id < centroid[j].id:
			i++
		case f.vec[i].id > centroid[j].id:
			j++
		default:
			idf := c.voc.idf(f.vec[i].id)
			all = append(all, contrib{f.vec[i].id, f.words[i], float64(f.vec[i].w) * float64(centroid[j].w) * idf * idf})
			i++
			j++
		}
	}
	slices.SortFunc(all, func(a, b contrib) int {
		if r := cmp.Compare(b.x, a.x); r != 0 {
			return r
		}
		return cmp.Compare(a.id, b.id)
	})
	for _, x := range all {
		word := x.word
		if c.voc.isName(x.id) {
			if len(names) < reasonNames {
				names = append(names, word)
			}
			continue
		}
		if len(terms) < reasonTerms {
			terms = append(terms, word)
		}
	}
	return terms, names
}

func describeMerges(m map[int64]int64) string {
	ids := make([]int64, 0, len(m))
	for lost := range m {
		ids = append(ids, lost)
	}
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("story %d into %d", id, m[id])
	}
	return strings.Join(parts, ", ")
}
