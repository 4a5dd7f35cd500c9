package text

import "strings"

// AppendSentences appends the sentences of s to dst, as Sentences splits
// it, so that a caller can reuse one slice for many texts.
func AppendSentences(dst []Span, s string) []Span {
	lineStart := 0
	for lineStart <= len(s) {
		nl := strings.IndexByte(s[lineStart:], '\n')
		lineEnd := len(s)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		dst = splitLine(s, lineStart, lineEnd, dst)
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	return dst
}
