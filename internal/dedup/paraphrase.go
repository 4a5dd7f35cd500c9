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
	return m.prob(&f)
}

// prob is the mean of the two learners' probabilities: the logistic
// regression's and the boosted trees'.
func (m *model) prob(f *[numFeatures]float64) float64 {
	z := m.bias
	for i, x := range f {
		z += m.weights[i] * (x - m.mean[i]) / m.scale[i]
	}
	p := 1 / (1 + math.Exp(-z))
	if len(m.treeLeaf) == 0 {
		return p
	}
	return (p + 1/(1+math.Exp(-m.boosted(f)))) / 2
}

// boosted is the log-odds the trees give: their base plus the leaf each
// tree sends the pair to. The trees are complete, so the walk down is the
// same three steps for every pair, with no branch on the data.
func (m *model) boosted(f *[numFeatures]float64) float64 {
	z := m.treeBase
	for t := range len(m.treeLeaf) / treeLeaves {
		feat := m.treeFeat[t*treeInner : (t+1)*treeInner]
		split := m.treeSplit[t*treeInner : (t+1)*treeInner]
		i := 0
		for range treeDepth {
			i = 2*i + 1 + above(f[feat[i]], split[i])
		}
		z += m.treeLeaf[t*treeLeaves+i-treeInner]
	}
	return z
}

// above is 1 when x > y, else 0 (the compiler makes it a flag, not a
// branch, which the data would make unpredictable).
func above(x, y float64) int {
	if x > y {
		return 1
	}
	return 0
}

// The boosted trees are complete binary trees of depth treeDepth: a tree
// with a leaf higher up repeats it below a split that sends every pair left.
const (
	treeDepth  = 3
	treeInner  = 1<<treeDepth - 1
	treeLeaves = 1 << treeDepth
)

// RelatedThreshold is the score from which the alignment counts a sentence
// pair as derived (see Config.Related).
func RelatedThreshold() float64 { return paraphraseModel().related }

// SimilarSentences is Similar without corpus statistics: every stem weighs
// the same.
func SimilarSentences(a, b string) (score float64, same bool) {
	var s *Stats
	return s.Similar(a, b)
}

// model averages the probabilities of two learners over the same
// features: a logistic regression over standardised features, and
// gradient-boosted regression trees (small trees, which combine features
// where the regression can only add them: a long sentence with a wide
// overlap is not a short one with the same shares). It has three operating
// points: threshold decides "same content" (a paraphrase, as MSRP labels
// it); strong decides "paraphrase outright" between the sentences of two
// articles, and related "derived from" in their alignment, where a rewrite
// may shorten, merge or pad a sentence (see TestTrain for how each is
// set).
type model struct {
	mean, scale, weights [numFeatures]float64
	bias, threshold      float64
	strong, related      float64
	// The boosted trees: tree t sends a pair from its inner node i (0 the
	// root, 2i+1 and 2i+2 its children) to the right when feature
	// treeFeat[t*treeInner+i] exceeds treeSplit[t*treeInner+i], and adds
	// the value of the leaf it reaches (treeLeaf[t*treeLeaves:], left to
	// right) to treeBase, the log-odds the trees start from.
	treeFeat  []uint8
	treeSplit []float64
	treeLeaf  []float64
	treeBase  float64
	// unmatched weighs a stem found in one sentence of a pair and not the
	// other: the smoothed log-odds, on the MSRP training pairs, that a pair
	// with the stem on one side only is not a paraphrase, relative to all
	// pairs (discriminative term weights after Ji and Eisenstein's TF-KLD,
	// 2013). A "said" on one side only counts for a paraphrase (-0.29: a
	// rewording drops or adds attributions); a "not" (+0.69), "million"
	// (+0.44) or "percent" (+0.36) on one side only counts against it.
	unmatched map[string]float64
}
