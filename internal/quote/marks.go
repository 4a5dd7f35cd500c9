package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoted is a span in quotation marks: open and close are the byte offsets
// of the marks (close is the offset of the closing mark, or the paragraph
// end when the quote is unbalanced), start:end the text inside.
type quoted struct {
	open, close int
	start, end  int
	balanced    bool
	single      bool
	closeEnd    int // just after the closing mark
}

// maxQuote bounds one quoted piece: an opening mark with no closing one in
// its paragraph ends at the paragraph end, and no piece is longer than this.
const maxQuote = 4000

// appendQuotedSpans appends the spans in double quotation marks (and single ones
// at top level) of s, paragraph by paragraph (a newline closes any open
// quote, which is how multi-paragraph quotes are written).
func appendQuotedSpans(out []quoted, s string) []quoted {
	lineStart := 0
	for lineStart < len(s) {
		lineEnd := strings.IndexByte(s[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s)
		} else {
			lineEnd += lineStart
		}
		out = scanLine(s, lineStart, lineEnd, out)
		lineStart = lineEnd + 1
	}
	return out
}

func scanLine(s string, start, end int, out []quoted) []quoted {
	open := -1
	var openRune rune
	for i := start; i < end; {
		if c := s[i]; c < utf8.RuneSelf && c != '"' && c != '\'' {
			i++ // no case below holds for other ASCII
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:end])
		if r == '\'' && i+1 < end && s[i+1] == '\'' {
			// Two apostrophes stand for a straight double mark ('').
			r, w = '"', 2
		}
		switch {
		case open < 0 && (isDoubleOpener(s, end, i+w, r) || r == '”' && opensLine(s, start, end, i, w)):
			open, openRune = i, r
		case open >= 0 && (isDoubleCloser(r, openRune) || r == '“' && closesLikeEnd(s, start, end, i, w)):
			out = appendQuoted(out, s, open, i, i+w, true, false)
			open = -1
		case open < 0 && (r == '‘' || r == '\'') && singleOpens(s, start, i, w, end):
			if c := singleClose(s, i+w, end); c > 0 {
				_, cw := utf8.DecodeRuneInString(s[c:end])
				out = appendQuoted(out, s, i, c, c+cw, true, true)
				i = c + cw
				continue
			}
		case open >= 0 && r != '"' && isOpeningMark(r) && i-open > 1:
			// A second opening mark while one is open: the first was
			// unbalanced; end it where this one starts.
			out = appendQuoted(out, s, open, i, i, false, false)
			open, openRune = i, r
		}
		i += w
	}
	if open >= 0 {
		out = appendQuoted(out, s, open, end, end, false, false)
	}
	return out
}

func appendQuoted(out []quoted, s string, open, close, closeEnd int, balanced, single bool) []quoted {
	_, w := utf8.DecodeRuneInString(s[open:])
	if strings.HasPrefix(s[open:], "''") {
		w = 2
	}
	q := quoted{open: open, close: close, start: open + w, end: close, balanced: balanced, single: single, closeEnd: closeEnd}
	if q.end-q.start > maxQuote {
		q.end = q.start + maxQuote
		for q.end > q.start && !utf8.RuneStart(s[q.end]) {
			q.end--
		}
		q.close, q.closeEnd, q.balanced = q.end, q.end, false
	}
	q.start, q.end = trimSpace(s, q.start, q.end)
	if q.start >= q.end {
		return out
	}
	return append(out, q)
}

func isOpeningMark(r rune) bool {
	switch r {
	case '“', '«', '„', '‹':
		return true
	}
	return false
}

func isDoubleOpener(s string, end, next int, r rune) bool {
	switch r {
	case '“', '«', '„':
		return true
	case '"':
		// A straight mark opens when the next rune is not a space.
		if next >= end {
			return false
		}
		n, _ := utf8.DecodeRuneInString(s[next:end])
		return !unicode.IsSpace(n)
	}
	return false
}

func isDoubleCloser(r, opener rune) bool {
	switch r {
	case '”', '»':
		return true
	case '“':
		return opener == '„'
	case '"':
		return true
	}
	return false
}

// singleOpens reports whether a single quotation mark at i opens a quote:
// it follows the line start, a space or a bracket, and precedes a letter.
func singleOpens(s string, lineStart, i, w, end int) bool {
	if i > lineStart {
		p, _ := utf8.DecodeLastRuneInString(s[lineStart:i])
		if !unicode.IsSpace(p) && p != '(' && p != '[' && p != '—' && p != '-' {
			return false
		}
	}
	if i+w >= end {
		return false
	}
	n, _ := utf8.DecodeRuneInString(s[i+w : end])
	return unicode.IsLetter(n) || unicode.IsDigit(n)
}

// singleClose finds the closing single mark of a quote opened before from:
// a ’ or ' after a non-space and before a space, punctuation or the end.
func singleClose(s string, from, end int) int {
	limit := min(end, from+300)
	for i := from; i < limit; {
		r, w := utf8.DecodeRuneInString(s[i:limit])
		if r == '\n' {
			return -1
		}
		if (r == '’' || r == '\'') && i > from && closesSingle(s, i, w, end) {
			return i
		}
		i += w
	}
	return -1
}

func closesSingle(s string, i, w, end int) bool {
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	if unicode.IsSpace(p) {
		return false
	}
	if i+w >= end {
		return true
	}
	n, _ := utf8.DecodeRuneInString(s[i+w : end])
	if unicode.IsLetter(n) || unicode.IsDigit(n) {
		return false // an apostrophe: don't, Zelenskyy's
	}
	// "players’ union": a plural possessive, not a closing mark.
	return !(p == 's' && unicode.IsSpace(n) && i+w+1 < end && isLowerAt(s, i+w+1))
}

func isLowerAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLower(r)
}

func trimSpace(s string, a, b int) (int, int) {
	for a < b {
		r, w := utf8.DecodeRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += w
	}
	for b > a {
		r, w := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= w
	}
	return a, b
}

// closesLikeEnd reports whether a mark at i sits where a closing mark
// would: after a non-space and before a space, punctuation or the end
// (a mis-typed “ closing a quote).
func closesLikeEnd(s string, start, end, i, w int) bool {
	if i == start {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[start:i])
	if unicode.IsSpace(p) {
		return false
	}
	if i+w >= end {
		return true
	}
	n, _ := utf8.DecodeRuneInString(s[i+w : end])
	return unicode.IsSpace(n) || unicode.IsPunct(n)
}

// opensLine reports whether a mark at i opens its paragraph, before a
// non-space: a closing mark typed where an opening one belongs.
func opensLine(s string, start, end, i, w int) bool {
	if strings.TrimSpace(s[start:i]) != "" || i+w >= end {
		return false
	}
	n, _ := utf8.DecodeRuneInString(s[i+w : end])
	return !unicode.IsSpace(n)
}
