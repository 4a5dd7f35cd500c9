package brief

import "math"

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
	artVec  []sparse      // per article: normalised tf-idf vector of its text
	members [][]int       // per source group: its articles
	centre  []float64     // sum over sources of their mean article vector
	centre2 float64       // squared norm of centre
	groupV  []sparse      // per source group: mean article vector (ids unordered)
	scratch []float64     // dense, zero between uses
	titles  []float64     // sum of the normalised title vectors
	titles2 float64       // its squared norm
}

// sparse is a vector over term ids.
type sparse struct {
	ids []int32
	w   []float64
}

// buffers are a scorer's large arrays, kept between builds by the Builder.
type buffers struct {
	idf, scratch, centre, titles []float64
	df                           []int32
	slab, norms, artSlab         []float64
}

// grow returns s resized to n, zeroed, reusing its array when large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	s = s[:n]
	clear(s)
	return s
}

func newScorer(st *story, dict int, buf *buffers) *scorer {
	buf.idf, buf.scratch, buf.df = grow(buf.idf, dict), grow(buf.scratch, dict), grow(buf.df, dict)
	buf.centre, buf.titles = grow(buf.centre, dict), grow(buf.titles, dict)
	sc := &scorer{st: st, idf: buf.idf, scratch: buf.scratch, centre: buf.centre, titles: buf.titles}
	df := buf.df
	n, total, sents, artTerms := 0, 0, 0, 0
	for _, p := range st.prep {
		sents += len(p.sentences)
		artTerms += len(p.terms)
		for _, s := range p.sentences {
			n++
			total += len(s.terms)
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
	buf.slab, buf.norms, buf.artSlab = grow(buf.slab, total), grow(buf.norms, sents), grow(buf.artSlab, artTerms)
	slab, normSlab, artSlab := buf.slab, buf.norms, buf.artSlab
	sc.weights = make([][][]float64, len(st.prep))
	sc.norms = make([][]float64, len(st.prep))
	sc.artVec = make([]sparse, len(st.prep))
	for a, p := range st.prep {
		sc.weights[a] = make([][]float64, len(p.sentences))
		sc.norms[a], normSlab = normSlab[:len(p.sentences):len(p.sentences)], normSlab[len(p.sentences):]
		for i, s := range p.sentences {
			w := slab[:len(s.terms):len(s.terms)]
			slab = slab[len(s.terms):]
			var sum float64
			for j, id := range s.terms {
				w[j] = float64(s.counts[j]) * sc.idf[id]
				sum += w[j] * w[j]
			}
			sc.weights[a][i] = w
			sc.norms[a][i] = math.Sqrt(sum)
		}
		sc.artVec[a] = sc.articleVector(p, artSlab[:len(p.terms):len(p.terms)])
		artSlab = artSlab[len(p.terms):]
	}
	sc.centroids()
	sc.titleCentroid()
	return sc
}

// articleVector weighs the article's term counts (every sentence, list
// items and headings too) and normalises them.
func (sc *scorer) articleVector(p *prepared, w []float64) sparse {
	v := sparse{ids: p.terms, w: w}
	var sum float64
	for k, id := range p.terms {
		v.w[k] = float64(p.counts[k]) * sc.idf[id]
		sum += v.w[k] * v.w[k]
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
	sc.members = make([][]int, st.groups)
	for a, g := range st.group {
		sc.members[g] = append(sc.members[g], a)
	}
	sc.groupV = make([]sparse, st.groups)
	for g, arts := range sc.members {
		if len(arts) == 1 {
			sc.groupV[g] = sc.artVec[arts[0]]
			v := sc.groupV[g]
			for k, id := range v.ids {
				sc.centre[id] += v.w[k]
			}
			continue
		}
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

// scatter writes group g's vector into the scratch space; the returned
// function clears it again.
func (sc *scorer) scatter(g int) func() {
	gv := sc.groupV[g]
	for k, id := range gv.ids {
		sc.scratch[id] = gv.w[k]
	}
	return func() {
		for _, id := range gv.ids {
			sc.scratch[id] = 0
		}
	}
}

// byGroup calls f for every source group with the norm of the centroid of
// the other sources and the group's vector scattered in the scratch space
// (nothing scattered, and the whole centroid's norm, when the story has one
// source): f then scores against centre - scratch.
func (sc *scorer) byGroup(f func(g int, othersNorm float64)) {
	if sc.st.groups <= 1 {
		for g := range sc.members {
			f(g, math.Sqrt(sc.centre2))
		}
		return
	}
	for g := range sc.members {
		clear := sc.scatter(g)
		f(g, sc.othersNorm(g))
		clear()
	}
}

// centrality is the cosine between a sentence and the centroid of the other
// independent sources, the group's vector being scattered (see byGroup).
func (sc *scorer) centrality(r sref, othersNorm float64) float64 {
	norm := sc.norms[r.art][r.sent]
	if norm == 0 || othersNorm == 0 {
		return 0
	}
	w := sc.weights[r.art][r.sent]
	var dot float64
	for j, id := range sc.st.prep[r.art].sentences[r.sent].terms {
		dot += w[j] * (sc.centre[id] - sc.scratch[id])
	}
	return dot / (norm * othersNorm)
}

// representativeness is the cosine of each article with the centroid of the
// other sources (of all sources when there is only one).
func (sc *scorer) representativeness() []float64 {
	out := make([]float64, len(sc.artVec))
	sc.byGroup(func(g int, othersNorm float64) {
		if othersNorm == 0 {
			return
		}
		for _, a := range sc.members[g] {
			v := sc.artVec[a]
			var dot float64
			for k, id := range v.ids {
				dot += v.w[k] * (sc.centre[id] - sc.scratch[id])
			}
			out[a] = dot / othersNorm
		}
	})
	return out
}

// titleCentroid sums the articles' title vectors (binary tf, idf weights),
// each normalised.
func (sc *scorer) titleCentroid() {
	for _, p := range sc.st.prep {
		var sum float64
		for _, id := range p.title {
			sum += sc.idf[id] * sc.idf[id]
		}
		if sum == 0 {
			continue
		}
		inv := 1 / math.Sqrt(sum)
		for _, id := range p.title {
			sc.titles[id] += sc.idf[id] * inv
		}
	}
	for _, x := range sc.titles {
		sc.titles2 += x * x
	}
}

// titleSimilarity is the cosine between a sentence and the title centroid.
func (sc *scorer) titleSimilarity(r sref) float64 {
	norm := sc.norms[r.art][r.sent]
	if norm == 0 || sc.titles2 == 0 {
		return 0
	}
	var dot float64
	for j, id := range sc.st.prep[r.art].sentences[r.sent].terms {
		dot += sc.weights[r.art][r.sent][j] * sc.titles[id]
	}
	return dot / (norm * math.Sqrt(sc.titles2))
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
