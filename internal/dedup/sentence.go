package dedup

import (
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
	// fullNames are runs of two or more capitalised words, folded
	// ("marco rubio").
	fullNames []string
}

// word is what analysis needs of one non-numeric token.
type word struct {
	folded, stem string
	content      bool // a content word (text.Term)
}

// wordCache remembers the analysis of tokens: stemming dominates the cost
// of analysing a sentence. A nil cache computes every time.
type wordCache map[string]word

// maxCachedWords bounds the cache.
const maxCachedWords = 1 << 20

func (c wordCache) lookup(tok string) word {
	if w, ok := c[tok]; ok {
		return w
	}
	f := text.Fold(tok)
	w := word{folded: f, stem: text.Stem(tok), content: len(f) >= 2 && !text.IsStopword(f)}
	if c != nil && len(c) < maxCachedWords {
		c[tok] = w
	}
	return w
}

func analyse(s string) sentence { return analyseWith(s, nil) }

func analyseWith(s string, cache wordCache) sentence {
	return analyseTokens(s, text.Tokens(s), cache)
}

// analyseTokens analyses a sentence given its tokens.
func analyseTokens(s string, toks []text.Token, cache wordCache) sentence {
	n := len(toks)
	buf := make([]string, 3*n) // one allocation for the three lists
	out := sentence{
		text:   s,
		folded: buf[0:0:n],
		stems:  buf[n : n : 2*n],
		terms:  buf[2*n : 2*n : 3*n],
	}
	run := 0 // capitalised words in a row
	for i, t := range toks {
		number := text.IsNumber(t.Text)
		var w word
		if !number {
			w = cache.lookup(t.Text)
		}
		capital := !number && isName(t.Text, w.folded, i)
		if !capital || i == len(toks)-1 {
			end := i
			if capital {
				end, run = i+1, run+1
			}
			if run >= 2 {
				out.fullNames = append(out.fullNames, fullName(toks[end-run:end], cache))
			}
			run = 0
		} else {
			run++
		}
		if number {
			n := numberKey(t.Text)
			out.folded = append(out.folded, strings.ToLower(t.Text))
			out.nums = append(out.nums, n)
			out.stems = append(out.stems, n)
			out.terms = append(out.terms, n)
			continue
		}
		f := w.folded
		out.folded = append(out.folded, f)
		out.stems = append(out.stems, w.stem)
		if negation(f) {
			out.neg = true
		}
		if w.content {
			out.terms = append(out.terms, w.stem)
		}
		if capital {
			out.names = append(out.names, text.NameKey(t.Text))
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

func isName(tok, folded string, pos int) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	if !unicode.IsUpper(r) || text.IsStopword(folded) {
		return false
	}
	return pos > 0 || len(folded) > 1
}

// quotedWords counts the words between quotation marks.
func quotedWords(s string) int {
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

func fullName(toks []text.Token, cache wordCache) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = strings.TrimSuffix(cache.lookup(t.Text).folded, "'s")
	}
	return strings.Join(parts, " ")
}
