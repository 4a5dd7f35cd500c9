package entity

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
)

// NameKey is the form two spellings of a name share when they differ only
// by transliteration: "Zelenskyy", "Zelenskiy" and "Zelensky" → "zelenski";
// "Dmitry", "Dmitriy" and "Dmitri" → "dmitri"; "Aleksei" and "Alexei" →
// "alexei". It folds case and diacritics, drops a possessive and any
// punctuation, spells y as i, ks as x, w as v, tch as ch, kh as h, ph as f,
// and collapses doubled letters. Words stay separated by one space; the
// periods of "U.S." go.
func NameKey(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(text.NameKey(name), isNameSeparator) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
		key := wordKey(w)
		if key == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(key)
	}
	return b.String()
}

func isNameSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == '-' || r == '‐'
}

// translitRules are tried in order at each position of a word's letters.
var translitRules = [...]struct{ from, to string }{
	{"tch", "ch"}, {"kh", "h"}, {"ks", "x"}, {"ph", "f"}, {"w", "v"}, {"ck", "k"}, {"y", "i"}, {"j", "i"},
}

func wordKey(w string) string {
	var small [48]rune
	letters := small[:0]
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters = append(letters, r)
		}
	}
	out := make([]rune, 0, len(letters))
	push := func(r rune) {
		if len(out) == 0 || out[len(out)-1] != r {
			out = append(out, r)
		}
	}
	for i := 0; i < len(letters); {
		matched := false
		for _, rule := range translitRules {
			if hasRunePrefix(letters[i:], rule.from) {
				for _, r := range rule.to {
					push(r)
				}
				i += len(rule.from)
				matched = true
				break
			}
		}
		if !matched {
			push(letters[i])
			i++
		}
	}
	return string(out)
}

// hasRunePrefix reports whether rs starts with the ASCII string p.
func hasRunePrefix(rs []rune, p string) bool {
	if len(rs) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if rs[i] != rune(p[i]) {
			return false
		}
	}
	return true
}
