package brief

import (
	"cmp"
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
	ids     []int64
	first   int
	speaker string // grouping key
}

// quotes merges the articles' quotes by speaker (resolved through the
// entities' aliases) and wording, and orders them by speaker: the speakers
// quoted by most articles first, each speaker's quotes together.
func (st *story) quotes(entities []parallax.Entity) []parallax.Quote {
	names := speakerNames(entities)
	var groups []*quoteGroup
	for a, an := range st.analyses {
		if an == nil {
			continue
		}
		id := st.articles[a].ID
		for _, q := range an.Quotes {
			if strings.TrimSpace(q.Text) == "" {
				continue
			}
			q.Speaker = resolveSpeaker(names, strings.TrimSpace(q.Speaker))
			groups = addQuote(groups, q, id)
		}
	}
	count := map[string][]int64{}
	first := map[string]int{}
	for _, g := range groups {
		for _, id := range g.ids {
			count[g.speaker] = addID(count[g.speaker], id)
		}
		if _, ok := first[g.speaker]; !ok {
			first[g.speaker] = g.first
		}
	}
	slices.SortStableFunc(groups, func(a, b *quoteGroup) int {
		if a.speaker != b.speaker {
			if (a.speaker == "") != (b.speaker == "") {
				return cmp.Compare(b.speaker, a.speaker) // unattributed last
			}
			return cmp.Or(cmp.Compare(len(count[b.speaker]), len(count[a.speaker])),
				cmp.Compare(first[a.speaker], first[b.speaker]))
		}
		return cmp.Or(cmp.Compare(len(b.ids), len(a.ids)), cmp.Compare(a.first, b.first))
	})
	out := make([]parallax.Quote, 0, len(groups))
	for _, g := range groups {
		q := g.q
		q.ArticleIDs = g.ids
		out = append(out, q)
	}
	return out
}

func addQuote(groups []*quoteGroup, q parallax.Quote, id int64) []*quoteGroup {
	key := discrepancy.NameSkeleton(q.Speaker)
	words := quoteWords(q.Text)
	for _, g := range groups {
		if g.speaker != key || !sameWords(g.words, words) {
			continue
		}
		g.ids = addID(g.ids, id)
		if preferQuote(q, g.q) {
			g.q, g.words = q, words
		}
		return groups
	}
	return append(groups, &quoteGroup{q: q, words: words, ids: []int64{id}, first: len(groups), speaker: key})
}

// preferQuote prefers a direct quote to a reported one, then the longer.
func preferQuote(a, b parallax.Quote) bool {
	if (a.Kind == parallax.QuoteDirect) != (b.Kind == parallax.QuoteDirect) {
		return a.Kind == parallax.QuoteDirect
	}
	return len(a.Text) > len(b.Text)
}

func quoteWords(s string) []string {
	var out []string
	for _, t := range text.Tokens(s) {
		out = append(out, text.Fold(t.Text))
	}
	slices.Sort(out)
	return slices.Compact(out)
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

// speakerNames maps every name and alias skeleton to the canonical name.
func speakerNames(entities []parallax.Entity) map[string]string {
	m := map[string]string{}
	surnames := map[string][]string{}
	for _, e := range entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			k := discrepancy.NameSkeleton(n)
			if _, ok := m[k]; !ok && k != "" {
				m[k] = e.Name
			}
		}
		if f := strings.Fields(discrepancy.NameSkeleton(e.Name)); len(f) > 1 && e.Kind == parallax.EntityPerson {
			surnames[f[len(f)-1]] = append(surnames[f[len(f)-1]], e.Name)
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
