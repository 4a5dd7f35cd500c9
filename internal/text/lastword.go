package text

import "strings"

// LastWord returns the last word of s (as strings.Fields splits it),
// folded: the surname of a name, the head of a description.
func LastWord(s string) string {
	if !isASCII(s) {
		f := strings.Fields(Fold(s))
		if len(f) == 0 {
			return ""
		}
		return f[len(f)-1]
	}
	// Fold is strings.ToLower for ASCII, which keeps the spaces.
	end := len(s)
	for end > 0 && isASCIISpace(s[end-1]) {
		end--
	}
	start := end
	for start > 0 && !isASCIISpace(s[start-1]) {
		start--
	}
	return strings.ToLower(s[start:end])
}

// isASCIISpace is unicode.IsSpace, which strings.Fields splits on, for a
// byte of ASCII text.
func isASCIISpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}
