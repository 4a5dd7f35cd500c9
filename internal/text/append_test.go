package text_test

import (
	"testing"

	"github.com/parallax-news/parallax/internal/text"
)

func FuzzAppendFolds(f *testing.F) {
	for _, s := range []string{
		"Ukraine’s President Volodymyr Zelensky said", "ŠEFČOVIČ met O'Brien in Kyiv", "1,000.5 U.S. troops", "\xff\xfeAbc’S",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := text.Tokens(s)
		got := text.AppendFolds(nil, s, toks)
		if len(got) != len(toks) {
			t.Fatalf("AppendFolds(%q) gave %d folds for %d tokens", s, len(got), len(toks))
		}
		for i, tok := range toks {
			if want := text.Fold(tok.Text); got[i] != want {
				t.Fatalf("AppendFolds(%q)[%d] = %q, want Fold(%q) = %q", s, i, got[i], tok.Text, want)
			}
		}
	})
}

func FuzzHasToken(f *testing.F) {
	for _, s := range []string{"", " , ", "a", "“ — ”", "\u0301", "\xff1", "…"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := text.HasToken(s), len(text.Tokens(s)) > 0; got != want {
			t.Fatalf("HasToken(%q) = %v, want %v", s, got, want)
		}
	})
}
