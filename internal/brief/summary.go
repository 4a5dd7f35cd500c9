package brief

import (
	"cmp"
	"math"
	"slices"

	"github.com/parallax-news/parallax"
)

// Options tunes the summary. DefaultOptions holds the values tuned on one
// half of the NeuS/AllSides validation set and checked on the other (see
// internal/eval/summary.go).
type Options struct {
	// MinSentences and MaxSentences bound the summary's length.
	MinSentences, MaxSentences int
	// PositionDecay discounts later sentences of an article: weight
	// 1/(1+position)^PositionDecay.
	PositionDecay float64
	// ShortWords is the length under which a sentence is discounted.
	ShortWords int
	// Redundant is the cosine from which a sentence repeats one chosen.
	Redundant float64
	// States is the cosine from which another article's sentence states the
	// same, so that article is cited for it.
	States float64
	// TitleWeight adds the sentence's similarity to the story's titles.
	TitleWeight float64
	// SourcePenalty multiplies a sentence's score once for every sentence
	// already chosen from its source, to spread the summary across sources.
	SourcePenalty float64
	// Diversity subtracts, from a sentence's score, this share of the best
	// score times its greatest similarity to a sentence already chosen.
	Diversity float64
	// KeepRatio ends the summary past MinSentences once scores fall below
	// this share of the best.
	KeepRatio float64
}

// DefaultOptions returns the tuned summary options.
func DefaultOptions() Options {
	return Options{
		MinSentences:  5,
		MaxSentences:  10,
		PositionDecay: 0.5,
		ShortWords:    12,
		Redundant:     0.3,
		States:        0.4,
		KeepRatio:     0.5,
		SourcePenalty: 0.8,
		TitleWeight:   0.5,
		Diversity:     1,
	}
}

type scored struct {
	ref   sref
	score float64
}

// rank scores every summary candidate: its centrality among the other
// independent sources, discounted by position and shortness. The best
// first, ties by article then sentence order.
func (st *story) rank() []scored {
	return top(st.scores(), -1)
}

// positionWeight is 1/(1+position)^PositionDecay.
func (st *story) positionWeight(position int) float64 {
	if position < len(st.posWeights) {
		return st.posWeights[position]
	}
	return 1 / math.Pow(1+float64(position), st.opt.PositionDecay)
}

// topRanked is how many of the best sentences choose looks at first; it
// looks at all only when those do not settle the choice.
const topRanked = 128

// top returns the k best of the scored sentences, best first, ties by
// article then sentence order (all of them when k < 0).
func top(all []scored, k int) []scored {
	less := func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.ref.art, y.ref.art), cmp.Compare(x.ref.sent, y.ref.sent))
	}
	if k < 0 || k >= len(all) {
		out := slices.Clone(all)
		slices.SortFunc(out, less)
		return out
	}
	// A bounded heap whose root is the worst of the best k so far.
	h := make([]scored, 0, k)
	for _, c := range all {
		if len(h) < k {
			h = append(h, c)
			siftUp(h, len(h)-1, less)
			continue
		}
		if less(c, h[0]) < 0 {
			h[0] = c
			siftDown(h, 0, less)
		}
	}
	slices.SortFunc(h, less)
	return h
}

// siftUp and siftDown keep h a heap with the worst (greatest by less) at
// the root.
func siftUp(h []scored, i int, less func(x, y scored) int) {
	for i > 0 {
		p := (i - 1) / 2
		if less(h[i], h[p]) <= 0 {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func siftDown(h []scored, i int, less func(x, y scored) int) {
	for {
		l, worst := 2*i+1, i
		if l < len(h) && less(h[l], h[worst]) > 0 {
			worst = l
		}
		if r := l + 1; r < len(h) && less(h[r], h[worst]) > 0 {
			worst = r
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// scores scores every summary candidate, in no particular order.
func (st *story) scores() []scored {
	sc := st.scorer
	var out []scored
	sc.byGroup(func(g int, othersNorm float64) {
		for _, a := range sc.members[g] {
			for i, s := range st.prep[a].sentences {
				if !s.candidate {
					continue
				}
				r := sref{a, i}
				c := sc.centrality(r, othersNorm)
				if st.opt.TitleWeight > 0 {
					c += st.opt.TitleWeight * sc.titleSimilarity(r)
				}
				c *= st.positionWeight(s.position)
				if s.words < st.opt.ShortWords {
					c *= float64(s.words) / float64(st.opt.ShortWords)
				}
				out = append(out, scored{r, c})
			}
		}
	})
	return out
}

// summary picks 5 to 10 sentences by rank, skipping any that repeats one
// already chosen, and cites every article that states each.
func (st *story) summary() []parallax.Cited {
	all := st.scores()
	var chosen []sref
	for k := topRanked; ; k *= 4 {
		var complete bool
		chosen, complete = st.choose(top(all, k), len(all) > k)
		if complete || k >= len(all) {
			break
		}
	}
	out := make([]parallax.Cited, 0, len(chosen))
	for _, r := range chosen {
		out = append(out, parallax.Cited{Text: st.prep[r.art].sentences[r.sent].text, ArticleIDs: st.citations(r)})
	}
	return out
}

// choose picks sentences greedily by score, each source's score discounted
// by SourcePenalty for every sentence already taken from it, skipping
// sentences that repeat one taken. When ranked is truncated (the best of
// more) and a step runs to its end, sentences past it could have won:
// choose then reports the choice incomplete.
func (st *story) choose(ranked []scored, truncated bool) ([]sref, bool) {
	if len(ranked) == 0 {
		return nil, true
	}
	first := ranked[0].score
	taken := make([]int, st.groups)
	used := make([]bool, len(ranked))
	var chosen []sref
	for len(chosen) < st.opt.MaxSentences {
		best, bestScore, scannedAll := -1, 0.0, true
		for i, c := range ranked {
			if used[i] {
				continue
			}
			if best >= 0 && c.score <= bestScore {
				scannedAll = false
				break // ranked is sorted: no later score can win
			}
			adj := c.score * math.Pow(st.opt.SourcePenalty, float64(taken[st.group[c.ref.art]]))
			if best >= 0 && adj <= bestScore {
				continue
			}
			sim, repeated := st.closest(c.ref, chosen)
			if repeated {
				used[i] = true
				continue
			}
			if adj -= st.opt.Diversity * first * sim; best < 0 || adj > bestScore {
				best, bestScore = i, adj
			}
		}
		if scannedAll && truncated {
			return chosen, false
		}
		if best < 0 || len(chosen) >= st.opt.MinSentences && bestScore < st.opt.KeepRatio*first {
			break
		}
		used[best] = true
		r := ranked[best].ref
		taken[st.group[r.art]]++
		chosen = append(chosen, r)
	}
	return chosen, true
}

// closest returns the greatest similarity of r to a chosen sentence and
// whether r repeats one (Redundant or more, or aligned by a derivation).
func (st *story) closest(r sref, chosen []sref) (float64, bool) {
	most := 0.0
	for _, c := range chosen {
		sim := st.scorer.cosine(r, c)
		if sim >= st.opt.Redundant || st.aligned(r, c) {
			return sim, true
		}
		most = max(most, sim)
	}
	return most, false
}

// aligned reports whether a derivation aligns the two sentences.
func (st *story) aligned(a, b sref) bool {
	ida, idb := st.articles[a.art].ID, st.articles[b.art].ID
	ia, ib := st.prep[a.art].sentences[a.sent].index, st.prep[b.art].sentences[b.sent].index
	for _, d := range st.derivationsOf(ida) {
		for _, p := range d.Pairs {
			if d.ArticleID == ida && d.SourceID == idb && p.DerivedIndex == ia && p.SourceIndex == ib ||
				d.SourceID == ida && d.ArticleID == idb && p.SourceIndex == ia && p.DerivedIndex == ib {
				return true
			}
		}
	}
	return false
}

// citations returns the IDs of the articles that state the sentence: its
// own, those aligned to it by a derivation, and those with a sentence
// similar enough to state the same.
func (st *story) citations(r sref) []int64 {
	own := st.articles[r.art].ID
	ids := []int64{own}
	idx := st.prep[r.art].sentences[r.sent].index
	for _, d := range st.derivationsOf(own) {
		for _, p := range d.Pairs {
			switch {
			case d.ArticleID == own && p.DerivedIndex == idx:
				ids = append(ids, d.SourceID)
			case d.SourceID == own && p.SourceIndex == idx:
				ids = append(ids, d.ArticleID)
			}
		}
	}
	sim, release := st.scorer.similar(r)
	defer release()
	for a, p := range st.prep {
		if a == r.art {
			continue
		}
		for i, s := range p.sentences {
			if s.kind == parallax.BlockHeading {
				continue
			}
			if sim(sref{a, i}) >= st.opt.States {
				ids = append(ids, st.articles[a].ID)
				break
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// derivationsOf returns the input derivations (with their sentence pairs)
// that involve the article.
func (st *story) derivationsOf(id int64) []parallax.Derivation {
	return st.pairs[id]
}

// headline is the title of the most representative article (the one
// closest to the other sources' centroid), else the first summary sentence.
func (st *story) headline() string {
	best, bestScore := -1, math.Inf(-1)
	repr := st.scorer.representativeness()
	for a, art := range st.articles {
		if art.Title == "" {
			continue
		}
		if s := repr[a]; s > bestScore {
			best, bestScore = a, s
		}
	}
	if best >= 0 {
		return st.articles[best].Title
	}
	ranked := st.rank()
	if len(ranked) > 0 {
		return st.prep[ranked[0].ref.art].sentences[ranked[0].ref.sent].text
	}
	for _, p := range st.prep {
		if len(p.sentences) > 0 {
			return p.sentences[0].text
		}
	}
	return ""
}
