package entity

import (
	"strings"
	"testing"
)

// TestCachedWordScores checks that tagging, with cached word and context
// scores and tables for the features with few values, adds up to the same
// scores as the full key list training uses, whatever the labels before.
func TestCachedWordScores(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(`US Secretary of State Marco Rubio said on Sunday in Geneva that " tremendous " progress was made , while the KREMLIN said 28-point plans were U.S. ideas , Rubio said .`)
	caps := strings.Fields(`RUBIO SAYS GENEVA TALKS MADE PROGRESS`)
	doc := [][]string{words, caps}
	tg := newTagger(m)
	tg.reset(doc)
	for si, ws := range doc {
		var full sentence
		slow := prepare(ws, &full, tg.doc, tg.ctx, m.gaz)
		fast := prepareForTagging(tg.sentenceWords(si), tg.sents[si].caps, &tg.buf, tg.doc, tg.ctx, m.gaz)
		tg.lookUpWords(fast)
		for i := range ws {
			for _, prev := range [][2]int{{-1, -1}, {labelO, labelBPER}, {labelO, labelO}, {labelBORG, labelIORG}, {labelIMISC, -1}} {
				var want, got [nLabels]int32
				m.score(dynamic(allKeys(nil, slow, i), slow, i, prev[0], prev[1], tg.hist), &want)
				tg.positionScores(fast, i, prev[0], prev[1], &got)
				if got != want {
					t.Fatalf("sentence %d word %d %q after %v: scores %v, want %v", si, i, ws[i], prev, got, want)
				}
			}
			tg.hist.record(&fast.words[i], labelBPER+2*(i%4))
		}
	}
}
