package entity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/shared"
)

// TestCachedWordScores checks that tagging, with cached word, shape, list
// and context scores and tables for the features with few values, adds up
// to the same scores as the full key list training uses, whatever the
// labels before: on a hand-made document, and on the seed articles (one
// sentence a line, the words split at spaces) when ../shared is there.
func TestCachedWordScores(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	type document struct {
		name      string
		sentences [][]string
	}
	docs := []document{{"hand-made", [][]string{
		strings.Fields(`US Secretary of State Marco Rubio said on Sunday in Geneva that " tremendous " progress was made , while the KREMLIN said 28-point plans were U.S. ideas , Rubio said .`),
		strings.Fields(`RUBIO SAYS GENEVA TALKS MADE PROGRESS`),
	}}}
	if dir, err := shared.Dir("seeds"); err == nil {
		names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			raw, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var doc [][]string
			for _, line := range strings.Split(string(raw), "\n") {
				if ws := strings.Fields(line); len(ws) > 0 {
					doc = append(doc, ws)
				}
			}
			docs = append(docs, document{filepath.Base(name), doc})
		}
	}
	tg := newTagger(m)
	for _, d := range docs {
		tg.reset(d.sentences)
		for si, ws := range d.sentences {
			var full sentence
			slow := prepare(ws, &full, tg.doc, tg.ctx, m.gaz, m.clusters)
			fast := tg.prepareSentence(si)
			for i := range ws {
				for _, prev := range [][2]int{{-1, -1}, {labelO, labelBPER}, {labelO, labelO}, {labelBORG, labelIORG}, {labelIMISC, -1}} {
					var want, got [nLabels]int32
					m.score(dynamic(allKeys(nil, slow, i), slow, i, prev[0], prev[1], tg.hist), &want)
					tg.positionScores(fast, i, prev[0], prev[1], &got)
					if got != want {
						t.Fatalf("%s: sentence %d word %d %q after %v: scores %v, want %v", d.name, si, i, ws[i], prev, got, want)
					}
				}
				tg.hist.record(&fast.words[i], labelBPER+2*(i%4))
			}
		}
	}
}
