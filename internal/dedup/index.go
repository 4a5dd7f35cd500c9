package dedup

import (
	"math"
	"slices"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// Doc is an article as the index sees it.
type Doc struct {
	ID        int64
	Published time.Time // zero when unknown
	Text      string    // the body, blocks joined by "\n"
}

// Config tunes the index. The zero value of a field takes its default.
type Config struct {
	// MaxSentences caps the sentences of an article that are analysed and
	// aligned (default 500); the rest of a very long article is ignored,
	// coverage included.
	MaxSentences int
	// MaxCandidates caps the articles aligned with each new one, best
	// candidates first (default 8), on top of exact and near-duplicate hits.
	MaxCandidates int
	// MaxPosting is the document frequency above which a term or name is too
	// common to find candidates by; its posting list is dropped (default 256).
	MaxPosting int
	// MinShared is the number of rare terms or names a candidate must share
	// (default 3).
	MinShared int
	// MinBands is the number of MinHash bands two articles must share to be
	// near-duplicate candidates (default 1).
	MinBands int
	// Related is the pair score (Stats.Similar) from which two sentences
	// align as derived one from the other (default RelatedThreshold()).
	Related float64
}

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxSentences, 500)
	def(&c.MaxCandidates, 8)
	def(&c.MaxPosting, 256)
	def(&c.MinShared, 3)
	def(&c.MinBands, 1)
	if c.Related <= 0 {
		c.Related = RelatedThreshold()
	}
	return c
}

// minTerms is the number of distinct content stems below which a sentence
// is minor ("Read more.", "Share this", a two-word heading): minor
// sentences are neither aligned nor counted in coverage.
const minTerms = 3

// Index finds, for each article added, the articles it copies or rewrites
// and those that copy or rewrite it. It holds what alignment needs of every
// article (its text, sentence offsets and term ids) in memory. It is not
// safe for concurrent use.
type Index struct {
	cfg   Config
	model model
	stats *Stats
	fps   *FingerprintIndex
	names nameIDs // hash of a full name (nameHash) -> key id
	// The slots holding each key id (postings): the first in first, all
	// of them in lists[more-1] once there are two (nil once common).
	first []uint32
	more  []uint32
	lists [][]uint32
	df    []uint32 // key id -> documents holding it
	docs  []entry
	slots map[int64]uint32
	best  map[int64]parallax.Derivation

	words *wordCache

	// scratch reused across additions
	dots    []float64
	hits    []uint8      // slot -> rare keys shared with the new article (sharedKeys)
	touched []uint32     // postings read (sharedKeys)
	rares   []rareKey    // rare keys looked up (sharedKeys)
	logN    float64      // ln(sentences+1), refreshed per addition
	gen     uint32       // additions so far: the generation of idfVal
	idfGen  []uint32     // term id -> generation of idfVal[id]
	idfVal  []float64    // term id -> IDF during generation idfGen[id]
	termKey []uint32     // stats term id -> 1 + its key id; 0 before its first use
	keySet  idSet        // an article's distinct key ids (docKeys)
	keys    []uint32     // an article's key ids (docKeys)
	qHead   []int32      // stats term id -> 1 + posting list of the query (see query)
	logs    []float64    // ln(n+1) for small n
	toks    []text.Token // a sentence's tokens (prepare, decide)
	refs    []int32      // cache index of each of a sentence's terms (prepare)
	folded  []string     // fingerprint form of an article's tokens (prepare)
}

// entry is what the index keeps of one article.
type entry struct {
	id        int64
	published int64 // unix nanoseconds; 0 when unknown
	text      string
	sents     []sentRef // informative sentences, in order
	terms     []uint32  // stats term ids of all sents, back to back
}

// sentRef locates one informative sentence.
type sentRef struct {
	start, end int32 // byte offsets in text
	index      int32 // position among all the body's sentences
	t0, t1     int32 // range in entry.terms
	detail     int32 // numbers, full names and quoted passages
}

// NewIndex returns an empty in-memory index.
func NewIndex(cfg Config) *Index {
	return &Index{
		cfg:   cfg.withDefaults(),
		model: paraphraseModel(),
		stats: NewStats(),
		fps:   NewFingerprintIndex(),
		slots: make(map[int64]uint32),
		best:  make(map[int64]parallax.Derivation),
		words: newWordCache(),
		logs:  logTable(4096),
	}
}

// Len is the number of articles indexed.
func (ix *Index) Len() int { return len(ix.docs) }

// Stats returns the sentence statistics of the indexed articles, which
// weigh the pair decision (Stats.Similar).
func (ix *Index) Stats() *Stats { return ix.stats }

// DerivedFrom returns the current best derivation of an article, if any.
func (ix *Index) DerivedFrom(id int64) (parallax.Derivation, bool) {
	d, ok := ix.best[id]
	return d, ok
}

// Add indexes an article and returns the derivations that are new or
// changed by its arrival, sorted by article id: the new article's own
// derived_from, and those of indexed articles that turn out to derive from
// it (an original that arrives after its rewrite). Each article keeps at
// most one derivation, the strongest kind, then the highest coverage. An ID
// already indexed is ignored.
func (ix *Index) Add(d Doc) []parallax.Derivation {
	if _, dup := ix.slots[d.ID]; dup {
		return nil
	}
	return ix.add(ix.read(d, ix.words))
}

// AddPrepared is Add of an article prepared by Prepare.
func (ix *Index) AddPrepared(p *Prepared) []parallax.Derivation {
	if _, dup := ix.slots[p.doc.ID]; dup {
		return nil
	}
	return ix.add(p)
}

func (ix *Index) add(p *Prepared) []parallax.Derivation {
	e, analysed := ix.admit(p)
	fp := p.fp
	var cands []candidate
	ix.logN = math.Log(float64(ix.stats.sentences) + 1)
	ix.gen++
	keys := ix.docKeys(&e, analysed)
	if len(e.sents) == 0 {
		fp.Bands = [Bands]uint32{} // nothing informative to compare: no derivation
	} else {
		cands = ix.candidates(fp, keys)
	}
	slot := ix.store(e, fp, keys)
	if len(cands) == 0 {
		return nil
	}
	for i := range analysed {
		r := e.sents[i]
		ix.setIDF(&analysed[i], e.terms[r.t0:r.t1])
	}
	var changed []parallax.Derivation
	q := ix.newQuery(&ix.docs[slot])
	for _, c := range cands {
		dv, ok := ix.compare(slot, &q, analysed, c.slot, c.exact)
		if !ok {
			continue
		}
		if cur, had := ix.best[dv.ArticleID]; had && !better(dv, cur) {
			continue
		}
		ix.best[dv.ArticleID] = dv
		changed = slices.DeleteFunc(changed, func(x parallax.Derivation) bool { return x.ArticleID == dv.ArticleID })
		changed = append(changed, dv)
	}
	q.release()
	slices.SortFunc(changed, func(a, b parallax.Derivation) int { return cmpInt(a.ArticleID, b.ArticleID) })
	return changed
}

// Restore indexes an article that was added before (to an index since
// discarded), without comparing it with the indexed ones: derived is its
// stored derivation (nil: it derives from nothing), which becomes its best.
// Restoring the articles in the order they were added, each with its last
// derivation, gives the index that adding them gave, for half the cost:
// later additions are decided alike (TestRestoreAnswersLikeAdd). An ID
// already indexed is ignored.
func (ix *Index) Restore(d Doc, derived *parallax.Derivation) {
	if _, dup := ix.slots[d.ID]; dup {
		return
	}
	e, analysed, fp := ix.prepare(d)
	ix.gen++
	keys := ix.docKeys(&e, analysed)
	if len(e.sents) == 0 {
		fp.Bands = [Bands]uint32{}
	}
	ix.store(e, fp, keys)
	if derived != nil {
		ix.best[d.ID] = *derived
	}
}

// SetDerivation makes dv the best derivation of its article, as another
// index decided it (a later article found to be its source). Later
// additions replace it only with a better one.
func (ix *Index) SetDerivation(dv parallax.Derivation) { ix.best[dv.ArticleID] = dv }

// store adds a prepared article to the index: its entry, fingerprint and
// candidate keys. It returns the article's slot.
func (ix *Index) store(e entry, fp Fingerprint, keys []uint32) uint32 {
	slot := uint32(len(ix.docs))
	ix.docs = append(ix.docs, e)
	ix.slots[e.id] = slot
	ix.fps.Add(fp)
	ix.indexKeys(slot, keys)
	return slot
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// prepare splits and analyses an article's informative sentences (up to
// the cap), counts them into the sentence statistics and fingerprints the
// whole body, through the index's word cache.
func (ix *Index) prepare(d Doc) (entry, []sentence, Fingerprint) {
	p := ix.read(d, ix.words)
	e, analysed := ix.admit(p)
	return e, analysed, p.fp
}

// Prepared is an article read for the index (Prepare): its informative
// sentences analysed and its body fingerprinted.
type Prepared struct {
	doc   Doc
	sents []sentence      // the informative sentences, analysed
	where []sentencePlace // where each of sents is
	refs  []int32         // word cache index behind each term of sents, in order (nil: none)
	fp    Fingerprint
}

// sentencePlace is where an informative sentence is: its span in the
// body and its index among the body's sentences; its terms' cache refs
// start at refs[r0].
type sentencePlace struct {
	start, end, index, r0 int
}

// Prepare reads an article for AddPrepared: it splits and analyses its
// sentences and fingerprints its body, the part of adding an article that
// needs nothing from the index. It reads only the index's configuration,
// so any number of goroutines may prepare articles while another adds
// others; AddPrepared then takes them one at a time, in arrival order.
func (ix *Index) Prepare(d Doc) *Prepared { return ix.read(d, nil) }

// read prepares d, through cache when it is not nil (the index's own:
// then only the goroutine adding may call it, and the index's scratch
// buffers are used).
func (ix *Index) read(d Doc, cache *wordCache) *Prepared {
	p := &Prepared{doc: d}
	var (
		toks   []text.Token
		folded []string
		refs   *[]int32
	)
	if cache != nil {
		toks, folded, refs = ix.toks[:0], ix.folded[:0], &ix.refs
	}
	// Each sentence is tokenised once for both: sentences cover the body
	// but its spaces, and no token crosses a sentence boundary, so their
	// tokens are the body's (TestFingerprintBySentence).
	spans := text.Sentences(d.Text)
	n := min(len(spans), ix.cfg.MaxSentences)
	p.sents, p.where = make([]sentence, 0, n), make([]sentencePlace, 0, n)
	for i, sp := range spans {
		toks = text.AppendTokens(toks[:0], sp.Text)
		if i >= ix.cfg.MaxSentences {
			folded = appendFolded(folded, toks, cache)
			continue
		}
		s := analyseTokens(sp.Text, toks, cache, refs)
		for k, t := range toks { // s.folded holds one form per token
			if text.IsNumber(t.Text) {
				folded = append(folded, t.Text)
			} else {
				folded = append(folded, s.folded[k])
			}
		}
		if !atLeastDistinct(s.terms, minTerms) {
			continue
		}
		p.where = append(p.where, sentencePlace{start: sp.Start, end: sp.End, index: i, r0: len(p.refs)})
		if refs != nil {
			p.refs = append(p.refs, *refs...)
		}
		p.sents = append(p.sents, s)
	}
	p.fp = fingerprintTokens(folded)
	if cache != nil {
		clear(folded) // hold no text between additions
		ix.folded = folded[:0]
		clear(toks)
		ix.toks = toks[:0]
	}
	return p
}

// admit interns a prepared article's terms and counts its sentences into
// the sentence statistics, in order, and returns its entry and analysed
// sentences.
func (ix *Index) admit(p *Prepared) (entry, []sentence) {
	e := entry{id: p.doc.ID, text: p.doc.Text}
	if !p.doc.Published.IsZero() {
		e.published = p.doc.Published.UnixNano()
	}
	n := 0
	for i := range p.sents {
		n += len(p.sents[i].terms)
	}
	// Sized once: the index keeps both for the article's life.
	e.terms, e.sents = make([]uint32, 0, n), make([]sentRef, 0, len(p.sents))
	for i := range p.sents {
		s, w := &p.sents[i], p.where[i]
		t0 := len(e.terms)
		for k, t := range s.terms {
			ref := int32(-1)
			if p.refs != nil {
				ref = p.refs[w.r0+k]
			}
			e.terms = append(e.terms, ix.termID(t, ref))
		}
		ix.stats.addIDs(e.terms[t0:])
		e.sents = append(e.sents, sentRef{
			start: int32(w.start), end: int32(w.end), index: int32(w.index),
			t0: int32(t0), t1: int32(len(e.terms)), detail: int32(detail(s)),
		})
	}
	return e, p.sents
}

// termID interns a term in the statistics, through the word cache when
// the term is the stem of the cached word ref (-1: none).
func (ix *Index) termID(t string, ref int32) uint32 {
	if ref < 0 {
		return ix.stats.intern(t)
	}
	w := &ix.words.words[ref]
	if w.term == 0 {
		w.term = ix.stats.intern(t) + 1
	}
	return w.term - 1
}

// atLeastDistinct reports whether xs holds n distinct strings or more.
func atLeastDistinct(xs []string, n int) bool {
	found := 0
	for k, x := range xs {
		if !slices.Contains(xs[:k], x) {
			if found++; found >= n {
				return true
			}
		}
	}
	return false
}

// detail scores how specific a sentence is: its numbers, the words of its
// names (capitalised words after the first: a full name "Prime Minister
// Donald Tusk" outweighs "PM Tusk", a day "Thursday" outweighs "soon"),
// and one more for a direct quote of three words or more.
func detail(a *sentence) int {
	n := len(a.nums) + a.nameWords
	if a.quoted >= 3 {
		n++
	}
	return n
}

// idf is the inverse sentence frequency of a stats term id, as Stats.IDF.
// The statistics change only when an article is added, so each value is
// remembered for the addition under way (ix.gen).
func (ix *Index) idf(id uint32) float64 {
	if int(id) < len(ix.idfGen) && ix.idfGen[id] == ix.gen {
		return ix.idfVal[id]
	}
	f := ix.stats.freq[id]
	var v float64
	if int(f) < len(ix.logs) {
		v = 1 + ix.logN - ix.logs[f]
	} else {
		v = 1 + ix.logN - math.Log(float64(f)+1)
	}
	if n := len(ix.stats.freq); len(ix.idfGen) < n {
		ix.idfGen = append(ix.idfGen, make([]uint32, n-len(ix.idfGen))...)
		ix.idfVal = append(ix.idfVal, make([]float64, n-len(ix.idfVal))...)
	}
	ix.idfGen[id], ix.idfVal[id] = ix.gen, v
	return v
}

// setIDF gives an analysed sentence the IDF of its stems, whose ids are
// ids (as entry.terms), so the pair decision needs no lookup by string.
func (ix *Index) setIDF(s *sentence, ids []uint32) {
	s.idf = make([]float64, len(ids))
	for k, id := range ids {
		s.idf[k] = ix.idf(id)
	}
}

func logTable(n int) []float64 {
	t := make([]float64, n)
	for i := range t {
		t[i] = math.Log(float64(i) + 1)
	}
	return t
}
