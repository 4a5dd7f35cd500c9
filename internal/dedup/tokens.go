package dedup

import (
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// appendTokens appends the tokens of s to dst, exactly as text.Tokens
// splits it (FuzzAppendTokens), so that the index can reuse one token
// slice for every sentence and decide ASCII runes without a table lookup.
func appendTokens(dst []text.Token, s string) []text.Token {
	i := 0
	for i < len(s) {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if !wordRune(r) {
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
			if wordRune(r) {
				i += w
				continue
			}
			if joiner(r) && i+w < len(s) {
				nr, _ := utf8.DecodeRuneInString(s[i+w:])
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				if joins(r, prev, nr) {
					i += w
					continue
				}
			}
			break
		}
		dst = append(dst, text.Token{Text: s[start:i], Start: start, End: i})
	}
	return dst
}

// wordRune is a letter, a digit or a combining mark.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// joiner may join two runs of word runes into one token.
func joiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '.', ',':
		return true
	}
	return false
}

// joins: a point or comma joins two digits ("3.5", "1,200"), an
// apostrophe or hyphen two word runes ("don't", "well-known").
func joins(j, prev, next rune) bool {
	switch j {
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	default:
		return wordRune(prev) && wordRune(next)
	}
}
