package text_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax/internal/text"
)

func TestAppendSentences(t *testing.T) {
	var buf []text.Span
	for _, s := range []string{
		"", "\n\n", "One. Two!\nThree? \"Four.\" Mr. Smith went to Washington, D.C. on Monday.",
		"U.S. officials said so. J. Smith agreed.\n  \n(Reuters) - A headline\n",
	} {
		buf = text.AppendSentences(buf[:0], s)
		if diff := cmp.Diff(text.Sentences(s), buf, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("AppendSentences(%q) differs from Sentences (-want +got):\n%s", s, diff)
		}
	}
}

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
