package cluster

import (
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
	ids   map[string]uint32
	keys  []string
	df    []uint32
	n     int       // stories counted
	lnN   float64   // ln(n + prior)
	lnTab []float64 // ln(i) for small i
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

// intern returns the ID of key, adding it when new.
func (v *vocab) intern(key string) uint32 {
	if id, ok := v.ids[key]; ok {
		return id
	}
	id := uint32(len(v.keys))
	key = strings.Clone(key)
	v.ids[key] = id
	v.keys = append(v.keys, key)
	v.df = append(v.df, 0)
	return id
}

func (v *vocab) isName(id uint32) bool { return strings.HasPrefix(v.keys[id], namePrefix) }

// features is an article reduced to weighted features, with the words it
// used for each, to explain decisions in its own words.
type features struct {
	vec     []entry // sorted by id, unit norm under the IDF of the moment
	surface map[uint32]string
}

// rawCounts counts an article's stems and names.
type rawCounts struct {
	body, title map[string]float64
	names       map[string]float64
	surface     map[string]string
}

func countDoc(d Doc) rawCounts {
	rc := rawCounts{
		body:    make(map[string]float64),
		title:   make(map[string]float64),
		names:   make(map[string]float64),
		surface: make(map[string]string),
	}
	countTerms(d.Title, rc.title, rc.surface)
	countTerms(d.Text, rc.body, rc.surface)
	if d.Names != nil {
		for _, n := range d.Names {
			addName(n, rc)
		}
		return rc
	}
	for _, s := range [...]string{d.Title, d.Text} {
		for _, sp := range text.Names(s) {
			addName(sp.Text, rc)
		}
	}
	return rc
}

func countTerms(s string, into map[string]float64, surface map[string]string) {
	for _, tok := range text.Tokens(s) {
		term, ok := text.Term(tok.Text)
		if !ok {
			continue
		}
		into[term]++
		if _, seen := surface[term]; !seen {
			surface[term] = strings.ToLower(tok.Text)
		}
	}
}

func addName(name string, rc rawCounts) {
	key := text.NameKey(strings.TrimSpace(name))
	if len(key) < 2 || !naming(key) {
		return
	}
	k := namePrefix + key
	rc.names[k]++
	if _, seen := rc.surface[k]; !seen {
		rc.surface[k] = strings.TrimSpace(name)
	}
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
	rc := countDoc(d)
	type scored struct {
		id     uint32
		w, idf float64
	}
	all := make([]scored, 0, len(rc.body)+len(rc.title)+len(rc.names))
	add := func(key string, w float64) {
		all = append(all, scored{id: c.voc.intern(key), w: w})
	}
	// Intern in key order so that feature IDs, and with them every tie
	// break, do not depend on map iteration.
	for _, term := range sortedKeys(rc.body, rc.title) {
		add(term, sublinear(rc.body[term])+c.cfg.TitleWeight*sublinear(rc.title[term]))
	}
	for _, key := range sortedKeys(rc.names, nil) {
		add(key, c.cfg.NameWeight*sublinear(rc.names[key]))
	}
	for i := range all {
		all[i].idf = c.voc.idf(all[i].id)
	}
	slices.SortFunc(all, func(a, b scored) int {
		if d := b.w*b.idf - a.w*a.idf; d != 0 {
			if d > 0 {
				return 1
			}
			return -1
		}
		return int(a.id) - int(b.id)
	})
	if len(all) > c.cfg.DocFeatures {
		all = all[:c.cfg.DocFeatures]
	}
	var norm float64
	for _, s := range all {
		norm += (s.w * s.idf) * (s.w * s.idf)
	}
	f := features{vec: make([]entry, 0, len(all)), surface: make(map[uint32]string, len(all))}
	if norm == 0 {
		return f
	}
	norm = math.Sqrt(norm)
	for _, s := range all {
		if s.w*s.idf == 0 {
			continue
		}
		f.vec = append(f.vec, entry{id: s.id, w: float32(s.w / norm)})
		f.surface[s.id] = rc.surface[c.voc.keys[s.id]]
	}
	slices.SortFunc(f.vec, func(a, b entry) int { return int(a.id) - int(b.id) })
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
	type scored struct {
		id uint32
		s  float64
	}
	all := make([]scored, len(v))
	for i, e := range v {
		all[i] = scored{e.id, float64(e.w) * c.voc.idf(e.id)}
	}
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

// sortedKeys returns the union of a's and b's keys, sorted.
func sortedKeys(a, b map[string]float64) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, dup := a[k]; !dup {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
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
