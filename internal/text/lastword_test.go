package text_test

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/text"
)

// FuzzLastWord checks LastWord, which cuts ASCII text without folding all
// of it, against the last of the fields of the folded text.
func FuzzLastWord(f *testing.F) {
	for _, s := range []string{"", "  ", "Donald Tusk", "the Kremlin spokesman ", "Šefčovič", "O'Brien\t", "Ž. Šefčovič said", "\xffA b\v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := ""
		if f := strings.Fields(text.Fold(s)); len(f) > 0 {
			want = f[len(f)-1]
		}
		if got := text.LastWord(s); got != want {
			t.Fatalf("LastWord(%q) = %q, want %q", s, got, want)
		}
	})
}
