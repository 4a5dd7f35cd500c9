package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// entry is one feature of a sparse vector: a feature ID and its raw weight
// (before IDF). Vectors are sorted by ID.
type entry struct {
	id uint32
	w  float32
}

// namePrefix marks name features in the vocabulary, apart from stems.
const namePrefix = "\x01"

// vocab maps features (stems and name keys) to dense IDs and counts the
// stories each occurs in, for IDF.
type vocab struct {
	ids  map[string]uint32
	keys []string
	// surface is the first word or name written for each feature, to
	// explain decisions made without the article's own words at hand.
	surface []string
	df      []uint32
	n       int       // stories counted
	lnN     float64   // ln(n + prior)
	lnTab   []float64 // ln(i) for small i
}

func newVocab(prior int) vocab {
	v := vocab{ids: make(map[string]uint32), lnN: math.Log(float64(max(prior, 1)))}
	v.lnTab = make([]float64, 4096)
	for i := 1; i < len(v.lnTab); i++ {
		v.lnTab[i] = math.Log(float64(i))
	}
	return v
}

func (v *vocab) ln(i uint32) float64 {
	if int(i) < len(v.lnTab) {
		return v.lnTab[i]
	}
	return math.Log(float64(i))
}

// idf is ln((n+prior)/df) where n counts stories and df the stories a
// feature occurs in: it measures how well a feature tells stories apart,
// so a flood of copies of one article does not wear its own words down.
// The prior acts as if that many more stories without the feature had been
// seen: with few stories, every word weighs about the same.
func (v *vocab) idf(id uint32) float64 {
	df := v.df[id]
	if df == 0 {
		df = 1
	}
	return max(v.lnN-v.ln(df), 0)
}

// count counts one more story.
func (v *vocab) count(prior int) {
	v.n++
	v.lnN = math.Log(float64(v.n + prior))
}

// intern returns the ID of key, adding it when new with the word it was
// written as.
func (v *vocab) intern(key, surface string) uint32 {
	if id, ok := v.ids[key]; ok {
		return id
	}
	id := uint32(len(v.keys))
	key = strings.Clone(key)
	v.ids[key] = id
	v.keys = append(v.keys, key)
	v.surface = append(v.surface, strings.Clone(surface))
	v.df = append(v.df, 0)
	return id
}

func (v *vocab) isName(id uint32) bool { return strings.HasPrefix(v.keys[id], namePrefix) }

// features is an article reduced to weighted features, with the words it
// used for each (parallel to vec), to explain decisions in its own words.
type features struct {
	vec   []entry // sorted by id, unit norm under the IDF of the moment
	words []string
}

// tally counts one stem or name in an article.
type tally struct {
	key         string // a stem, or namePrefix + name key
	body, title float64
	lead        float64 // occurrences in the lead, counted again
	name        float64 // occurrences as a whole name
	part        float64 // occurrences as a word of a longer name
	surface     string  // first word or name used for it
}

// maxReuse bounds the scratch tally map kept between articles.
const maxReuse = 8192

// countDoc tallies an article's stems (body and title) and names into
// c.tallies, in no particular order.
func (c *Clusterer) countDoc(d Doc) {
	if len(c.tallyIdx) > maxReuse {
		c.tallyIdx = make(map[string]int32)
	}
	clear(c.tallyIdx)
	c.tallies = c.tallies[:0]
	c.countTerms(d.Title, true)
	c.countTerms(d.Text, false)
	if c.cfg.LeadWeight > 0 {
		c.countLead(d.Text)
	}
	if d.Names != nil {
		for _, n := range d.Names {
			c.addName(n)
		}
		return
	}
	for _, sp := range text.Names(d.Title) {
		c.addName(sp.Text)
	}
	for _, sp := range text.Names(d.Text) {
		c.addName(sp.Text)
	}
}

func (c *Clusterer) tallyOf(key, surface string) *tally {
	i, ok := c.tallyIdx[key]
	if !ok {
		i = int32(len(c.tallies))
		c.tallyIdx[key] = i
		c.tallies = append(c.tallies, tally{key: key, surface: surface})
	}
	return &c.tallies[i]
}

func (c *Clusterer) countTerms(s string, title bool) {
	for _, tok := range text.Tokens(s) {
		term, ok := c.term(tok.Text)
		if !ok {
			continue
		}
		t := c.tallyOf(term, tok.Text)
		if title {
			t.title++
		} else {
			t.body++
		}
	}
}

// leadSentences is how many sentences of the text make its lead.
const leadSentences = 2

// countLead counts the stems of the text's lead again: the lead says what
// happened, where and to whom; the tail wanders into background.
func (c *Clusterer) countLead(s string) {
	n := 0
	for _, sp := range text.Sentences(s) {
		if n >= leadSentences {
			break
		}
		if strings.TrimSpace(sp.Text) == "" {
			continue
		}
		n++
		for _, tok := range text.Tokens(sp.Text) {
			if term, ok := c.term(tok.Text); ok {
				c.tallyOf(term, tok.Text).lead++
			}
		}
	}
}

func (c *Clusterer) addName(name string) {
	name = strings.TrimSpace(name)
	key := text.NameKey(name)
	if len(key) < 2 || !naming(key) {
		return
	}
	c.tallyOf(namePrefix+key, name).name++
	if c.cfg.NamePartWeight == 0 || !strings.Contains(key, " ") {
		return
	}
	words, surfaces := strings.Fields(key), strings.Fields(name)
	for i, w := range words {
		if len(w) < 2 || !naming(w) || nameJoiner(w) {
			continue
		}
		surface := w
		if len(surfaces) == len(words) {
			surface = surfaces[i]
		}
		c.tallyOf(namePrefix+w, surface).part++
	}
}

// nameJoiner reports whether w joins the words of a name ("Bank of
// England", "Ludwig van Beethoven") rather than naming anything.
func nameJoiner(w string) bool {
	switch w {
	case "of", "de", "al", "van", "von", "la", "du", "bin", "der":
		return true
	}
	return false
}

// sublinear dampens repeated words: 1 + ln(tf), 0 for none.
func sublinear(tf float64) float64 {
	if tf <= 0 {
		return 0
	}
	return 1 + math.Log(tf)
}

// vectorise registers an article's features in the vocabulary and returns
// its top features as a unit vector.
func (c *Clusterer) vectorise(d Doc) features {
	c.countDoc(d)
	// Intern in key order so that feature IDs, and with them every tie
	// break, do not depend on map iteration.
	slices.SortFunc(c.tallies, func(a, b tally) int { return strings.Compare(a.key, b.key) })
	type weighted struct {
		id   uint32
		x, w float64 // x = w × idf
		t    int32
	}
	all := make([]weighted, 0, len(c.tallies))
	for i, t := range c.tallies {
		w := sublinear(t.body) + c.cfg.TitleWeight*sublinear(t.title) + c.cfg.NameWeight*sublinear(t.name) +
			c.cfg.LeadWeight*sublinear(t.lead) + c.cfg.NamePartWeight*sublinear(t.part)
		surface := t.surface
		if !strings.HasPrefix(t.key, namePrefix) {
			surface = strings.ToLower(surface)
		}
		id := c.voc.intern(t.key, surface)
		all = append(all, weighted{id: id, w: w, x: w * c.voc.idf(id), t: int32(i)})
	}
	slices.SortFunc(all, func(a, b weighted) int {
		if r := cmp.Compare(b.x, a.x); r != 0 {
			return r
		}
		return cmp.Compare(a.id, b.id)
	})
	if len(all) > c.cfg.DocFeatures {
		all = all[:c.cfg.DocFeatures]
	}
	var norm float64
	for _, s := range all {
		norm += s.x * s.x
	}
	if norm == 0 {
		return features{}
	}
	norm = math.Sqrt(norm)
	slices.SortFunc(all, func(a, b weighted) int { return cmp.Compare(a.id, b.id) })
	f := features{vec: make([]entry, 0, len(all)), words: make([]string, 0, len(all))}
	for _, s := range all {
		if s.x == 0 {
			continue
		}
		f.vec = append(f.vec, entry{id: s.id, w: float32(s.w / norm)})
		word := c.tallies[s.t].surface
		if !c.voc.isName(s.id) {
			word = strings.ToLower(word)
		}
		f.words = append(f.words, word)
	}
	return f
}

// norm is a vector's length under the current IDF.
func (c *Clusterer) norm(v []entry) float64 {
	var s float64
	for _, e := range v {
		x := float64(e.w) * c.voc.idf(e.id)
		s += x * x
	}
	return math.Sqrt(s)
}

// cosine is the cosine of two vectors under the current IDF; na and nb are
// their norms.
func (c *Clusterer) cosine(a, b []entry, na, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	var dot float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			idf := c.voc.idf(a[i].id)
			dot += float64(a[i].w) * float64(b[j].w) * idf * idf
			i++
			j++
		}
	}
	return dot / (na * nb)
}

// countNew counts for IDF the features of v that a story's centroid does
// not hold yet: v joins that story.
func (c *Clusterer) countNew(centroid, v []entry) {
	i := 0
	for _, e := range v {
		for i < len(centroid) && centroid[i].id < e.id {
			i++
		}
		if i == len(centroid) || centroid[i].id != e.id {
			c.voc.df[e.id]++
		}
	}
}

// addVec returns a + b (sorted merge).
func addVec(a, b []entry) []entry {
	out := make([]entry, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			out = append(out, a[i])
			i++
		case a[i].id > b[j].id:
			out = append(out, b[j])
			j++
		default:
			out = append(out, entry{id: a[i].id, w: a[i].w + b[j].w})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// top returns the IDs of v's k heaviest features under the current IDF,
// heaviest first (ties by ID).
func (c *Clusterer) top(v []entry, k int) []uint32 {
	all := c.topBuf[:0]
	for _, e := range v {
		all = append(all, scored{e.id, float64(e.w) * c.voc.idf(e.id)})
	}
	c.topBuf = all
	slices.SortFunc(all, func(a, b scored) int {
		switch {
		case a.s > b.s:
			return -1
		case a.s < b.s:
			return 1
		}
		return int(a.id) - int(b.id)
	})
	if len(all) > k {
		all = all[:k]
	}
	out := make([]uint32, len(all))
	for i, s := range all {
		out[i] = s.id
	}
	return out
}

// prune keeps v's k heaviest features, in ID order.
func (c *Clusterer) prune(v []entry, k int) []entry {
	if len(v) <= k {
		return v
	}
	keep := c.top(v, k)
	slices.Sort(keep)
	out := make([]entry, 0, k)
	j := 0
	for _, e := range v {
		if j < len(keep) && e.id == keep[j] {
			out = append(out, e)
			j++
		}
	}
	return out
}

// naming reports whether a name key has a word that names something: a
// capitalised weekday, month or function word alone ("Monday", "I",
// "Asked") tells stories apart no better than any other word.
func naming(key string) bool {
	for _, w := range strings.Fields(key) {
		if !text.IsStopword(w) && !calendarWord(w) && len(w) > 1 {
			return true
		}
	}
	return false
}

func calendarWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow", "tonight":
		return true
	}
	return false
}

// termCacheSize bounds the cache of stems: emptied when full.
const termCacheSize = 1 << 16

// term is text.Term, remembered: stemming is most of the cost of an
// article, and news repeats its words.
func (c *Clusterer) term(tok string) (string, bool) {
	if t, ok := c.terms[tok]; ok {
		return t, t != ""
	}
	t, ok := text.Term(tok)
	if !ok {
		t = ""
	}
	if len(c.terms) >= termCacheSize {
		clear(c.terms)
	}
	c.terms[strings.Clone(tok)] = t
	return t, ok
}

// scored is a feature with its weight under the current IDF.
type scored struct {
	id uint32
	s  float64
}
