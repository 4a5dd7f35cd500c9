package brief

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/text"
)

// maxTerms bounds the Builder's term dictionary; past it the cache starts
// afresh so that per-build arrays indexed by term stay small.
const maxTerms = 1 << 18

// maxCached bounds the number of articles whose analysis is cached.
const maxCached = 1 << 15

// sentence is one sentence of an article, ready for scoring.
type sentence struct {
	text      string
	index     int // sentence index in the article's Text()
	kind      parallax.BlockKind
	position  int       // order among the article's prose sentences, -1 if not prose
	words     int       // word tokens
	candidate bool      // fit for the summary
	terms     []int32   // distinct term ids, ascending
	counts    []float32 // occurrences of each term
	numbers   []string  // "28 point", "600000 personnel": numbers with what they count
}

// prepared is one article's cached analysis.
type prepared struct {
	hash      uint64
	sentences []sentence
	title     []int32   // distinct title term ids
	terms     []int32   // distinct term ids of every sentence, ascending
	counts    []float32 // occurrences of each
}

// cache holds prepared articles and the term dictionary their ids refer to.
type cache struct {
	mu       sync.Mutex
	seed     maphash.Seed
	terms    map[string]int32
	articles map[int64]*prepared
	words    map[string][]string // quote and evidence texts → their words
}

func newCache() *cache {
	return &cache{seed: maphash.MakeSeed(), terms: map[string]int32{}, articles: map[int64]*prepared{}, words: map[string][]string{}}
}

// wordsOf returns the sorted distinct folded words of each text (see
// quoteWords), from the cache when seen before.
func (c *cache) wordsOf(texts []string) [][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.words) > maxCached*8 {
		c.words = map[string][]string{}
	}
	out := make([][]string, len(texts))
	for i, t := range texts {
		w, ok := c.words[t]
		if !ok {
			w = quoteWords(t)
			c.words[t] = w
		}
		out[i] = w
	}
	return out
}

// prepare returns the analysis of every article, from the cache when the
// article is unchanged, and the size of the term dictionary they index.
func (c *cache) prepare(articles []*parallax.Article) ([]*prepared, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.terms) > maxTerms || len(c.articles) > maxCached {
		c.terms = map[string]int32{}
		c.articles = map[int64]*prepared{}
	}
	out := make([]*prepared, len(articles))
	for i, a := range articles {
		h := c.hash(a)
		if p, ok := c.articles[a.ID]; ok && p.hash == h {
			out[i] = p
			continue
		}
		p := c.analyse(a)
		p.hash = h
		c.articles[a.ID] = p
		out[i] = p
	}
	return out, len(c.terms)
}

func (c *cache) hash(a *parallax.Article) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(a.Title)
	for _, b := range a.Body {
		h.WriteByte(0)
		h.WriteString(string(b.Kind))
		h.WriteByte(0)
		h.WriteString(b.Text)
	}
	return h.Sum64()
}

func (c *cache) id(term string) int32 {
	if id, ok := c.terms[term]; ok {
		return id
	}
	id := int32(len(c.terms))
	c.terms[term] = id
	return id
}

func (c *cache) analyse(a *parallax.Article) *prepared {
	p := &prepared{}
	title, _ := c.vector(a.Title)
	p.title = title
	body := a.Text()
	starts := blockStarts(a.Body)
	position := 0
	for i, sp := range text.Sentences(body) {
		kind := blockKind(a.Body, starts, sp.Start)
		s := sentence{text: sp.Text, index: i, kind: kind, position: -1}
		s.terms, s.counts = c.vector(sp.Text)
		toks := text.Tokens(sp.Text)
		s.words = len(toks)
		s.numbers = countedNumbers(toks)
		if kind == parallax.BlockParagraph {
			s.position = position
			position++
			s.candidate = summaryCandidate(sp.Text, s.words)
		}
		p.sentences = append(p.sentences, s)
	}
	p.terms, p.counts = totals(p.sentences)
	return p
}

// totals sums the sentences' term counts.
func totals(sents []sentence) ([]int32, []float32) {
	m := map[int32]float32{}
	for _, s := range sents {
		for j, id := range s.terms {
			m[id] += s.counts[j]
		}
	}
	ids := make([]int32, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	counts := make([]float32, len(ids))
	for k, id := range ids {
		counts[k] = m[id]
	}
	return ids, counts
}

// vector returns the distinct term ids of s, ascending, with their counts.
func (c *cache) vector(s string) ([]int32, []float32) {
	terms := text.Terms(s)
	if len(terms) == 0 {
		return nil, nil
	}
	ids := make([]int32, 0, len(terms))
	for _, t := range terms {
		ids = append(ids, c.id(t))
	}
	slices.Sort(ids)
	counts := make([]float32, 0, len(ids))
	out := ids[:0]
	for i, id := range ids {
		if i > 0 && id == ids[i-1] {
			counts[len(counts)-1]++
			continue
		}
		out = append(out, id)
		counts = append(counts, 1)
	}
	return slices.Clip(out), counts
}

func blockStarts(body []parallax.Block) []int {
	starts := make([]int, len(body))
	off := 0
	for i, b := range body {
		starts[i] = off
		off += len(b.Text) + 1
	}
	return starts
}

func blockKind(body []parallax.Block, starts []int, off int) parallax.BlockKind {
	i, found := slices.BinarySearch(starts, off)
	if !found {
		i--
	}
	if i < 0 || i >= len(body) {
		return parallax.BlockParagraph
	}
	if body[i].Kind == "" {
		return parallax.BlockParagraph
	}
	return body[i].Kind
}

// summaryCandidate keeps whole prose sentences of a readable length: they
// end in terminal punctuation, hold 6 to 70 words and are not hashtag lines.
func summaryCandidate(s string, words int) bool {
	if words < 6 || words > 70 || strings.HasPrefix(s, "#") || strings.Count(s, "#") > 2 {
		return false
	}
	end := strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune("\"'”’»)]", r) || unicode.IsSpace(r)
	})
	r, _ := utf8.DecodeLastRuneInString(end)
	if r != '.' && r != '!' && r != '?' {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsLower(first)
}

// countedNumbers returns each number of the sentence with the word that
// says what it counts ("28-point" → "28 point", "600,000 personnel" →
// "600000 personnel"); bare numbers and years are left out.
func countedNumbers(toks []text.Token) []string {
	var out []string
	for i, t := range toks {
		if !text.IsNumber(t.Text) {
			continue
		}
		num, unit, ok := strings.Cut(t.Text, "-")
		if !ok || unit == "" {
			if i+1 >= len(toks) || text.IsNumber(toks[i+1].Text) {
				continue
			}
			unit = toks[i+1].Text
		}
		num = strings.NewReplacer(",", "", "’", "", "'", "").Replace(num)
		if isYear(num) {
			continue
		}
		u, ok := text.Term(unit)
		if !ok {
			continue
		}
		out = append(out, num+" "+u)
	}
	return out
}

func isYear(n string) bool {
	return len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20"))
}
