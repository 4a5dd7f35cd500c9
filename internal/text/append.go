package text

import (
	"strings"
	"unicode/utf8"
)

// AppendSentences appends the sentences of s to dst (see Sentences), so
// that a caller can reuse one slice for many texts.
func AppendSentences(dst []Span, s string) []Span {
	return appendLines(dst, s, splitLineFast)
}

// appendLines appends the sentences of each line of s, as split finds
// them: a newline always ends a sentence.
func appendLines(dst []Span, s string, split func(s string, start, end int, out []Span) []Span) []Span {
	lineStart := 0
	for lineStart <= len(s) {
		nl := strings.IndexByte(s[lineStart:], '\n')
		lineEnd := len(s)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		dst = split(s, lineStart, lineEnd, dst)
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	return dst
}

// splitLineFast appends the sentences of s[start:end], one line, stepping
// from one '.', '!' or '?' to the next with a byte search: they are ASCII,
// so no byte of another rune is one of them (the tests check it against a
// rune-by-rune walk, referenceSplitLine).
func splitLineFast(s string, start, end int, out []Span) []Span {
	segStart := start
	for i := start; i < end; {
		k := strings.IndexAny(s[i:end], ".!?")
		if k < 0 {
			break
		}
		i += k
		j := punctEnd(s, i+1, end)
		if boundaryAt(s, segStart, i, j, end) {
			out = appendSpan(out, s, segStart, j)
			segStart = j
		}
		i = j
	}
	return appendSpan(out, s, segStart, end)
}

// punctEnd returns where the run of closing quotes, brackets and sentence
// punctuation that starts at j (just after a ".", "!" or "?") ends, before
// end: the sentence ends there if it ends at all.
func punctEnd(s string, j, end int) int {
	for j < end {
		c, cw := utf8.DecodeRuneInString(s[j:end])
		if !isCloser(c) && c != '.' && c != '!' && c != '?' {
			break
		}
		j += cw
	}
	return j
}

// AppendFolds appends Fold(t.Text) of each token to dst; toks are tokens
// of s, as AppendTokens gives them. The folds of ASCII tokens are cut from
// one lower-cased copy of s, so that a text costs one allocation rather
// than one per capitalised word.
func AppendFolds(dst []string, s string, toks []Token) []string {
	var lower string
	for _, t := range toks {
		if t.Start < 0 || t.End > len(s) || s[t.Start:t.End] != t.Text {
			dst = append(dst, Fold(t.Text))
			continue
		}
		var bits, upper byte // bits: the bytes or'ed, to tell ASCII
		for i := 0; i < len(t.Text); i++ {
			c := t.Text[i]
			bits |= c
			if c-'A' < 'Z'-'A'+1 {
				upper = 1
			}
		}
		switch {
		case bits >= utf8.RuneSelf:
			dst = append(dst, foldApostrophes(t.Text))
		case upper == 0:
			dst = append(dst, t.Text)
		default:
			if lower == "" {
				lower = lowerASCII(s)
			}
			dst = append(dst, lower[t.Start:t.End])
		}
	}
	return dst
}

// foldApostrophes is Fold, shorter for words whose only non-ASCII letter
// is a typographic apostrophe ("Ukraine’s"), which normalisation leaves
// as it is.
func foldApostrophes(s string) string {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r >= utf8.RuneSelf && r != '’' {
			return Fold(s)
		}
		i += w
	}
	return strings.ToLower(strings.ReplaceAll(s, "’", "'"))
}

// lowerASCII lower-cases the ASCII letters of s, leaving every other byte
// where it is.
func lowerASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0 // s[from:i] has no capital yet to be written
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
}
