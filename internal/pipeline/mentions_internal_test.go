package pipeline

import (
	"testing"

	"github.com/parallax-news/parallax"
)

// The analysis keeps the people an article is about, not the words of its
// section headings nor its own publisher's name.
func TestAnalyseKeepsMentions(t *testing.T) {
	a := &parallax.Article{
		Source: "Harbour Ledger",
		Body: []parallax.Block{
			{Kind: parallax.BlockParagraph, Text: "PORT ELLIS (Harbour Ledger) — Mara Lind, the harbourmaster, said the quay would reopen on Friday."},
			{Kind: parallax.BlockHeading, Text: "What Happens Next"},
			{Kind: parallax.BlockParagraph, Text: "Tobias Renfield of the Port Ellis Harbour Authority said crews would work through the night."},
		},
	}
	got := map[string]bool{}
	for _, m := range analyse(a).Mentions {
		got[m.Text] = true
	}
	for _, want := range []string{"Mara Lind", "Tobias Renfield"} {
		if !got[want] {
			t.Errorf("mentions %v lack %q", got, want)
		}
	}
	for _, not := range []string{"Harbour Ledger", "Happens Next", "What Happens Next"} {
		if got[not] {
			t.Errorf("mentions %v hold %q", got, not)
		}
	}
}
