package entity

// tagger tags the sentences of one document in order, remembering the types
// it gave to capitalised words.
type tagger struct {
	m     *Model
	buf   sentence
	feats []uint32
	hist  history
	doc   docCase
}

func newTagger(m *Model) *tagger {
	return &tagger{m: m, hist: history{}, doc: docCase{}}
}

// reset starts a new document made of the given sentences.
func (t *tagger) reset(sentences [][]string) {
	clear(t.hist)
	clear(t.doc)
	for _, words := range sentences {
		t.doc.add(words)
	}
}

// tag appends one label per word to out, greedily left to right.
func (t *tagger) tag(words []string, out []int) []int {
	s := prepare(words, &t.buf, t.doc)
	prev, prev2 := -1, -1
	var scores [nLabels]float32
	for i := range s.words {
		t.feats = append(t.feats[:0], s.static[i]...)
		t.feats = dynamic(t.feats, s, i, prev, prev2, t.hist)
		t.m.score(t.feats, &scores)
		best := bestLabel(&scores, prev)
		out = append(out, best)
		t.hist.record(&s.words[i], best)
		prev2, prev = prev, best
	}
	return out
}

// bestLabel picks the highest-scoring label that may follow prev: an I-X
// only continues an X.
func bestLabel(scores *[nLabels]float32, prev int) int {
	best := -1
	for l := range nLabels {
		if l != labelO && l%2 == 0 && (prev < 0 || labelType(prev) != labelType(l)) {
			continue
		}
		if best < 0 || scores[l] > scores[best] {
			best = l
		}
	}
	return best
}

// TagDocument returns IOB2 tags ("B-PER", "I-PER", "O", ...) for each
// sentence of a document.
func (m *Model) TagDocument(sentences [][]string) [][]string {
	t := newTagger(m)
	t.reset(sentences)
	out := make([][]string, len(sentences))
	var labels []int
	for i, words := range sentences {
		labels = t.tag(words, labels[:0])
		tags := make([]string, len(labels))
		for j, l := range labels {
			tags[j] = labelNames[l]
		}
		out[i] = tags
	}
	return out
}
