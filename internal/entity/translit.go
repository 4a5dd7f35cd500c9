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

var translitRules = strings.NewReplacer("tch", "ch", "kh", "h", "ks", "x", "ph", "f", "w", "v", "ck", "k", "y", "i", "j", "i")

func wordKey(w string) string {
	var letters strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters.WriteRune(r)
		}
	}
	s := translitRules.Replace(letters.String())
	var out strings.Builder
	var last rune = -1
	for _, r := range s {
		if r != last {
			out.WriteRune(r)
		}
		last = r
	}
	return out.String()
}
