package brief

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/discrepancy"
	"github.com/parallax-news/parallax/internal/text"
)

// sameQuote is the share of the shorter quote's words found in the longer
// above which two quotes by one speaker are the same quote.
const sameQuote = 0.6

// quoteGroup is one quote as carried by one or more articles.
type quoteGroup struct {
	q       parallax.Quote
	words   []string
	sig     uint64
	ids     []int64
	first   int
	speaker string // grouping key

	speakerArticles, speakerFirst int // the speaker's rank
}

// quotes merges the articles' quotes by speaker (resolved through the
// entities' aliases) and wording, and orders them by speaker: the speakers
// quoted by most articles first, each speaker's quotes together.
func (st *story) quotes(entities []parallax.Entity) []parallax.Quote {
	names := speakerNames(entities, st.analyses)
	type found struct {
		q  parallax.Quote
		id int64
	}
	var all []found
	var texts []string
	for a, an := range st.analyses {
		if an == nil {
			continue
		}
		for _, q := range an.Quotes {
			if strings.TrimSpace(q.Text) != "" {
				all = append(all, found{q, st.articles[a].ID})
				texts = append(texts, q.Text)
			}
		}
	}
	words := st.words(texts)
	var groups []*quoteGroup
	bySpeaker := map[string][]*quoteGroup{}
	keys := map[string][2]string{} // speaker as given → canonical name, key
	for i, f := range all {
		k, ok := keys[f.q.Speaker]
		if !ok {
			name := resolveSpeaker(names, strings.TrimSpace(f.q.Speaker))
			k = [2]string{name, discrepancy.NameSkeleton(name)}
			keys[f.q.Speaker] = k
		}
		f.q.Speaker = k[0]
		if g := addQuote(bySpeaker, f.q, words[i], k[1], f.id, len(groups)); g != nil {
			groups = append(groups, g)
		}
	}
	// Speakers rank by the articles quoting them, then by first appearance;
	// the unattributed come last.
	type speakerRank struct {
		ids   []int64
		first int
	}
	ranks := map[string]*speakerRank{}
	for _, g := range groups {
		r, ok := ranks[g.speaker]
		if !ok {
			r = &speakerRank{first: g.first}
			ranks[g.speaker] = r
		}
		for _, id := range g.ids {
			r.ids = addID(r.ids, id)
		}
	}
	for _, g := range groups {
		r := ranks[g.speaker]
		g.speakerArticles, g.speakerFirst = len(r.ids), r.first
		if g.speaker == "" {
			g.speakerArticles = -1
		}
	}
	slices.SortStableFunc(groups, func(a, b *quoteGroup) int {
		return cmp.Or(cmp.Compare(b.speakerArticles, a.speakerArticles), cmp.Compare(a.speakerFirst, b.speakerFirst),
			cmp.Compare(len(b.ids), len(a.ids)), cmp.Compare(directRank(a.q), directRank(b.q)), cmp.Compare(a.first, b.first))
	})
	out := make([]parallax.Quote, 0, len(groups))
	for _, g := range groups {
		q := g.q
		q.ArticleIDs = g.ids
		out = append(out, q)
	}
	return out
}

// addQuote merges q into a group of its speaker's that carries the same
// words, or returns a new group (the n-th) for it.
func addQuote(bySpeaker map[string][]*quoteGroup, q parallax.Quote, words []string, key string, id int64, n int) *quoteGroup {
	sig := signature(words)
	for _, g := range bySpeaker[key] {
		if !mayShare(g.sig, sig) || !sameWords(g.words, words) {
			continue
		}
		g.ids = addID(g.ids, id)
		if preferQuote(q, g.q) {
			g.q, g.words, g.sig = q, words, sig
		}
		return nil
	}
	g := &quoteGroup{q: q, words: words, sig: sig, ids: []int64{id}, first: n, speaker: key}
	bySpeaker[key] = append(bySpeaker[key], g)
	return g
}

func directRank(q parallax.Quote) int {
	if q.Kind == parallax.QuoteDirect {
		return 0
	}
	return 1
}

// preferQuote prefers a direct quote to a reported one, then the longer.
func preferQuote(a, b parallax.Quote) bool {
	if (a.Kind == parallax.QuoteDirect) != (b.Kind == parallax.QuoteDirect) {
		return a.Kind == parallax.QuoteDirect
	}
	return len(a.Text) > len(b.Text)
}

// quoteWords returns the distinct content stems of s (its folded words when
// it has fewer than two), sorted, for matching one statement across
// articles whatever its wording's small words.
func quoteWords(s string) []string {
	out := text.Terms(s)
	if len(out) < 2 {
		out = out[:0]
		for _, t := range text.Tokens(s) {
			out = append(out, text.Fold(t.Text))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// signature sets one of 64 bits per word, to rule out most pairs of
// quotes that cannot share enough words before comparing them.
func signature(words []string) uint64 {
	var sig uint64
	for _, w := range words {
		h := uint64(14695981039346656037)
		for i := 0; i < len(w); i++ {
			h = (h ^ uint64(w[i])) * 1099511628211
		}
		sig |= 1 << (h % 64)
	}
	return sig
}

// mayShare reports whether two word sets may share sameQuote of the smaller
// one's words: the shared words set shared bits, so too few shared bits
// rule the pair out (collisions only make the test looser).
func mayShare(a, b uint64) bool {
	na, nb := bits.OnesCount64(a), bits.OnesCount64(b)
	return float64(bits.OnesCount64(a&b)) >= sameQuote*float64(min(na, nb))-0.5
}

// sameWords reports whether most words of the shorter set are in the longer.
func sameWords(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return len(b) == 0
	}
	n := 0
	for _, w := range a {
		if _, ok := slices.BinarySearch(b, w); ok {
			n++
		}
	}
	return float64(n) >= sameQuote*float64(len(a))
}

// speakerNames maps every name and alias skeleton to the canonical name,
// from the entities first, then from the mentions' resolved names.
func speakerNames(entities []parallax.Entity, analyses []*parallax.Analysis) map[string]string {
	m := map[string]string{}
	add := func(name, canonical string) {
		if k := discrepancy.NameSkeleton(name); k != "" {
			if _, ok := m[k]; !ok {
				m[k] = canonical
			}
		}
	}
	surnames := map[string][]string{}
	for _, e := range entities {
		add(e.Name, e.Name)
		for _, a := range e.Aliases {
			add(a, e.Name)
		}
		if f := strings.Fields(discrepancy.NameSkeleton(e.Name)); len(f) > 1 && e.Kind == parallax.EntityPerson {
			surnames[f[len(f)-1]] = append(surnames[f[len(f)-1]], e.Name)
		}
	}
	seen := map[string]bool{}
	for _, an := range analyses {
		if an == nil {
			continue
		}
		for _, mn := range an.Mentions {
			if mn.Canonical != "" && mn.Canonical != mn.Text && !seen[mn.Text] {
				seen[mn.Text] = true
				add(mn.Text, mn.Canonical)
			}
		}
	}
	for k, names := range surnames {
		if _, ok := m[k]; !ok && len(slices.Compact(names)) == 1 {
			m[k] = names[0]
		}
	}
	return m
}

func resolveSpeaker(names map[string]string, speaker string) string {
	if c, ok := names[discrepancy.NameSkeleton(speaker)]; ok {
		return c
	}
	return speaker
}
