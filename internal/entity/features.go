package entity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Labels are IOB2 tags over the four CoNLL types.
const (
	labelO = iota
	labelBPER
	labelIPER
	labelBORG
	labelIORG
	labelBLOC
	labelILOC
	labelBMISC
	labelIMISC
	nLabels
)

var labelNames = [nLabels]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

// typeNames are the entity types in label order: label l>0 has type (l-1)/2.
var typeNames = [4]string{"PER", "ORG", "LOC", "MISC"}

func labelIndex(tag string) int {
	for i, n := range labelNames {
		if n == tag {
			return i
		}
	}
	return labelO
}

// labelType is 0 for O and 1+type for an entity label.
func labelType(l int) int {
	if l == labelO {
		return 0
	}
	return 1 + (l-1)/2
}

// Feature templates. The numbers are part of the weights file: append, never
// renumber.
const (
	tBias uint64 = iota + 1
	tLower
	tLowerM1
	tLowerM2
	tLowerP1
	tLowerP2
	tShape
	tShapeM1
	tShapeP1
	tShapeM1S
	tShapeSP1
	tShape3
	tPre1
	tPre2
	tPre3
	tPre4
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tBigramM1
	tBigramP1
	tExact
	tFirst
	tCapsSent
	tRun
	tLongShape
	tLowerM1Shape
	tShapeLowerP1
	tHistory
	tHistoryShape
	tPrev
	tPrev2
	tPrevLower
	tPrevShape
	tLowerM3
	tLowerP3
	tDocCase
	tDocCaseLower
	tAggLeft
	tAggRight
	tGaz
	tGazLen
	tList
	tListLen
	tListMask
	tListPair
	tListRun
	tCluster
	tClusterM1
	tClusterP1
	tClusterM2
	tClusterP2
)

// word holds the per-token hashes the templates combine.
type word struct {
	lower, exact, shape, long uint64
	pre, suf                  [4]uint64
	capital                   bool // starts with an upper-case letter
	lowerStart                bool // starts with a lower-case letter
	letters, upper            int  // letters, and upper-case ones among them
	// cluster is the word's cluster path with clusterKnown, 0 for a word
	// without one (wordClusters.of), clusterPad for the padding.
	cluster uint32
}

const (
	hashSeed  uint64 = 14695981039346656037
	hashPrime uint64 = 1099511628211
)

func mix(a, b uint64) uint64 {
	h := a*0x9e3779b97f4a7c15 ^ b
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func hashString(s string) uint64 {
	h := hashSeed
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= hashPrime
	}
	return h
}

func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		h ^= uint64(r)
		return h * hashPrime
	}
	for r > 0 {
		h ^= uint64(r & 0xff)
		h *= hashPrime
		r >>= 8
	}
	return h
}

// Boundary words pad the sentence on both sides; padStart and padEnd are
// never written.
const (
	padStartHash uint64 = 1
	padEndHash   uint64 = 2
)

// makeWord computes the hashes of one token: its lower-cased form with
// digits as 0, its exact form, its shape (Xx, X.X., d-d) collapsed and long,
// and its first and last one to four letters.
func makeWord(s string) word {
	var w word
	w.exact = hashString(s)
	lower, shape, long := hashSeed, hashSeed, hashSeed
	var last rune = -1
	n := 0
	var runes [64]rune
	nr := 0
	for i, r := range s {
		var c, lr rune
		if r < utf8.RuneSelf {
			// shapeClass, unicode.ToLower and unicode.IsDigit for ASCII.
			switch {
			case 'A' <= r && r <= 'Z':
				c, lr = 'X', r+'a'-'A'
			case 'a' <= r && r <= 'z':
				c, lr = 'x', r
			case '0' <= r && r <= '9':
				c, lr = 'd', '0'
			default:
				c, lr = r, r
			}
		} else {
			c = shapeClass(r)
			lr = unicode.ToLower(r)
			if unicode.IsDigit(lr) {
				lr = '0'
			}
		}
		if i == 0 {
			w.capital = c == 'X'
			w.lowerStart = unicode.IsLower(r)
		}
		if c == 'X' {
			w.letters++
			w.upper++
		} else if r < utf8.RuneSelf && c == 'x' || r >= utf8.RuneSelf && unicode.IsLetter(r) {
			w.letters++
		}
		if n < 12 {
			long = hashRune(long, c)
		}
		n++
		if c != last {
			shape = hashRune(shape, c)
			last = c
		}
		lower = hashRune(lower, lr)
		if nr < len(runes) {
			runes[nr] = lr
			nr++
		}
	}
	w.lower, w.shape, w.long = lower, shape, long
	p := hashSeed
	for k := 0; k < 4 && k < nr; k++ {
		p = hashRune(p, runes[k]) // the hash of runes[:k+1]
		w.pre[k] = p
		q := hashSeed
		for _, r := range runes[nr-k-1 : nr] {
			q = hashRune(q, r)
		}
		w.suf[k] = q
	}
	return w
}

func shapeClass(r rune) rune {
	switch {
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLower(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	case unicode.IsLetter(r):
		return 'x'
	}
	return r
}

// sentence is a sentence prepared for tagging: its words' hashes and the
// static features of each position.
type sentence struct {
	own    []word // storage of words for prepare
	words  []word
	static [][]uint32 // feature keys per position, before the tag history
	runs   []uint64   // capitalised-run code per position
	masks  []uint64   // external lists of each capitalised word (gazKeys)
	// codes and ctxs are set by prepareForTagging.
	codes []int8
	ctxs  []*contexts
}

// capsWords is isCapsSentence over made words.
func capsWords(words []word) bool {
	letters, upper := 0, 0
	for i := range words {
		letters += words[i].letters
		upper += words[i].upper
	}
	return letters >= 6 && upper*10 >= letters*9
}

func isCapsSentence(words []string) bool {
	letters, upper := 0, 0
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return letters >= 6 && upper*10 >= letters*9
}

// docCase records, per lower-cased word of a document, whether it was seen
// starting with a lower-case letter (1) and capitalised inside a sentence
// that is not all capitals (2).
type docCase map[uint64]uint8

func (d docCase) add(words []string) {
	caps := isCapsSentence(words)
	for i, s := range words {
		r, _ := utf8.DecodeRuneInString(s)
		switch {
		case unicode.IsLower(r):
			d[lowerHash(s)] |= 1
		case unicode.IsUpper(r) && i > 0 && !caps:
			d[lowerHash(s)] |= 2
		}
	}
}

// addWords is add over made words; caps is capsWords(words).
func (d docCase) addWords(words []word, caps bool) {
	for i := range words {
		w := &words[i]
		switch {
		case w.lowerStart:
			d[w.lower] |= 1
		case w.capital && i > 0 && !caps:
			d[w.lower] |= 2
		}
	}
}

// docContext records, per lower-cased capitalised word of a document, the
// words seen just before and after its capitalised occurrences (as
// lower-case hashes marked by side), so that every mention of a name shares
// the evidence of the others ("Mr Clinton" early on tells "Clinton" later
// in the text is a person).
// The contexts of the words are kept in one list, which the next
// document reuses.
type docContext struct {
	index map[uint64]int32 // word → its contexts in list
	list  []contexts
}

func newDocContext() *docContext { return &docContext{index: map[uint64]int32{}} }

// reset empties d for the next document.
func (d *docContext) reset() {
	clear(d.index)
	d.list = d.list[:0]
}

// of returns the contexts of word k, or nil. The pointer holds until the
// next word is noted.
func (d *docContext) of(k uint64) *contexts {
	i, ok := d.index[k]
	if !ok {
		return nil
	}
	return &d.list[i]
}

// contexts are the neighbours of a word's n capitalised occurrences. A
// word's own neighbours count too: the features then also say what a
// capitalised word's neighbours are, which the plain neighbour features do
// not (0.898 dev F1 with them, 0.894 with other occurrences only).
type contexts struct {
	n  int
	nv int // contexts in v
	v  [maxContexts]uint64
	// sum is the summed weights of the features of v when scored is set:
	// the tagger scores a word's contexts once per document.
	sum    [nLabels]int32
	scored bool
}

// maxContexts bounds the contexts kept per word of a document.
const maxContexts = 12

func (d *docContext) add(words []string) {
	for i, s := range words {
		r, _ := utf8.DecodeRuneInString(s)
		if !unicode.IsUpper(r) {
			continue
		}
		left, right := padStartHash, padEndHash
		if i > 0 {
			left = lowerHash(words[i-1])
		}
		if i+1 < len(words) {
			right = lowerHash(words[i+1])
		}
		d.note(lowerHash(s), left, right)
	}
}

// addWords is add over made words.
func (d *docContext) addWords(words []word) {
	for i := range words {
		if !words[i].capital {
			continue
		}
		left, right := padStartHash, padEndHash
		if i > 0 {
			left = words[i-1].lower
		}
		if i+1 < len(words) {
			right = words[i+1].lower
		}
		d.note(words[i].lower, left, right)
	}
}

// note records the neighbours of one capitalised occurrence of word k.
func (d *docContext) note(k, left, right uint64) {
	c := d.of(k)
	if c == nil {
		d.index[k] = int32(len(d.list))
		d.list = append(d.list, contexts{})
		c = &d.list[len(d.list)-1]
	}
	c.n++
	for _, v := range [2]uint64{mix(tAggLeft, left), mix(tAggRight, right)} {
		if c.nv < maxContexts && !slices.Contains(c.v[:c.nv], v) {
			c.v[c.nv] = v
			c.nv++
		}
	}
}

func lowerHash(s string) uint64 {
	h := hashSeed
	for _, r := range s {
		r = unicode.ToLower(r)
		if unicode.IsDigit(r) {
			r = '0'
		}
		h = hashRune(h, r)
	}
	return h
}

// The features of a position are of three sorts: those of one word alone,
// seen at an offset from the position (wordKeys), those that combine words
// or the sentence and document (pairKeys), and those of the tags already
// chosen (dynamic). Training lists all their keys; tagging caches the
// scores of the first sort per word, as they do not depend on the position.

// Offsets of the word features, in the order of typeScores.
const (
	offSelf = iota
	offM1
	offM2
	offM3
	offP1
	offP2
	offP3
	nOffsets
)

// wordKeys appends the keys of word w seen at offset off.
func wordKeys(f []uint32, w *word, off int) []uint32 {
	switch off {
	case offSelf:
		f = append(f, key(tLower, w.lower), key(tShape, w.shape), key(tExact, w.exact), key(tLongShape, w.long))
		for k := range 4 {
			if w.pre[k] != 0 {
				f = append(f, key(tPre1+uint64(k), w.pre[k]), key(tSuf1+uint64(k), w.suf[k]))
			}
		}
	case offM1:
		f = append(f, key(tLowerM1, w.lower), key(tShapeM1, w.shape))
	case offM2:
		f = append(f, key(tLowerM2, w.lower))
	case offM3:
		f = append(f, key(tLowerM3, w.lower))
	case offP1:
		f = append(f, key(tLowerP1, w.lower), key(tShapeP1, w.shape))
	case offP2:
		f = append(f, key(tLowerP2, w.lower))
	case offP3:
		f = append(f, key(tLowerP3, w.lower))
	}
	return clusterKeys(f, w, off)
}

// offsetDelta is the position of the word seen at each offset, relative to
// the position being tagged.
var offsetDelta = [nOffsets]int{0, -1, -2, -3, 1, 2, 3}

// prepare computes the words of a sentence and, per position, its pair
// keys, reusing buf's storage.
func prepare(words []string, buf *sentence, doc docCase, ctx *docContext, gaz gazetteer, cl wordClusters) *sentence {
	buf.own = buf.own[:0]
	for _, s := range words {
		w := makeWord(s)
		w.cluster = cl.of(w.lower)
		buf.own = append(buf.own, w)
	}
	return prepareWords(buf.own, isCapsSentence(words), buf, doc, ctx, gaz)
}

// prepareWords is prepare over made words; caps is capsWords(words). The
// sentence refers to words.
func prepareWords(words []word, caps bool, buf *sentence, doc docCase, ctx *docContext, gaz gazetteer) *sentence {
	n := len(words)
	buf.words = words
	if cap(buf.static) < n {
		buf.static = make([][]uint32, n)
	}
	buf.static = buf.static[:n]
	runs := capitalRuns(buf.words, buf.runs[:0])
	buf.runs = runs
	for i := range n {
		buf.static[i] = pairKeys(buf.static[i][:0], buf, i, caps, doc, ctx)
	}
	buf.masks = resize(&buf.masks, n)
	gazKeys(gaz, buf.words, buf.static, buf.masks, nil)

	return buf
}

// prepareForTagging is prepareWords for the tagger, which takes the
// weights of the features that have few values from the model's tables
// (constScores) and those of a word's document contexts once per document:
// static then holds the other keys, and codes and ctxs, per position, the
// document-case code (-1 for none) and contexts to add. The gazetteer's
// keys are left to the tagger (prepareSentence), which caches those of
// single words.
func prepareForTagging(words []word, caps bool, buf *sentence, doc docCase, ctx *docContext) *sentence {
	n := len(words)
	buf.words = words
	buf.static = resize(&buf.static, n)
	buf.codes = resize(&buf.codes, n)
	buf.ctxs = resize(&buf.ctxs, n)
	buf.runs = capitalRuns(buf.words, buf.runs[:0])
	for i := range n {
		f := neighbourKeys(buf.static[i][:0], buf, i, caps, true)
		buf.codes[i], buf.ctxs[i] = -1, nil
		if code, ok := docCode(buf, i, caps, doc); ok {
			f = append(f, key(tDocCaseLower, mix(code, words[i].lower)))
			buf.codes[i] = int8(code)
			buf.ctxs[i] = ctx.of(words[i].lower)
		}
		buf.static[i] = f
	}
	return buf
}

var (
	padStart = word{lower: padStartHash, exact: padStartHash, shape: padStartHash, long: padStartHash, cluster: clusterPad}
	padEnd   = word{lower: padEndHash, exact: padEndHash, shape: padEndHash, long: padEndHash, cluster: clusterPad}
)

func (s *sentence) at(i int) *word {
	switch {
	case i < 0:
		return &padStart
	case i >= len(s.words):
		return &padEnd
	}
	return &s.words[i]
}

func pairKeys(f []uint32, s *sentence, i int, caps bool, doc docCase, ctx *docContext) []uint32 {
	f = append(f, key(tBias, 0))
	f = neighbourKeys(f, s, i, caps, false)
	code, ok := docCode(s, i, caps, doc)
	if !ok {
		return f
	}
	w0 := s.at(i)
	f = append(f, key(tDocCase, code), key(tDocCaseLower, mix(code, w0.lower)))
	if c := ctx.of(w0.lower); c != nil {
		f = c.appendKeys(f)
	}
	return f
}

// neighbourKeys appends the pair keys of position i that combine it with
// its neighbours and its sentence. For the tagger (tagging), it leaves out
// those of the shapes around the position (shapeKeys) and of its
// capitalised run (tRun), whose weights the tagger takes from its caches.
func neighbourKeys(f []uint32, s *sentence, i int, caps, tagging bool) []uint32 {
	w0, m1, p1 := s.at(i), s.at(i-1), s.at(i+1)
	if !tagging {
		f = shapeKeys(f, m1.shape, w0.shape, p1.shape)
	}
	f = append(f,
		key(tBigramM1, mix(m1.lower, w0.lower)),
		key(tBigramP1, mix(w0.lower, p1.lower)),
	)
	if !tagging {
		f = append(f, key(tRun, s.runs[i]))
	}
	f = append(f,
		key(tLowerM1Shape, mix(m1.lower, w0.shape)),
		key(tShapeLowerP1, mix(w0.shape, p1.lower)),
	)
	if i == 0 {
		f = append(f, key(tFirst, w0.shape))
	}
	if caps {
		f = append(f, key(tCapsSent, w0.lower))
	}
	return f
}

// shapeKeys appends the keys of the shapes of a word (w0) and of the words
// before (m1) and after it (p1).
func shapeKeys(f []uint32, m1, w0, p1 uint64) []uint32 {
	return append(f,
		key(tShapeM1S, mix(m1, w0)),
		key(tShapeSP1, mix(w0, p1)),
		key(tShape3, mix(mix(m1, w0), p1)),
	)
}

// nRunCodes bounds the codes of capitalRuns.
const nRunCodes = (4<<4 | 3) + 1

// docCode is the document-case code of a capitalised word at position i
// (how the document writes it, whether it opens the sentence, whether the
// sentence is in capitals), and false for other words.
func docCode(s *sentence, i int, caps bool, doc docCase) (uint64, bool) {
	w0 := s.at(i)
	if !w0.capital {
		return 0, false
	}
	code := uint64(doc[w0.lower])
	if i == 0 {
		code |= 4
	}
	if caps {
		code |= 8
	}
	return code, true
}

// nDocCodes bounds docCode.
const nDocCodes = 16

// appendKeys appends the features of a word's contexts.
func (c *contexts) appendKeys(f []uint32) []uint32 {
	for _, v := range c.v[:c.nv] {
		f = append(f, key(tAggLeft, v))
	}
	return f
}

// allKeys appends every static key of position i: its word keys and pair
// keys. Training uses it; tagging adds cached word scores instead.
func allKeys(f []uint32, s *sentence, i int) []uint32 {
	f = append(f, s.static[i]...)
	for off := range nOffsets {
		f = wordKeys(f, s.at(i+offsetDelta[off]), off)
	}
	return f
}

// capitalRuns codes each position by the length of the run of capitalised
// words it sits in (1, 2, 3, 4+) and its place in the run.
func capitalRuns(words []word, out []uint64) []uint64 {
	n := len(words)
	for i := 0; i < n; {
		if !words[i].capital {
			out = append(out, 0)
			i++
			continue
		}
		j := i
		for j < n && words[j].capital {
			j++
		}
		length := min(j-i, 4)
		for k := i; k < j; k++ {
			pos := uint64(1)
			switch {
			case j-i == 1:
				pos = 0
			case k == i:
				pos = 1
			case k == j-1:
				pos = 3
			default:
				pos = 2
			}
			out = append(out, uint64(length)<<4|pos)
		}
		i = j
	}
	return out
}

func key(t, v uint64) uint32 {
	h := mix(t, v)
	return uint32(h ^ h>>32)
}

// history remembers, per capitalised word of a document, the types the
// tagger gave it so far.
type history map[uint64][5]uint16

func (h history) majority(w *word) (int, bool) {
	c, ok := h[w.lower]
	if !ok {
		return 0, false
	}
	best := 0
	for t := 1; t < 5; t++ {
		if c[t] > c[best] {
			best = t
		}
	}
	return best, true
}

func (h history) record(w *word, label int) {
	if !w.capital {
		return
	}
	c := h[w.lower]
	if c[labelType(label)] < 1<<15 {
		c[labelType(label)]++
	}
	h[w.lower] = c
}

// dynamic appends the features that depend on the tags already chosen.
func dynamic(f []uint32, s *sentence, i int, prev, prev2 int, h history) []uint32 {
	w0 := &s.words[i]
	pv := uint64(prev + 1)
	f = append(f, key(tPrev, pv))
	f = append(f, key(tPrev2, pv<<8|uint64(prev2+1)))
	f = append(f, key(tPrevLower, mix(pv, w0.lower)))
	f = append(f, key(tPrevShape, mix(pv, w0.shape)))
	if w0.capital {
		if t, ok := h.majority(w0); ok {
			f = append(f, key(tHistory, uint64(t)))
			f = append(f, key(tHistoryShape, mix(uint64(t), w0.shape)))
		}
	}
	return f
}

// normalizeWord maps typographic punctuation onto the ASCII the model was
// trained on.
func normalizeWord(s string) string {
	if isASCII(s) {
		return s
	}
	switch s {
	case "“", "”", "«", "»", "„", "‟":
		return `"`
	case "‘", "’", "‚", "‛":
		return "'"
	case "—", "–", "‒", "―":
		return "-"
	}
	if strings.ContainsAny(s, "’‘") {
		return apostrophes.Replace(s)
	}
	return s
}

// apostrophes maps typographic apostrophes onto ASCII ones.
var apostrophes = strings.NewReplacer("’", "'", "‘", "'")
