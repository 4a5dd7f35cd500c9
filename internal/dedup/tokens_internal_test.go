package dedup

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/text"
)

// TestAppendTokens checks that the index's tokeniser splits as text.Tokens.
func TestAppendTokens(t *testing.T) {
	for i, s := range append(fingerprintCases, "naïve café’s co‐op, 3,5 2.x x.2 l'été ́a") {
		checkTokens(t, i, s)
	}
}

func FuzzAppendTokens(f *testing.F) {
	for _, c := range fingerprintCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) { checkTokens(t, 0, s) })
}

func checkTokens(t *testing.T, i int, s string) {
	t.Helper()
	got := appendTokens([]text.Token{{Text: "kept"}}, s)[1:]
	want := text.Tokens(s)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("case %d: appendTokens(%q) differs from text.Tokens (-want +got):\n%s", i, s, diff)
	}
}
