package entity

import "testing"

// FuzzNameKey checks that the byte-wise key of ASCII names is the key the
// general, rune-wise path gives.
func FuzzNameKey(f *testing.F) {
	for _, s := range []string{
		"Zelenskyy's", "Dmitri Peskov", "U.S.", "Bosnia and Herzegovina", "Jean-Claude Juncker",
		"O'Brien", "x's's", "KHARKIV", "Ukraine 's", "  Saint\tKitts -\vNevis  ", "Tchaikovsky", "Šefčovič", "'S",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NameKey(s), nameKey(s); got != want {
			t.Fatalf("NameKey(%q) = %q, want %q", s, got, want)
		}
	})
}
