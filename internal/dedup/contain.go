package dedup

import "slices"

// containment is the IDF-weighted share of the smaller sentence's distinct
// content stems that the other sentence also holds, and how many are
// shared: a rewrite that shortens, merges or pads a sentence keeps most of
// the shorter side's content words, names and numbers.
func containment(a, b *sentence, idf func(string) float64) (share float64, shared int) {
	ua, ub := distinct(a.terms), distinct(b.terms)
	if len(ua) > len(ub) {
		ua, ub, a = ub, ua, b
	}
	var in, all float64
	for _, t := range ua {
		w := termIDF(a, t, idf)
		all += w
		if slices.Contains(ub, t) {
			in += w
			shared++
		}
	}
	if all == 0 {
		return 0, 0
	}
	return in / all, shared
}

// Containment thresholds of a derived sentence pair.
const (
	containShare  = 0.5
	containShared = 4
)

// contained reports whether one sentence keeps most of the other's content
// (a shortened, merged or padded rewrite that the paraphrase score, which
// penalises added material, rates low).
func contained(a, b *sentence, idf func(string) float64) bool {
	share, shared := containment(a, b, idf)
	return share >= containShare && shared >= containShared
}

// termIDF is the IDF of a stem of s (s.idf when the index has set it).
func termIDF(s *sentence, t string, idf func(string) float64) float64 {
	if len(s.idf) == len(s.terms) {
		if k := slices.Index(s.terms, t); k >= 0 {
			return s.idf[k]
		}
	}
	return idf(t)
}
