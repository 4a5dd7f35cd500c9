package dedup

import (
	"math"
	"slices"
)

type gbCfg struct {
	trees, depth, minLeaf, bins int
	lr, l2                      float64
}

type gbNode struct {
	feat  int
	th    float64
	left  int // index of children; -1 leaf
	right int
	value float64
}

type gbModel struct {
	base  float64
	trees [][]gbNode
}

func (m *gbModel) margin(x []float64) float64 {
	z := m.base
	for _, t := range m.trees {
		i := 0
		for t[i].left >= 0 {
			if x[t[i].feat] <= t[i].th {
				i = t[i].left
			} else {
				i = t[i].right
			}
		}
		z += t[i].value
	}
	return z
}

func fitGB(rows [][]float64, y []bool, cfg gbCfg) *gbModel { return fitGBFrom(rows, y, cfg, nil) }

func fitGBFrom(rows [][]float64, y []bool, cfg gbCfg, init func([]float64) float64) *gbModel {
	n, d := len(rows), len(rows[0])
	// quantile thresholds per feature
	ths := make([][]float64, d)
	bin := make([][]uint8, n)
	for i := range bin {
		bin[i] = make([]uint8, d)
	}
	for f := 0; f < d; f++ {
		col := make([]float64, n)
		for i := range rows {
			col[i] = rows[i][f]
		}
		slices.Sort(col)
		var t []float64
		for b := 1; b < cfg.bins; b++ {
			v := col[b*n/cfg.bins]
			if len(t) == 0 || v > t[len(t)-1] {
				t = append(t, v)
			}
		}
		ths[f] = t
		for i := range rows {
			k, _ := slices.BinarySearch(t, rows[i][f])
			// bin k means value <= t[k] (first threshold >= value)
			bin[i][f] = uint8(k)
		}
	}
	pos := 0.0
	for _, l := range y {
		if l {
			pos++
		}
	}
	m := &gbModel{base: math.Log(pos / (float64(n) - pos))}
	z := make([]float64, n)
	for i := range z {
		z[i] = m.base
	}
	if init != nil {
		m.base = 0
		for i := range z {
			z[i] = init(rows[i])
		}
	}
	g := make([]float64, n)
	h := make([]float64, n)
	idx := make([]int, n)
	for t := 0; t < cfg.trees; t++ {
		for i := range z {
			p := 1 / (1 + math.Exp(-z[i]))
			yy := 0.0
			if y[i] {
				yy = 1
			}
			g[i], h[i] = p-yy, p*(1-p)
			idx[i] = i
		}
		var tree []gbNode
		var grow func(ids []int, depth int) int
		grow = func(ids []int, depth int) int {
			var G, H float64
			for _, i := range ids {
				G += g[i]
				H += h[i]
			}
			me := len(tree)
			tree = append(tree, gbNode{left: -1, right: -1, value: -cfg.lr * G / (H + cfg.l2)})
			if depth == cfg.depth || len(ids) < 2*cfg.minLeaf {
				return me
			}
			bestGain, bf, bb := 1e-9, -1, -1
			parent := G * G / (H + cfg.l2)
			hg := make([]float64, cfg.bins+1)
			hh := make([]float64, cfg.bins+1)
			hc := make([]int, cfg.bins+1)
			for f := 0; f < d; f++ {
				clear(hg)
				clear(hh)
				clear(hc)
				for _, i := range ids {
					b := bin[i][f]
					hg[b] += g[i]
					hh[b] += h[i]
					hc[b]++
				}
				var gl, hl float64
				cl := 0
				for b := 0; b < len(ths[f]); b++ {
					gl += hg[b]
					hl += hh[b]
					cl += hc[b]
					if cl < cfg.minLeaf || len(ids)-cl < cfg.minLeaf {
						continue
					}
					gr, hr := G-gl, H-hl
					gain := gl*gl/(hl+cfg.l2) + gr*gr/(hr+cfg.l2) - parent
					if gain > bestGain {
						bestGain, bf, bb = gain, f, b
					}
				}
			}
			if bf < 0 {
				return me
			}
			var L, R []int
			for _, i := range ids {
				if int(bin[i][bf]) <= bb {
					L = append(L, i)
				} else {
					R = append(R, i)
				}
			}
			tree[me].feat, tree[me].th = bf, ths[bf][bb]
			l := grow(L, depth+1)
			r := grow(R, depth+1)
			tree[me].left, tree[me].right = l, r
			return me
		}
		grow(idx, 0)
		m.trees = append(m.trees, tree)
		for i := range z {
			z[i] += m.margin1(tree, rows[i])
		}
	}
	return m
}

func (m *gbModel) margin1(t []gbNode, x []float64) float64 {
	i := 0
	for t[i].left >= 0 {
		if x[t[i].feat] <= t[i].th {
			i = t[i].left
		} else {
			i = t[i].right
		}
	}
	return t[i].value
}
