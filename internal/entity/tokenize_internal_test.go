package entity

import (
	"slices"
	"testing"

	"github.com/parallax-news/parallax/internal/text"
)

// TestTokenizeClitics checks that clitics are split as in the training news
// and that apostrophes inside names are kept.
func TestTokenizeClitics(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"I've seen it", []string{"I", "'ve", "seen", "it"}},
		{"We’re sure they didn't", []string{"We", "'re", "sure", "they", "did", "n't"}},
		{"Zelenskyy’s envoy", []string{"Zelenskyy", "'s", "envoy"}},
		{"Conan O'Brien met D'Alema", []string{"Conan", "O'Brien", "met", "D'Alema"}},
		{"MCDONALD'S SAID", []string{"MCDONALD", "'S", "SAID"}},
	} {
		var scratch []text.Token
		var got []string
		for _, tok := range tokenize(tc.in, 0, nil, &scratch) {
			if tc.in[tok.start:tok.end] == "" {
				t.Errorf("%q: empty token %+v", tc.in, tok)
			}
			got = append(got, tok.word)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
