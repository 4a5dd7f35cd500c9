package dedup

import (
	"math"
	"math/rand/v2"
)

// latent is a TF-KLD weighted, SVD-projected sentence space (experiment).
type latent struct {
	vec map[string][]float64 // stem -> weight × V row (K)
	k   int
}

type latentCfg struct {
	k      int
	alpha  float64 // smoothing pseudo-count
	bigram bool
	minN   int
	power  int
	invS   bool
}

func pairFeatSets(p *exPair, bigram bool) (a, b []string) {
	return sentFeats(p.a, bigram), sentFeats(p.b, bigram)
}

func sentFeats(s *sentence, bigram bool) []string {
	g := s.hashed()
	out := make([]string, 0, len(g.stems)*2)
	for _, st := range g.stems {
		out = append(out, st.s)
	}
	if bigram {
		seen := map[string]bool{}
		for i := 0; i+1 < len(s.stems); i++ {
			k := s.stems[i] + " " + s.stems[i+1]
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

func tfkld(data []exPair, cfg latentCfg) map[string]float64 {
	type cnt struct{ n, both [2]float64 }
	c := map[string]*cnt{}
	for i := range data {
		fa, fb := pairFeatSets(&data[i], cfg.bigram)
		inB := map[string]bool{}
		for _, x := range fb {
			inB[x] = true
		}
		inA := map[string]bool{}
		for _, x := range fa {
			inA[x] = true
		}
		l := 0
		if data[i].label {
			l = 1
		}
		for x := range inA {
			e := c[x]
			if e == nil {
				e = &cnt{}
				c[x] = e
			}
			e.n[l]++
			if inB[x] {
				e.both[l]++
			}
		}
		for x := range inB {
			if inA[x] {
				continue
			}
			e := c[x]
			if e == nil {
				e = &cnt{}
				c[x] = e
			}
			e.n[l]++
		}
	}
	w := map[string]float64{}
	for x, e := range c {
		if e.n[0]+e.n[1] < float64(cfg.minN) {
			continue
		}
		p := (e.both[1] + cfg.alpha) / (e.n[1] + 2*cfg.alpha)
		q := (e.both[0] + cfg.alpha) / (e.n[0] + 2*cfg.alpha)
		w[x] = p*math.Log(p/q) + (1-p)*math.Log((1-p)/(1-q))
	}
	return w
}

// fitLatent builds the latent space from the training pairs.
func fitLatent(data []exPair, cfg latentCfg) *latent {
	w := tfkld(data, cfg)
	col := map[string]int{}
	var names []string
	for x := range w {
		col[x] = len(names)
		names = append(names, x)
	}
	// rows: sparse
	type ent struct {
		j int
		v float64
	}
	var rows [][]ent
	for i := range data {
		for _, s := range []*sentence{data[i].a, data[i].b} {
			var r []ent
			for _, x := range sentFeats(s, cfg.bigram) {
				if j, ok := col[x]; ok {
					r = append(r, ent{j, w[x]})
				}
			}
			rows = append(rows, r)
		}
	}
	nc := len(names)
	l := cfg.k + 10
	rng := rand.New(rand.NewPCG(1, 2))
	// Omega: nc × l
	// Y = M Ω (nr × l)
	mulM := func(X [][]float64) [][]float64 { // M (nr×nc) · X (nc×l)
		Y := make([][]float64, len(rows))
		for i, r := range rows {
			y := make([]float64, l)
			for _, e := range r {
				xr := X[e.j]
				for k := range y {
					y[k] += e.v * xr[k]
				}
			}
			Y[i] = y
		}
		return Y
	}
	mulMT := func(Y [][]float64) [][]float64 { // Mᵀ (nc×nr) · Y (nr×l)
		X := make([][]float64, nc)
		for j := range X {
			X[j] = make([]float64, l)
		}
		for i, r := range rows {
			y := Y[i]
			for _, e := range r {
				xr := X[e.j]
				for k := range xr {
					xr[k] += e.v * y[k]
				}
			}
		}
		return X
	}
	om := make([][]float64, nc)
	for j := range om {
		om[j] = make([]float64, l)
		for k := range om[j] {
			om[j][k] = rng.NormFloat64()
		}
	}
	Y := mulM(om)
	orth(Y)
	for it := 0; it < cfg.power; it++ {
		X := mulMT(Y)
		orth(X)
		Y = mulM(X)
		orth(Y)
	}
	// B = Qᵀ M  (l × nc) ; stored as Bt nc × l = Mᵀ Q
	Bt := mulMT(Y)
	// BBᵀ = Btᵀ Bt (l×l)
	G := make([][]float64, l)
	for a := range G {
		G[a] = make([]float64, l)
	}
	for _, r := range Bt {
		for a := 0; a < l; a++ {
			for b := a; b < l; b++ {
				G[a][b] += r[a] * r[b]
			}
		}
	}
	for a := 0; a < l; a++ {
		for b := 0; b < a; b++ {
			G[a][b] = G[b][a]
		}
	}
	vals, vecs := jacobi(G)
	// order by eigenvalue desc
	idx := make([]int, l)
	for i := range idx {
		idx[i] = i
	}
	for i := 0; i < l; i++ {
		for j := i + 1; j < l; j++ {
			if vals[idx[j]] > vals[idx[i]] {
				idx[i], idx[j] = idx[j], idx[i]
			}
		}
	}
	// V[:,c] = Bt U[:,c] / sigma_c
	lat := &latent{vec: map[string][]float64{}, k: cfg.k}
	for j, x := range names {
		v := make([]float64, cfg.k)
		for c := 0; c < cfg.k; c++ {
			ci := idx[c]
			sig := math.Sqrt(math.Max(vals[ci], 1e-12))
			s := 0.0
			for a := 0; a < l; a++ {
				s += Bt[j][a] * vecs[a][ci]
			}
			s /= sig
			if cfg.invS {
				s /= sig
			}
			v[c] = w[x] * s
		}
		lat.vec[x] = v
	}
	return lat
}

func orth(Y [][]float64) {
	if len(Y) == 0 {
		return
	}
	l := len(Y[0])
	for c := 0; c < l; c++ {
		for p := 0; p < c; p++ {
			d := 0.0
			for i := range Y {
				d += Y[i][c] * Y[i][p]
			}
			for i := range Y {
				Y[i][c] -= d * Y[i][p]
			}
		}
		n := 0.0
		for i := range Y {
			n += Y[i][c] * Y[i][c]
		}
		n = math.Sqrt(n)
		if n == 0 {
			continue
		}
		for i := range Y {
			Y[i][c] /= n
		}
	}
}

// jacobi eigen-decomposes a symmetric matrix: eigenvalues and eigenvectors (columns).
func jacobi(A [][]float64) ([]float64, [][]float64) {
	n := len(A)
	a := make([][]float64, n)
	v := make([][]float64, n)
	for i := range a {
		a[i] = append([]float64(nil), A[i]...)
		v[i] = make([]float64, n)
		v[i][i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		off := 0.0
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				off += a[i][j] * a[i][j]
			}
		}
		if off < 1e-22 {
			break
		}
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				if math.Abs(a[p][q]) < 1e-300 {
					continue
				}
				theta := (a[q][q] - a[p][p]) / (2 * a[p][q])
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := 0; k < n; k++ {
					akp, akq := a[k][p], a[k][q]
					a[k][p] = c*akp - s*akq
					a[k][q] = s*akp + c*akq
				}
				for k := 0; k < n; k++ {
					apk, aqk := a[p][k], a[q][k]
					a[p][k] = c*apk - s*aqk
					a[q][k] = s*apk + c*aqk
				}
				for k := 0; k < n; k++ {
					vkp, vkq := v[k][p], v[k][q]
					v[k][p] = c*vkp - s*vkq
					v[k][q] = s*vkp + c*vkq
				}
			}
		}
	}
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = a[i][i]
	}
	return vals, v
}

func (l *latent) sentVec(s *sentence, bigram bool) []float64 {
	v := make([]float64, l.k)
	for _, x := range sentFeats(s, bigram) {
		if r, ok := l.vec[x]; ok {
			for c := range v {
				v[c] += r[c]
			}
		}
	}
	return v
}

// latFeats: mode 0 cosine only; 1 cosine + |diff| + sum; 2 cosine + |diff|+prod
func latFeats(l *latent, p *exPair, bigram bool, mode int) []float64 {
	va, vb := l.sentVec(p.a, bigram), l.sentVec(p.b, bigram)
	var dot, na, nb float64
	for c := range va {
		dot += va[c] * vb[c]
		na += va[c] * va[c]
		nb += vb[c] * vb[c]
	}
	cos := 0.0
	if na > 0 && nb > 0 {
		cos = dot / math.Sqrt(na*nb)
	}
	out := []float64{cos}
	switch mode {
	case 1:
		for c := range va {
			out = append(out, math.Abs(va[c]-vb[c]), va[c]+vb[c])
		}
	case 2:
		for c := range va {
			out = append(out, math.Abs(va[c]-vb[c]), va[c]*vb[c])
		}
	case 3:
		for c := range va {
			out = append(out, math.Abs(va[c]-vb[c]))
		}
	}
	return out
}
