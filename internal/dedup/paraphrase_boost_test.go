package dedup

// This file fits the boosted trees of the paraphrase model (model.trees),
// for TestTrain: gradient boosting of the logistic loss with Newton leaf
// values (each leaf's summed gradient over its summed curvature, with an
// L2 penalty), each split chosen among the quantiles of a feature over
// the training pairs. The settings are fixed, not searched: small trees
// (depth 3, at least 20 pairs a leaf) and a slow rate (0.05), 200 of them.

import (
	"math"
	"slices"
)

const (
	boostTrees   = 200
	boostDepth   = treeDepth
	boostMinLeaf = 20
	boostBins    = 32 // candidate splits a feature
	boostRate    = 0.05
	boostL2      = 1.0
)

// booster holds what growing the trees needs: each pair's features and
// their bin (the first candidate split at or above the value), and the
// gradient and curvature of the loss at the current scores.
type booster struct {
	data   []labelled
	splits [numFeatures][]float64
	bin    [][numFeatures]uint8
	g, h   []float64
	nodes  []treeNode
}

// boost fits the trees on the pairs; it returns the nodes, each tree's
// root and the base log-odds (the classes' ratio).
func boost(data []labelled) (nodes []treeNode, roots []int32, base float64) {
	b := &booster{data: data, bin: make([][numFeatures]uint8, len(data)), g: make([]float64, len(data)), h: make([]float64, len(data))}
	col := make([]float64, len(data))
	for f := range numFeatures {
		for i, d := range data {
			col[i] = d.x[f]
		}
		slices.Sort(col)
		var s []float64
		for k := 1; k < boostBins; k++ {
			if v := col[k*len(col)/boostBins]; len(s) == 0 || v > s[len(s)-1] {
				s = append(s, v)
			}
		}
		b.splits[f] = s
		for i, d := range data {
			k, _ := slices.BinarySearch(s, d.x[f])
			b.bin[i][f] = uint8(k)
		}
	}
	pos := 0.0
	for _, d := range data {
		if d.label {
			pos++
		}
	}
	base = math.Log(pos / (float64(len(data)) - pos))
	z := make([]float64, len(data))
	for i := range z {
		z[i] = base
	}
	ids := make([]int, len(data))
	for range boostTrees {
		for i, d := range data {
			p := 1 / (1 + math.Exp(-z[i]))
			y := 0.0
			if d.label {
				y = 1
			}
			b.g[i], b.h[i] = p-y, p*(1-p)
			ids[i] = i
		}
		root := int32(len(b.nodes))
		roots = append(roots, root)
		b.grow(ids, 0)
		for i, d := range data {
			z[i] += leaf(b.nodes, root, &d.x)
		}
	}
	return b.nodes, roots, base
}

// treeNode is a node of a grown tree. An inner node sends a pair to left
// when its feature feat is at most th, else to right (indices in the
// node list); a leaf (feat < 0) adds value to the log-odds.
type treeNode struct {
	feat        int8
	th, value   float64
	left, right int32
}

// complete lays the grown trees out as the model keeps them (see
// model.treeFeat): complete to depth treeDepth, a leaf above that depth
// repeated under splits that send every pair left.
func complete(nodes []treeNode, roots []int32) (feat []uint8, split, leaves []float64) {
	feat = make([]uint8, treeInner*len(roots))
	split = make([]float64, treeInner*len(roots))
	leaves = make([]float64, treeLeaves*len(roots))
	var fill func(t int, n treeNode, pos, depth int)
	fill = func(t int, n treeNode, pos, depth int) {
		if depth == treeDepth {
			leaves[t*treeLeaves+pos-treeInner] = n.value
			return
		}
		k := t*treeInner + pos
		if n.feat < 0 {
			feat[k], split[k] = 0, math.MaxFloat64
			fill(t, n, 2*pos+1, depth+1)
			fill(t, n, 2*pos+2, depth+1)
			return
		}
		feat[k], split[k] = uint8(n.feat), n.th
		fill(t, nodes[n.left], 2*pos+1, depth+1)
		fill(t, nodes[n.right], 2*pos+2, depth+1)
	}
	for t, r := range roots {
		fill(t, nodes[r], 0, 0)
	}
	return feat, split, leaves
}

// leaf returns the value of the leaf the tree at root sends x to.
func leaf(nodes []treeNode, root int32, x *[numFeatures]float64) float64 {
	n := &nodes[root]
	for n.feat >= 0 {
		if x[n.feat] <= n.th {
			n = &nodes[n.left]
		} else {
			n = &nodes[n.right]
		}
	}
	return n.value
}

// grow adds a node for the pairs ids and, above the depth limit, splits
// it where the loss falls most; it returns the node's index.
func (b *booster) grow(ids []int, depth int) int32 {
	var g, h float64
	for _, i := range ids {
		g += b.g[i]
		h += b.h[i]
	}
	me := int32(len(b.nodes))
	b.nodes = append(b.nodes, treeNode{feat: -1, value: -boostRate * g / (h + boostL2)})
	if depth == boostDepth || len(ids) < 2*boostMinLeaf {
		return me
	}
	f, k := b.bestSplit(ids, g, h)
	if f < 0 {
		return me
	}
	var left, right []int
	for _, i := range ids {
		if int(b.bin[i][f]) <= k {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	l := b.grow(left, depth+1)
	r := b.grow(right, depth+1)
	b.nodes[me] = treeNode{feat: int8(f), th: b.splits[f][k], left: l, right: r}
	return me
}

// bestSplit returns the feature and bin whose split gains most (-1 when
// no split leaves boostMinLeaf pairs on each side and gains).
func (b *booster) bestSplit(ids []int, g, h float64) (feat, bin int) {
	feat, bin = -1, -1
	best := 1e-9
	parent := g * g / (h + boostL2)
	var sg, sh [boostBins + 1]float64
	var sn [boostBins + 1]int
	for f := range numFeatures {
		sg, sh, sn = [boostBins + 1]float64{}, [boostBins + 1]float64{}, [boostBins + 1]int{}
		for _, i := range ids {
			k := b.bin[i][f]
			sg[k] += b.g[i]
			sh[k] += b.h[i]
			sn[k]++
		}
		var gl, hl float64
		nl := 0
		for k := range b.splits[f] {
			gl, hl, nl = gl+sg[k], hl+sh[k], nl+sn[k]
			if nl < boostMinLeaf || len(ids)-nl < boostMinLeaf {
				continue
			}
			gr, hr := g-gl, h-hl
			if gain := gl*gl/(hl+boostL2) + gr*gr/(hr+boostL2) - parent; gain > best {
				feat, bin, best = f, k, gain
			}
		}
	}
	return feat, bin
}
