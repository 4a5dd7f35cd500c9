package brief

import (
	"math"
	"slices"
)

// sref names one sentence of the story: article position and sentence
// position in that article's prepared sentences.
type sref struct {
	art, sent int
}

// scorer holds one build's term weights and the story's centroids.
type scorer struct {
	st      *story
	idf     []float64
	weights [][][]float64 // per article, per sentence: tf-idf weight of each term
	norms   [][]float64   // per article, per sentence: L2 norm of the weights
	artVec  []sparse      // per article: normalised tf-idf vector of its prose
	centre  []float64     // sum over sources of their mean article vector
	centre2 float64       // squared norm of centre
	groupV  []sparse      // per source group: mean article vector
	scratch []float64     // dense, zero between uses
}

// sparse is a vector over term ids, ascending.
type sparse struct {
	ids []int32
	w   []float64
}

func newScorer(st *story, dict int) *scorer {
	sc := &scorer{st: st, idf: make([]float64, dict), scratch: make([]float64, dict)}
	df := make([]int32, dict)
	n := 0
	for _, p := range st.prep {
		for _, s := range p.sentences {
			n++
			for _, id := range s.terms {
				df[id]++
			}
		}
	}
	for id, d := range df {
		if d > 0 {
			sc.idf[id] = math.Log(1 + float64(n)/float64(d))
		}
	}
	sc.weights = make([][][]float64, len(st.prep))
	sc.norms = make([][]float64, len(st.prep))
	sc.artVec = make([]sparse, len(st.prep))
	for a, p := range st.prep {
		sc.weights[a] = make([][]float64, len(p.sentences))
		sc.norms[a] = make([]float64, len(p.sentences))
		for i, s := range p.sentences {
			w := make([]float64, len(s.terms))
			var sum float64
			for j, id := range s.terms {
				w[j] = float64(s.counts[j]) * sc.idf[id]
				sum += w[j] * w[j]
			}
			sc.weights[a][i] = w
			sc.norms[a][i] = math.Sqrt(sum)
		}
		sc.artVec[a] = sc.articleVector(a)
	}
	sc.centroids()
	return sc
}

// articleVector sums the weights of the article's sentences (list items and
// headings too) and normalises the sum.
func (sc *scorer) articleVector(a int) sparse {
	p := sc.st.prep[a]
	var touched []int32
	for i, s := range p.sentences {
		for j, id := range s.terms {
			if sc.scratch[id] == 0 {
				touched = append(touched, id)
			}
			sc.scratch[id] += sc.weights[a][i][j]
		}
	}
	sortIDs(touched)
	v := sparse{ids: touched, w: make([]float64, len(touched))}
	var sum float64
	for k, id := range touched {
		v.w[k] = sc.scratch[id]
		sum += v.w[k] * v.w[k]
		sc.scratch[id] = 0
	}
	if sum > 0 {
		inv := 1 / math.Sqrt(sum)
		for k := range v.w {
			v.w[k] *= inv
		}
	}
	return v
}

// centroids computes each independent source's mean article vector and
// their sum: every source weighs the same however many copies it has.
func (sc *scorer) centroids() {
	st := sc.st
	sc.centre = make([]float64, len(sc.idf))
	members := make([][]int, st.groups)
	for a, g := range st.group {
		members[g] = append(members[g], a)
	}
	sc.groupV = make([]sparse, st.groups)
	for g, arts := range members {
		inv := 1 / float64(len(arts))
		var touched []int32
		for _, a := range arts {
			v := sc.artVec[a]
			for k, id := range v.ids {
				if sc.scratch[id] == 0 {
					touched = append(touched, id)
				}
				sc.scratch[id] += v.w[k] * inv
			}
		}
		sortIDs(touched)
		gv := sparse{ids: touched, w: make([]float64, len(touched))}
		for k, id := range touched {
			gv.w[k] = sc.scratch[id]
			sc.centre[id] += sc.scratch[id]
			sc.scratch[id] = 0
		}
		sc.groupV[g] = gv
	}
	for _, x := range sc.centre {
		sc.centre2 += x * x
	}
}

// othersNorm is the norm of the centroid of every source but group g.
func (sc *scorer) othersNorm(g int) float64 {
	gv := sc.groupV[g]
	var cross, self float64
	for k, id := range gv.ids {
		cross += sc.centre[id] * gv.w[k]
		self += gv.w[k] * gv.w[k]
	}
	n := sc.centre2 - 2*cross + self
	if n <= 1e-12 {
		return 0
	}
	return math.Sqrt(n)
}

// centrality is the cosine between a sentence and the centroid of the other
// independent sources (of all sources when the story has only one).
func (sc *scorer) centrality(r sref, othersNorm float64) float64 {
	s := sc.st.prep[r.art].sentences[r.sent]
	w := sc.weights[r.art][r.sent]
	norm := sc.norms[r.art][r.sent]
	if norm == 0 {
		return 0
	}
	var dot float64
	for j, id := range s.terms {
		dot += w[j] * sc.centre[id]
	}
	if sc.st.groups > 1 && othersNorm > 0 {
		gv := sc.groupV[sc.st.group[r.art]]
		dot -= mergeDot(s.terms, w, gv)
		return dot / (norm * othersNorm)
	}
	if sc.centre2 == 0 {
		return 0
	}
	return dot / (norm * math.Sqrt(sc.centre2))
}

func mergeDot(ids []int32, w []float64, v sparse) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(ids) && j < len(v.ids) {
		switch {
		case ids[i] < v.ids[j]:
			i++
		case ids[i] > v.ids[j]:
			j++
		default:
			dot += w[i] * v.w[j]
			i++
			j++
		}
	}
	return dot
}

// similar returns, for a sentence, a function giving its cosine with any
// other sentence of the story. The returned release must be called before
// the next use of the scorer's scratch space.
func (sc *scorer) similar(r sref) (func(sref) float64, func()) {
	s := sc.st.prep[r.art].sentences[r.sent]
	w := sc.weights[r.art][r.sent]
	norm := sc.norms[r.art][r.sent]
	for j, id := range s.terms {
		sc.scratch[id] = w[j]
	}
	sim := func(o sref) float64 {
		on := sc.norms[o.art][o.sent]
		if norm == 0 || on == 0 {
			return 0
		}
		ow := sc.weights[o.art][o.sent]
		var dot float64
		for j, id := range sc.st.prep[o.art].sentences[o.sent].terms {
			dot += ow[j] * sc.scratch[id]
		}
		return dot / (norm * on)
	}
	release := func() {
		for _, id := range s.terms {
			sc.scratch[id] = 0
		}
	}
	return sim, release
}

// cosine is the similarity of two sentences.
func (sc *scorer) cosine(a, b sref) float64 {
	na, nb := sc.norms[a.art][a.sent], sc.norms[b.art][b.sent]
	if na == 0 || nb == 0 {
		return 0
	}
	bs := sc.st.prep[b.art].sentences[b.sent]
	return mergeDot(sc.st.prep[a.art].sentences[a.sent].terms, sc.weights[a.art][a.sent],
		sparse{ids: bs.terms, w: sc.weights[b.art][b.sent]}) / (na * nb)
}

func sortIDs(ids []int32) { slices.Sort(ids) }

// representativeness is the cosine between an article and the centroid of
// the other sources (of all sources when there is only one).
func (sc *scorer) representativeness(a int) float64 {
	v := sc.artVec[a]
	var dot float64
	for k, id := range v.ids {
		dot += v.w[k] * sc.centre[id]
	}
	g := sc.st.group[a]
	if sc.st.groups > 1 {
		if n := sc.othersNorm(g); n > 0 {
			return (dot - mergeDot(v.ids, v.w, sc.groupV[g])) / n
		}
		return 0
	}
	if sc.centre2 == 0 {
		return 0
	}
	return dot / math.Sqrt(sc.centre2)
}
