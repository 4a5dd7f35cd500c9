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
	if isASCII(name) {
		var buf [64]byte
		return string(appendNameKeyASCII(buf[:0], name))
	}
	return nameKey(name)
}

// nameKey is NameKey for any text; appendNameKeyASCII gives the same key
// for ASCII text faster.
func nameKey(name string) string {
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

// appendNameKey appends NameKey(name) to dst.
func appendNameKey(dst []byte, name string) []byte {
	if isASCII(name) {
		return appendNameKeyASCII(dst, name)
	}
	return append(dst, nameKey(name)...)
}

// appendNameKeyASCII appends NameKey(name) of an ASCII name to dst, byte by
// byte: Fold is then lower-casing, and letters and digits are bytes.
func appendNameKeyASCII[T string | []byte](dst []byte, name T) []byte {
	n := len(name)
	// text.NameKey drops a final "'s" of the whole name, lower-cased.
	if n >= 2 && name[n-2] == '\'' && name[n-1]|0x20 == 's' {
		n -= 2
	}
	start := len(dst)
	for i := 0; i < n; {
		for i < n && isASCIISeparator(name[i]) {
			i++
		}
		j := i
		for j < n && !isASCIISeparator(name[j]) {
			j++
		}
		if j > i {
			dst = appendWordKeyASCII(dst, name[i:j], len(dst) > start)
		}
		i = j
	}
	return dst
}

// isASCIISeparator is isNameSeparator for a byte below utf8.RuneSelf.
func isASCIISeparator(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r', '-':
		return true
	}
	return false
}

// appendWordKeyASCII appends wordKey of one ASCII word of a name, without
// its possessive, preceded by a space if sep and the key is not empty.
func appendWordKeyASCII[T string | []byte](dst []byte, w T, sep bool) []byte {
	n := len(w)
	if n >= 2 && w[n-2] == '\'' && w[n-1]|0x20 == 's' {
		n -= 2
	}
	if n >= 1 && w[n-1] == '\'' {
		n--
	}
	var small [64]byte
	letters := small[:0]
	for i := 0; i < n; i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			letters = append(letters, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			letters = append(letters, c)
		}
	}
	if len(letters) == 0 {
		return dst
	}
	if sep {
		dst = append(dst, ' ')
	}
	from := len(dst)
	push := func(c byte) {
		if len(dst) == from || dst[len(dst)-1] != c {
			dst = append(dst, c)
		}
	}
	for i := 0; i < len(letters); {
		// translitRules, picked by their first letter: only "kh" and
		// "ks" share one, and they cannot both match.
		c, next := letters[i], byte(0)
		if i+1 < len(letters) {
			next = letters[i+1]
		}
		switch {
		case c == 't' && next == 'c' && i+2 < len(letters) && letters[i+2] == 'h':
			push('c')
			push('h')
			i += 3
		case c == 'k' && next == 'h', c == 'p' && next == 'h', c == 'k' && next == 's', c == 'c' && next == 'k':
			push(translitPair(c, next))
			i += 2
		case c == 'w':
			push('v')
			i++
		case c == 'y', c == 'j':
			push('i')
			i++
		default:
			push(c)
			i++
		}
	}
	return dst
}

// translitPair is the letter a two-letter rule of translitRules writes.
func translitPair(c, next byte) byte {
	switch {
	case c == 'k' && next == 'h':
		return 'h'
	case c == 'k' && next == 's':
		return 'x'
	case c == 'p' && next == 'h':
		return 'f'
	}
	return 'k' // "ck"
}
