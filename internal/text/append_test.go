package text_test

import (
	"math/rand/v2"
	"strings"
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

// FuzzAppendSentences checks AppendSentences, which steps from one
// sentence mark to the next, against Sentences.
func FuzzAppendSentences(f *testing.F) {
	for _, s := range []string{
		"One. Two!\nThree? \"Four.\" Mr. Smith went to Washington, D.C. on Monday.",
		"U.S. officials said so. J. Smith agreed.\n  \n(Reuters) - A headline\n",
		"Ça va? «Oui.» Ž. Šefčovič said… so!? \xff. Next", "a.b.c. D", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if diff := cmp.Diff(text.Sentences(s), text.AppendSentences(nil, s), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("AppendSentences(%q) differs from Sentences (-want +got):\n%s", s, diff)
		}
	})
}

// TestAppendSentencesRandom compares AppendSentences with Sentences on
// random texts over sentence marks, closers, openers, spaces, capitals,
// abbreviations and runes beyond ASCII.
func TestAppendSentencesRandom(t *testing.T) {
	pieces := []string{".", "!", "?", "\"", "'", "”", "’", ")", "“", "(", " ", "  ", "\n", "\t", "A", "b", "Mr", "U.S", "J", "7", "é", "Ž", "\xff", "…", "\u00a0"}
	rng := rand.New(rand.NewPCG(3, 4))
	var buf []text.Span
	var b strings.Builder
	for range 30000 {
		b.Reset()
		for range rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		buf = text.AppendSentences(buf[:0], s)
		if diff := cmp.Diff(text.Sentences(s), buf, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("AppendSentences(%q) differs from Sentences (-want +got):\n%s", s, diff)
		}
	}
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
