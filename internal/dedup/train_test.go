package dedup

// This file derives the paraphrase model shipped in paraphrase_weights.go:
//
//	go test ./internal/dedup -run TestTrain -update
//
// It reads the MSRP training file (../shared/bench-data/msrp), computes the
// pair features with inverse sentence frequencies counted over the file's
// sentences (no labels), reports 10-fold cross-validated accuracy and F1,
// then fits the model on the whole file and writes the constants. The MSRP
// test split is never read.
//
// The model has two parts, fitted in turn: the unmatched-stem weights (a
// table of log-odds counted over labelled pairs, see model.unmatched) and
// a logistic regression (Newton's method, L2 penalty) over the lexical
// features plus three sums of those weights. The regression is fitted on
// weight sums computed out of fold (5 folds), never with a table that has
// counted the pair itself, which would make the sums look more telling
// than they are on unseen pairs. Cross-validation repeats both steps on
// each training split, so its held-out pairs are unseen by either part.
import (
	"bufio"
	"flag"
	"fmt"
	"go/format"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/shared"
)

// The article-level operating points (model.strong, model.related) are set
// on the new score scale by the share of MSRP's non-paraphrases (related
// sentences, which MSRP labels negative) that reach them, held at the
// shares reached by the points that the article thresholds (decide.go,
// Config.Related) were tuned with on BASIL, ECB+, the demo corpus and the
// seeds. That first model (26 lexical features, no learned weights) had
// its MSRP threshold at 0.47, which 49.1% of the training negatives reached
// in 10-fold cross-validation (88.8% of the positives), and its related
// point at 0.15, reached by 92.1% (99.4% of the positives). Holding the
// rate at which related non-paraphrases pass fixed keeps what the article
// rules count (pairs of independent reports that merely look alike) as it
// was; a better model then shows as more paraphrases kept at that rate.
// Both models' shares are taken on held-out (cross-validated) scores.
const (
	strongNegativeShare  = 0.491
	relatedNegativeShare = 0.921
)

// unmatchedPrior is the smoothing of the unmatched-stem log-odds: each
// stem's counts start from this many pairs split as the classes are;
// unmatchedMinPairs is the number of training pairs a stem must be
// unmatched in to get a weight.
const (
	unmatchedPrior    = 10
	unmatchedMinPairs = 1
)

// lambdas are the L2 strengths TestTrain compares.
var lambdas = []float64{0.1, 0.3, 1, 3}

var (
	update = flag.Bool("update", false, "rewrite paraphrase_weights.go from the MSRP training file (implies -cv)")
	cv     = flag.Bool("cv", false, "cross-validate the paraphrase model on the MSRP training file (TestTrain, a few minutes of CPU)")
)

type labelled struct {
	x     [numFeatures]float64
	stems []string // stems on one side only (unmatchedStems)
	label bool
}

func loadMSRP(t *testing.T) []labelled {
	t.Helper()
	path := filepath.Join(shared.TestDir(t, "bench-data/msrp"), "msr_paraphrase_train.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	type pair struct {
		a, b  string
		label bool
	}
	var pairs []pair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 0; sc.Scan(); line++ {
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if line == 0 || len(cols) != 5 {
			continue
		}
		pairs = append(pairs, pair{cols[3], cols[4], cols[0] == "1"})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	st := NewStats()
	for _, p := range pairs {
		st.AddSentence(p.a)
		st.AddSentence(p.b)
	}
	out := make([]labelled, len(pairs))
	for i, p := range pairs {
		a, b := analyse(p.a), analyse(p.b)
		out[i] = labelled{lexicalFeatures(&a, &b, st.IDF), unmatchedStems(&a, &b), p.label}
	}
	return out
}

// unmatchedTable counts, for each stem, the pairs holding it on one side
// only by label, and returns the smoothed log-odds of "not a paraphrase"
// relative to the base rate, for stems counted in unmatchedMinPairs pairs
// or more.
func unmatchedTable(data []labelled) map[string]float64 {
	var pos, neg float64
	cp, cn := map[string]float64{}, map[string]float64{}
	for _, d := range data {
		c := cn
		if d.label {
			c = cp
			pos++
		} else {
			neg++
		}
		for _, s := range d.stems {
			c[s]++
		}
	}
	if pos == 0 || neg == 0 {
		return nil
	}
	pp, pn := pos/(pos+neg), neg/(pos+neg)
	out := map[string]float64{}
	add := func(s string) {
		if _, done := out[s]; done || cp[s]+cn[s] < unmatchedMinPairs {
			return
		}
		out[s] = math.Log((cn[s]+unmatchedPrior*pn)/(cp[s]+unmatchedPrior*pp)) - math.Log(pn/pp)
	}
	for s := range cp {
		add(s)
	}
	for s := range cn {
		add(s)
	}
	return out
}

// withTable returns a copy of data with the unmatched-stem features set
// from table.
func withTable(data []labelled, table map[string]float64) []labelled {
	out := slices.Clone(data)
	for i := range out {
		setUnmatched(&out[i].x, out[i].stems, table)
	}
	return out
}

// outOfFold returns a copy of data with each pair's unmatched-stem
// features set from a table counted on the other four fifths.
func outOfFold(data []labelled) []labelled {
	out := slices.Clone(data)
	for fold := 0; fold < 5; fold++ {
		var rest []labelled
		for i, d := range data {
			if i%5 != fold {
				rest = append(rest, d)
			}
		}
		table := unmatchedTable(rest)
		for i := fold; i < len(out); i += 5 {
			setUnmatched(&out[i].x, out[i].stems, table)
		}
	}
	return out
}

// train fits the whole model: the unmatched-stem table on every pair, the
// regression on out-of-fold weight sums, and the decision threshold on
// held-out scores of the same data (see heldOutThreshold).
func train(data []labelled, lambda float64) model {
	m := fitTable(data, lambda)
	m.threshold = heldOutThreshold(data, lambda)
	return m
}

// fitTable fits the unmatched-stem table and the regression, without a
// threshold.
func fitTable(data []labelled, lambda float64) model {
	m := fit(outOfFold(data), lambda)
	m.unmatched = unmatchedTable(data)
	return m
}

// heldOutThreshold picks the decision threshold on scores the model gives
// pairs it was not fitted on: the data is split in 5 folds, each scored by
// a model (table and regression) fitted on the other four, and the
// threshold is the one that maximises accuracy + F1 over those scores.
// Scores of the pairs a regression was fitted on run more confident than
// on unseen pairs, so a threshold chosen on them sits too high; and MSRP
// is two-thirds paraphrases, so the cut that maximises accuracy alone
// gives up F1 for very little accuracy.
func heldOutThreshold(data []labelled, lambda float64) float64 {
	var held []labelled
	var scores []float64
	for fold := 0; fold < 5; fold++ {
		rest, test := splitFold(data, 5, fold)
		m := fitTable(rest, lambda)
		for _, d := range withTable(test, m.unmatched) {
			held = append(held, d)
			scores = append(scores, prob(m, d.x))
		}
	}
	return bestThreshold(held, scores)
}

// fit trains a standardised L2 logistic regression by Newton's method and
// the boosted trees (paraphrase_boost_test.go) on the same features.
func fit(data []labelled, lambda float64) model {
	var m model
	n := float64(len(data))
	for _, d := range data {
		for i, x := range d.x {
			m.mean[i] += x / n
		}
	}
	for _, d := range data {
		for i, x := range d.x {
			m.scale[i] += (x - m.mean[i]) * (x - m.mean[i]) / n
		}
	}
	for i := range m.scale {
		m.scale[i] = math.Sqrt(m.scale[i])
		if m.scale[i] == 0 {
			m.scale[i] = 1
		}
	}
	const k = numFeatures + 1
	w := make([]float64, k) // w[numFeatures] is the bias
	for iter := 0; iter < 30; iter++ {
		var grad [k]float64
		var hess [k][k]float64
		for _, d := range data {
			z := standard(m, d.x)
			p := 1 / (1 + math.Exp(-dotBias(w, z)))
			y := 0.0
			if d.label {
				y = 1
			}
			for i := 0; i < k; i++ {
				grad[i] += (p - y) * z[i]
				for j := 0; j < k; j++ {
					hess[i][j] += p * (1 - p) * z[i] * z[j]
				}
			}
		}
		for i := 0; i < numFeatures; i++ {
			grad[i] += lambda * w[i]
			hess[i][i] += lambda
		}
		step := solve(hess, grad)
		for i := range w {
			w[i] -= step[i]
		}
	}
	copy(m.weights[:], w[:numFeatures])
	m.bias = w[numFeatures]
	nodes, roots, base := boost(data)
	m.treeFeat, m.treeSplit, m.treeLeaf = complete(nodes, roots)
	m.treeBase = base
	return m
}

func standard(m model, x [numFeatures]float64) [numFeatures + 1]float64 {
	var z [numFeatures + 1]float64
	for i := range x {
		z[i] = (x[i] - m.mean[i]) / m.scale[i]
	}
	z[numFeatures] = 1
	return z
}

func dotBias(w []float64, z [numFeatures + 1]float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * z[i]
	}
	return s
}

func prob(m model, x [numFeatures]float64) float64 { return m.prob(&x) }

// bestThreshold returns the threshold (two decimals, 0.30 to 0.70) that
// maximises accuracy + F1 of the scored pairs.
func bestThreshold(held []labelled, scores []float64) float64 {
	best, bestSum := 0.5, -1.0
	for c := 30; c <= 70; c++ {
		th := float64(c) / 100
		acc, f1 := rates(held, scores, th)
		if acc+f1 > bestSum+1e-9 {
			best, bestSum = th, acc+f1
		}
	}
	return best
}

// rates returns the accuracy and F1 of the decisions score >= th.
func rates(held []labelled, scores []float64, th float64) (acc, f1 float64) {
	var tp, fp, fn, right int
	for i, d := range held {
		pos := scores[i] >= th
		if pos == d.label {
			right++
		}
		switch {
		case pos && d.label:
			tp++
		case pos:
			fp++
		case d.label:
			fn++
		}
	}
	return float64(right) / float64(len(held)), 2 * float64(tp) / float64(2*tp+fp+fn)
}

// solve solves h x = g by Gaussian elimination with partial pivoting.
func solve(h [numFeatures + 1][numFeatures + 1]float64, g [numFeatures + 1]float64) [numFeatures + 1]float64 {
	const k = numFeatures + 1
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
	var x [k]float64
	for r := k - 1; r >= 0; r-- {
		s := g[r]
		for j := r + 1; j < k; j++ {
			s -= h[r][j] * x[j]
		}
		x[r] = s / h[r][r]
	}
	return x
}

// splitFold splits data into fold (the pairs whose index is fold mod
// folds) and the rest.
func splitFold(data []labelled, folds, fold int) (rest, test []labelled) {
	for i, d := range data {
		if i%folds == fold {
			test = append(test, d)
		} else {
			rest = append(rest, d)
		}
	}
	return rest, test
}

// crossValidate pools the held-out decisions of 10 folds (fold = index mod
// 10); it returns their accuracy and F1, the held-out pairs and their scores.
func crossValidate(data []labelled, lambda float64) (acc, f1 float64, held []labelled, scores []float64) {
	var preds []bool
	for fold := 0; fold < 10; fold++ {
		rest, test := splitFold(data, 10, fold)
		m := train(rest, lambda)
		for _, d := range withTable(test, m.unmatched) {
			p := prob(m, d.x)
			held = append(held, d)
			scores = append(scores, p)
			preds = append(preds, p >= m.threshold)
		}
	}
	decided := make([]float64, len(preds))
	for i, p := range preds {
		if p {
			decided[i] = 1
		}
	}
	acc, f1 = rates(held, decided, 0.5)
	return acc, f1, held, scores
}

// negativeQuantile returns the score (two decimals, rounded up) that at
// most share of the negatives reach.
func negativeQuantile(held []labelled, scores []float64, share float64) float64 {
	var neg []float64
	for i, d := range held {
		if !d.label {
			neg = append(neg, scores[i])
		}
	}
	slices.Sort(neg)
	q := neg[len(neg)-int(share*float64(len(neg)))]
	return math.Ceil(q*100) / 100
}

// reach returns the shares of the positive and of the negative pairs
// scoring th or more.
func reach(held []labelled, scores []float64, th float64) (pos, neg float64) {
	var np, nn int
	for i, d := range held {
		hit := 0.0
		if scores[i] >= th {
			hit = 1
		}
		if d.label {
			np++
			pos += hit
		} else {
			nn++
			neg += hit
		}
	}
	return pos / float64(np), neg / float64(nn)
}

// TestTrain cross-validates the paraphrase model on the MSRP training file
// (go test ./internal/dedup -run TestTrain -cv -v), choosing the L2
// strength, and with -update rewrites paraphrase_weights.go. It is not run
// by default: the boosted trees make it minutes of CPU (tens under -race);
// the shipped model is scored on MSRP by internal/eval's tests.
func TestTrain(t *testing.T) {
	if !*cv && !*update {
		t.Skip("run with -cv to cross-validate the paraphrase model, -update to also rewrite paraphrase_weights.go")
	}
	data := loadMSRP(t)
	// The L2 strength is chosen by the same cross-validation, by the rule
	// that sets the threshold (accuracy + F1).
	lambda, acc, f1 := 0.0, -1.0, 0.0
	var held []labelled
	var scores []float64
	for _, l := range lambdas {
		a, f, h, sc := crossValidate(data, l)
		t.Logf("lambda %-4g 10-fold CV: accuracy %.2f%% F1 %.2f", l, 100*a, 100*f)
		if a+f > acc+f1+1e-9 {
			lambda, acc, f1, held, scores = l, a, f, h, sc
		}
	}
	se := math.Sqrt(acc * (1 - acc) / float64(len(data)))
	t.Logf("MSRP train, 10-fold CV: accuracy %.2f%% (standard error %.2f) F1 %.2f (n=%d, lambda %g)", 100*acc, 100*se, 100*f1, len(data), lambda)
	m := train(data, lambda)
	m.strong = negativeQuantile(held, scores, strongNegativeShare)
	m.related = negativeQuantile(held, scores, relatedNegativeShare)
	for _, p := range []struct {
		name string
		th   float64
	}{{"threshold", m.threshold}, {"strong", m.strong}, {"related", m.related}} {
		pos, neg := reach(held, scores, p.th)
		t.Logf("%-9s %.2f: held-out positives %.1f%%, negatives %.1f%%", p.name, p.th, 100*pos, 100*neg)
	}
	t.Logf("unmatched-stem weights: %d stems", len(m.unmatched))
	for i, w := range m.weights {
		t.Logf("%-14s %+.3f", featureNames[i], w)
	}
	if acc < 0.70 {
		t.Errorf("cross-validated accuracy %.3f, want >= 0.70", acc)
	}
	if !*update {
		return
	}
	if err := writeModel("paraphrase_weights.go", m); err != nil {
		t.Fatal(err)
	}
}

func writeModel(path string, m model) error {
	var b strings.Builder
	b.WriteString("// Code generated by TestTrain -update; DO NOT EDIT.\n\npackage dedup\n\n")
	b.WriteString("func paraphraseModel() model {\n\treturn model{\n")
	fmt.Fprintf(&b, "\t\tmean: %s,\n", floats(m.mean))
	fmt.Fprintf(&b, "\t\tscale: %s,\n", floats(m.scale))
	fmt.Fprintf(&b, "\t\tweights: %s,\n", floats(m.weights))
	fmt.Fprintf(&b, "\t\tbias: %.6g,\n\t\tthreshold: %.2f,\n\t\tstrong: %.2f,\n\t\trelated: %.2f,\n", m.bias, m.threshold, m.strong, m.related)
	fmt.Fprintf(&b, "\t\ttreeBase: %s,\n", exact(m.treeBase))
	b.WriteString("\t\ttreeFeat: boostedFeatures,\n\t\ttreeSplit: boostedSplits,\n\t\ttreeLeaf: boostedLeaves,\n")
	b.WriteString("\t\tunmatched: unmatchedWeights,\n\t}\n}\n\n")
	b.WriteString("// boostedFeatures, boostedSplits and boostedLeaves are the boosted trees\n// (model.treeFeat, treeSplit, treeLeaf), one tree a line.\n")
	writeTrees(&b, "boostedFeatures", "uint8", treeInner, len(m.treeFeat), func(i int) string { return strconv.Itoa(int(m.treeFeat[i])) })
	writeTrees(&b, "boostedSplits", "float64", treeInner, len(m.treeSplit), func(i int) string { return exact(m.treeSplit[i]) })
	writeTrees(&b, "boostedLeaves", "float64", treeLeaves, len(m.treeLeaf), func(i int) string { return exact(m.treeLeaf[i]) })
	b.WriteString("// unmatchedWeights are the learned unmatched-stem weights (model.unmatched).\n")
	b.WriteString("var unmatchedWeights = map[string]float64{\n")
	stems := slices.Sorted(maps.Keys(m.unmatched))
	for _, s := range stems {
		fmt.Fprintf(&b, "\t%q: %.4g,\n", s, m.unmatched[s])
	}
	b.WriteString("}\n")
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return fmt.Errorf("format %s: %w", path, err)
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeTrees writes a slice variable of n values, per values a line.
func writeTrees(b *strings.Builder, name, typ string, per, n int, value func(i int) string) {
	fmt.Fprintf(b, "var %s = []%s{\n", name, typ)
	for i := 0; i < n; i++ {
		if i%per == 0 {
			b.WriteString("\t")
		}
		b.WriteString(value(i) + ",")
		if i%per == per-1 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	b.WriteString("}\n\n")
}

// exact formats x so that it parses back to the same float64 (a split
// compares feature values with it).
func exact(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func floats(xs [numFeatures]float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.6g", x)
	}
	return "[numFeatures]float64{" + strings.Join(parts, ", ") + "}"
}
