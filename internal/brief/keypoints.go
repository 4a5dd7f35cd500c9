package brief

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/discrepancy"
)

const (
	maxKeyPoints = 12
	// maxListItems and maxListPoints bound the list items compared (the
	// earliest articles' first) and the distinct items kept, so that a story
	// of hundreds of articles costs no more than a few dozen.
	maxListItems  = 120
	maxListPoints = 32
	// sameItem is the cosine above which two list items say the same; items
	// sharing a counted number need only sameNumbered.
	sameItem     = 0.5
	sameNumbered = 0.25
)

// point is a key point being assembled.
type point struct {
	ref     sref // the sentence shown, when from the text
	text    string
	ids     []int64
	numbers []string // numbers it states, without units
	order   int      // first appearance, for stable ordering
	list    bool     // from a list item
}

// keyPoints gathers the story's list items (the same item in several
// articles merged) and the numbers that two or more independent sources
// agree on, from the claim comparison or, failing claims, from numbers with
// what they count ("28-point", "600,000 personnel") stated in several
// sources.
func (st *story) keyPoints(comps []parallax.Comparison) []parallax.Cited {
	points := st.listPoints()
	for _, c := range comps {
		if c.Conflict || len(c.Values) == 0 || c.Values[0].Sources < 2 || !hasDigit(withoutDate(c.Values[0].Value)) {
			continue
		}
		points = st.mergePoint(points, st.claimPoint(c, len(points)))
	}
	for _, p := range st.numberPoints(len(points)) {
		points = st.mergePoint(points, p)
	}
	slices.SortStableFunc(points, func(a, b *point) int {
		return cmp.Or(
			cmp.Compare(discrepancy.CountSources(b.ids, st.roots), discrepancy.CountSources(a.ids, st.roots)),
			cmp.Compare(a.order, b.order),
		)
	})
	out := make([]parallax.Cited, 0, min(len(points), maxKeyPoints))
	for _, p := range points {
		if len(out) == maxKeyPoints {
			break
		}
		if p.text == "" {
			continue
		}
		out = append(out, parallax.Cited{Text: p.text, ArticleIDs: p.ids})
	}
	return out
}

// listPoints merges the list items of every article: an item joins an
// earlier one it repeats.
func (st *story) listPoints() []*point {
	var points []*point
	seen := 0
	for a, p := range st.prep {
		for i, s := range p.sentences {
			if s.kind != parallax.BlockListItem || s.words < 2 || seen >= maxListItems {
				continue
			}
			seen++
			r := sref{a, i}
			if q := st.sameListItem(points, r); q != nil {
				q.ids = addID(q.ids, st.articles[a].ID)
				continue
			}
			if len(points) >= maxListPoints {
				continue
			}
			points = append(points, &point{ref: r, text: strings.TrimSpace(s.text), ids: []int64{st.articles[a].ID},
				numbers: numberParts(s.numbers), order: len(points), list: true})
		}
	}
	return points
}

func (st *story) sameListItem(points []*point, r sref) *point {
	nums := numberParts(st.prep[r.art].sentences[r.sent].numbers)
	for _, q := range points {
		if q.ref.art == r.art {
			continue
		}
		c := st.scorer.cosine(r, q.ref)
		if c >= sameItem || c >= sameNumbered && intersect(nums, q.numbers) {
			return q
		}
	}
	return nil
}

// claimPoint turns an agreed numeric comparison into a key point shown by
// the shortest readable evidence sentence of its claims.
func (st *story) claimPoint(c parallax.Comparison, order int) *point {
	v := c.Values[0]
	p := &point{ref: sref{-1, -1}, ids: slices.Clone(v.ArticleIDs), numbers: digitsOf(v.Value), order: order}
	attr := strings.ToLower(strings.TrimSpace(c.Attribute))
	for _, id := range v.ArticleIDs {
		k, ok := st.index[id]
		if !ok || st.analyses[k] == nil {
			continue
		}
		for _, cl := range st.analyses[k].Claims {
			if strings.ToLower(strings.TrimSpace(cl.Attribute)) != attr || !intersect(digitsOf(cl.Value+" "+cl.Normalized), p.numbers) {
				continue
			}
			p.text = betterEvidence(p.text, strings.TrimSpace(cl.Evidence))
		}
	}
	if p.text == "" {
		p.text = c.Subject + " · " + c.Attribute + ": " + v.Value
	}
	return p
}

// betterEvidence prefers the shorter sentence among whole sentences of six
// words or more.
func betterEvidence(cur, cand string) string {
	switch {
	case cand == "":
		return cur
	case cur == "":
		return cand
	}
	cw, nw := len(strings.Fields(cur)), len(strings.Fields(cand))
	if rc, rn := wholeSentence(cur, cw), wholeSentence(cand, nw); rc != rn {
		if rn {
			return cand
		}
		return cur
	}
	if nw < cw || nw == cw && cand < cur {
		return cand
	}
	return cur
}

// numberPoints finds counted numbers ("28 point") stated by two or more
// independent sources, each shown by its shortest readable sentence.
func (st *story) numberPoints(order int) []*point {
	type seen struct {
		ids    []int64
		groups map[int]bool
		best   sref
		first  int
	}
	byKey := map[string]*seen{}
	var keys []string
	for a, p := range st.prep {
		for i, s := range p.sentences {
			if s.kind == parallax.BlockHeading {
				continue
			}
			for _, n := range s.numbers {
				e, ok := byKey[n]
				if !ok {
					e = &seen{groups: map[int]bool{}, best: sref{a, i}, first: len(keys)}
					byKey[n] = e
					keys = append(keys, n)
				}
				e.ids = addID(e.ids, st.articles[a].ID)
				e.groups[st.group[a]] = true
				if st.shorterReadable(sref{a, i}, e.best) {
					e.best = sref{a, i}
				}
			}
		}
	}
	var out []*point
	for _, k := range keys {
		e := byKey[k]
		if len(e.groups) < 2 {
			continue
		}
		s := st.prep[e.best.art].sentences[e.best.sent]
		out = append(out, &point{ref: e.best, text: strings.TrimSpace(s.text), ids: e.ids,
			numbers: numberParts([]string{k}), order: order + e.first})
	}
	return out
}

func (st *story) shorterReadable(a, b sref) bool {
	sa, sb := st.prep[a.art].sentences[a.sent], st.prep[b.art].sentences[b.sent]
	ra, rb := readable(sa), readable(sb)
	if ra != rb {
		return ra
	}
	return sa.words < sb.words
}

// mergePoint adds p, or folds it into a point stating the same number.
func (st *story) mergePoint(points []*point, p *point) []*point {
	for _, q := range points {
		if q.text == p.text || intersect(q.numbers, p.numbers) && (q.list || p.ref.art < 0 || q.ref.art < 0 || st.scorer.cosine(q.ref, p.ref) >= sameNumbered) {
			for _, id := range p.ids {
				q.ids = addID(q.ids, id)
			}
			return points
		}
	}
	return append(points, p)
}

// readable is a whole prose sentence or a list item of a few words.
func readable(s sentence) bool {
	return s.candidate || s.kind == parallax.BlockListItem && s.words >= 3
}

func addID(ids []int64, id int64) []int64 {
	i, found := slices.BinarySearch(ids, id)
	if found {
		return ids
	}
	return slices.Insert(ids, i, id)
}

func numberParts(counted []string) []string {
	out := make([]string, 0, len(counted))
	for _, c := range counted {
		n, _, _ := strings.Cut(c, " ")
		out = append(out, n)
	}
	return out
}

// digitsOf returns the numbers written in s, separators removed.
func digitsOf(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) && r != ',' && r != '.' }) {
		f = strings.Trim(strings.ReplaceAll(f, ",", ""), ".")
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

func wholeSentence(s string, words int) bool {
	t := strings.TrimRight(s, "\"'”’») ")
	return words >= 6 && t != "" && strings.ContainsRune(".!?", rune(t[len(t)-1]))
}

// withoutDate drops the resolved date that Compare appends to a stated
// date ("Monday (2025-11-03)"): dates belong to the timeline.
func withoutDate(v string) string {
	if i := strings.LastIndex(v, " ("); i >= 0 && strings.HasSuffix(v, ")") && len(v)-i == len(" (2006-01-02)") {
		return v[:i]
	}
	return v
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

func intersect(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
