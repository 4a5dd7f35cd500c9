package extract

import (
	"strings"
	"testing"
	"unicode"
)

// The fast paths of cleanSpace and foldText agree with their plain
// definitions.
func FuzzCleanFold(f *testing.F) {
	for _, s := range []string{"", " ", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u200bb", "Zelenskyy, Kyiv — 24 Nov.", "ÉLAN Ünïcode 12", "x\x01y", "\xff\xfe", "A\r\nB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanSpace(s), strings.Join(strings.FieldsFunc(s, isSpace), " "); got != want {
			t.Errorf("cleanSpace(%q) = %q, want %q", s, got, want)
		}
		var b strings.Builder
		space := false
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteRune(unicode.ToLower(r))
				continue
			}
			space = true
		}
		if got := foldText(s); got != b.String() {
			t.Errorf("foldText(%q) = %q, want %q", s, got, b.String())
		}
	})
}
