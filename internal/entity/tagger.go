package entity

// tagger tags the sentences of one document in order, remembering the types
// it gave to capitalised words.
type tagger struct {
	m     *Model
	buf   sentence
	feats []uint32
	// ctxFeats holds the features of a word's contexts being scored.
	ctxFeats []uint32
	hist     history
	doc      docCase
	ctx      *docContext
	types    map[uint64]*typeScores
	recent   *[recentTypes]recentType // the words last seen, before types
	shapes   *[recentShapes]shapeScores
	ts       []*typeScores // per word of the sentence being tagged, 3 pads each side
	alone    []uint32      // per word of that sentence, typeScores.gaz
	// words are the document's words, sents where each sentence's are.
	words []word
	sents []docSentence
	// rec is the working storage of Recognize.
	rec recognizeBuf
}

// docSentence is a sentence of the document being tagged: its words
// tagger.words[from:to] and whether it is in capitals.
type docSentence struct {
	from, to int
	caps     bool
}

// typeScores are the summed weights of one word's features at each
// offset, and, once asked for, of its features with the label before it
// when that label is O, the most common case. For a capitalised word they
// also hold its gazetteer value as a name of one word and the summed
// weights of that name's features (nameKeys), so that a word form is
// looked up in the gazetteer once, not at each occurrence.
type typeScores struct {
	off       [nOffsets][nLabels]int32
	afterO    [nLabels]int32
	hasAfterO bool
	listed    bool   // list holds the weights of a listed name
	gaz       uint32 // 0 if the word alone is not in the gazetteer
	list      [nLabels]int32
}

// maxTypes bounds the cache of word scores.
const maxTypes = 1 << 16

// recentTypes sizes the direct-mapped cache in front of tagger.types.
const recentTypes = 1 << 12

// recentType is an entry of that cache: a word's exact hash and scores.
type recentType struct {
	exact uint64
	ts    *typeScores
}

// recentShapes sizes the direct-mapped cache of the weights of shapeKeys.
const (
	recentShapeBits = 9
	recentShapes    = 1 << recentShapeBits
)

// shapeScores are the summed weights of the shapeKeys of one word's shape
// (w0) and its neighbours' (m1, p1), when ok.
type shapeScores struct {
	m1, w0, p1 uint64
	sum        [nLabels]int32
	ok         bool
}

// shapeScoresOf returns the summed weights of the shapeKeys of position i
// of s, from the cache: a text has few shapes, and fewer triples of them.
func (t *tagger) shapeScoresOf(s *sentence, i int) *[nLabels]int32 {
	m1, w0, p1 := s.at(i-1).shape, s.at(i).shape, s.at(i+1).shape
	h := (m1 + w0*3 + p1*5) * 0x9e3779b97f4a7c15
	e := &t.shapes[h>>(64-recentShapeBits)]
	if !e.ok || e.m1 != m1 || e.w0 != w0 || e.p1 != p1 {
		var buf [3]uint32
		*e = shapeScores{m1: m1, w0: w0, p1: p1, ok: true}
		t.m.score(shapeKeys(buf[:0], m1, w0, p1), &e.sum)
	}
	return &e.sum
}

// typeOf returns the cached scores of word w.
func (t *tagger) typeOf(w *word) *typeScores {
	r := &t.recent[w.exact%recentTypes]
	if r.ts != nil && r.exact == w.exact {
		return r.ts
	}
	ts := t.lookUpType(w)
	*r = recentType{exact: w.exact, ts: ts}
	return ts
}

// lookUpType returns the scores of word w from t.types, computing them the
// first time.
func (t *tagger) lookUpType(w *word) *typeScores {
	if ts, ok := t.types[w.exact]; ok {
		return ts
	}
	if len(t.types) >= maxTypes {
		clear(t.types)
	}
	ts := new(typeScores)
	if w.cluster == 0 {
		// The cluster is looked up here, once per word form, not when
		// the word is made.
		wc := *w
		wc.cluster = t.m.clusters.of(w.lower)
		w = &wc
	}
	for off := range nOffsets {
		t.feats = wordKeys(t.feats[:0], w, off)
		t.m.score(t.feats, &ts.off[off])
	}
	if w.capital && len(t.m.gaz) > 0 {
		ts.gaz = t.m.gaz[phraseKey(phraseHash(0, w.lower))]
		if ts.gaz&^gazPrefix != 0 {
			t.feats = nameKeys(t.feats[:0], ts.gaz, gazPart(0, 0, 1), 1)
			t.m.score(t.feats, &ts.list)
			ts.listed = true
		}
	}
	t.types[w.exact] = ts
	return ts
}

func newTagger(m *Model) *tagger {
	return &tagger{m: m, hist: history{}, doc: docCase{}, ctx: newDocContext(), types: map[uint64]*typeScores{}, recent: new([recentTypes]recentType), shapes: new([recentShapes]shapeScores)}
}

// getTagger takes a tagger from the model's pool; putTagger returns it.
func (m *Model) getTagger() *tagger {
	if t, ok := m.taggers.Get().(*tagger); ok {
		return t
	}
	return newTagger(m)
}

func (m *Model) putTagger(t *tagger) { m.taggers.Put(t) }

// reset starts a new document made of the given sentences.
func (t *tagger) reset(sentences [][]string) {
	clear(t.hist)
	clear(t.doc)
	t.ctx.reset()
	t.words, t.sents = t.words[:0], t.sents[:0]
	for _, words := range sentences {
		from := len(t.words)
		for _, w := range words {
			t.words = append(t.words, makeWord(w))
		}
		ws := t.words[from:]
		caps := capsWords(ws)
		t.sents = append(t.sents, docSentence{from: from, to: len(t.words), caps: caps})
		t.doc.addWords(ws, caps)
		t.ctx.addWords(ws)
	}
}

// sentenceWords returns the words of sentence i of the document.
func (t *tagger) sentenceWords(i int) []word {
	return t.words[t.sents[i].from:t.sents[i].to:t.sents[i].to]
}

// tag appends one label per word of sentence i of the document to out,
// greedily left to right.
func (t *tagger) tag(i int, out []int) []int {
	s := t.prepareSentence(i)
	prev, prev2 := -1, -1
	var scores [nLabels]int32
	for i := range s.words {
		t.positionScores(s, i, prev, prev2, &scores)
		best := bestLabel(&scores, prev)
		out = append(out, best)
		t.hist.record(&s.words[i], best)
		prev2, prev = prev, best
	}
	return out
}

// prepareSentence prepares sentence i of the document for positionScores:
// prepareForTagging, the scores of its words (lookUpWords) and its
// gazetteer keys, those of names of one word left out as their weights are
// in the words' scores.
func (t *tagger) prepareSentence(i int) *sentence {
	s := prepareForTagging(t.sentenceWords(i), t.sents[i].caps, &t.buf, t.doc, t.ctx)
	t.lookUpWords(s)
	n := len(s.words)
	t.alone = resize(&t.alone, n)
	for j := range n {
		t.alone[j] = t.ts[j+3].gaz
	}
	s.masks = resize(&s.masks, n)
	gazKeys(t.m.gaz, s.words, s.static, s.masks, t.alone)
	return s
}

// positionScores sums the weights of every feature of position i, given
// the labels before it, in scores: the same sum as scoring the keys of
// allKeys and dynamic, with cached word scores (s made by prepareSentence)
// and tables for the rest.
func (t *tagger) positionScores(s *sentence, i, prev, prev2 int, scores *[nLabels]int32) {
	c := &t.m.consts
	w0 := &s.words[i]
	pv := uint64(prev + 1)
	t.m.score(s.static[i], scores)
	self := t.ts[i+3]
	if self.listed {
		addScores(scores, &self.list)
	}
	t.feats = t.feats[:0]
	if prev == labelO {
		if !self.hasAfterO {
			t.feats = append(t.feats, key(tPrevLower, mix(pv, w0.lower)), key(tPrevShape, mix(pv, w0.shape)))
			t.m.score(t.feats, &self.afterO)
			self.hasAfterO = true
			t.feats = t.feats[:0]
		}
		addScores(scores, &self.afterO)
	} else {
		t.feats = append(t.feats, key(tPrevLower, mix(pv, w0.lower)), key(tPrevShape, mix(pv, w0.shape)))
	}
	major := -1
	if w0.capital {
		if h, ok := t.hist.majority(w0); ok {
			major = h
			t.feats = append(t.feats, key(tHistoryShape, mix(uint64(h), w0.shape)))
		}
	}
	t.m.addScores(t.feats, scores)
	addScores(scores, &c.bias)
	addScores(scores, &c.runs[s.runs[i]])
	addScores(scores, t.shapeScoresOf(s, i))
	addScores(scores, &c.prevs[prev+1][prev2+1])
	if major >= 0 {
		addScores(scores, &c.histories[major])
	}
	if code := s.codes[i]; code >= 0 {
		addScores(scores, &c.docCodes[code])
		if ctx := s.ctxs[i]; ctx != nil {
			addScores(scores, t.contextScores(ctx))
		}
	}
	for off := range nOffsets {
		addScores(scores, &t.ts[i+3+offsetDelta[off]].off[off])
	}
}

// The unrolled sums below are written for nine labels.
var (
	_ [nLabels - 9]struct{}
	_ [9 - nLabels]struct{}
)

func addScores(to, from *[nLabels]int32) {
	// Unrolled: the loop is the tagger's hottest.
	to[0] += from[0]
	to[1] += from[1]
	to[2] += from[2]
	to[3] += from[3]
	to[4] += from[4]
	to[5] += from[5]
	to[6] += from[6]
	to[7] += from[7]
	to[8] += from[8]
}

// contextScores returns the summed weights of a word's document contexts,
// scoring them the first time.
func (t *tagger) contextScores(c *contexts) *[nLabels]int32 {
	if !c.scored {
		t.ctxFeats = c.appendKeys(t.ctxFeats[:0])
		t.m.score(t.ctxFeats, &c.sum)
		c.scored = true
	}
	return &c.sum
}

// lookUpWords fills t.ts with the scores of the sentence's words.
func (t *tagger) lookUpWords(s *sentence) {
	t.ts = t.ts[:0]
	for i := -3; i < len(s.words)+3; i++ {
		t.ts = append(t.ts, t.typeOf(s.at(i)))
	}
}

// bestLabel picks the highest-scoring label that may follow prev: an I-X
// only continues an X.
func bestLabel[T int32 | float32](scores *[nLabels]T, prev int) int {
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
	t := m.getTagger()
	defer m.putTagger(t)
	t.reset(sentences)
	out := make([][]string, len(sentences))
	var labels []int
	for i := range sentences {
		labels = t.tag(i, labels[:0])
		tags := make([]string, len(labels))
		for j, l := range labels {
			tags[j] = labelNames[l]
		}
		out[i] = tags
	}
	return out
}
