package entity

import (
	"math/rand/v2"
	"testing"
)

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

// TestNameKeyASCII compares the two paths on random names over the letters
// the rules read, case, apostrophes and separators.
func TestNameKeyASCII(t *testing.T) {
	const alphabet = "tchkspwyjaeoiTCHKSPWYJ'' -.\t1"
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 0, 16)
	for range 200000 {
		buf = buf[:0]
		for range rng.IntN(16) {
			buf = append(buf, alphabet[rng.IntN(len(alphabet))])
		}
		s := string(buf)
		if got, want := NameKey(s), nameKey(s); got != want {
			t.Fatalf("NameKey(%q) = %q, want %q", s, got, want)
		}
	}
}
