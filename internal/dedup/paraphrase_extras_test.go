package dedup

import (
	"math"
	"slices"
	"strings"
)

func minmax(x, y float64) []float64 { return []float64{math.Min(x, y), math.Max(x, y)} }

// softPrec: share of a's distinct content terms matched in b exactly or by a
// shared prefix of 5+ runes (or the shorter whole, 4+).
func softPrec(a, b []string) float64 {
	ua, ub := distinct(a), distinct(b)
	if len(ua) == 0 {
		return 0
	}
	n := 0
	for _, x := range ua {
		if slices.Contains(ub, x) {
			n++
			continue
		}
		for _, y := range ub {
			if prefixMatch(x, y) {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(ua))
}

func prefixMatch(x, y string) bool {
	k := 0
	for k < len(x) && k < len(y) && x[k] == y[k] {
		k++
	}
	return k >= 5 || (k >= 4 && (k == len(x) || k == len(y)))
}

func dice64(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// runs: longest contiguous run of tokens of a whose stem b lacks (a run may
// hold stopwords that b has? no: any token absent from b).
func longestRun(a, b *sentence, content bool) int {
	best, cur := 0, 0
	for _, st := range a.stems {
		if !slices.Contains(b.stems, st) {
			cur++
			best = max(best, cur)
		} else {
			cur = 0
		}
	}
	return best
}

// contentRun: longest run of a's content terms missing from b, stopwords
// neither counted nor breaking the run; also the IDF mass of that run.
func contentRun(a, b *sentence, st *Stats) (int, float64) {
	best, cur := 0, 0
	bm, cm := 0.0, 0.0
	for _, t := range a.terms {
		if slices.Contains(b.terms, t) {
			cur, cm = 0, 0
			continue
		}
		cur++
		cm += st.IDF(t)
		if cur > best {
			best = cur
		}
		bm = math.Max(bm, cm)
	}
	return best, bm
}

var exExtras = map[string]func(a, b *sentence, st *Stats) []float64{
	"runs2": func(a, b *sentence, st *Stats) []float64 {
		ra, ma := contentRun(a, b, st)
		rb, mb := contentRun(b, a, st)
		x, y := float64(ra), float64(rb)
		return []float64{math.Min(1, math.Max(x, y)/6), math.Min(1, math.Min(x, y)/6), math.Min(1, math.Max(ma, mb)/25), math.Min(1, math.Min(ma, mb)/25)}
	},
	"runs": func(a, b *sentence, st *Stats) []float64 {
		ra, rb := float64(longestRun(a, b, false)), float64(longestRun(b, a, false))
		la, lb := float64(max(1, len(a.stems))), float64(max(1, len(b.stems)))
		return []float64{math.Min(1, math.Max(ra, rb)/10), math.Min(1, math.Min(ra, rb)/10), math.Max(ra/la, rb/lb), math.Min(ra/la, rb/lb)}
	},
	"soft": func(a, b *sentence, st *Stats) []float64 {
		return minmax(softPrec(a.terms, b.terms), softPrec(b.terms, a.terms))
	},
	"char5": func(a, b *sentence, st *Stats) []float64 {
		ra, rb := charRunes(a.text), charRunes(b.text)
		ga, gb := charGrams(ra, 5), charGrams(rb, 5)
		slices.Sort(ga)
		slices.Sort(gb)
		p, q := precisions(ga, gb)
		return []float64{diceHashes(ga, gb), p, q}
	},
	"char3prec": func(a, b *sentence, st *Stats) []float64 {
		p, q := precisions(a.hashed().char3, b.hashed().char3)
		r, s := precisions(a.hashed().char4, b.hashed().char4)
		return []float64{p, q, r, s}
	},
	"names": func(a, b *sentence, st *Stats) []float64 {
		x := 0.0
		if len(a.names)+len(b.names) > 0 {
			x = 1 - missRatio(a.names, b.names)
		}
		return []float64{x, dice64(a.fullNames, b.fullNames), math.Min(1, float64(len(a.fullNames)+len(b.fullNames))/4)}
	},
	"lens": func(a, b *sentence, st *Stats) []float64 {
		la, lb := float64(len(distinct(a.terms))), float64(len(distinct(b.terms)))
		sh := float64(countIn(distinct(a.terms), distinct(b.terms)))
		return []float64{math.Min(1, math.Min(la, lb)/20), math.Min(1, math.Max(la, lb)/20), math.Min(1, (math.Min(la, lb)-sh)/10)}
	},
	"tokprec": func(a, b *sentence, st *Stats) []float64 {
		ga, gb := a.hashed(), b.hashed()
		var out []float64
		for n := 0; n < 4; n++ {
			p, q := precisions(ga.tok[n], gb.tok[n])
			out = append(out, p, q)
		}
		return out
	},
	"stem3prec": func(a, b *sentence, st *Stats) []float64 {
		p, q := precisions(a.hashed().stem3, b.hashed().stem3)
		return []float64{p, q}
	},
	"ends": func(a, b *sentence, st *Stats) []float64 {
		var f, l float64
		if len(a.folded) > 0 && len(b.folded) > 0 {
			if a.folded[0] == b.folded[0] {
				f = 1
			}
			ta, tb := a.folded[len(a.folded)-1], b.folded[len(b.folded)-1]
			if ta == tb {
				l = 1
			}
		}
		return []float64{f, l}
	},
	"quad": func(a, b *sentence, st *Stats) []float64 {
		f := lexicalFeatures(a, b, st.IDF)
		return []float64{f[featStem1Min] * f[featStem1Min], f[featStem1Min] * f[featLenRatio], f[featChar3Dice] * f[featChar3Dice], f[featCosine] * f[featLenRatio], f[featStem1Min] * f[featStem1Max]}
	},
	"negcnt": func(a, b *sentence, st *Stats) []float64 {
		c := func(s *sentence) int {
			n := 0
			for _, w := range s.folded {
				if negation(w) {
					n++
				}
			}
			return n
		}
		x := 0.0
		if c(a) != c(b) {
			x = 1
		}
		return []float64{x}
	},
	"said": func(a, b *sentence, st *Stats) []float64 {
		has := func(s *sentence) bool {
			for _, w := range s.stems {
				if w == "said" || w == "say" || w == "told" {
					return true
				}
			}
			return false
		}
		x := 0.0
		if has(a) != has(b) {
			x = 1
		}
		return []float64{x}
	},
	"idfmass": func(a, b *sentence, st *Stats) []float64 {
		// IDF mass of unshared content terms, absolute (not share), each side
		ua, ub := distinct(a.terms), distinct(b.terms)
		var x, y float64
		for _, t := range ua {
			if !slices.Contains(ub, t) {
				x += st.IDF(t)
			}
		}
		for _, t := range ub {
			if !slices.Contains(ua, t) {
				y += st.IDF(t)
			}
		}
		return []float64{math.Min(1, math.Min(x, y)/30), math.Min(1, math.Max(x, y)/30)}
	},
	"caps": func(a, b *sentence, st *Stats) []float64 {
		// token dice of lowercase-insensitive capitalised tokens incl sentence-initial
		_ = strings.ToLower
		return []float64{math.Min(1, float64(abs(a.nameWords-b.nameWords))/4)}
	},
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
