package dedup

import (
	"hash/maphash"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// sentence is one sentence analysed for the pair decision: folded tokens,
// their stems, content terms, numbers and name keys.
type sentence struct {
	text   string
	folded []string // every token, case and diacritics folded
	stems  []string // stem of every token (stopwords kept), for n-grams
	terms  []string // content-word stems (text.Terms)
	// idf is the IDF of each of terms, when an index has set them (nil:
	// ask Stats.IDF).
	idf []float64
	// grams caches the hashed n-grams (see hashed).
	grams  *grams
	nums   []string // numbers, separators removed
	names  []string // capitalised name keys (not sentence-initial stopwords)
	neg    bool     // carries a negation
	quoted int      // words inside quotation marks
	// nameWords counts capitalised non-stopwords after the first token.
	nameWords int
	// fullNames are the hashes (nameHash) of the runs of two or more
	// capitalised words, folded ("marco rubio").
	fullNames []uint64
}

// word is what analysis needs of one token (see lookupNumber for a
// number's). It fills one
// 64-byte cache line: the token itself, when it fits, is kept in key so
// that a cache look-up compares it without another memory access.
type word struct {
	folded, stem string
	term         uint32 // 1 + the stats term id of stem; 0 until interned
	content      bool   // a content word (text.Term)
	stop         bool   // a stopword
	neg          bool   // a negation
	keyLen       uint8  // bytes of the token in key (longKey: in wordCache.long)
	key          [maxKey]byte
}

// maxKey is the longest token a word keeps in itself; longKey marks a
// longer one.
const (
	maxKey  = 24
	longKey = 0xff
)

// wordCache remembers the analysis of tokens: stemming dominates the cost
// of analysing a sentence. Each word also keeps the stats term id of its
// stem once an index has interned it, so a token costs one look-up.
// A nil cache computes every time.
//
// Tokens are found through an open-addressing table of hashes (a table
// entry, then the word's own cache line) rather than a map keyed by
// string, which reads its control word, its slot and the key's bytes
// apart: the cache holds every word of the indexed articles, far more
// than fits in a processor cache.
type wordCache struct {
	seed   maphash.Seed
	table  []uint64 // high 32 bits of the token's hash | 1 + index in words; 0: empty
	hashes []uint64 // hash of each word's token, to rebuild the table
	warmed []uint64 // the hashes of a sentence's tokens (warm)
	sum    uint8    // what warm read, kept so that its loads are not dropped
	words  []word
	long   map[string]int32 // tokens longer than maxKey -> index in words
}

func newWordCache() *wordCache {
	return &wordCache{seed: maphash.MakeSeed(), table: make([]uint64, 1<<12), long: make(map[string]int32)}
}

// maxCachedWords bounds the cache.
const maxCachedWords = 1 << 20

// lookup returns the analysis of a word token (not a number) and its
// index in the cache (-1 when it is not cached).
func (c *wordCache) lookup(tok string) (word, int32) {
	return c.get(tok, c.hash(tok), false)
}

// hash is the hash of a token in the table (0 for a nil cache).
func (c *wordCache) hash(tok string) uint64 {
	if c == nil {
		return 0
	}
	return maphash.String(c.seed, tok)
}

// warm returns the hashes of a sentence's tokens (nil for a nil cache),
// reading their table entries and words on the way: a loop of
// independent loads, which the processor overlaps, where the look-ups
// one by one wait for each miss in turn (the cache is far larger than
// a processor's). The hashes are valid until the next call.
func (c *wordCache) warm(toks []text.Token) []uint64 {
	if c == nil {
		return nil
	}
	hs := c.warmed[:0]
	mask := uint64(len(c.table) - 1)
	var sum uint8
	for _, t := range toks {
		h := maphash.String(c.seed, t.Text)
		hs = append(hs, h)
		if e := c.table[h&mask]; e != 0 {
			sum += c.words[uint32(e)-1].keyLen
		}
	}
	c.warmed, c.sum = hs, sum
	return hs
}

// get returns the analysis of a token whose hash is h, a word or a number
// (text.IsNumber: folded is then its lower case and stem its numberKey; a
// token is always a number or never, so both kinds share the table), and
// its index in the cache (-1 when it is not cached).
func (c *wordCache) get(tok string, h uint64, number bool) (word, int32) {
	if c != nil {
		if k := c.find(tok, h); k >= 0 {
			return c.words[k], k
		}
	}
	var w word
	if number {
		w = word{folded: strings.ToLower(tok), stem: numberKey(tok)}
	} else {
		f := text.Fold(tok)
		stop := text.IsStopword(f)
		w = word{folded: f, stem: text.Stem(tok), content: len(f) >= 2 && !stop, stop: stop, neg: negation(f)}
	}
	if c != nil && len(c.words) < maxCachedWords {
		k := int32(len(c.words))
		c.insert(tok, h, &w, k)
		return w, k
	}
	return w, -1
}

// find returns the index in words of tok, whose hash is h, or -1.
func (c *wordCache) find(tok string, h uint64) int32 {
	if len(tok) > maxKey {
		if k, ok := c.long[tok]; ok {
			return k
		}
		return -1
	}
	mask := uint64(len(c.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := c.table[i]
		if e == 0 {
			return -1
		}
		if e>>32 != h>>32 {
			continue
		}
		k := int32(uint32(e)) - 1
		if w := &c.words[k]; string(w.key[:w.keyLen]) == tok {
			return k
		}
	}
}

// insert adds w, the analysis of tok (hash h), as words[k].
func (c *wordCache) insert(tok string, h uint64, w *word, k int32) {
	if len(tok) > maxKey {
		c.long[strings.Clone(tok)] = k
		w.keyLen = longKey
	} else {
		w.keyLen = uint8(copy(w.key[:], tok))
		if 2*(len(c.hashes)+1) > len(c.table) {
			c.grow()
		}
		c.place(h, k)
	}
	c.words = append(c.words, *w)
	c.hashes = append(c.hashes, h)
}

// place puts word k, whose token's hash is h, in the table.
func (c *wordCache) place(h uint64, k int32) {
	mask := uint64(len(c.table) - 1)
	i := h & mask
	for c.table[i] != 0 {
		i = (i + 1) & mask
	}
	c.table[i] = h>>32<<32 | uint64(uint32(k+1))
}

// grow doubles the table, keeping it at most half full.
func (c *wordCache) grow() {
	c.table = make([]uint64, 2*len(c.table))
	for k, w := range c.words {
		if w.keyLen != longKey {
			c.place(c.hashes[k], int32(k))
		}
	}
}

func analyse(s string) sentence { return analyseWith(s, nil) }

func analyseWith(s string, cache *wordCache) sentence {
	return analyseTokens(s, text.AppendTokens(nil, s), cache, nil)
}

// analyseTokens analyses a sentence given its tokens. When refs is not
// nil, it is set to the cache index of the word or number behind each of
// the sentence's terms (-1 when not cached).
func analyseTokens(s string, toks []text.Token, cache *wordCache, refs *[]int32) sentence {
	n := len(toks)
	buf := make([]string, 3*n) // one allocation for the three lists
	out := sentence{
		text:   s,
		folded: buf[0:0:n],
		stems:  buf[n : n : 2*n],
		terms:  buf[2*n : 2*n : 3*n],
	}
	if refs != nil {
		*refs = (*refs)[:0]
	}
	hs := cache.warm(toks)
	run := 0 // capitalised words in a row
	for i, t := range toks {
		number := text.IsNumber(t.Text)
		var w word
		ref := int32(-1)
		var h uint64
		if hs != nil {
			h = hs[i]
		}
		w, ref = cache.get(t.Text, h, number)
		out.folded = append(out.folded, w.folded)
		capital := !number && isName(t.Text, w, i)
		if !capital || i == len(toks)-1 {
			end := i
			if capital {
				end, run = i+1, run+1
			}
			if run >= 2 {
				out.fullNames = append(out.fullNames, nameHash(out.folded[end-run:end]))
			}
			run = 0
		} else {
			run++
		}
		if number {
			out.nums = append(out.nums, w.stem)
			out.stems = append(out.stems, w.stem)
			out.terms = append(out.terms, w.stem)
			if refs != nil {
				*refs = append(*refs, ref)
			}
			continue
		}
		out.stems = append(out.stems, w.stem)
		if w.neg {
			out.neg = true
		}
		if w.content {
			out.terms = append(out.terms, w.stem)
			if refs != nil {
				*refs = append(*refs, ref)
			}
		}
		if capital {
			out.names = append(out.names, strings.TrimSuffix(w.folded, "'s")) // text.NameKey
			if i > 0 {
				out.nameWords++
			}
		}
	}
	out.quoted = quotedWords(s)
	return out
}

func numberKey(tok string) string {
	if !strings.ContainsAny(tok, ",'’") {
		return tok
	}
	var b strings.Builder
	for _, r := range tok {
		if r != ',' && r != '\'' && r != '’' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func negation(folded string) bool {
	switch folded {
	case "not", "no", "never", "nor", "none", "nothing", "without":
		return true
	}
	return strings.HasSuffix(folded, "n't")
}

func isName(tok string, w word, pos int) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	if !unicode.IsUpper(r) || w.stop {
		return false
	}
	return pos > 0 || len(w.folded) > 1
}

// quotedWords counts the words between quotation marks.
func quotedWords(s string) int {
	if !hasQuoteMark(s) {
		return 0
	}
	n, in, word := 0, false, false
	for _, r := range s {
		switch r {
		case '"', '“', '”', '«', '»':
			in = !in
			word = false
			continue
		}
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if in && isWord && !word {
			n++
		}
		word = isWord
	}
	return n
}

// hasQuoteMark reports whether s holds a quotation mark that quotedWords
// counts: strings.ContainsAny(s, `"“”«»`) in one pass over the bytes (with
// marks outside ASCII, ContainsAny scans s once per mark, and sentences
// seldom hold one).
func hasQuoteMark(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return true
		case 0xE2: // “ and ” are E2 80 9C and E2 80 9D
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x9C || s[i+2] == 0x9D) {
				return true
			}
		case 0xC2: // « and » are C2 AB and C2 BB
			if i+1 < len(s) && (s[i+1] == 0xAB || s[i+1] == 0xBB) {
				return true
			}
		}
	}
	return false
}

// nameHash hashes a run of capitalised words: their folded forms without
// a possessive "'s", joined by spaces ("marco rubio"). Like the exact-copy
// hash, it stands for the string: 64 bits make a collision among even
// billions of names unlikely.
func nameHash(folded []string) uint64 {
	h := uint64(fnvOffset)
	for i, f := range folded {
		if i > 0 {
			h = fnvByte(h, ' ')
		}
		h = fnvString(h, strings.TrimSuffix(f, "'s"))
	}
	return mix(h)
}
