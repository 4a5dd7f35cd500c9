package entity

import (
	"strings"
	"testing"
)

// TestCachedWordScores checks that tagging with cached word scores adds up
// to the same scores as the full key list training uses.
func TestCachedWordScores(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(`US Secretary of State Marco Rubio said on Sunday in Geneva that " tremendous " progress was made , while the KREMLIN said 28-point plans were U.S. ideas .`)
	tg := newTagger(m)
	tg.reset([][]string{words})
	s := prepare(words, &tg.buf, tg.doc, tg.ctx, m.gaz)
	tg.lookUpWords(s)
	for i := range words {
		var slow, fast, word [nLabels]int32
		m.score(allKeys(nil, s, i), &slow)
		m.score(s.static[i], &fast)
		tg.wordScores(s, i, &word)
		for l := range nLabels {
			fast[l] += word[l]
		}
		if slow != fast {
			t.Fatalf("word %d %q: cached scores %v, want %v", i, words[i], fast, slow)
		}
	}
}
