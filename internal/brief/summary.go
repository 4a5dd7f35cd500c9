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
				c *= 1 / math.Pow(1+float64(s.position), st.opt.PositionDecay)
				if s.words < st.opt.ShortWords {
					c *= float64(s.words) / float64(st.opt.ShortWords)
				}
				out = append(out, scored{r, c})
			}
		}
	})
	slices.SortFunc(out, func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.ref.art, y.ref.art), cmp.Compare(x.ref.sent, y.ref.sent))
	})
	return out
}

// summary picks 5 to 10 sentences by rank, skipping any that repeats one
// already chosen, and cites every article that states each.
func (st *story) summary() []parallax.Cited {
	chosen := st.choose(st.rank())
	out := make([]parallax.Cited, 0, len(chosen))
	for _, r := range chosen {
		out = append(out, parallax.Cited{Text: st.prep[r.art].sentences[r.sent].text, ArticleIDs: st.citations(r)})
	}
	return out
}

// choose picks sentences greedily by score, each source's score discounted
// by SourcePenalty for every sentence already taken from it, skipping
// sentences that repeat one taken.
func (st *story) choose(ranked []scored) []sref {
	if len(ranked) == 0 {
		return nil
	}
	top := ranked[0].score
	taken := make([]int, st.groups)
	used := make([]bool, len(ranked))
	var chosen []sref
	for len(chosen) < st.opt.MaxSentences {
		best, bestScore := -1, 0.0
		for i, c := range ranked {
			if used[i] {
				continue
			}
			if best >= 0 && c.score <= bestScore {
				break // ranked is sorted: no later score can win
			}
			adj := c.score * math.Pow(st.opt.SourcePenalty, float64(taken[st.group[c.ref.art]]))
			if best < 0 || adj > bestScore {
				if st.repeats(c.ref, chosen) {
					used[i] = true
					continue
				}
				best, bestScore = i, adj
			}
		}
		if best < 0 || len(chosen) >= st.opt.MinSentences && bestScore < st.opt.KeepRatio*top {
			break
		}
		used[best] = true
		r := ranked[best].ref
		taken[st.group[r.art]]++
		chosen = append(chosen, r)
	}
	return chosen
}

func (st *story) repeats(r sref, chosen []sref) bool {
	for _, c := range chosen {
		if st.scorer.cosine(r, c) >= st.opt.Redundant || st.aligned(r, c) {
			return true
		}
	}
	return false
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
