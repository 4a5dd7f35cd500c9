package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a string with its byte offsets.
type Span struct {
	Start int
	End   int
	Text  string
}

// abbreviations that end in a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true,
	"st": true, "sen": true, "rep": true, "gov": true, "gen": true, "col": true, "lt": true,
	"sgt": true, "capt": true, "cmdr": true, "adm": true, "rev": true, "hon": true, "pres": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "no": true, "vs": true, "etc": true,
	"approx": true, "dept": true, "est": true, "fig": true, "mt": true, "ft": true, "e.g": true, "i.e": true,
}

// Sentences splits s into sentences. Newlines always end a sentence; within
// a line a sentence ends at '.', '!' or '?' (with any closing quotes or
// brackets) followed by space and a capital, digit or opening quote, unless
// the period ends a known abbreviation or an initial ("J.", "U.S.").
func Sentences(s string) []Span {
	return AppendSentences(nil, s)
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[':
		return true
	}
	return false
}

// boundaryAt decides whether the terminal punctuation at s[p] (ending at
// after) ends a sentence that began at segStart.
func boundaryAt(s string, segStart, p, after, end int) bool {
	if after >= end {
		return false // the line end will close it
	}
	r, w := utf8.DecodeRuneInString(s[after:end])
	if !unicode.IsSpace(r) {
		return false
	}
	k := after + w
	for k < end {
		c, cw := utf8.DecodeRuneInString(s[k:end])
		if !unicode.IsSpace(c) {
			break
		}
		k += cw
	}
	if k >= end {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[k:end])
	if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !isOpener(next) {
		return false
	}
	if s[p] != '.' {
		return true
	}
	word := lastWord(s[segStart:p])
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	if abbreviations[lw] {
		return false
	}
	// An initial ("J.") or a dotted abbreviation ("U.S.", "a.m.").
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return false
	}
	return !strings.Contains(word, ".")
}

func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) || isOpener(r) {
			break
		}
		i -= w
	}
	return s[i:]
}

func appendSpan(out []Span, s string, start, end int) []Span {
	for start < end {
		r, w := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += w
	}
	for end > start {
		r, w := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= w
	}
	if start < end {
		out = append(out, Span{Start: start, End: end, Text: s[start:end]})
	}
	return out
}
