package dedup

import (
	"cmp"
	"math"
	"slices"
	"unicode"
)

// The features of a sentence pair that the paraphrase decision combines.
// Every feature but the learned unmatched-stem sums lies in [0, 1]; their
// order is the order of the learned weights in paraphrase_weights.go.
const (
	featCosine       = iota // TF-IDF cosine of content stems
	featTermMin             // shared content stems / the larger side
	featTermMax             // shared content stems / the smaller side
	featWordDice            // Dice of folded tokens, stopwords kept
	featBigramDice          // Dice of stem bigrams
	featTrigramDice         // Dice of stem trigrams
	featCharDice            // Dice of character 4-grams
	featLCS                 // longest common token subsequence / longer side
	featLengthDiff          // token count difference / longer side
	featNumberMiss          // numbers on one side only / all numbers
	featNameMiss            // names on one side only / all names
	featNegation            // one side negated, the other not
	featUnmatchedMax        // IDF mass of the unshared stems, larger side
	featUnmatchedMin        // IDF mass of the unshared stems, smaller side
	featBLEUMin             // BLEU-like n-gram precision (1-4), lower direction
	featBLEUMax             // BLEU-like n-gram precision (1-4), higher direction
	featEdit                // token edit distance / longer side
	featExtraTerms          // unshared content stems of the side with more, /10 capped at 1
	featChar3Dice           // Dice of character 3-grams
	featShortLen            // tokens of the shorter side / 40, capped at 1
	featCosineSq            // cosine squared
	featCharLCS             // char_dice × lcs
	// Number agreement: the same numbers on both sides, one side's numbers
	// a subset of the other's, both sides holding numbers the other lacks,
	// and how many numbers are unshared (/4, capped at 1).
	featNumEqual
	featNumSubset
	featNumDiffer
	featNumOnly
	// Unigram and bigram stem precision, each side against the other (lower,
	// higher direction).
	featStem1Min
	featStem1Max
	featStem2Min
	featStem2Max
	featLenRatio  // tokens of the shorter side / the longer side
	featQuoteMiss // one side quotes, the other does not
	featNameOnly  // names on one side only (/4, capped at 1)
	// The longest run of one sentence's content terms that the other lacks
	// (see missingRun): its length (/6, capped at 1) and its share of the
	// sentence's IDF mass, the larger and the smaller of the two sides.
	featRunMax
	featRunMin
	featRunShareMax
	featRunShareMin
	// Learned unmatched-stem weights (see model.unmatched): their sum over
	// the stems on one side only, the largest, and the sum of the negative
	// ones (stems whose absence hardly matters, "said", "also", a weekday).
	featUnmatchedSum
	featUnmatchedTop
	featUnmatchedNeg
	numFeatures
)

// numLexical is the number of features that do not depend on the learned
// unmatched-stem weights: they come first.
const numLexical = featUnmatchedSum

var featureNames = [numFeatures]string{
	"cosine", "term_min", "term_max", "word_dice", "bigram_dice", "trigram_dice",
	"char_dice", "lcs", "length_diff", "number_miss", "name_miss", "negation",
	"unmatched_max", "unmatched_min", "bleu_min", "bleu_max", "edit", "extra_terms", "char3_dice", "short_len", "cosine_sq", "char_lcs",
	"num_equal", "num_subset", "num_differ", "num_only",
	"stem1_min", "stem1_max", "stem2_min", "stem2_max", "len_ratio", "quote_miss", "name_only",
	"run_max", "run_min", "run_share_max", "run_share_min",
	"unmatched_sum", "unmatched_top", "unmatched_neg",
}

// grams are the hashed n-grams of a sentence that the pair features
// compare, each list sorted (for common): folded tokens (n = 1..4), stem
// unigrams, bigrams and trigrams, character 3- and 4-grams; the distinct
// stems by hash, to find the stems on one side only by a merge; and the
// folded tokens' hashes in order (seq), which the common subsequence and
// the edit distance compare instead of the strings.
type grams struct {
	tok                               [4][]uint64
	stem1, stem2, stem3, char3, char4 []uint64
	stems                             []stemKey
	seq                               []uint64
}

// stemKey is a distinct stem of a sentence and its hash.
type stemKey struct {
	h uint64
	s string
}

// hashed returns the sentence's n-grams, computed on first use: a sentence
// of an article is compared with several others.
func (s *sentence) hashed() *grams {
	if s.grams != nil {
		return s.grams
	}
	g := &grams{stem1: ngrams(s.stems, 1), stem2: ngrams(s.stems, 2), stem3: ngrams(s.stems, 3)}
	for n := 1; n <= 4; n++ {
		g.tok[n-1] = ngrams(s.folded, n)
	}
	g.seq = slices.Clone(g.tok[0])
	rs := charRunes(s.text)
	g.char3, g.char4 = charGrams(rs, 3), charGrams(rs, 4)
	for _, l := range [][]uint64{g.tok[0], g.tok[1], g.tok[2], g.tok[3], g.stem1, g.stem2, g.stem3, g.char3, g.char4} {
		slices.Sort(l)
	}
	g.stems = make([]stemKey, len(s.stems))
	for i, st := range s.stems {
		g.stems[i] = stemKey{fnvString(fnvOffset, st), st}
	}
	slices.SortFunc(g.stems, func(x, y stemKey) int { return cmp.Compare(x.h, y.h) })
	g.stems = slices.CompactFunc(g.stems, func(x, y stemKey) bool { return x.h == y.h })
	s.grams = g
	return g
}

// features computes the pair features; idf weighs content stems, and
// weights holds the learned unmatched-stem weights.
func features(a, b *sentence, idf func(string) float64, weights map[string]float64) [numFeatures]float64 {
	f := lexicalFeatures(a, b, idf)
	var u unmatchedSums
	eachUnmatched(a, b, func(s string) { u.add(weights[s]) })
	u.set(&f)
	return f
}

// lexicalFeatures computes the features that need no learned table (the
// unmatched-stem features are left zero).
func lexicalFeatures(a, b *sentence, idf func(string) float64) [numFeatures]float64 {
	var f [numFeatures]float64
	ua, ub := distinct(a.terms), distinct(b.terms)
	ta, tb := termWeights(a, ua, idf), termWeights(b, ub, idf)
	f[featCosine], f[featUnmatchedMax], f[featUnmatchedMin] = weighted(ua, ub, ta.w, tb.w)
	shared := float64(countIn(ua, ub))
	if la, lb := float64(len(ua)), float64(len(ub)); la > 0 && lb > 0 {
		f[featTermMin] = shared / math.Max(la, lb)
		f[featTermMax] = shared / math.Min(la, lb)
	}
	ga, gb := a.hashed(), b.hashed()
	f[featWordDice] = diceHashes(ga.tok[0], gb.tok[0])
	f[featBigramDice] = diceHashes(ga.stem2, gb.stem2)
	f[featTrigramDice] = diceHashes(ga.stem3, gb.stem3)
	f[featCharDice] = diceHashes(ga.char4, gb.char4)
	if longer := max(len(a.folded), len(b.folded)); longer > 0 {
		f[featLCS] = float64(lcs(ga.seq, gb.seq)) / float64(longer)
		f[featLengthDiff] = math.Abs(float64(len(a.folded)-len(b.folded))) / float64(longer)
	}
	f[featNumberMiss] = missRatio(a.nums, b.nums)
	f[featNameMiss] = missRatio(a.names, b.names)
	if a.neg != b.neg {
		f[featNegation] = 1
	}
	ab, ba := bleu(ga, gb)
	f[featBLEUMin], f[featBLEUMax] = math.Min(ab, ba), math.Max(ab, ba)
	if longer := max(len(a.folded), len(b.folded)); longer > 0 {
		f[featEdit] = float64(editDistance(ga.seq, gb.seq)) / float64(longer)
	}
	extra := max(len(ua), len(ub)) - int(shared)
	f[featExtraTerms] = math.Min(1, float64(extra)/10)
	f[featChar3Dice] = diceHashes(ga.char3, gb.char3)
	f[featShortLen] = math.Min(1, float64(min(len(a.folded), len(b.folded)))/40)
	f[featCosineSq] = f[featCosine] * f[featCosine]
	f[featCharLCS] = f[featCharDice] * f[featLCS]
	numbers(&f, a, b)
	f[featStem1Min], f[featStem1Max] = precisions(ga.stem1, gb.stem1)
	f[featStem2Min], f[featStem2Max] = precisions(ga.stem2, gb.stem2)
	if la, lb := len(a.folded), len(b.folded); la > 0 && lb > 0 {
		f[featLenRatio] = float64(min(la, lb)) / float64(max(la, lb))
	}
	if (a.quoted > 0) != (b.quoted > 0) {
		f[featQuoteMiss] = 1
	}
	onlyA, onlyB := onlyCounts(a.names, b.names)
	f[featNameOnly] = math.Min(1, float64(onlyA+onlyB)/4)
	na, ma := missingRun(ta, ub)
	nb, mb := missingRun(tb, ua)
	f[featRunMax] = math.Min(1, float64(max(na, nb))/6)
	f[featRunMin] = math.Min(1, float64(min(na, nb))/6)
	f[featRunShareMax], f[featRunShareMin] = math.Max(ma, mb), math.Min(ma, mb)
	return f
}

// missingRun returns the longest run of a sentence's content terms (in
// order) missing from other, stopwords neither counted nor breaking it,
// and the largest share of the sentence's IDF mass in such a run (a share,
// so that it does not move with the size of the corpus the IDF is counted
// over). A rewording swaps a word here and there; a clause only one side
// has ("until elections can be held", "as he screamed in pain") makes a
// run, and MSRP calls such pairs not paraphrases.
func missingRun(t termWeighting, other []string) (longest int, share float64) {
	run, m, mass, total := 0, 0.0, 0.0, 0.0
	for k, i := range t.of {
		w := t.idf[k]
		total += w
		if slices.Contains(other, t.u[i]) {
			run, m = 0, 0
			continue
		}
		run++
		m += w
		longest, mass = max(longest, run), math.Max(mass, m)
	}
	if total == 0 {
		return 0, 0
	}
	return longest, mass / total
}

// precisions returns the share of a's items found in b and of b's found in
// a (multisets, sorted), lower first.
func precisions(a, b []uint64) (lo, hi float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	c := float64(common(a, b))
	pa, pb := c/float64(len(a)), c/float64(len(b))
	return math.Min(pa, pb), math.Max(pa, pb)
}

// eachUnmatched calls fn with each distinct stem (stopwords and numbers
// included) found in one sentence and not the other, in order of hash: a
// merge of the two sentences' stems sorted by hash.
func eachUnmatched(a, b *sentence, fn func(string)) {
	x, y := a.hashed().stems, b.hashed().stems
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case j == len(y) || (i < len(x) && x[i].h < y[j].h):
			fn(x[i].s)
			i++
		case i == len(x) || y[j].h < x[i].h:
			fn(y[j].s)
			j++
		default:
			i++
			j++
		}
	}
}

// unmatchedStems returns the stems eachUnmatched visits.
func unmatchedStems(a, b *sentence) []string {
	var out []string
	eachUnmatched(a, b, func(s string) { out = append(out, s) })
	return out
}

// unmatchedSums accumulates the unmatched-stem features: the mean weight,
// the largest and the mean of the negative ones (a stem without a weight
// counts 0).
type unmatchedSums struct {
	sum, top, neg float64
	n             int
}

func (u *unmatchedSums) add(w float64) {
	u.sum += w
	u.top = math.Max(u.top, w)
	u.neg += math.Min(w, 0)
	u.n++
}

func (u *unmatchedSums) set(f *[numFeatures]float64) {
	sum, neg := u.sum, u.neg
	if u.n > 0 {
		sum, neg = sum/float64(u.n), neg/float64(u.n)
	}
	f[featUnmatchedSum], f[featUnmatchedTop], f[featUnmatchedNeg] = sum, u.top, neg
}

// setUnmatched sets the unmatched-stem features of the given stems from
// the learned weights.
func setUnmatched(f *[numFeatures]float64, stems []string, weights map[string]float64) {
	var u unmatchedSums
	for _, s := range stems {
		u.add(weights[s])
	}
	u.set(f)
}

// numbers sets the number agreement features: numbers present on one
// side and not the other are strong evidence against a paraphrase.
func numbers(f *[numFeatures]float64, a, b *sentence) {
	onlyA, onlyB := onlyCounts(a.nums, b.nums)
	switch {
	case len(a.nums)+len(b.nums) == 0:
	case onlyA == 0 && onlyB == 0:
		f[featNumEqual] = 1
	case onlyA == 0 || onlyB == 0:
		f[featNumSubset] = 1
	default:
		f[featNumDiffer] = 1
	}
	f[featNumOnly] = math.Min(1, float64(onlyA+onlyB)/4)
}

// onlyCounts counts the distinct items of a missing from b and of b
// missing from a.
func onlyCounts(a, b []string) (onlyA, onlyB int) {
	for i, x := range a {
		if !slices.Contains(a[:i], x) && !slices.Contains(b, x) {
			onlyA++
		}
	}
	for i, x := range b {
		if !slices.Contains(b[:i], x) && !slices.Contains(a, x) {
			onlyB++
		}
	}
	return onlyA, onlyB
}

// weighted returns the IDF-weighted cosine of two sentences' content
// stems (distinct: ua, ub, weighing wa, wb) and the shares of IDF mass
// left unshared on each side (larger, smaller). A stem weighs its count
// times its IDF.
func weighted(ua, ub []string, wa, wb []float64) (cos, missMax, missMin float64) {
	var dot, na, nb, massA, massB, unA, unB float64
	for i, t := range ua {
		w := wa[i]
		na += w * w
		massA += w
		if j := slices.Index(ub, t); j >= 0 {
			dot += w * wb[j]
		} else {
			unA += w
		}
	}
	for j, t := range ub {
		w := wb[j]
		nb += w * w
		massB += w
		if !slices.Contains(ua, t) {
			unB += w
		}
	}
	if na == 0 || nb == 0 {
		return 0, 1, 1
	}
	ra, rb := unA/massA, unB/massB
	return dot / math.Sqrt(na*nb), math.Max(ra, rb), math.Min(ra, rb)
}

// termWeighting is a sentence's content terms weighed: u the distinct
// stems and w the weight of each (its count times its IDF); for each of
// the sentence's terms in order, of its index in u and idf its IDF.
type termWeighting struct {
	u   []string
	w   []float64
	of  []int
	idf []float64
}

// termWeights weighs the distinct stems u of s (s.idf when the index has
// set them, else idf).
func termWeights(s *sentence, u []string, idf func(string) float64) termWeighting {
	n := len(s.terms)
	buf := make([]float64, len(u)+n)
	t := termWeighting{u: u, w: buf[:len(u)], of: make([]int, n), idf: buf[len(u):]}
	for k, term := range s.terms {
		i := slices.Index(u, term)
		v := 0.0
		if len(s.idf) == n {
			v = s.idf[k]
		} else {
			v = idf(term)
		}
		t.w[i] += v
		t.of[k], t.idf[k] = i, v
	}
	return t
}

// distinct returns the distinct items of xs, in order of first occurrence.
func distinct(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// countIn counts the items of a found in b.
func countIn(a, b []string) int {
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}

// dice is the Dice coefficient of two multisets.
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	ha, hb := tokenHashes(a), tokenHashes(b)
	slices.Sort(ha)
	slices.Sort(hb)
	return diceHashes(ha, hb)
}

// tokenHashes hashes each token (FNV-1a).
func tokenHashes(xs []string) []uint64 {
	out := make([]uint64, len(xs))
	for i, x := range xs {
		out[i] = fnvString(fnvOffset, x)
	}
	return out
}

// ngrams returns hashes of the n-grams of xs.
func ngrams(xs []string, n int) []uint64 {
	if len(xs) < n {
		return nil
	}
	out := make([]uint64, 0, len(xs)-n+1)
	for i := 0; i+n <= len(xs); i++ {
		h := uint64(fnvOffset)
		for _, x := range xs[i : i+n] {
			h = fnvByte(fnvString(h, x), 0x1f)
		}
		out = append(out, h)
	}
	return out
}

// charRunes folds s to lower-case letters, digits and single spaces.
func charRunes(s string) []rune {
	rs := make([]rune, 0, len(s))
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
			space = false
			continue
		}
		if !space {
			rs = append(rs, ' ')
			space = true
		}
	}
	return rs
}

// charGrams returns hashes of the character n-grams of folded runes.
func charGrams(rs []rune, n int) []uint64 {
	if len(rs) < n {
		return nil
	}
	out := make([]uint64, 0, len(rs)-n+1)
	for i := 0; i+n <= len(rs); i++ {
		h := uint64(fnvOffset)
		for _, r := range rs[i : i+n] {
			h = (h ^ uint64(r)) * fnvPrime
		}
		out = append(out, h)
	}
	return out
}

// diceHashes is the Dice coefficient of two sorted multisets of hashes.
func diceHashes(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(common(a, b)) / float64(len(a)+len(b))
}

// common is the size of the intersection of two sorted multisets (the
// lists of grams are sorted once, in hashed).
func common(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// lcs is the length of the longest common subsequence of two token lists
// (or of their hashes).
func lcs[T comparable](a, b []T) int {
	rows := make([]int, 2*(len(b)+1))
	prev, cur := rows[:len(b)+1], rows[len(b)+1:]
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// missRatio is the share of the distinct items found on one side only.
func missRatio(a, b []string) float64 {
	ua, ub := distinct(a), distinct(b)
	if len(ua)+len(ub) == 0 {
		return 0
	}
	miss := len(ua) - countIn(ua, ub) + len(ub) - countIn(ub, ua)
	return float64(miss) / float64(len(ua)+len(ub))
}

// bleu returns the BLEU-like scores of a against b and of b against a:
// the geometric mean of the add-one smoothed, clipped n-gram precisions
// (n = 1..4) of one side against the other. The clipped matches are the
// same both ways, so each n-gram level is counted once.
func bleu(a, b *grams) (ab, ba float64) {
	var logAB, logBA float64
	for n := 1; n <= 4; n++ {
		ha, hb := a.tok[n-1], b.tok[n-1]
		c := float64(common(ha, hb)) + 1
		logAB += math.Log(c / (float64(len(ha)) + 1))
		logBA += math.Log(c / (float64(len(hb)) + 1))
	}
	return math.Exp(logAB / 4), math.Exp(logBA / 4)
}

// editDistance is the Levenshtein distance between two token lists (or
// their hashes).
func editDistance[T comparable](a, b []T) int {
	rows := make([]int, 2*(len(b)+1))
	prev, cur := rows[:len(b)+1], rows[len(b)+1:]
	for j := range prev {
		prev[j] = j
	}
	for i := range a {
		cur[0] = i + 1
		for j := range b {
			cost := 1
			if a[i] == b[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j]+cost, prev[j+1]+1, cur[j]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
