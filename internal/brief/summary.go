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
		States:        0.3,
		KeepRatio:     0.5,
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
	norms := make([]float64, st.groups)
	for g := range norms {
		norms[g] = sc.othersNorm(g)
	}
	var out []scored
	for a, p := range st.prep {
		for i, s := range p.sentences {
			if !s.candidate {
				continue
			}
			r := sref{a, i}
			c := sc.centrality(r, norms[st.group[a]])
			c *= 1 / math.Pow(1+float64(s.position), st.opt.PositionDecay)
			if s.words < st.opt.ShortWords {
				c *= float64(s.words) / float64(st.opt.ShortWords)
			}
			out = append(out, scored{r, c})
		}
	}
	slices.SortFunc(out, func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.ref.art, y.ref.art), cmp.Compare(x.ref.sent, y.ref.sent))
	})
	return out
}

// summary picks 5 to 10 sentences by rank, skipping any that repeats one
// already chosen, and cites every article that states each.
func (st *story) summary() []parallax.Cited {
	ranked := st.rank()
	var chosen []sref
	for _, c := range ranked {
		if len(chosen) >= st.opt.MaxSentences || len(chosen) >= st.opt.MinSentences && c.score < st.opt.KeepRatio*ranked[0].score {
			break
		}
		if st.repeats(c.ref, chosen) {
			continue
		}
		chosen = append(chosen, c.ref)
	}
	out := make([]parallax.Cited, 0, len(chosen))
	for _, r := range chosen {
		out = append(out, parallax.Cited{Text: st.prep[r.art].sentences[r.sent].text, ArticleIDs: st.citations(r)})
	}
	return out
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
	for a, art := range st.articles {
		if art.Title == "" {
			continue
		}
		s := st.scorer.representativeness(a)
		if s > bestScore {
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
