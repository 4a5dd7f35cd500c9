package dedup

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/shared"
)

var (
	latK      = flag.Int("latk", 0, "")
	latAlpha  = flag.Float64("latalpha", 0.5, "")
	latBigram = flag.Bool("latbigram", false, "")
	latMin    = flag.Int("latmin", 2, "")
	latInvS   = flag.Bool("latinvs", false, "")
	latMode   = flag.Int("latmode", 0, "")
	latIn     = flag.Bool("latin", false, "")
	gbMode    = flag.Int("gbmode", 0, "")
	curve     = flag.Bool("curve", false, "")
	nested    = flag.Bool("nested", false, "")
	perm      = flag.Int("perm", 0, "")
	tableMode = flag.Int("tablemode", 0, "")
	gbTrees   = flag.Int("gbtrees", 200, "")
	gbDepth   = flag.Int("gbdepth", 3, "")
	gbLeaf    = flag.Int("gbleaf", 20, "")
	gbLR      = flag.Float64("gblr", 0.05, "")
)

var experiment = flag.String("experiment", "", "comma-separated extra feature sets to cross-validate (TestExperiment)")

type exPair struct {
	a, b  *sentence
	x     []float64
	stems []string
	label bool
}

type exExtra struct {
	name string
	fn   func(a, b *sentence, st *Stats) []float64
}

func loadEx(t *testing.T) ([]exPair, *Stats) {
	t.Helper()
	path := filepath.Join(shared.TestDir(t, "bench-data/msrp"), "msr_paraphrase_train.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []exPair
	var raw [][2]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 0; sc.Scan(); line++ {
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if line == 0 || len(cols) != 5 {
			continue
		}
		raw = append(raw, [2]string{cols[3], cols[4]})
		out = append(out, exPair{label: cols[0] == "1"})
	}
	st := NewStats()
	for _, p := range raw {
		st.AddSentence(p[0])
		st.AddSentence(p[1])
	}
	for i, p := range raw {
		a, b := analyse(p[0]), analyse(p[1])
		out[i].a, out[i].b = &a, &b
		f := lexicalFeatures(&a, &b, st.IDF)
		out[i].x = slices.Clone(f[:numLexical])
		out[i].stems = unmatchedStems(&a, &b)
	}
	return out, st
}

type exCfg struct {
	lambda  float64
	table   func(p *exPair, table map[string]float64) []float64
	lat     *latentCfg
	latMode int
	inLat   bool // latent features in-sample for training rows
	gb      *gbCfg
	gbMode  int
	inner   bool
}

func (cfg exCfg) row(p *exPair, table map[string]float64, l *latent) []float64 {
	r := append(slices.Clone(p.x), cfg.table(p, table)...)
	if l != nil {
		r = append(r, latFeats(l, p, cfg.lat.bigram, cfg.latMode)...)
	}
	return r
}

type exModel struct {
	mean, scale, w []float64
	table          map[string]float64
	lat            *latent
	gb             *gbModel
	gbMode         int
	ths            []float64 // one per threshold rule
}

func asLabelled(data []exPair) []labelled {
	out := make([]labelled, len(data))
	for i, d := range data {
		out[i] = labelled{stems: d.stems, label: d.label}
	}
	return out
}

func baseTable(p *exPair, table map[string]float64) []float64 {
	var f [numFeatures]float64
	setUnmatched(&f, p.stems, table)
	return f[featUnmatchedSum:]
}

func exTrain(data []exPair, cfg exCfg) exModel {
	lab := asLabelled(data)
	tables := make([]map[string]float64, 5)
	lats := make([]*latent, 5)
	var full *latent
	if cfg.lat != nil {
		full = fitLatent(data, *cfg.lat)
	}
	for fold := range 5 {
		var rest []labelled
		var restP []exPair
		for i, d := range lab {
			if i%5 != fold {
				rest = append(rest, d)
				restP = append(restP, data[i])
			}
		}
		tables[fold] = unmatchedTable(rest)
		if cfg.lat != nil && !cfg.inLat {
			lats[fold] = fitLatent(restP, *cfg.lat)
		} else {
			lats[fold] = full
		}
	}
	rows := make([][]float64, len(data))
	for i := range data {
		rows[i] = cfg.row(&data[i], tables[i%5], lats[i%5])
	}
	y := make([]bool, len(data))
	for i, d := range data {
		y[i] = d.label
	}
	m := exFit(rows, y, cfg.lambda)
	if cfg.gbMode > 0 {
		gc := *cfg.gb
		m.gbMode = cfg.gbMode
		if cfg.gbMode == 3 {
			m.gb = fitGBFrom(rows, y, gc, m.lrMargin)
		} else {
			m.gb = fitGB(rows, y, gc)
		}
	}
	p := make([]float64, len(rows))
	for i, r := range rows {
		p[i] = m.prob(r)
	}
	m.ths = exThresholds(p, y)
	m.table = unmatchedTable(lab)
	m.lat = full
	if *nested && !cfg.inner {
		// thresholds from inner 5-fold held-out probabilities
		inner := cfg
		inner.inner = true
		var hp []float64
		var hy []bool
		for fold := range 5 {
			var rest, test []exPair
			for i, d := range data {
				if i%5 == fold {
					test = append(test, d)
				} else {
					rest = append(rest, d)
				}
			}
			im := exTrain(rest, inner)
			for i := range test {
				hp = append(hp, im.prob(cfg.row(&test[i], im.table, im.lat)))
				hy = append(hy, test[i].label)
			}
		}
		m.ths = exThresholds(hp, hy)
	}
	return m
}

// threshold rules: 0 max accuracy, 1 max acc+F1, 2 max F1 s.t. acc >= best-0.5pt
var ruleNames = []string{"max-acc", "max-acc+f1", "f1|acc-0.5"}

func exThresholds(p []float64, y []bool) []float64 {
	type pt struct{ th, acc, f1 float64 }
	var pts []pt
	for th := 0.30; th <= 0.701; th += 0.01 {
		a, f := accF1(p, y, th)
		pts = append(pts, pt{math.Round(th*100) / 100, a, f})
	}
	best := func(key func(pt) float64) float64 {
		b, bv := 0.5, math.Inf(-1)
		for _, q := range pts {
			if v := key(q); v > bv+1e-9 {
				b, bv = q.th, v
			}
		}
		return b
	}
	maxAcc := 0.0
	for _, q := range pts {
		maxAcc = max(maxAcc, q.acc)
	}
	return []float64{
		best(func(q pt) float64 { return q.acc }),
		best(func(q pt) float64 { return q.acc + q.f1 }),
		best(func(q pt) float64 {
			if q.acc < maxAcc-0.005 {
				return -1
			}
			return q.f1
		}),
	}
}

func accF1(p []float64, y []bool, th float64) (acc, f1 float64) {
	var tp, fp, fn, right int
	for i := range p {
		pos := p[i] >= th
		if pos == y[i] {
			right++
		}
		switch {
		case pos && y[i]:
			tp++
		case pos:
			fp++
		case y[i]:
			fn++
		}
	}
	return float64(right) / float64(len(p)), 2 * float64(tp) / float64(2*tp+fp+fn)
}

func (m *exModel) prob(x []float64) float64 {
	switch m.gbMode {
	case 1:
		return 1 / (1 + math.Exp(-m.gb.margin(x)))
	case 2:
		return (m.lrProb(x) + 1/(1+math.Exp(-m.gb.margin(x)))) / 2
	case 3:
		return 1 / (1 + math.Exp(-(m.lrMargin(x) + m.gb.margin(x))))
	}
	return m.lrProb(x)
}

func (m *exModel) lrProb(x []float64) float64 { return 1 / (1 + math.Exp(-m.lrMargin(x))) }

func (m *exModel) lrMargin(x []float64) float64 {
	z := m.w[len(x)]
	for i, v := range x {
		z += m.w[i] * (v - m.mean[i]) / m.scale[i]
	}
	return z
}

func exFit(rows [][]float64, y []bool, lambda float64) exModel {
	d := len(rows[0])
	n := float64(len(rows))
	m := exModel{mean: make([]float64, d), scale: make([]float64, d), w: make([]float64, d+1)}
	for _, r := range rows {
		for i, x := range r {
			m.mean[i] += x / n
		}
	}
	for _, r := range rows {
		for i, x := range r {
			m.scale[i] += (x - m.mean[i]) * (x - m.mean[i]) / n
		}
	}
	for i := range m.scale {
		m.scale[i] = math.Sqrt(m.scale[i])
		if m.scale[i] == 0 {
			m.scale[i] = 1
		}
	}
	k := d + 1
	z := make([]float64, k)
	for iter := 0; iter < 25; iter++ {
		grad := make([]float64, k)
		hess := make([][]float64, k)
		for i := range hess {
			hess[i] = make([]float64, k)
		}
		for ri, r := range rows {
			for i, x := range r {
				z[i] = (x - m.mean[i]) / m.scale[i]
			}
			z[d] = 1
			s := 0.0
			for i := range z {
				s += m.w[i] * z[i]
			}
			p := 1 / (1 + math.Exp(-s))
			yy := 0.0
			if y[ri] {
				yy = 1
			}
			h := p * (1 - p)
			for i := 0; i < k; i++ {
				grad[i] += (p - yy) * z[i]
				hi := hess[i]
				c := h * z[i]
				for j := i; j < k; j++ {
					hi[j] += c * z[j]
				}
			}
		}
		for i := 0; i < k; i++ {
			for j := 0; j < i; j++ {
				hess[i][j] = hess[j][i]
			}
		}
		for i := 0; i < d; i++ {
			grad[i] += lambda * m.w[i]
			hess[i][i] += lambda
		}
		step := solveN(hess, grad)
		delta := 0.0
		for i := range m.w {
			m.w[i] -= step[i]
			delta = max(delta, math.Abs(step[i]))
		}
		if delta < 1e-7 {
			break
		}
	}
	return m
}

func solveN(h [][]float64, g []float64) []float64 {
	k := len(g)
	g = slices.Clone(g)
	for c := 0; c < k; c++ {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(h[r][c]) > math.Abs(h[p][c]) {
				p = r
			}
		}
		h[c], h[p] = h[p], h[c]
		g[c], g[p] = g[p], g[c]
		for r := c + 1; r < k; r++ {
			f := h[r][c] / h[c][c]
			for j := c; j < k; j++ {
				h[r][j] -= f * h[c][j]
			}
			g[r] -= f * g[c]
		}
	}
	x := make([]float64, k)
	for r := k - 1; r >= 0; r-- {
		s := g[r]
		for j := r + 1; j < k; j++ {
			s -= h[r][j] * x[j]
		}
		x[r] = s / h[r][r]
	}
	return x
}

// exCV returns pooled held-out accuracy and F1 for each threshold rule.
var exHeldP []float64

func exCV(data []exPair, cfg exCfg, folds int) (acc, f1 []float64) {
	exHeldP = nil
	var ps [][]bool
	var ys []bool
	ps = make([][]bool, len(ruleNames))
	for fold := 0; fold < folds; fold++ {
		var rest, test []exPair
		for i, d := range data {
			if i%folds == fold {
				test = append(test, d)
			} else {
				rest = append(rest, d)
			}
		}
		m := exTrain(rest, cfg)
		for i := range test {
			r := cfg.row(&test[i], m.table, m.lat)
			p := m.prob(r)
			exHeldP = append(exHeldP, p)
			for k, th := range m.ths {
				ps[k] = append(ps[k], p >= th)
			}
			ys = append(ys, test[i].label)
		}
	}
	for k := range ps {
		p := make([]float64, len(ys))
		for i, b := range ps[k] {
			if b {
				p[i] = 1
			}
		}
		a, f := accF1(p, ys, 0.5)
		acc = append(acc, a)
		f1 = append(f1, f)
	}
	return acc, f1
}

func TestExperiment(t *testing.T) {
	if *experiment == "" {
		t.Skip("-experiment not set")
	}
	data, st := loadEx(t)
	if *perm > 0 {
		rng := rand.New(rand.NewPCG(uint64(*perm), 7))
		rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
	}
	base := make([][]float64, len(data))
	for i := range data {
		base[i] = data[i].x
	}
	folds := 10
	for _, set := range strings.Split(*experiment, ";") {
		names := strings.Split(set, ",")
		for i := range data {
			data[i].x = slices.Clone(base[i])
			for _, n := range names {
				if n == "base" {
					continue
				}
				e, ok := exExtras[n]
				if !ok {
					t.Fatalf("no extra %q", n)
				}
				data[i].x = append(data[i].x, e(data[i].a, data[i].b, st)...)
			}
		}
		for _, l := range []float64{1, 3} {
			cfg := exCfg{lambda: l, table: baseTable}
			if *tableMode == 1 {
				cfg.table = sideTable
			}
			if *gbMode > 0 {
				cfg.gbMode = *gbMode
				cfg.gb = &gbCfg{trees: *gbTrees, depth: *gbDepth, minLeaf: *gbLeaf, bins: 32, lr: *gbLR, l2: 1}
			}
			if *latK > 0 {
				cfg.lat = &latentCfg{k: *latK, alpha: *latAlpha, bigram: *latBigram, minN: *latMin, power: 2, invS: *latInvS}
				cfg.latMode = *latMode
				cfg.inLat = *latIn
			}
			acc, f1 := exCV(data, cfg, folds)
			var b strings.Builder
			for k := range acc {
				fmt.Fprintf(&b, "  %s %.2f/%.2f", ruleNames[k], 100*acc[k], 100*f1[k])
			}
			t.Logf("%-40s l=%g%s", set, l, b.String())
			if *curve {
				var ys []bool
				for fold := 0; fold < folds; fold++ {
					for i, d := range data {
						if i%folds == fold {
							ys = append(ys, d.label)
						}
					}
				}
				var c strings.Builder
				for th := 0.30; th < 0.66; th += 0.02 {
					a, f := accF1(exHeldP, ys, th)
					fmt.Fprintf(&c, " %.2f:%.2f/%.2f", th, 100*a, 100*f)
				}
				t.Logf("curve%s", c.String())
			}
		}
	}
}

// sideTable: base + per-side sums and positive sum
func sideTable(p *exPair, table map[string]float64) []float64 {
	out := slices.Clone(baseTable(p, table))
	var sum, pos, neg, cov float64
	for _, s := range p.stems {
		w, ok := table[s]
		if ok {
			cov++
		}
		sum += w
		pos += math.Max(w, 0)
		neg += math.Min(w, 0)
	}
	c := 0.0
	if len(p.stems) > 0 {
		c = cov / float64(len(p.stems))
	}
	return append(out, sum, pos, neg, c)
}

func TestExperimentErrors(t *testing.T) {
	if *experiment != "errors" {
		t.Skip()
	}
	data, _ := loadEx(t)
	_, _ = exCV(data, exCfg{lambda: 1, table: baseTable}, 10)
	type e struct {
		p float64
		d exPair
	}
	var es []e
	k := 0
	for fold := 0; fold < 10; fold++ {
		for i, d := range data {
			if i%10 == fold {
				es = append(es, e{exHeldP[k], d})
				k++
			}
		}
	}
	slices.SortFunc(es, func(x, y e) int {
		dx, dy := math.Abs(x.p-b2f(x.d.label)), math.Abs(y.p-b2f(y.d.label))
		if dx > dy {
			return -1
		}
		return 1
	})
	for _, x := range es[:60] {
		t.Logf("label %v p %.2f\n  A: %s\n  B: %s", x.d.label, x.p, x.d.a.text, x.d.b.text)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
