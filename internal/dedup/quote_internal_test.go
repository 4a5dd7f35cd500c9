package dedup

import (
	"strings"
	"testing"
)

// FuzzHasQuoteMark checks the one-pass check against the
// strings.ContainsAny it stands for, on any bytes (broken UTF-8 included).
func FuzzHasQuoteMark(f *testing.F) {
	for _, s := range []string{"", `He said "no".`, "“Yes,” she said.", "«Non» dit-il.", "It’s — fine", "\xe2\x80", "\xc2", "a\xe2\x80\x9d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasQuoteMark(s), strings.ContainsAny(s, `"“”«»`); got != want {
			t.Fatalf("hasQuoteMark(%q) = %v, want %v", s, got, want)
		}
	})
}
