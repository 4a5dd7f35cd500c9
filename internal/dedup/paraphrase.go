package dedup

import (
	"math"
	"slices"

	"github.com/parallax-news/parallax/internal/text"
)

// Stats counts, for each content stem, the sentences that hold it, so that
// the pair decision can weigh rare stems above common ones (inverse
// sentence frequency). The zero value is not usable; call NewStats.
type Stats struct {
	ids       map[string]uint32
	freq      []uint32
	sentences int
}

// NewStats returns empty statistics.
func NewStats() *Stats {
	return &Stats{ids: make(map[string]uint32)}
}

// AddSentence counts the distinct content stems of one sentence.
func (s *Stats) AddSentence(sent string) {
	s.addTerms(text.Terms(sent))
}

func (s *Stats) addTerms(terms []string) {
	s.sentences++
	for k, t := range terms {
		if slices.Contains(terms[:k], t) {
			continue
		}
		s.freq[s.intern(t)]++
	}
}

// addIDs counts one sentence given the interned ids of its stems.
func (s *Stats) addIDs(ids []uint32) {
	s.sentences++
	for k, id := range ids {
		if !slices.Contains(ids[:k], id) {
			s.freq[id]++
		}
	}
}

func (s *Stats) intern(t string) uint32 {
	if id, ok := s.ids[t]; ok {
		return id
	}
	id := uint32(len(s.freq))
	s.ids[t] = id
	s.freq = append(s.freq, 0)
	return id
}

// IDF returns the smoothed inverse sentence frequency of a content stem:
// 1 + ln((N+1)/(n+1)) for a stem held by n of N sentences.
func (s *Stats) IDF(term string) float64 {
	if s == nil {
		return 1
	}
	n := 0.0
	if id, ok := s.ids[term]; ok {
		n = float64(s.freq[id])
	}
	return 1 + math.Log((float64(s.sentences)+1)/(n+1))
}

// Similar scores whether two sentences say the same thing (a paraphrase):
// the probability given by a logistic combination of lexical features
// (stem cosine, n-gram and character overlap, stem precisions, common
// subsequence, length, numbers, names, quotes, negation, learned weights
// of the stems on one side only), and the decision same = score >=
// threshold. Two sentences one of which has no word are not paraphrases.
// It is the decision the sentence alignment uses, and the one that
// `parallax eval paraphrase` scores. A nil Stats weighs all stems alike.
func (s *Stats) Similar(a, b string) (score float64, same bool) {
	sa, sb := analyse(a), analyse(b)
	return s.similar(&sa, &sb)
}

func (s *Stats) similar(a, b *sentence) (float64, bool) {
	if len(a.folded) == 0 || len(b.folded) == 0 {
		return 0, false // nothing said is no paraphrase
	}
	m := paraphraseModel()
	p := s.score(&m, a, b)
	return p, p >= m.threshold
}

func (s *Stats) score(m *model, a, b *sentence) float64 {
	f := features(a, b, s.IDF, m.unmatched)
	z := m.bias
	for i, x := range f {
		z += m.weights[i] * (x - m.mean[i]) / m.scale[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// RelatedThreshold is the score from which the alignment counts a sentence
// pair as derived (see Config.Related).
func RelatedThreshold() float64 { return paraphraseModel().related }

// SimilarSentences is Similar without corpus statistics: every stem weighs
// the same.
func SimilarSentences(a, b string) (score float64, same bool) {
	var s *Stats
	return s.Similar(a, b)
}

// model is a logistic regression over standardised features with three
// operating points: threshold decides "same content" (a paraphrase, as
// MSRP labels it); strong decides "paraphrase outright" between the
// sentences of two articles, and related "derived from" in their
// alignment, where a rewrite may shorten, merge or pad a sentence (see
// TestTrain for how each is set).
type model struct {
	mean, scale, weights [numFeatures]float64
	bias, threshold      float64
	strong, related      float64
	// unmatched weighs a stem found in one sentence of a pair and not the
	// other: the smoothed log-odds, on the MSRP training pairs, that a pair
	// with the stem on one side only is not a paraphrase, relative to all
	// pairs (discriminative term weights after Ji and Eisenstein's TF-KLD,
	// 2013). A "said" on one side only counts for a paraphrase (-0.29: a
	// rewording drops or adds attributions); a "not" (+0.69), "million"
	// (+0.44) or "percent" (+0.36) on one side only counts against it.
	unmatched map[string]float64
}
