package brief

import (
	"slices"
	"testing"

	"github.com/parallax-news/parallax"
)

// TestChooseTopMatchesFull checks that choosing among the best topRanked
// sentences gives the choice made over all of them.
func TestChooseTopMatchesFull(t *testing.T) {
	var arts []*parallax.Article
	words := []string{"harbour", "bridge", "council", "repair", "traffic", "cables", "deck", "toll", "ferry", "mayor", "budget", "vote"}
	for i := range 40 {
		a := &parallax.Article{ID: int64(i + 1)}
		for j := range 8 {
			var s []string
			for k := range 9 {
				s = append(s, words[(i*7+j*3+k*k)%len(words)])
			}
			a.Body = append(a.Body, parallax.Block{Kind: parallax.BlockParagraph, Text: "The " + joinWords(s) + " today."})
		}
		arts = append(arts, a)
	}
	for _, penalty := range []float64{1, 0.8, 0.1} {
		opt := DefaultOptions()
		opt.SourcePenalty = penalty
		st := NewBuilderWith(opt).newStory(Input{Articles: arts}, &buffers{})
		all := st.scores()
		if len(all) <= topRanked {
			t.Fatalf("%d candidates, want more than %d", len(all), topRanked)
		}
		full, _ := st.choose(top(all, -1), false)
		got, complete := st.choose(top(all, topRanked), true)
		if !complete {
			got, _ = st.choose(top(all, -1), false)
		}
		if !slices.Equal(full, got) {
			t.Errorf("penalty %.1f: top-%d choice %v, full choice %v", penalty, topRanked, got, full)
		}
	}
}

func joinWords(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += " "
		}
		out += w
	}
	return out
}
