package text

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// referenceSentences is the sentence splitter as first written, walking
// each line rune by rune: the oracle for AppendSentences (which Sentences
// calls), whose line splitter jumps from one sentence mark to the next.
func referenceSentences(s string) []Span {
	return appendLines(nil, s, referenceSplitLine)
}

func referenceSplitLine(s string, start, end int, out []Span) []Span {
	segStart := start
	for i := start; i < end; {
		r, w := utf8.DecodeRuneInString(s[i:end])
		if r != '.' && r != '!' && r != '?' {
			i += w
			continue
		}
		j := punctEnd(s, i+w, end)
		if boundaryAt(s, segStart, i, j, end) {
			out = appendSpan(out, s, segStart, j)
			segStart = j
		}
		i = j
	}
	return appendSpan(out, s, segStart, end)
}

func TestAppendSentences(t *testing.T) {
	var buf []Span
	for _, s := range []string{
		"", "\n\n", "One. Two!\nThree? \"Four.\" Mr. Smith went to Washington, D.C. on Monday.",
		"U.S. officials said so. J. Smith agreed.\n  \n(Reuters) - A headline\n",
	} {
		buf = AppendSentences(buf[:0], s)
		if diff := cmp.Diff(referenceSentences(s), buf, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("AppendSentences(%q) differs from the rune-by-rune reference (-want +got):\n%s", s, diff)
		}
	}
}

// FuzzAppendSentences checks AppendSentences (and so Sentences), which
// steps from one sentence mark to the next, against referenceSentences.
func FuzzAppendSentences(f *testing.F) {
	for _, s := range []string{
		"One. Two!\nThree? \"Four.\" Mr. Smith went to Washington, D.C. on Monday.",
		"U.S. officials said so. J. Smith agreed.\n  \n(Reuters) - A headline\n",
		"Ça va? «Oui.» Ž. Šefčovič said… so!? \xff. Next", "a.b.c. D", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if diff := cmp.Diff(referenceSentences(s), AppendSentences(nil, s), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("AppendSentences(%q) differs from the rune-by-rune reference (-want +got):\n%s", s, diff)
		}
	})
}

// TestAppendSentencesRandom compares AppendSentences with the reference on
// random texts over sentence marks, closers, openers, spaces, capitals,
// abbreviations and runes beyond ASCII.
func TestAppendSentencesRandom(t *testing.T) {
	pieces := []string{".", "!", "?", "\"", "'", "”", "’", ")", "“", "(", " ", "  ", "\n", "\t", "A", "b", "Mr", "U.S", "J", "7", "é", "Ž", "\xff", "…", "\u00a0"}
	rng := rand.New(rand.NewPCG(3, 4))
	var buf []Span
	var b strings.Builder
	for range 30000 {
		b.Reset()
		for range rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		buf = AppendSentences(buf[:0], s)
		if diff := cmp.Diff(referenceSentences(s), buf, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("AppendSentences(%q) differs from the rune-by-rune reference (-want +got):\n%s", s, diff)
		}
	}
}
