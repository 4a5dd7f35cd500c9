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
