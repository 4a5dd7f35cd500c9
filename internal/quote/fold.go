package quote

import (
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// foldToken is text.Fold made cheap for the common tokens: ASCII words,
// and words whose only non-ASCII rune is a typographic apostrophe
// ("Ukraine’s"); anything else goes through text.Fold.
func foldToken(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != '’' {
			return text.Fold(s)
		}
		i += w - 1
	}
	if strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "’", "'")
	}
	return strings.ToLower(s)
}
