package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// token is a word or punctuation mark of raw text: its form as the model
// sees it and its byte offsets in the text.
type token struct {
	word       string
	start, end int
}

// tokenize splits one sentence (at offset base in the text) into the tokens
// the model was trained on: words from text.Tokens, punctuation marks between
// them one by one, a possessive "'s" and the other clitics of the news
// treebank tokenisation ("I 've", "do n't") split from their word, and dotted
// abbreviations ("U.S.", "J.") kept whole. scratch holds the words of
// text.AppendTokens, for reuse from sentence to sentence.
func tokenize(sent string, base int, out []token, scratch *[]text.Token) []token {
	pos := 0
	*scratch = text.AppendTokens((*scratch)[:0], sent)
	for _, t := range *scratch {
		if t.Start < pos {
			continue // inside an abbreviation already taken
		}
		out = appendPunct(out, sent, base, pos, t.Start)
		pos = t.End
		if end, ok := dottedAbbrev(sent, t.Start); ok {
			out = append(out, token{word: sent[t.Start:end], start: base + t.Start, end: base + end})
			pos = end
			continue
		}
		w := sent[t.Start:t.End]
		if cut := clitic(w); cut > 0 {
			out = append(out, token{word: normalizeWord(w[:cut]), start: base + t.Start, end: base + t.Start + cut})
			out = append(out, token{word: normalizeWord(w[cut:]), start: base + t.Start + cut, end: base + t.End})
			continue
		}
		out = append(out, token{word: normalizeWord(w), start: base + t.Start, end: base + t.End})
	}
	return appendPunct(out, sent, base, pos, len(sent))
}

// appendPunct adds each non-space character of sent[from:to] as a token.
func appendPunct(out []token, sent string, base, from, to int) []token {
	for i := from; i < to; {
		r, w := utf8.DecodeRuneInString(sent[i:to])
		if !unicode.IsSpace(r) && r != utf8.RuneError {
			out = append(out, token{word: normalizeWord(sent[i : i+w]), start: base + i, end: base + i + w})
		}
		i += w
	}
	return out
}

// dottedAbbrev matches letters each followed by a period at s[i:]: "U.S.",
// "a.m.", or an initial "J." (one capital letter).
func dottedAbbrev(s string, i int) (int, bool) {
	pairs, j := 0, i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) || j+w >= len(s) || s[j+w] != '.' {
			break
		}
		if pairs == 0 && j+w+1 < len(s) {
			// "U.S." needs the next letter right after the period, an
			// initial needs a capital.
			next, _ := utf8.DecodeRuneInString(s[j+w+1:])
			if !unicode.IsLetter(next) && !unicode.IsUpper(r) {
				break
			}
		}
		pairs++
		j += w + 1
	}
	if pairs == 0 {
		return 0, false
	}
	if pairs == 1 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return j, unicode.IsUpper(r) && (j >= len(s) || !unicode.IsLetter(rune(s[j])))
	}
	return j, true
}

// clitic returns where a trailing clitic starts, or 0: a possessive
// "'s", "'ve", "'re", "'ll", "'d", "'m" (with either apostrophe, in either
// case) or "n't", as the training news splits them ("I 've", "did n't").
// Names with an apostrophe inside ("O'Brien") keep it.
func clitic(w string) int {
	if len(w) < 3 {
		return 0
	}
	// Every clitic has an apostrophe ("'" or the last byte of "’") among
	// its word's last five bytes: most words are turned away here.
	apostrophe := false
	for i := max(len(w)-5, 0); i < len(w); i++ {
		apostrophe = apostrophe || w[i] == '\'' || w[i] == 0x99
	}
	if !apostrophe {
		return 0
	}
	for _, suf := range clitics {
		if len(w) > len(suf) && strings.EqualFold(w[len(w)-len(suf):], suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}

var clitics = []string{"n't", "n’t", "'s", "’s", "'ve", "’ve", "'re", "’re", "'ll", "’ll", "'d", "’d", "'m", "’m"}

// possessive returns where a trailing "'s" or "’s" starts, or 0.
func possessive(w string) int {
	if len(w) < 3 || w[len(w)-1]|0x20 != 's' {
		return 0
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}
