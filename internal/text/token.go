package text

import (
	"strings"
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
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return strings.ToLower(s)
	}
	return strings.ToLower(strings.ReplaceAll(out, "’", "'"))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Stem returns the English Snowball stem of a word, folded; possessive
// endings are dropped first.
func Stem(word string) string {
	w := Fold(word)
	w = strings.TrimSuffix(w, "'s")
	if len(w) < 3 || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
		return w
	}
	return english.Stem(w, false)
}

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
		return strings.NewReplacer(",", "", "’", "", "'", "").Replace(tok), true
	}
	f := Fold(tok)
	if len(f) < 2 || IsStopword(f) {
		return "", false
	}
	return Stem(tok), true
}

// IsNumber reports whether a token is a number ("28", "880,000", "1.5").
func IsNumber(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsDigit(r)
}
