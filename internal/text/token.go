package text

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Token is one word or number with its byte offsets.
type Token struct {
	Text  string
	Start int
	End   int
}

// Tokens returns the words and numbers of s. A word keeps inner apostrophes
// and hyphens ("Putin's", "28-point"); a number keeps inner separators
// ("880,000", "1.5").
func Tokens(s string) []Token { return AppendTokens(nil, s) }

// AppendTokens appends the tokens of s to dst, as Tokens splits it, so that
// a caller can reuse one slice for many texts.
func AppendTokens(dst []Token, s string) []Token {
	i := 0
	for i < len(s) {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			i += w
			continue
		}
		start := i
		i += w
		for i < len(s) {
			r, w = rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, w = utf8.DecodeRuneInString(s[i:])
			}
			if isWordRune(r) {
				i += w
				continue
			}
			if isJoiner(r) && i+w < len(s) {
				nr, _ := utf8.DecodeRuneInString(s[i+w:])
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				if joins(r, prev, nr) {
					i += w
					continue
				}
			}
			break
		}
		dst = append(dst, Token{Text: s[start:i], Start: start, End: i})
	}
	return dst
}

// isWordRune: a letter, a digit or a combining mark (ASCII decided
// without a table lookup).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '.', ',':
		return true
	}
	return false
}

func joins(j, prev, next rune) bool {
	switch j {
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	default:
		return isWordRune(prev) && isWordRune(next)
	}
}

// Fold lower-cases s and strips diacritics, for matching ("Šefčovič" →
// "sefcovic", "Zelenskyy's" stays as is apart from case).
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	t := folders.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	folders.Put(t)
	if err != nil {
		return strings.ToLower(s)
	}
	return strings.ToLower(strings.ReplaceAll(out, "’", "'"))
}

// folders holds the chains that strip diacritics: a chain keeps state
// while it runs, so each is used by one call at a time, and making one
// costs more than most folds.
var folders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Stem returns the English Snowball stem of a word, folded; possessive
// endings are dropped first. Stems are remembered for the life of the
// process (see stems), as every stage stems the same words again.
func Stem(word string) string { return stemFolded(word, "") }

// stemFolded is Stem of word, whose fold is folded when that is not empty.
func stemFolded(word, folded string) string {
	if v, ok := stems.m.Load(word); ok {
		return v.(string)
	}
	if folded == "" {
		folded = Fold(word)
	}
	st := stem(folded)
	if stems.n.Load() < maxStems {
		stems.n.Add(1)
		stems.m.Store(strings.Clone(word), st)
	}
	return st
}

// stem is Stem of a folded word, not remembered.
func stem(w string) string {
	w = strings.TrimSuffix(w, "'s")
	if len(w) < 3 || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
		return w
	}
	return english.Stem(w, false)
}

// stems remembers the stems of the first maxStems distinct words the
// process stems (about 10 MB at most). News vocabulary is Zipfian: the
// words of the first articles are most of the words of later ones, so a
// full table still answers most calls. Stemming is most of what dedup,
// stories and briefs spend on reading an article, and each stage (and each
// worker's engine) stems the same words again.
var stems struct {
	m sync.Map // word → stem
	n atomic.Int64
}

const maxStems = 1 << 17

// Terms returns the stems of s's content words (stopwords and one-letter
// words dropped), in order. Numbers are kept with separators removed.
func Terms(s string) []string {
	toks := Tokens(s)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if term, ok := Term(t.Text); ok {
			out = append(out, term)
		}
	}
	return out
}

// Term returns the index term of one token and whether it is a content word.
func Term(tok string) (string, bool) {
	if r, _ := utf8.DecodeRuneInString(tok); unicode.IsDigit(r) {
		return numberSeparators.Replace(tok), true
	}
	f := Fold(tok)
	if len(f) < 2 || IsStopword(f) {
		return "", false
	}
	return stemFolded(tok, f), true
}

var numberSeparators = strings.NewReplacer(",", "", "’", "", "'", "")

// IsNumber reports whether a token is a number ("28", "880,000", "1.5").
func IsNumber(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsDigit(r)
}
