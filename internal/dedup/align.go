package dedup

import (
	"math"
	"slices"

	"github.com/parallax-news/parallax/internal/text"
)

// prefilter is the TF-IDF cosine below which a sentence pair is not worth
// the full pair decision. On the MSRP training pairs almost no paraphrase
// falls below it.
const prefilter = 0.2

// perSentence is the number of best-matching sentences of the other
// article, by cosine, that each sentence is tried against.
const perSentence = 3

// edge is a pair of sentences the pair decision calls the same: old is the
// sentence index (in entry.sents) of the indexed article, cur of the new.
type edge struct {
	old, cur int
	score    float64
}

// query is the new article's side of the cosine: an inverted list of its
// sentences' terms with TF-IDF weights, and their norms. It is built once
// per addition and shared by every candidate.
type query struct {
	head  []int32  // term id -> 1 + index in lists; 0: not in the query
	ids   []uint32 // the query's distinct term ids (to reset head)
	lists [][]posting
	norms []float64
}

type posting struct {
	sent   int32
	weight float64 // term count in the sentence × IDF
}

func (ix *Index) newQuery(cur *entry) query {
	if n := len(ix.stats.freq); len(ix.qHead) < n {
		ix.qHead = append(ix.qHead, make([]int32, n-len(ix.qHead))...)
	}
	q := query{head: ix.qHead, norms: make([]float64, len(cur.sents))}
	// Two passes over the distinct terms of each sentence: count the
	// postings of each term, then fill them into one array.
	var counts []int32
	for _, s := range cur.sents {
		ids := cur.terms[s.t0:s.t1]
		for k, t := range ids {
			if slices.Contains(ids[:k], t) {
				continue
			}
			if q.head[t] == 0 {
				q.ids = append(q.ids, t)
				counts = append(counts, 0)
				q.head[t] = int32(len(q.ids))
			}
			counts[q.head[t]-1]++
		}
	}
	flat := make([]posting, 0, len(cur.terms))
	q.lists = make([][]posting, len(q.ids))
	for k, n := range counts {
		q.lists[k] = flat[len(flat) : len(flat) : len(flat)+int(n)]
		flat = flat[:len(flat)+int(n)]
	}
	for j, s := range cur.sents {
		ids := cur.terms[s.t0:s.t1]
		for k, t := range ids {
			if slices.Contains(ids[:k], t) {
				continue
			}
			w := float64(count(ids, t)) * ix.idf(t)
			h := q.head[t] - 1
			q.lists[h] = append(q.lists[h], posting{int32(j), w})
		}
		q.norms[j] = ix.norm(ids)
	}
	return q
}

// release clears the query's marks in the shared head table.
func (q *query) release() {
	for _, t := range q.ids {
		q.head[t] = 0
	}
}

// align returns the monotone alignment between the new article cur (with
// its analysed sentences) and an indexed article old: the largest set of
// derived sentence pairs increasing in both articles (ties: the highest
// summed score), found as a weighted longest increasing subsequence over
// each sentence's best matches.
func (ix *Index) align(cur *entry, q *query, analysed []sentence, old *entry) []edge {
	edges := ix.matches(cur, q, analysed, old)
	return monotone(edges, len(old.sents))
}

// matches scores sentence pairs by TF-IDF cosine through the inverted list
// of the new article's terms, then applies the pair decision to each new
// sentence's best few matches.
func (ix *Index) matches(cur *entry, q *query, analysed []sentence, old *entry) []edge {
	nc, no := len(cur.sents), len(old.sents)
	if nc == 0 || no == 0 {
		return nil
	}
	if cap(ix.dots) < nc*no {
		ix.dots = make([]float64, nc*no)
	}
	dots := ix.dots[:nc*no]
	clear(dots)
	oldNorm := make([]float64, no)
	for i, s := range old.sents {
		ids := old.terms[s.t0:s.t1]
		touched := false
		for _, t := range ids {
			h := q.head[t]
			if h == 0 {
				continue
			}
			ps := q.lists[h-1]
			w := ix.idf(t)
			for _, p := range ps {
				dots[int(p.sent)*no+i] += w * p.weight
			}
			touched = true
		}
		if touched { // a sentence sharing no term needs no norm
			oldNorm[i] = ix.norm(ids)
		}
	}
	cache := make(map[int]*sentence)
	var edges []edge
	for j := range nc {
		top, cos := topCosines(dots[j*no:(j+1)*no], q.norms[j], oldNorm)
		for k, i := range top {
			// Once a match is found, weaker alternatives are tried only when
			// nearly as close: they matter only if the best is out of order.
			if k > 0 && len(edges) > 0 && edges[len(edges)-1].cur == j && cos[k] < closeMatch*cos[0] {
				break
			}
			if e, ok := ix.decide(old, i, cache, &analysed[j], j); ok {
				edges = append(edges, e)
			}
		}
	}
	return edges
}

// closeMatch is the share of the best cosine from which an alternative
// match of a sentence is also scored.
const closeMatch = 0.9

func (ix *Index) decide(old *entry, i int, cache map[int]*sentence, cur *sentence, j int) (edge, bool) {
	s := cache[i]
	if s == nil {
		ref := old.sents[i]
		sent := old.text[ref.start:ref.end]
		toks := text.AppendTokens(ix.toks[:0], sent)
		a := analyseTokens(sent, toks, ix.words, nil)
		clear(toks) // hold no text between additions
		ix.toks = toks[:0]
		ix.setIDF(&a, old.terms[ref.t0:ref.t1])
		s = &a
		cache[i] = s
	}
	p := ix.stats.score(&ix.model, s, cur)
	return edge{old: i, cur: j, score: p}, p >= ix.cfg.Related || contained(s, cur, ix.stats.IDF)
}

// topCosines returns up to perSentence indexes with the highest cosine at
// or above prefilter, and their cosines, best first (ties: lower index).
func topCosines(dots []float64, norm float64, norms []float64) ([]int, []float64) {
	var top []int
	var cos []float64
	for i, d := range dots {
		if d == 0 || norm == 0 || norms[i] == 0 {
			continue
		}
		c := d / (norm * norms[i])
		if c < prefilter {
			continue
		}
		k := len(top)
		for k > 0 && cos[k-1] < c {
			k--
		}
		if k >= perSentence {
			continue
		}
		top = slices.Insert(top, k, i)
		cos = slices.Insert(cos, k, c)
		if len(top) > perSentence {
			top, cos = top[:perSentence], cos[:perSentence]
		}
	}
	return top, cos
}

func (ix *Index) norm(ids []uint32) float64 {
	s := 0.0
	for k, t := range ids {
		if slices.Contains(ids[:k], t) {
			continue
		}
		w := ix.idf(t) * float64(count(ids, t))
		s += w * w
	}
	return math.Sqrt(s)
}

func count(ids []uint32, t uint32) int {
	n := 0
	for _, x := range ids {
		if x == t {
			n++
		}
	}
	return n
}

// monotone keeps the edges of a maximum alignment strictly increasing on
// both sides: the most pairs, then the highest summed score. Edges are
// processed by new-sentence index, with a Fenwick tree of prefix maxima
// over the old-sentence index.
func monotone(edges []edge, nOld int) []edge {
	if len(edges) == 0 {
		return nil
	}
	slices.SortStableFunc(edges, func(a, b edge) int {
		if a.cur != b.cur {
			return a.cur - b.cur
		}
		return a.old - b.old
	})
	type val struct {
		n     int
		score float64
		at    int // edge index, -1 for none
	}
	better := func(a, b val) bool { return a.n > b.n || (a.n == b.n && a.score > b.score) }
	tree := make([]val, nOld+1)
	for i := range tree {
		tree[i].at = -1
	}
	query := func(i int) val { // best over old indexes < i
		best := val{at: -1}
		for ; i > 0; i -= i & -i {
			if better(tree[i], best) {
				best = tree[i]
			}
		}
		return best
	}
	update := func(i int, v val) {
		for i++; i <= nOld; i += i & -i {
			if better(v, tree[i]) {
				tree[i] = v
			}
		}
	}
	vals := make([]val, len(edges))
	prev := make([]int, len(edges))
	for start := 0; start < len(edges); {
		end := start
		for end < len(edges) && edges[end].cur == edges[start].cur {
			end++
		}
		for k := start; k < end; k++ {
			p := query(edges[k].old)
			vals[k] = val{n: p.n + 1, score: p.score + edges[k].score, at: k}
			prev[k] = p.at
		}
		for k := start; k < end; k++ {
			update(edges[k].old, vals[k])
		}
		start = end
	}
	best := 0
	for k := range vals {
		if better(vals[k], vals[best]) {
			best = k
		}
	}
	var out []edge
	for k := best; k >= 0; k = prev[k] {
		out = append(out, edges[k])
	}
	slices.Reverse(out)
	return out
}
