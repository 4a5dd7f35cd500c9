package text

import "unicode/utf8"

// HasToken reports whether s holds a token, that is whether Tokens(s) is
// not empty, without building the tokens: a token starts at any letter,
// digit or combining mark.
func HasToken(s string) bool {
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			return true
		}
		i += w
	}
	return false
}
